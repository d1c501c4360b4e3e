// Adds or replaces one scenario in a scenarios file by a minimal text edit, so the user's comments and layout survive. Pure.
import { parseSource } from '../parse';
import type { MapNode, SeqNode, SourceNode } from '../sourceNode';
import type { Span } from '../span';
import { parseScenarios, SCENARIOS_VERSION, type Scenario } from './format';
import { jsonEqual, toJsonValue, type JsonObject, type JsonValue } from './json';
import { setOwn } from '../ownProperty';
import { emitItem, emitSeq, inlineString } from './yamlEmit';

/** Field order of a written scenario: inputs in the order of the `run` flags, then the expectations. */
const FIELD_ORDER: readonly (keyof Scenario)[] = ['name', 'api', 'event', 'message', 'headers', 'query', 'request', 'stage', 'stageVariables', 'context', 'backend', 'expect'];

/** A scenario as the plain value written to the file (undefined fields left out, fixed field order). */
export function scenarioToJson(s: Scenario): JsonObject {
  const out: JsonObject = {};
  for (const k of FIELD_ORDER) {
    const v = s[k];
    if (v !== undefined) setOwn(out, k, v as JsonValue);
  }
  return out;
}

export type UpsertResult =
  | { readonly ok: true; readonly text: string; readonly replaced: boolean }
  | { readonly ok: false; readonly message: string; readonly span: Span | undefined };

/** The comment and top fields of a new scenarios file for `templateName`. */
export function newScenariosFileHeader(templateName: string): string {
  return (
    `# Run Route scenarios for ${templateName.replace(/[\r\n]/g, ' ')} (format: docs/scenarios.md).\n` +
    `# \`apigw-lens test ${templateName.replace(/[\r\n]/g, ' ')}\` replays each scenario and fails when the output differs from \`expect\`.\n` +
    `version: ${SCENARIOS_VERSION}\n` +
    `template: ${inlineString(templateName)}\n`
  );
}

/**
 * Adds `scenario` to the scenarios file `existing` (undefined or blank: a new file for `templateName`), replacing the
 * scenario of the same name if there is one. Edits only the affected text; a file in flow style is rewritten.
 * Refuses files with syntax errors. The result always ends with a line break and parses back to include `scenario`.
 */
export function upsertScenario(existing: string | undefined, scenario: Scenario, templateName: string): UpsertResult {
  const item = scenarioToJson(scenario);
  let result: { text: string; replaced: boolean } | UpsertResult;
  if (existing === undefined || existing.trim() === '') {
    result = { text: `${newScenariosFileHeader(templateName)}scenarios:\n${emitSeq([item], '  ')}\n`, replaced: false };
  } else {
    result = editExisting(existing, item, scenario.name, templateName);
  }
  if ('ok' in result) return result;
  const check = parseScenarios(result.text);
  const written = check.scenarios.find((s) => s.scenario.name === scenario.name);
  if (check.problems.length > 0 || !written || !jsonEqual(scenarioToJson(written.scenario), item)) {
    return { ok: false, message: `Could not write scenario "${scenario.name}" into this file without breaking it${check.problems[0] ? `: ${check.problems[0].message}` : ''}.`, span: undefined };
  }
  return { ok: true, text: result.text, replaced: result.replaced };
}

