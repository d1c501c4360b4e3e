// Inline expectations of check fixtures: caret comments under YAML lines, explicit-position comments, JSON sidecars, and helpers
// to turn problems into comparable (id, severity, line, columns) records and to apply quick fixes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckSettings } from '../../server/src/core/analyze';
import type { Problem, Severity, TextEdit } from '../../server/src/core/problem';
import type { Span } from '../../server/src/core/span';

/**
 * One expected finding. `line`/`endLine` are 1-based; `startCol`/`endCol` are 0-based UTF-16 columns (half-open), the
 * unit of editor columns minus one. `endLine` defaults to `line`. `severity` defaults to the rule's default severity.
 */
export interface ExpectedProblem {
  readonly id: string;
  readonly line: number;
  readonly startCol: number;
  readonly endCol: number;
  readonly endLine?: number;
  readonly severity?: Severity;
}

export interface FixtureExpectations {
  readonly problems: ExpectedProblem[];
  readonly settings?: CheckSettings;
}

/** A finding in comparable form (every field set). */
export interface Located {
  readonly id: string;
  readonly severity: Severity;
  readonly line: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

const SEVERITY = '(error|warning|info|hint)';
/** `#    ^^^^ apigw/id [severity]` — carets under the previous non-annotation line. */
const CARET = new RegExp(`^[ \\t]*#[ \\t]*(\\^+)[ \\t]+(apigw/[\\w-]+)(?:[ \\t]+${SEVERITY})?[ \\t]*$`);
/** `#@ apigw/id 12:4-14:10 [severity]` or `#@ apigw/id 12:4-10` — explicit 1-based line, 0-based columns. */
const EXPLICIT = new RegExp(`^[ \\t]*#@[ \\t]+(apigw/[\\w-]+)[ \\t]+(\\d+):(\\d+)-(?:(\\d+):)?(\\d+)(?:[ \\t]+${SEVERITY})?[ \\t]*$`);
/** `# apigw-lens-test-settings: {"rules": {...}}` — settings passed to runChecks. */
const SETTINGS = /^[ \t]*#[ \t]*apigw-lens-test-settings:[ \t]*(\{.*\})[ \t]*$/;

/** Reads the caret / explicit / settings comments of a YAML fixture. Throws on a caret line with no line above it. */
export function parseYamlAnnotations(text: string): FixtureExpectations {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const problems: ExpectedProblem[] = [];
  let settings: CheckSettings | undefined;
  let target = -1; // index of the last non-annotation line
  lines.forEach((line, i) => {
    const caret = CARET.exec(line);
    if (caret) {
      if (target < 0) throw new Error(`line ${i + 1}: caret annotation with no line above it`);
      const startCol = line.indexOf('^');
      problems.push({ id: caret[2] ?? '', line: target + 1, startCol, endCol: startCol + (caret[1] ?? '').length, ...(caret[3] ? { severity: caret[3] as Severity } : {}) });
      return;
    }
    const explicit = EXPLICIT.exec(line);
    if (explicit) {
      const [, id, l, c, l2, c2, sev] = explicit;
      problems.push({ id: id ?? '', line: Number(l), startCol: Number(c), ...(l2 ? { endLine: Number(l2) } : {}), endCol: Number(c2), ...(sev ? { severity: sev as Severity } : {}) });
      return;
    }
    const s = SETTINGS.exec(line);
    if (s) {
      settings = JSON.parse(s[1] ?? '{}') as CheckSettings;
      return;
    }
    target = i;
  });
  return settings ? { problems, settings } : { problems };
}

/** Reads a JSON sidecar: an array of expectations, or `{ "settings": …, "problems": [...] }`. */
export function parseSidecar(json: string): FixtureExpectations {
  const data = JSON.parse(json) as ExpectedProblem[] | { settings?: CheckSettings; problems: ExpectedProblem[] };
  if (Array.isArray(data)) return { problems: data };
  return data.settings ? { problems: data.problems, settings: data.settings } : { problems: data.problems };
}

/** Line starts (offsets) of a text; `\r\n` and `\n` end lines. */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** 1-based line and 0-based UTF-16 column of an offset. */
export function position(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) };
}

export function locate(text: string, p: Pick<Problem, 'id' | 'severity' | 'span'>, starts = lineStarts(text)): Located {
  const s = position(starts, p.span.start);
  const e = position(starts, p.span.end);
  return { id: p.id, severity: p.severity, line: s.line, startCol: s.col, endLine: e.line, endCol: e.col };
}

/** Fills defaults (endLine = line, severity = the rule's default) so expectations compare with {@link locate}d problems. */
export function complete(e: ExpectedProblem, defaultSeverity: (id: string) => Severity | undefined): Located {
  return { id: e.id, severity: e.severity ?? defaultSeverity(e.id) ?? 'error', line: e.line, startCol: e.startCol, endLine: e.endLine ?? e.line, endCol: e.endCol };
}

export function compareLocated(a: Located, b: Located): number {
  return a.line - b.line || a.startCol - b.startCol || a.endLine - b.endLine || a.endCol - b.endCol || a.id.localeCompare(b.id) || a.severity.localeCompare(b.severity);
}

/** Applies non-overlapping edits to a text. Throws when two edits overlap (fixes of one fixture must be independent). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at) throw new Error(`overlapping edits at ${e.span.start}: ${JSON.stringify(sorted)}`);
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Converts LF line ends to CRLF (text already using CRLF is returned unchanged). */
export function toCrlf(text: string): string {
  return text.includes('\r\n') ? text : text.replace(/\n/g, '\r\n');
}

export type { Span };

/** Every check fixture under `dir` (recursively, sorted): YAML/JSON templates, without their `.fixed` / `.expected` sidecars. */
export function checkFixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...checkFixtureFiles(p));
    else if (/\.(ya?ml|json)$/.test(e.name) && !/\.(fixed|expected)\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}
