// What is under the cursor in a template: the key path from the root, key or value position, the word being typed and,
// for values, the decoded scalar with the cursor's offset inside it. Tolerant of half-typed YAML (line-based) and JSON. Pure.
import type { MapNode, ScalarNode, ScalarStyle, SourceNode, SyntaxProblem } from '../sourceNode';
import { scanJsonTo, type ScanStart } from './jsonScan';
import { scanFlow, type FlowCursor } from './flowScan';
import type { Span } from '../span';
import { scalarSourceMap, sourceOffsetToValue } from '../parse/scalarMap';

/** A scalar value at the cursor. */
export interface ScalarAt {
  /** Decoded value (for unparsable text: the raw text on the cursor's line). */
  readonly value: string;
  /** Offset of the cursor inside `value`. */
  readonly cursor: number;
  readonly style: ScalarStyle;
  /** Source offset of value character `i` (`i` may equal `value.length`). */
  toSource(i: number): number;
  /** The parsed node, when the value came from the model. */
  readonly node?: ScalarNode;
  /** JSON only: no value is written yet (`"Key": |`), so a string proposal must bring its own quotes. */
  readonly bare?: true;
}

export interface CursorContext {
  readonly offset: number;
  /** Keys from the document root; list items are numbers. For a key position: the path of the mapping holding the key. */
  readonly path: readonly (string | number)[];
  readonly position: 'key' | 'value';
  /** Key position: the key text around the cursor and its span (without quotes). */
  readonly word: Word;
  /** Value position: the scalar (empty for a missing value). */
  readonly scalar?: ScalarAt;
  /** A short-form tag written on the value (`!Ref`, `!GetAtt`, `!Sub`, …). */
  readonly tag?: string;
  /** Keys already present in the mapping (key position), to leave out of proposals. */
  readonly siblings: readonly string[];
  readonly format: 'yaml' | 'json';
  /** YAML: the cursor is inside a flow collection (`{ … }`, `[ … ]`): inserted keys and values must fit on one line. */
  readonly flow?: true;
}

export interface Word {
  readonly text: string;
  /** The part before the cursor. */
  readonly prefix: string;
  readonly span: Span;
  /** The key is written inside quotes (JSON keys, quoted YAML keys): insert only the name. */
  readonly quoted: boolean;
  /** Indentation of a YAML key (spaces up to its first character), for inserting nested blocks. */
  readonly indent: string;
  /** The key is already followed by its colon: insert only the name. */
  readonly hasColon: boolean;
  /** JSON: an opening quote without its closing quote (`"Logg`): the proposal closes it. */
  readonly unclosed?: true;
}

const KEY_CHAR = /[A-Za-z0-9_:.$\-/\\{}+* ]/;

/** The cursor context at `offset`, or undefined when the cursor is somewhere nothing can be offered (a comment…). */
export function cursorContext(text: string, root: SourceNode | undefined, format: 'yaml' | 'json', offset: number, problems: readonly SyntaxProblem[] = []): CursorContext | undefined {
  return format === 'json' ? jsonContext(text, root, offset, problems) : yamlContext(text, root, offset);
}

// ---------------------------------------------------------------------------------------------------------------
// Model descent (both formats)

interface Found {
  readonly path: (string | number)[];
  readonly kind: 'key' | 'value';
  readonly scalar: ScalarNode;
}

