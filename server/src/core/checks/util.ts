// Helpers shared by the checks: positions inside scalars, property access, insert/remove edits that keep YAML/JSON valid. Pure.
import type { CfnEntry, CfnList, CfnMap, CfnScalar, CfnValue } from '../model/cfnValue';
import { getEntry, getProp, stringParts } from '../model/cfnValue';
import type { ScalarNode } from '../sourceNode';
import type { Span } from '../span';
import type { TextEdit } from '../problem';
import type { TemplateModel } from '../model/template';
import { scalarSourceMap } from '../parse/scalarMap';

/**
 * Source span of the value characters [start, end) of a string scalar (value-relative UTF-16 offsets).
 * Falls back to the whole value when the scalar's style cannot be mapped reliably (never a wrong spot).
 */
export function spanInScalar(text: string, node: ScalarNode, start: number, end: number): Span {
  const map = scalarSourceMap(text, node);
  const whole = wholeValueSpan(node);
  if (!map) return whole;
  const s = map[start];
  if (s === undefined) return whole;
  // The end is the source offset just after the last character [end - 1], so escapes (`\"`, `''`) are covered whole.
  const lastChar = end > start ? map[end - 1] : undefined;
  const e = end > start ? (lastChar === undefined ? undefined : charEnd(text, node, map, end - 1)) : s;
  if (e === undefined) return whole;
  // A block scalar's value may end with a line break the text lacks (clip chomping at the end of the file): its
  // character maps to the end of the text, and nothing may reach past it.
  const from = Math.min(s, text.length);
  return { start: from, end: Math.min(Math.max(from, e), text.length) };
}

/** The span of the characters that carry a scalar's value, or the whole node when that is empty. */
export function wholeValueSpan(node: ScalarNode): Span {
  return node.valueSpan.end > node.valueSpan.start ? node.valueSpan : node.span;
}

/** Source offset just after value character `i` (the start of the next character, or the end of the value). */
function charEnd(text: string, node: ScalarNode, map: readonly number[], i: number): number | undefined {
  const start = map[i];
  if (start === undefined) return undefined;
  const next = map[i + 1];
  // A character that maps to a line break (folding) or to an escape spans up to the next character's start,
  // but never across a line: keep it to the escape / break itself.
  const c = text[start];
  if (c === '\\' && (node.style === 'double' || node.style === 'json')) {
    if (next !== undefined && next > start && next - start <= 10) return next;
    return start + 2;
  }
  if (c === "'" && node.style === 'single' && text[start + 1] === "'") return start + 2;
  if (c === '\r' && text[start + 1] === '\n') return start + 2;
  // Astral characters: the map has one entry per UTF-16 unit, so one unit.
  return start + 1;
}

/**
 * Where a finding about a whole scalar goes: the node with its quotes; for a block scalar its content from the first
 * character to the last one that is not a line break (not the `|` header, not the indentation).
 */
export function scalarSpan(text: string, node: ScalarNode): Span {
  if (node.style !== 'literal' && node.style !== 'folded') return node.span;
  const value = typeof node.value === 'string' ? node.value : undefined;
  const map = value !== undefined ? scalarSourceMap(text, node) : undefined;
  if (!map || value === undefined) return node.valueSpan.end > node.valueSpan.start ? node.valueSpan : node.span;
  const last = value.replace(/[\r\n]+$/, '').length;
  if (last === 0) return node.span;
  const start = map[0] ?? node.valueSpan.start;
  const lastStart = map[last - 1] ?? start;
  return { start, end: lastStart + 1 };
}

/** Where a finding about a whole value goes (see {@link scalarSpan}; intrinsics and collections: their whole span). */
export function spanOfValue(text: string, v: CfnValue): Span {
  return v.kind === 'scalar' ? scalarSpan(text, v.node) : v.span;
}

/** The string value of a scalar, or undefined for non-scalars (intrinsics: unknown value, never reported as wrong). */
export function literal(v: CfnValue | undefined): { text: string; node: ScalarNode; scalar: CfnScalar } | undefined {
  if (!v || v.kind !== 'scalar' || v.value === null) return undefined;
  return { text: String(v.value), node: v.node, scalar: v };
}

/**
 * The text CloudFormation receives for a scalar: a YAML/JSON number keeps its written form (`1.0` stays `1.0`, not `1`),
 * since CloudFormation passes the characters of the template through to string properties.
 */
export function rawText(model: TemplateModel, v: CfnScalar): string {
  if (typeof v.value === 'number') return model.text.slice(v.node.span.start, v.node.span.end);
  return String(v.value);
}

/** True when the value is given by an intrinsic function (a parameter, !If, !FindInMap…): its value is unknown. */
export function isIntrinsic(v: CfnValue | undefined): boolean {
  return v?.kind === 'intrinsic';
}

