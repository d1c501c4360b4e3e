// Completion proposals as plain data, and writing inserted text in the scalar style it lands in (quotes and backslashes escaped, snippet syntax kept). Pure.
import type { ScalarStyle } from '../sourceNode';
import type { Span } from '../span';

export type ProposalKind = 'property' | 'value' | 'enum' | 'reference' | 'snippet' | 'function' | 'variable' | 'keyword' | 'path' | 'key' | 'type';

export interface Proposal {
  readonly label: string;
  readonly kind: ProposalKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text replacing `span`, already written for the scalar style. Snippet syntax when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly span: Span;
  /** Text the editor filters against (the inserted text as it appears in the document). */
  readonly filterText: string;
  readonly sortText: string;
  /** Ask the editor to complete again right after inserting (the proposal ends where another list starts). */
  readonly retrigger?: boolean;
}

/** One piece of inserted text: literal text, a tab stop (`$1`, `${1:default}`), or the final cursor `$0`. */
export type Piece = string | { readonly stop: number; readonly placeholder?: string };

/** Escapes text for the inside of a scalar of `style`. */
function encodeFor(style: ScalarStyle, text: string): string {
  switch (style) {
    case 'single':
      return text.replace(/'/g, "''");
    case 'double':
    case 'json':
      return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    default:
      return text;
  }
}

const escapeSnippet = (s: string): string => s.replace(/[\\$}]/g, (c) => `\\${c}`);

/** Builds insert text from pieces: plain text when there are no tab stops, else snippet syntax. */
export function build(style: ScalarStyle, pieces: readonly Piece[]): { insertText: string; snippet: boolean; filterText: string } {
  const snippet = pieces.some((p) => typeof p !== 'string');
  const filterText = pieces.map((p) => (typeof p === 'string' ? encodeFor(style, p) : encodeFor(style, p.placeholder ?? ''))).join('');
  if (!snippet) return { insertText: filterText, snippet: false, filterText };
  const insertText = pieces.map((p) => (typeof p === 'string' ? escapeSnippet(encodeFor(style, p)) : p.placeholder ? `\${${p.stop}:${escapeSnippet(encodeFor(style, p.placeholder))}}` : `$${p.stop}`)).join('');
  return { insertText, snippet: true, filterText };
}

export interface ProposalSpec {
  readonly label: string;
  readonly kind: ProposalKind;
  readonly pieces?: readonly Piece[];
  readonly detail?: string;
  readonly documentation?: string;
  /** Lower sorts first. */
  readonly rank?: number;
  readonly retrigger?: boolean;
}

/** A proposal replacing `span` in a scalar of `style`; `pieces` default to the label. */
export function proposal(spec: ProposalSpec, span: Span, style: ScalarStyle): Proposal {
  const built = build(style, spec.pieces ?? [spec.label]);
  return {
    label: spec.label,
    kind: spec.kind,
    ...(spec.detail ? { detail: spec.detail } : {}),
    ...(spec.documentation ? { documentation: spec.documentation } : {}),
    insertText: built.insertText,
    ...(built.snippet ? { snippet: true } : {}),
    span,
    filterText: built.filterText,
    sortText: `${String(spec.rank ?? 5).padStart(2, '0')}_${spec.label}`,
    ...(spec.retrigger ? { retrigger: true } : {}),
  };
}