function editExisting(text: string, item: JsonObject, name: string, templateName: string): { text: string; replaced: boolean } | UpsertResult {
  const source = parseSource(text, 'yaml');
  const syntax = source.problems.find((p) => p.severity === 'error');
  if (syntax) return { ok: false, message: `The scenarios file has a syntax error (${syntax.message}); fix it before saving a scenario.`, span: syntax.span };
  const root = source.root;
  if (!root || root.kind !== 'map') return { ok: false, message: 'The scenarios file is not a mapping with `scenarios`; fix it before saving a scenario.', span: root?.span };
  const e = root.entries.find((x) => String(x.key.value) === 'scenarios');
  const list = e?.value;
  if (root.flow) return rewrite(root, item, name, templateName);
  const base = ensureNewline(text);
  if (!e) return { text: `${base}scenarios:\n${emitSeq([item], '  ')}\n`, replaced: false };
  if (!list || (list.kind === 'scalar' && list.value === null)) {
    // `scenarios:` with nothing (or an explicit null) after it: drop the null, add the list after the line's comment.
    const end = lineEnd(text, e.key.span.end);
    const kept = list ? text.slice(0, list.span.start) + text.slice(list.span.end, end) : text.slice(0, end);
    const indent = ' '.repeat(column(text, e.key.span.start) + 2);
    return { text: ensureNewline(`${kept.replace(/[ \t]+$/, '')}\n${emitSeq([item], indent)}${text.slice(end)}`), replaced: false };
  }
  if (list.kind !== 'seq') return { ok: false, message: '`scenarios` is not a list; fix it before saving a scenario.', span: list.span };
  if (list.flow) {
    // `scenarios: [ … ]`: written out again in block style (comments inside the brackets cannot be kept).
    const items = upserted(toJsonValue(list) as JsonValue[], item, name);
    const indent = ' '.repeat(column(text, e.key.span.start) + 2);
    let start = list.span.start;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return { text: splice(text, { start, end: list.span.end }, `\n${emitSeq(items.list, indent)}`), replaced: items.replaced };
  }
  const same = list.items.find((i) => i.kind === 'map' && i.entries.some((x) => String(x.key.value) === 'name' && x.value?.kind === 'scalar' && String(x.value.value) === name));
  const first = list.items[0];
  const indent = ' '.repeat(first ? dashColumn(text, first.span.start) : column(text, e.key.span.start) + 2);
  if (same) {
    const end = keepsTrailingLines(text, same) ? nextContentLine(text, same.span.end) : same.span.end;
    const tail = end === same.span.end ? '' : '\n';
    return { text: splice(text, { start: same.span.start, end }, emitItem(item, ' '.repeat(column(text, same.span.start) - 2)) + tail), replaced: true };
  }
  const last = list.items[list.items.length - 1];
  if (!last) return { text: splice(text, list.span, `\n${emitSeq([item], indent)}`), replaced: false };
  if (keepsTrailingLines(text, last)) {
    const at = nextContentLine(text, last.span.end);
    const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
    return { text: splice(text, { start: at, end: at }, `${prefix}${indent}- ${emitItem(item, indent)}\n`), replaced: false };
  }
  return { text: splice(text, { start: last.span.end, end: last.span.end }, `\n${indent}- ${emitItem(item, indent)}`), replaced: false };
}

/** Rewrites a flow-style file in block style (comments inside flow collections cannot be kept anyway). */
function rewrite(root: MapNode, item: JsonObject, name: string, templateName: string): { text: string; replaced: boolean } {
  const value = toJsonValue(root) as JsonObject;
  const items = upserted(Array.isArray(value.scenarios) ? value.scenarios : [], item, name);
  const template = typeof value.template === 'string' ? value.template : templateName;
  return { text: `${newScenariosFileHeader(template)}scenarios:\n${emitSeq(items.list, '  ')}\n`, replaced: items.replaced };
}

/** `list` with the item named `name` replaced by `item`, or `item` appended. */
function upserted(list: readonly JsonValue[], item: JsonObject, name: string): { list: JsonValue[]; replaced: boolean } {
  const i = list.findIndex((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && x.name === name);
  return { list: i >= 0 ? list.map((x, j) => (j === i ? item : x)) : [...list, item], replaced: i >= 0 };
}

/** Column of the `-` that introduces the block sequence item starting at `itemStart`. */
function dashColumn(text: string, itemStart: number): number {
  let i = itemStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? column(text, i) : Math.max(0, column(text, itemStart) - 2);
}

/** True when the item's last scalar is a block scalar with `+` chomping: the blank lines after it belong to it. */
function keepsTrailingLines(text: string, node: SourceNode): boolean {
  let n: SourceNode | undefined = node;
  for (let guard = 0; n && n.kind !== 'scalar' && guard < 1000; guard++) {
    n = n.kind === 'map' ? n.entries[n.entries.length - 1]?.value : (n as SeqNode).items[(n as SeqNode).items.length - 1];
  }
  if (!n || n.kind !== 'scalar' || (n.style !== 'literal' && n.style !== 'folded')) return false;
  return /^[|>](?:[1-9]?\+|\+[1-9]?)/.test(text.slice(n.span.start, n.span.start + 3));
}

/** Offset of the start of the first line after `offset`'s line that has non-blank content (or the text's end). */
function nextContentLine(text: string, offset: number): number {
  let at = lineEnd(text, offset);
  while (at < text.length) {
    const next = lineEnd(text, at + 1);
    if (text.slice(at + 1, next).trim() !== '') return at + 1;
    at = next;
  }
  return text.length;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** 0-based column of `offset` in UTF-16 code units. */
function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Replaces `span` by `insert`; the result ends with a line break. */
function splice(text: string, span: Span, insert: string): string {
  return ensureNewline(text.slice(0, span.start) + insert + text.slice(span.end));
}