/** The span of a property value, or of the resource's logical id when absent. */
export function valueOrKeySpan(props: CfnMap | undefined, name: string, keySpan: Span): Span {
  return getProp(props, name)?.span ?? keySpan;
}

/** Line break used by the document (CRLF when its first line ends with one). */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))?.[0] ?? '';
}

/** How a value should be written in the document (YAML plain-when-safe / JSON). */
export type Rendered = string | number | boolean | readonly string[];

function renderYaml(v: Rendered): string {
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((s) => yamlString(s)).join(', ')}]`;
  if (typeof v === 'string') return yamlString(v);
  return String(v);
}

/** A YAML scalar for `s`: plain when that reads back as the same string, else single-quoted. */
export function yamlString(s: string): string {
  const plainSafe =
    s !== '' &&
    !/^[\s]|[\s]$/.test(s) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/: |\s#|[,[\]{}]/.test(s) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i.test(s);
  return plainSafe ? s : `'${s.replace(/'/g, "''")}'`;
}

function renderJson(v: Rendered): string {
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((s) => JSON.stringify(s)).join(', ')}]`;
  return JSON.stringify(v);
}

/** Renders a value for the model's format. */
export function render(model: TemplateModel, v: Rendered): string {
  return model.source.format === 'json' ? renderJson(v) : renderYaml(v);
}

/**
 * An edit adding `key: value` to a mapping, after the entry `after` (or as the last entry). Keeps block YAML
 * indentation and line endings, flow YAML/JSON commas. Undefined when the mapping is empty (no indentation to copy).
 */
export function insertEntry(model: TemplateModel, map: CfnMap, key: string, value: Rendered, after?: string): TextEdit | undefined {
  const text = model.text;
  const json = model.source.format === 'json';
  const entries = map.entries;
  if (entries.length === 0) return undefined;
  const anchor = (after ? entries.find((e) => e.key === after) : undefined) ?? entries[entries.length - 1];
  if (!anchor) return undefined;
  const keyText = json ? JSON.stringify(key) : yamlString(key);
  const valueText = render(model, value);
  const eol = eolOf(text);
  const anchorEnd = anchor.value ? anchor.value.span.end : anchor.keyNode.span.end;
  if (map.node.flow) {
    // JSON or YAML flow mapping: `, key: value` after the anchor entry, on its own line when entries are on separate lines.
    const multiline = entries.length > 1 ? lineStartOf(text, entries[0]!.keyNode.span.start) !== lineStartOf(text, entries[1]!.keyNode.span.start) : text.slice(map.span.start, map.span.end).includes('\n');
    const sep = multiline ? `,${eol}${indentAt(text, anchor.keyNode.span.start)}` : ', ';
    return { span: { start: anchorEnd, end: anchorEnd }, newText: `${sep}${keyText}: ${valueText}` };
  }
  const indent = indentAt(text, anchor.keyNode.span.start);
  const nl = text.indexOf('\n', anchorEnd);
  if (nl < 0) return { span: { start: text.length, end: text.length }, newText: `${eol}${indent}${keyText}: ${valueText}` };
  return { span: { start: nl + 1, end: nl + 1 }, newText: `${indent}${keyText}: ${valueText}${eol}` };
}

/** An edit removing one entry of a mapping (its whole lines in block YAML; with its comma in flow YAML/JSON). */
export function removeEntry(model: TemplateModel, map: CfnMap, entry: CfnEntry): TextEdit | undefined {
  const text = model.text;
  const idx = map.entries.indexOf(entry);
  if (idx < 0) return undefined;
  const end = entry.value ? entry.value.span.end : entry.keyNode.span.end;
  if (map.node.flow) {
    const prev = map.entries[idx - 1];
    const next = map.entries[idx + 1];
    if (prev) {
      const prevEnd = prev.value ? prev.value.span.end : prev.keyNode.span.end;
      return { span: { start: prevEnd, end }, newText: '' };
    }
    if (next) return { span: { start: entry.keyNode.span.start, end: next.keyNode.span.start }, newText: '' };
    return { span: { start: entry.keyNode.span.start, end }, newText: '' };
  }
  if (map.entries.length === 1) return undefined; // an empty block mapping would become null
  const start = lineStartOf(text, entry.keyNode.span.start);
  if (text.slice(start, entry.keyNode.span.start).trim() !== '') return undefined; // `- Key: v` list item
  const nl = text.indexOf('\n', end);
  return { span: { start, end: nl < 0 ? text.length : nl + 1 }, newText: '' };
}

/** An edit appending logical ids to a DependsOn value (scalar or list), or undefined when its shape is unexpected. */
export function appendToList(model: TemplateModel, value: CfnValue, items: readonly string[]): TextEdit | undefined {
  const json = model.source.format === 'json';
  const q = (s: string) => (json ? JSON.stringify(s) : yamlString(s));
  if (value.kind === 'scalar' && typeof value.value === 'string') {
    return { span: value.span, newText: render(model, [value.value, ...items]) };
  }
  if (value.kind !== 'list') return undefined;
  const list: CfnList = value;
  const last = list.items[list.items.length - 1];
  if (!last) {
    return list.node.flow ? { span: list.span, newText: render(model, items) } : undefined;
  }
  if (list.node.flow) return { span: { start: last.span.end, end: last.span.end }, newText: items.map((i) => `, ${q(i)}`).join('') };
  const text = model.text;
  const dash = text.lastIndexOf('-', last.span.start);
  if (dash < 0 || text.slice(lineStartOf(text, dash), dash).trim() !== '') return undefined;
  const indent = indentAt(text, dash);
  const eol = eolOf(text);
  const nl = text.indexOf('\n', last.span.end);
  const lines = items.map((i) => `${indent}- ${q(i)}`).join(eol);
  if (nl < 0) return { span: { start: text.length, end: text.length }, newText: `${eol}${lines}` };
  return { span: { start: nl + 1, end: nl + 1 }, newText: `${lines}${eol}` };
}

/** Levenshtein distance (case-sensitive), capped: returns 99 when lengths differ by more than 3. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

/** The single closest candidate (case-insensitive match first, then a unique nearest within a small distance). */
export function closestUnique(word: string, candidates: readonly string[]): string | undefined {
  const ci = candidates.filter((c) => c.toLowerCase() === word.toLowerCase());
  if (ci.length === 1) return ci[0];
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  if (!best || tie || bestD > Math.max(1, Math.min(3, Math.floor(word.length / 3)))) return undefined;
  return best;
}

export { getEntry, getProp };

export const LAMBDA_TYPES: ReadonlySet<string> = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version']);

/**
 * Whether an IntegrationUri designates a Lambda function: `true` (an invocation URI / function ARN, or a reference to a
 * function resource), `false` (a literal or built value that is clearly something else), `undefined` (unknown).
 */
export function isLambdaUri(model: TemplateModel, v: CfnValue | undefined): boolean | undefined {
  if (!v) return undefined;
  const parts = stringParts(v, model.text);
  let sawOpaque = false;
  let literalText = '';
  for (const p of parts) {
    if (p.kind === 'literal') literalText += p.text;
    else if (p.kind === 'ref') {
      const type = model.resourceById.get(p.ref.logicalId)?.type;
      if (type && LAMBDA_TYPES.has(type)) return true;
      if (!type) sawOpaque = true; // a parameter: could be anything
    } else sawOpaque = true;
  }
  if (/:lambda:path\/|^arn:aws[\w-]*:lambda:/.test(literalText)) return true;
  if (/^(https?:\/\/|arn:aws[\w-]*:(apigateway|elasticloadbalancing|servicediscovery):)/.test(literalText) && !/:lambda:/.test(literalText)) return false;
  if (literalText.startsWith('http')) return false;
  return sawOpaque || literalText === '' ? undefined : false;
}

/** What an integration's IntegrationResponseKey regexes are matched against (gateway-spec §5.2). */
export type ResponseSelection = 'status-code' | 'lambda-error' | 'none' | undefined;

/** Proxy / non-proxy and what integration responses select on, from the integration's literal properties. */
export function integrationInfo(model: TemplateModel, props: CfnMap | undefined): IntegrationInfo {
  // Several checks ask for every integration; the answer depends on the model (the types of referenced resources).
  const hit = props ? integrationInfos.get(props) : undefined;
  if (hit && hit.model === model) return hit.info;
  const info = computeIntegrationInfo(model, props);
  if (props) integrationInfos.set(props, { model, info });
  return info;
}

export interface IntegrationInfo {
  readonly type: string | undefined;
  readonly proxy: boolean | undefined;
  readonly lambda: boolean | undefined;
  readonly selection: ResponseSelection;
}

const integrationInfos = new WeakMap<CfnMap, { readonly model: TemplateModel; readonly info: IntegrationInfo }>();

function computeIntegrationInfo(model: TemplateModel, props: CfnMap | undefined): IntegrationInfo {
  const typeValue = getProp(props, 'IntegrationType');
  const type = typeValue?.kind === 'scalar' && typeValue.value !== null ? String(typeValue.value) : undefined;
  const lambda = isLambdaUri(model, getProp(props, 'IntegrationUri'));
  switch (type) {
    case 'AWS_PROXY':
    case 'HTTP_PROXY':
      return { type, proxy: true, lambda, selection: 'none' };
    case 'HTTP':
    case 'MOCK':
      return { type, proxy: false, lambda: false, selection: 'status-code' };
    case 'AWS':
      return { type, proxy: false, lambda, selection: lambda === true ? 'lambda-error' : lambda === false ? 'status-code' : undefined };
    default:
      return { type, proxy: undefined, lambda, selection: undefined };
  }
}
