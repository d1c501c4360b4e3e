// Compares a scenario's expectations with the output of a run, and renders differences as a readable line diff. Pure.
import { isJsonObject, jsonEqual, prettyJsonText, type JsonObject, type JsonValue } from './json';
import { setOwn } from '../ownProperty';

/**
 * Output fields saved as expectations when a run is saved as a scenario, in this order. `steps` (which carry
 * template positions) are not saved, so editing unrelated parts of the template does not break scenarios.
 */
export const EXPECT_FIELDS = [
  'selectedRouteKey',
  'connectionAccepted',
  'requestTemplateKey',
  'integrationRequestBody',
  'mockStatusCode',
  'backendRequest',
  'integrationResponseKey',
  'responseTemplateKey',
  'twoWay',
  'clientReceives',
  'http',
  'pathParameters',
  'error',
] as const;

/**
 * A run output as scenarios compare it: the template position of `error` (`error.location`) is dropped, so that
 * editing the template elsewhere does not change the outcome of a scenario.
 */
export function comparableOutput(output: JsonObject): JsonObject {
  const error = output.error;
  if (!isJsonObject(error) || !Object.prototype.hasOwnProperty.call(error, 'location')) return output;
  const { location: _location, ...rest } = error;
  const out: JsonObject = { ...output };
  setOwn(out, 'error', rest);
  return out;
}

/** The expectations to save for a run output: the EXPECT_FIELDS it has (absent fields are left out), comparable form. */
export function expectationsFromOutput(output: JsonObject): JsonObject {
  const comparable = comparableOutput(output);
  const out: JsonObject = {};
  for (const f of EXPECT_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(comparable, f)) setOwn(out, f, comparable[f] as JsonValue);
  }
  return out;
}

/** One expected field whose actual value differs. `actual` undefined: the output has no such field. */
export interface FieldDifference {
  readonly field: string;
  readonly expected: JsonValue;
  readonly actual: JsonValue | undefined;
}

/**
 * The fields of `expect` whose value differs from `actual`'s, in `expect`'s order. Values compare as JSON
 * (object key order does not matter; strings compare exactly). A field the output lacks equals an expected null.
 * `output` is compared in its comparableOutput form.
 */
export function compareExpectations(expect: JsonObject, output: JsonObject): FieldDifference[] {
  const actual = comparableOutput(output);
  const out: FieldDifference[] = [];
  for (const field of Object.keys(expect)) {
    const expected = expect[field] as JsonValue;
    const has = Object.prototype.hasOwnProperty.call(actual, field);
    const value = has ? actual[field] : undefined;
    if (jsonEqual(expected, value) || (expected === null && value === undefined)) continue;
    out.push({ field, expected, actual: value });
  }
  return out;
}

/** Longest line sequences the line diff compares; longer texts are shown whole, one after the other. */
const MAX_DIFF_LINES = 2000;

/**
 * A readable report of one difference, as lines without line breaks: the field name, then `- expected` and
 * `+ actual` lines. JSON (values, and strings holding JSON) is pretty-printed and diffed line by line with two
 * lines of context; strings that hold the same JSON written differently say so.
 */
export function formatDifference(d: FieldDifference): string[] {
  const head = `${d.field}:`;
  if (d.actual === undefined) return [head, ...prefix('- ', show(d.expected)), '+ (the run output has no such field)'];
  if (typeof d.expected === 'string' && typeof d.actual === 'string') {
    const a = prettyJsonText(d.expected);
    const b = prettyJsonText(d.actual);
    if (a !== undefined && b !== undefined) {
      if (a === b) return [head, '  (the same JSON, written differently)', ...prefix('- ', [JSON.stringify(d.expected)]), ...prefix('+ ', [JSON.stringify(d.actual)])];
      return [head, ...lineDiff(a.split('\n'), b.split('\n'))];
    }
    if (!d.expected.includes('\n') && !d.actual.includes('\n')) return [head, `- ${JSON.stringify(d.expected)}`, `+ ${JSON.stringify(d.actual)}`];
    return [head, ...lineDiff(d.expected.split('\n'), d.actual.split('\n'))];
  }
  return [head, ...lineDiff(show(d.expected), show(d.actual))];
}

function show(v: JsonValue): string[] {
  return JSON.stringify(v, null, 2).split('\n');
}

function prefix(p: string, lines: string[]): string[] {
  return lines.map((l) => p + l);
}

/** Unified-style line diff (`- ` removed, `+ ` added, `  ` context) keeping two context lines around changes. */
export function lineDiff(a: readonly string[], b: readonly string[]): string[] {
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) return [...prefix('- ', [...a]), ...prefix('+ ', [...b])];
  // LCS table over suffixes.
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const ops: { kind: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (j < m && (i >= n || ((lcs[i] as Uint32Array)[j + 1] as number) >= ((lcs[i + 1] as Uint32Array)[j] as number))) {
      ops.push({ kind: '+', line: b[j] as string });
      j++;
    } else {
      ops.push({ kind: '-', line: a[i] as string });
      i++;
    }
  }
  // Removed lines before added ones within a change, for readability.
  for (let k = 0; k < ops.length; ) {
    if (ops[k]?.kind === ' ') {
      k++;
      continue;
    }
    let e = k;
    while (e < ops.length && ops[e]?.kind !== ' ') e++;
    const run = ops.slice(k, e);
    ops.splice(k, e - k, ...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    k = e;
  }
  const CONTEXT = 2;
  const keep = ops.map((o, idx) => o.kind !== ' ' || ops.slice(Math.max(0, idx - CONTEXT), idx + CONTEXT + 1).some((x) => x.kind !== ' '));
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, idx) => {
    if (keep[idx]) {
      out.push(`${o.kind} ${o.line}`);
      skipped = false;
    } else if (!skipped) {
      out.push('  …');
      skipped = true;
    }
  });
  return out;
}
