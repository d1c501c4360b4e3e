// Problems reported by analyses: plain data with a stable id and an offset span. Pure.
import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Where each diagnostic id is documented: docs/diagnostics.md, one heading per id. */
const DIAGNOSTICS_DOC_URL = 'https://github.com/apigw-lens/apigw-lens/blob/main/docs/diagnostics.md';

export function docUrlFor(id: string): string {
  // GitHub heading anchors: lower-case, drop characters other than letters, digits, spaces and hyphens.
  return `${DIAGNOSTICS_DOC_URL}#${id.toLowerCase().replace(/[^a-z0-9 -]/g, '')}`;
}

/** A text edit inside the analysed document, in offsets. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix a user most likely wants (VS Code's "preferred" fix, applied by auto-fix). */
  readonly preferred?: boolean;
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface Problem {
  /** Stable id such as `apigw/integration-response-key-format`; the diagnostic code and the settings key. */
  readonly id: string;
  readonly severity: Severity;
  /** Says what is wrong and how to fix it. */
  readonly message: string;
  readonly span: Span;
  readonly fixes?: readonly QuickFix[];
  readonly related?: readonly RelatedInfo[];
  /** Marks behaviour the gateway spec only infers (never an error). */
  readonly inferred?: boolean;
  /** Unnecessary code (e.g. unused integration) for faded rendering. */
  readonly unnecessary?: boolean;
}