/** The key or value scalar whose characters touch `offset`, with its path. */
function findScalar(node: SourceNode | undefined, offset: number, path: (string | number)[] = [], depth = 0): Found | undefined {
  if (!node || depth > 200) return undefined;
  if (node.kind === 'scalar') return touchesValue(node, offset) ? { path, kind: 'value', scalar: node } : undefined;
  if (node.kind === 'map') {
    for (const e of node.entries) {
      if (offset < e.key.span.start) break;
      if (offset <= e.key.span.end && offset >= e.key.valueSpan.start && offset <= e.key.valueSpan.end) return { path, kind: 'key', scalar: e.key };
      if (e.value && offset >= e.value.span.start && offset <= e.value.span.end) {
        const inner = findScalar(e.value, offset, [...path, String(e.key.value)], depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  for (let i = 0; i < node.items.length; i++) {
    const item = node.items[i];
    if (item && offset >= item.span.start && offset <= item.span.end) return findScalar(item, offset, [...path, i], depth + 1);
  }
  return undefined;
}

function touchesValue(node: ScalarNode, offset: number): boolean {
  return offset >= node.valueSpan.start && offset <= node.valueSpan.end;
}

function scalarAt(text: string, node: ScalarNode, offset: number): ScalarAt {
  const value = node.value === null ? '' : String(node.value);
  const map = scalarSourceMap(text, node);
  if (!map) {
    // Unmappable (or not a string): treat the source characters as the value.
    const raw = text.slice(node.valueSpan.start, node.valueSpan.end);
    return { value: raw, cursor: offset - node.valueSpan.start, style: node.style, toSource: (i) => node.valueSpan.start + i, node };
  }
  const cursor = sourceOffsetToValue(map, offset) ?? value.length;
  return { value, cursor, style: node.style, toSource: (i) => map[Math.max(0, Math.min(i, map.length - 1))] ?? node.valueSpan.end, node };
}

const noWord = (offset: number): Word => ({ text: '', prefix: '', span: { start: offset, end: offset }, quoted: false, indent: '', hasColon: false });

// ---------------------------------------------------------------------------------------------------------------
// JSON

function jsonContext(text: string, root: SourceNode | undefined, offset: number, problems: readonly SyntaxProblem[]): CursorContext | undefined {
  const cur = scanJsonTo(text, offset, jsonAnchor(root, offset, problems));
  if (!cur) return undefined;
  const s = cur.string;
  if (cur.position === 'key') {
    const map = mapAt(root, cur.path);
    let word: Word;
    // An unterminated key string (`"Logg`) gets its closing quote and colon from the proposal.
    if (s) word = { text: text.slice(s.start + 1, s.end), prefix: text.slice(s.start + 1, offset), span: { start: s.start + 1, end: s.end }, quoted: s.closed, indent: '', hasColon: s.closed, ...(s.closed ? {} : { unclosed: true as const }) };
    else {
      const typed = /[A-Za-z0-9_:]*$/.exec(text.slice(Math.max(0, offset - 200), offset))?.[0] ?? '';
      word = { text: typed, prefix: typed, span: { start: offset - typed.length, end: offset }, quoted: false, indent: '', hasColon: false };
    }
    const siblings = [...new Set([...cur.keysBefore, ...(map ? map.entries.map((e) => String(e.key.value)) : [])])].filter((k) => k !== word.text);
    return { offset, path: cur.path, position: 'key', word, siblings, format: 'json' };
  }
  if (s) {
    const found = findScalar(root, offset);
    if (found && found.kind === 'value' && found.scalar.span.start === s.start) return valueContext(offset, cur.path, scalarAt(text, found.scalar, offset), undefined, 'json');
    const value = text.slice(s.start + 1, s.end);
    return valueContext(offset, cur.path, { value, cursor: offset - s.start - 1, style: 'json', toSource: (i) => s.start + 1 + i }, undefined, 'json');
  }
  // No string yet: a bare literal being typed (`tru`), or nothing.
  const typed = /[A-Za-z0-9_.-]*$/.exec(text.slice(Math.max(0, offset - 200), offset))?.[0] ?? '';
  const start = offset - typed.length;
  const bare: ScalarAt = { value: typed, cursor: typed.length, style: 'json', toSource: (i) => start + i, bare: true };
  return valueContext(offset, cur.path, bare, undefined, 'json');
}

/** A resource-level entry found in the model before the cursor, trusted only when no syntax error precedes it. */
function jsonAnchor(root: SourceNode | undefined, offset: number, problems: readonly SyntaxProblem[]): ScanStart | undefined {
  if (root?.kind !== 'map') return undefined;
  const top = lastBefore(root.entries, offset);
  const inner = top?.value;
  if (!top || inner?.kind !== 'map' || offset <= inner.span.start || offset >= inner.span.end) return undefined;
  const second = lastBefore(inner.entries, offset);
  if (!second) return undefined;
  const at = second.key.span.start;
  if (problems.some((p) => p.severity === 'error' && p.span.start <= at)) return undefined;
  return { offset: at, keys: [String(top.key.value)] };
}

function mapAt(root: SourceNode | undefined, path: readonly (string | number)[]): MapNode | undefined {
  let node = root;
  for (const k of path) {
    if (!node) return undefined;
    if (node.kind === 'map') node = node.entries.find((e) => String(e.key.value) === String(k))?.value;
    else if (node.kind === 'seq' && typeof k === 'number') node = node.items[k];
    else return undefined;
  }
  return node?.kind === 'map' ? node : undefined;
}

function valueContext(offset: number, path: (string | number)[], scalar: ScalarAt, tag: string | undefined, format: 'yaml' | 'json'): CursorContext {
  return { offset, path, position: 'value', word: noWord(offset), scalar, ...(tag ? { tag } : {}), siblings: [], format };
}

// ---------------------------------------------------------------------------------------------------------------
// YAML: the model for scalars, the lines for structure (a half-typed key merges with the next line in the parser's eyes).

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end, text: text.slice(start, end) };
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  return lineAt(text, line.start - 1);
}

const indentOf = (s: string): number => s.length - s.trimStart().length;

/** A colon after a key being typed, past an optional closing quote (written so it cannot backtrack on long blank runs). */
const COLON_AFTER_KEY = /^\s*(?:["']\s*)?:/;

/** `key:` or `- key:` at the start of a line: the key, its column and what follows the colon. */
const KEY_LINE = /^(\s*)((?:-\s+)*)(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"\-?:,[\]{}][^#]*?|-[^\s#]*?))\s*:(?:\s+(.*)|$)/;

interface KeyLine {
  readonly key: string;
  /** Column of the key's first character. */
  readonly column: number;
  readonly rest: string;
  /** Column where `rest` starts. */
  readonly restColumn: number;
  readonly dashes: number;
}

/**
 * YAML limits implicit keys to 1024 characters, so the key and its colon lie within the head of the line. Matching
 * only the head keeps KEY_LINE (which backtracks) linear on huge one-line scalars.
 */
const KEY_LINE_HEAD = 4096;

function parseKeyLine(s: string): KeyLine | undefined {
  const truncated = s.length > KEY_LINE_HEAD;
  const m = KEY_LINE.exec(truncated ? s.slice(0, KEY_LINE_HEAD) : s);
  if (!m) return undefined;
  // In a cut head, `$` after the colon may only mark the cut: then the line is not known to be a key line.
  if (truncated && m[6] === undefined) return undefined;
  const key = m[3] ?? (m[4] !== undefined ? m[4].replace(/''/g, "'") : (m[5] ?? '').trim());
  const column = (m[1] ?? '').length + (m[2] ?? '').length;
  const restColumn = m[6] === undefined ? s.length : m[0].length - m[6].length;
  const rest = s.slice(restColumn);
  const dashes = ((m[2] ?? '').match(/-/g) ?? []).length;
  return { key, column, rest, restColumn, dashes };
}

/** A second-level key (a resource's logical id) found in the model above the cursor: line scans stop there. */
interface Anchor {
  readonly path: readonly string[];
  /** Offset of the start of the key's line and the key's column. */
  readonly lineStart: number;
  readonly column: number;
}

/** The last second-level key starting before `offset` (binary search), so scans need not walk back to the top of a large file. */
function anchorFor(text: string, root: SourceNode | undefined, offset: number): Anchor | undefined {
  if (root?.kind !== 'map' || root.flow) return undefined;
  const top = lastBefore(root.entries, offset);
  const inner = top?.value;
  if (!top || inner?.kind !== 'map' || inner.flow) return undefined;
  const second = lastBefore(inner.entries, offset);
  if (!second) return undefined;
  const lineStart = text.lastIndexOf('\n', second.key.span.start - 1) + 1;
  if (lineAt(text, offset).start <= lineStart) return undefined;
  return { path: [String(top.key.value), String(second.key.value)], lineStart, column: second.key.span.start - lineStart };
}

function lastBefore<E extends { key: ScalarNode }>(entries: readonly E[], offset: number): E | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  let found: E | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (e && e.key.span.start <= offset) {
      found = e;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The keys (and list indices) of the mappings that contain a line whose content starts at `column`, from the root. */
function yamlParents(text: string, from: Line, column: number, anchor?: Anchor): (string | number)[] {
  const out: (string | number)[] = [];
  let limit = column;
  let line = previousLine(text, from);
  while (line && limit > 0) {
    if (anchor && line.start <= anchor.lineStart && limit > anchor.column) {
      // Everything above the anchor is known from the model.
      out.unshift(...anchor.path);
      return out;
    }
    const t = line.text;
    const trimmed = t.trimStart();
    const ind = indentOf(t);
    if (trimmed !== '' && !trimmed.startsWith('#') && ind < limit) {
      const kl = parseKeyLine(t);
      if (trimmed.startsWith('-')) {
        // A list item containing us; its own key is a parent only when we are nested below it.
        const index = countItemsAbove(text, line, ind);
        if (kl && kl.column < limit) out.unshift(index, kl.key);
        else out.unshift(index);
      } else if (kl) {
        out.unshift(kl.key);
      }
      limit = ind;
    }
    line = previousLine(text, line);
  }
  return out;
}

function countItemsAbove(text: string, item: Line, indent: number): number {
  let count = 0;
  let line = previousLine(text, item);
  while (line) {
    const t = line.text;
    const trimmed = t.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const ind = indentOf(t);
      if (ind < indent) break;
      if (ind === indent && trimmed.startsWith('-')) count++;
      else if (ind === indent) break;
    }
    line = previousLine(text, line);
  }
  return count;
}

function yamlContext(text: string, root: SourceNode | undefined, offset: number): CursorContext | undefined {
  const line = lineAt(text, offset);
  const col = offset - line.start;
  const before = line.text.slice(0, col);
  const found = findScalar(root, offset);
  const flow = yamlFlow(text, root, line, offset, found);
  if (flow !== 'none') return flow;
  // A quoted or block scalar spanning lines: trust the parser (its content may look like anything).
  if (found && found.kind === 'value' && found.scalar.style !== 'plain' && offset > found.scalar.span.start) {
    const start = lineAt(text, found.scalar.span.start);
    // An unclosed quote swallows the lines after it; a later `key: value` line at the same or lower indentation is not
    // part of the string but the user's next line.
    const quoted = found.scalar.style === 'single' || found.scalar.style === 'double';
    const swallowed = quoted && start.start !== line.start && parseKeyLine(line.text) !== undefined && indentOf(line.text) <= indentOf(start.text);
    if (!swallowed && (start.start !== line.start || quoted)) {
      const keyLine = parseKeyLine(start.text);
      return valueContext(offset, found.path, scalarAt(text, found.scalar, offset), found.scalar.tag?.name ?? tagIn(keyLine?.rest), 'yaml');
    }
  }
  if (/(^|\s)#/.test(before.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return undefined; // in a comment
  const kl = parseKeyLine(before);
  const anchor = anchorFor(text, root, offset);
  if (kl && col >= kl.restColumn) return yamlValue(text, line, kl, offset, found, anchor);
  // A list item value (`- !GetAtt …`, `- Foo`).
  const item = /^(\s*)((?:-\s+)+)(.*)$/.exec(before);
  if (item && !/:\s/.test(item[3] ?? '')) {
    const column = (item[1] ?? '').length + (item[2] ?? '').length;
    const dashCol = indentOf(line.text);
    const parents = yamlParents(text, line, dashCol, anchor);
    const index = countItemsAbove(text, line, dashCol);
    const rest = item[3] ?? '';
    const scalar = plainOrFound(text, found, offset, line.start + column, line.end, rest);
    return scalar ? valueContext(offset, [...parents, index], scalar.scalar, scalar.tag, 'yaml') : undefined;
  }
  // A key being typed.
  const keyTyping = /^(\s*)((?:-\s+)*)(["']?)([^\s"':#][^"':#]*|)$/.exec(before);
  if (!keyTyping) return undefined;
  const column = (keyTyping[1] ?? '').length + (keyTyping[2] ?? '').length;
  const startCol = column + (keyTyping[3] ?? '').length;
  let endCol = col;
  while (endCol < line.text.length && KEY_CHAR.test(line.text[endCol] ?? '') && line.text[endCol] !== ':') endCol++;
  const indent = (keyTyping[1] ?? '').length;
  const path = keyTyping[2] ? [...yamlParents(text, line, indent, anchor), countItemsAbove(text, line, indent)] : yamlParents(text, line, column, anchor);
  const written = line.text.slice(startCol, endCol).trimEnd();
  const word: Word = { text: written, prefix: before.slice(startCol), span: { start: line.start + startCol, end: Math.max(offset, line.start + startCol + written.length) }, quoted: Boolean(keyTyping[3]), indent: ' '.repeat(column), hasColon: COLON_AFTER_KEY.test(line.text.slice(endCol)) };
  return { offset, path, position: 'key', word, siblings: siblingsAt(text, line, column), format: 'yaml' };
}

/**
 * The context inside a flow collection that starts on the cursor's line as a value (`Key: {…}`, `Key: !Tag […]`,
 * `- […]`); `'none'` when the cursor is not after such an opener (block rules apply), undefined when nothing fits.
 */
function yamlFlow(text: string, root: SourceNode | undefined, line: Line, offset: number, found: Found | undefined): CursorContext | undefined | 'none' {
  const here = flowOn(text, root, line, line, offset, found);
  if (here !== 'none') return here;
  // A collection opened on an earlier line and still open: its lines below are indented deeper than its key's line,
  // so only lines less indented than everything after them can open it.
  let limit = indentOf(line.text);
  let prev = previousLine(text, line);
  for (let n = 0; prev && limit > 0 && n < MAX_FLOW_LINES; n++, prev = previousLine(text, prev)) {
    const t = prev.text.trimStart();
    if (t === '' || t.startsWith('#') || indentOf(prev.text) >= limit) continue;
    const there = flowOn(text, root, prev, line, offset, found);
    if (there !== 'none') return there;
    limit = indentOf(prev.text);
  }
  return 'none';
}

/** Lines searched above the cursor for the start of a multi-line flow collection. */
const MAX_FLOW_LINES = 50;

/** The context when the flow collection that starts as the value on `start` holds the cursor (on `line`). */
function flowOn(text: string, root: SourceNode | undefined, start: Line, line: Line, offset: number, found: Found | undefined): CursorContext | undefined | 'none' {
  const kl = parseKeyLine(start.text);
  const item = kl ? undefined : /^(\s*)((?:-\s+)+)/.exec(line.text);
  const valueColumn = kl ? kl.restColumn : item ? item[0].length : -1;
  // A line inside a multi-line scalar (a `|` block, a quoted string) is text, whatever it looks like.
  if (valueColumn < 0 || (found?.kind === 'value' && found.scalar.span.start < start.start)) return 'none';
  const opener = /^(?:![A-Za-z:]+\s+)?[[{]/.exec(start.text.slice(valueColumn));
  if (!opener || offset <= start.start + valueColumn + opener[0].length - 1) return 'none';
  if (/(^|\s)#/.test(start.text.slice(0, valueColumn).replace(/(["'])(?:(?!\1).)*\1/g, ''))) return 'none';
  const cur = scanFlow(text, start.start + valueColumn, line.end, offset);
  if (!cur) return start === line ? undefined : 'none';
  const anchor = anchorFor(text, root, start.start);
  const ind = indentOf(start.text);
  let base: (string | number)[];
  if (kl) base = kl.dashes ? [...yamlParents(text, start, ind, anchor), countItemsAbove(text, start, ind), kl.key] : [...yamlParents(text, start, kl.column, anchor), kl.key];
  else base = [...yamlParents(text, start, ind, anchor), countItemsAbove(text, start, ind)];
  return flowContext(text, offset, [...base, ...cur.path], cur, found);
}

function flowContext(text: string, offset: number, path: (string | number)[], cur: FlowCursor, found: Found | undefined): CursorContext {
  const t = cur.token;
  if (cur.position === 'key') {
    const after = text.slice(t.end + (t.style === 'plain' ? 0 : 1), t.end + 200);
    const word: Word = { text: t.raw, prefix: text.slice(t.start, offset), span: { start: t.start, end: Math.max(offset, t.end) }, quoted: t.style !== 'plain', indent: '', hasColon: /^\s*:/.test(after) };
    return { offset, path, position: 'key', word, siblings: cur.keys, format: 'yaml', flow: true };
  }
  // The parser's scalar when it is this token (quotes decoded), else the token's raw text.
  const parsed = found && found.kind === 'value' && found.scalar.style === t.style && found.scalar.valueSpan.start <= t.start && found.scalar.valueSpan.end >= t.end && found.scalar.valueSpan.end - found.scalar.valueSpan.start <= t.end - t.start + 2;
  const scalar: ScalarAt = parsed && found ? scalarAt(text, found.scalar, offset) : { value: t.raw, cursor: offset - t.start, style: t.style, toSource: (i) => t.start + i };
  return { ...valueContext(offset, path, scalar, cur.tag, 'yaml'), flow: true };
}

function yamlValue(text: string, line: Line, kl: KeyLine, offset: number, found: Found | undefined, anchor: Anchor | undefined): CursorContext | undefined {
  const ind = indentOf(line.text);
  const path = kl.dashes ? [...yamlParents(text, line, ind, anchor), countItemsAbove(text, line, ind), kl.key] : [...yamlParents(text, line, kl.column, anchor), kl.key];
  const scalar = plainOrFound(text, found, offset, line.start + kl.restColumn, line.end, kl.rest);
  return scalar ? valueContext(offset, path, scalar.scalar, scalar.tag, 'yaml') : undefined;
}

/** The value on a line after `key: ` (or `- `): the parsed scalar when it is there, else the raw text minus tag and quote. */
/** Undefined when the cursor is not inside the value (on its tag, or before its opening quote). */
function plainOrFound(text: string, found: Found | undefined, offset: number, valueStart: number, lineEnd: number, rest: string): { scalar: ScalarAt; tag: string | undefined } | undefined {
  let start = valueStart;
  const tag = tagIn(rest);
  if (tag) {
    start += rest.indexOf(tag) + tag.length;
    if (offset <= start) return undefined;
    while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  }
  // The parser's scalar, when it starts right where the value does (not a piece of a value the parser split).
  if (found && found.kind === 'value' && found.scalar.valueSpan.start >= start && /^["']?$/.test(text.slice(start, found.scalar.valueSpan.start))) {
    if (offset < found.scalar.valueSpan.start) return undefined;
    return { scalar: scalarAt(text, found.scalar, offset), tag: found.scalar.tag?.name ?? tag };
  }
  let style: ScalarStyle = 'plain';
  if (text[start] === '"' || text[start] === "'") {
    style = text[start] === '"' ? 'double' : 'single';
    start++;
  }
  if (offset < start) return undefined;
  let end = lineEnd;
  const raw = text.slice(start, end);
  const comment = style === 'plain' ? raw.search(/\s#/) : -1;
  if (comment >= 0) end = start + comment;
  const value = text.slice(start, Math.max(start, end));
  return { scalar: { value, cursor: Math.max(0, Math.min(offset - start, value.length)), style, toSource: (i) => start + i }, tag };
}

function tagIn(rest: string | undefined): string | undefined {
  const m = /^(![A-Za-z]+)(\s|$)/.exec((rest ?? '').trimStart());
  return m?.[1];
}

/** Keys at `column` in the same block as `line` (above and below), for leaving them out of key proposals. */
function siblingsAt(text: string, line: Line, column: number): string[] {
  const out: string[] = [];
  const scan = (next: (l: Line) => Line | undefined) => {
    let l = next(line);
    let guard = 0;
    while (l && guard++ < 2000) {
      const t = l.text;
      const trimmed = t.trimStart();
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        const kl = parseKeyLine(t);
        const ind = indentOf(t);
        if (ind < column && !(kl && kl.column === column)) break;
        if (kl && kl.column === column) out.push(kl.key);
        if (ind < column) break;
      }
      l = next(l);
    }
  };
  scan((l) => previousLine(text, l));
  scan((l) => (l.end + 1 < text.length ? lineAt(text, text[l.end] === '\r' ? l.end + 2 : l.end + 1) : undefined));
  return out;
}
