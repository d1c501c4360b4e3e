// The only importer of `yaml`: parses YAML (and JSON-as-YAML) text into the positioned SourceNode tree.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { MapEntry, ScalarNode, ScalarStyle, SourceNode, SyntaxProblem, TagInfo } from '../sourceNode';
import type { Span } from '../span';
import { CFN_SHORT_TAGS } from './cfnTags';
import { ParseBudget } from './budget';
import { LineIndex } from '../lines';

const STYLE: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

export interface YamlParseResult {
  readonly root: SourceNode | undefined;
  readonly problems: SyntaxProblem[];
}

/**
 * Parses `text` as one YAML document. `base` is added to every offset (used when a fragment of a larger
 * document is parsed on its own). Never throws.
 */
export function parseYaml(source: string, base = 0, budget = new ParseBudget()): YamlParseResult {
  let text = source;
  const problems: SyntaxProblem[] = [];
  let doc: Document.Parsed;
  try {
    ({ doc, text } = parseTolerant(text, problems, base));
  } catch (e) {
    problems.push({ code: 'yaml-syntax', severity: 'error', message: `YAML could not be parsed: ${String(e)}`, span: { start: base, end: base + Math.min(text.length, 1) } });
    return { root: undefined, problems };
  }
  // yaml often reports follow-on errors for one mistake on the same line; the first one says what is wrong.
  const lines = doc.errors.length > 1 ? new LineIndex(text) : undefined;
  const lineOf = (offset: number): number => lines?.lineOf(offset) ?? 0;
  const linesWithError = new Set<number>();
  for (const err of doc.errors) {
    const duplicate = err.code === 'DUPLICATE_KEY';
    const line = lineOf(err.pos[0]);
    if (!duplicate && linesWithError.has(line)) continue;
    if (!duplicate) linesWithError.add(line);
    problems.push({ code: errorCode(err.code), severity: duplicate ? 'warning' : 'error', message: cleanMessage(err.message), span: errSpan(err.pos, base, text.length) });
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const tag = text.slice(w.pos[0], w.pos[1]).trim();
      if (CFN_SHORT_TAGS.has(tag)) continue;
      problems.push({ code: 'unknown-tag', severity: 'warning', message: `Unknown tag ${tag}: CloudFormation only understands its intrinsic function tags (!Ref, !Sub, !GetAtt, …). The value is read as if the tag were absent.`, span: errSpan(w.pos, base, text.length) });
      continue;
    }
    problems.push({ code: errorCode(w.code), severity: 'warning', message: cleanMessage(w.message), span: errSpan(w.pos, base, text.length) });
  }
  const memo = new Map<YamlNode, SourceNode | undefined>();
  const root = doc.contents ? convert(doc.contents as YamlNode, text, base, 0, memo, problems, budget, doc) : undefined;
  return { root, problems };
}

const MAX_DEPTH = 400;

const UNDER_INDENTED_FLOW_END = /^Flow (map|sequence) in block collection must be sufficiently indented/;

/**
 * Strict YAML rejects a flow collection whose closing bracket sits at (or left of) its parent's indentation,
 * but CloudFormation accepts such templates. When yaml reports exactly that, the bracket is moved to just after
 * the previous non-blank character — an edit of equal length, so every other offset stays valid — and the
 * document is parsed again; the finding is kept as a warning.
 */
function parseTolerant(text: string, problems: SyntaxProblem[], base: number): { doc: Document.Parsed; text: string } {
  const parse = (t: string) => withoutStacks(() => parseDocument(t, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true }));
  let doc = parse(text);
  let current = text;
  for (let round = 0; round < 32; round++) {
    const bad = doc.errors.find((e) => e.code === 'BAD_INDENT' && UNDER_INDENTED_FLOW_END.test(e.message));
    if (!bad) break;
    const at = bad.pos[0];
    const bracket = current[at];
    if (bracket !== '}' && bracket !== ']') break;
    let q = at - 1;
    while (q >= 0 && /\s/.test(current[q] ?? '')) q--;
    const moved = current.slice(0, q + 1) + bracket + current.slice(q + 1, at) + current.slice(at + 1);
    const next = parse(moved);
    if (next.errors.length >= doc.errors.length) break;
    problems.push({ code: 'flow-indent', severity: 'warning', message: `This closing "${bracket}" is not indented more than its parent key. CloudFormation accepts it, but strict YAML parsers (and YAML editors) reject it: indent it further.`, span: { start: base + at, end: base + at + 1 } });
    doc = next;
    current = moved;
  }
  return { doc, text: current };
}

/**
 * yaml creates an Error object, with a captured stack, for every warning — one per `!Ref`/`!Sub`… tag, as it does not
 * know CloudFormation's tags. The stacks are never read; not capturing them makes large templates parse faster.
 */
function withoutStacks<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function convert(node: YamlNode, text: string, base: number, depth: number, memo: Map<YamlNode, SourceNode | undefined>, problems: SyntaxProblem[], budget: ParseBudget, doc: Document.Parsed): SourceNode | undefined {
  if (memo.has(node)) return memo.get(node);
  if (!budget.take()) return undefined;
  if (depth > MAX_DEPTH) {
    const r = node.range;
    if (!budget.depthReported) {
      budget.depthReported = true;
      problems.push({ code: 'too-deep', severity: 'warning', message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`, span: r ? { start: base + r[0], end: base + r[0] + 1 } : { start: base, end: base } });
    }
    return undefined;
  }
  let out: SourceNode | undefined;
  if (isAlias(node)) {
    // Aliases share the anchored node's conversion (a DAG), but every later walk of the model reads it as a tree, so
    // the nodes an alias adds are counted: a cycle or an alias bomb is cut off here with an error.
    const target = node.resolve(doc);
    if (target && budget.inProgress.has(target)) {
      aliasProblem(node, base, budget, problems, `The alias *${node.source} refers to a collection that contains it (a cycle); CloudFormation cannot expand it. Remove the alias.`);
      return undefined;
    }
    out = target ? convert(target as YamlNode, text, base, depth + 1, memo, problems, budget, doc) : undefined;
    if (out) {
      budget.aliasExpansion += treeSize(out);
      if (budget.aliasExpansion > budget.aliasLimit) {
        aliasProblem(node, base, budget, problems, `Aliases expand this document to more than ${budget.aliasLimit} extra nodes (an "alias bomb"); the expansion is not analysed. Replace the aliases with plain values.`);
        return undefined;
      }
    }
    return out;
  }
  if (isMap(node) || isSeq(node)) budget.inProgress.add(node);
  const range = node.range ?? [0, 0, 0];
  const tag = node.tag ? findTag(text, range[0], node.tag, base) : undefined;
  if (isScalar(node)) {
    out = scalar(node.value, STYLE[node.type ?? 'PLAIN'] ?? 'plain', range, text, base, tag);
  } else if (isMap(node)) {
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      let key: ScalarNode;
      if (k && isScalar(k)) {
        key = scalar(k.value, STYLE[k.type ?? 'PLAIN'] ?? 'plain', k.range ?? [0, 0, 0], text, base, undefined);
      } else if (k && k.range) {
        key = scalar(text.slice(k.range[0], k.range[1]), 'plain', k.range, text, base, undefined);
      } else {
        continue;
      }
      const v = pair.value as YamlNode | null;
      const value = v ? convert(v, text, base, depth + 1, memo, problems, budget, doc) : undefined;
      entries.push({ key, value, span: { start: key.span.start, end: value ? value.span.end : key.span.end } });
    }
    out = { kind: 'map', entries, flow: Boolean(node.flow), span: trimSpan(text, range[0], range[1], base), ...(tag ? { tag } : {}) };
  } else if (isSeq(node)) {
    const items: SourceNode[] = [];
    for (const item of node.items) {
      const c = item ? convert(item as YamlNode, text, base, depth + 1, memo, problems, budget, doc) : undefined;
      if (c) items.push(c);
    }
    out = { kind: 'seq', items, flow: Boolean(node.flow), span: trimSpan(text, range[0], range[1], base), ...(tag ? { tag } : {}) };
  }
  budget.inProgress.delete(node);
  memo.set(node, out);
  return out;
}

/** Tree size of a converted node (an alias inside counts its whole target); memoised, so linear over the DAG. */
const TREE_SIZES = new WeakMap<SourceNode, number>();
function treeSize(node: SourceNode): number {
  const known = TREE_SIZES.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === 'map') for (const e of node.entries) size += 1 + (e.value ? treeSize(e.value) : 0);
  else if (node.kind === 'seq') for (const item of node.items) size += treeSize(item);
  TREE_SIZES.set(node, size);
  return size;
}

function aliasProblem(node: YamlNode, base: number, budget: ParseBudget, problems: SyntaxProblem[], message: string): void {
  if (budget.aliasReported) return;
  budget.aliasReported = true;
  const r = node.range ?? [0, 0, 0];
  problems.push({ code: 'alias-expansion', severity: 'error', message, span: { start: base + r[0], end: base + r[1] } });
}

function scalar(value: unknown, style: ScalarStyle, range: readonly [number, number, number] | [number, number, number], text: string, base: number, tag: TagInfo | undefined): ScalarNode {
  const v = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : typeof value === 'bigint' ? Number(value) : String(value);
  const [s, e] = range;
  const span = trimSpan(text, s, e, base);
  let valueSpan: Span;
  if (style === 'single' || style === 'double') {
    valueSpan = { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) };
  } else if (style === 'literal' || style === 'folded') {
    // Content starts on the line after the block header.
    const nl = text.indexOf('\n', s);
    const contentStart = nl < 0 || nl >= e ? e : nl + 1;
    valueSpan = { start: base + contentStart, end: Math.max(base + contentStart, span.end) };
  } else {
    valueSpan = span;
  }
  return { kind: 'scalar', value: v, style, span, valueSpan, ...(tag ? { tag } : {}) };
}

/** yaml's ranges of block nodes include the trailing line break(s); trim them (and trailing blanks). */
function trimSpan(text: string, start: number, end: number, base: number): Span {
  let e = end;
  while (e > start) {
    const c = text.charCodeAt(e - 1);
    if (c === 10 || c === 13 || c === 32 || c === 9) e--;
    else break;
  }
  return { start: base + start, end: base + e };
}

/** Finds the tag token written before a node (yaml keeps the tag name but not its position). */
function findTag(text: string, nodeStart: number, tagName: string, base: number): TagInfo | undefined {
  let i = nodeStart - 1;
  for (let guard = 0; guard < 4 && i >= 0; guard++) {
    while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
    const end = i + 1;
    // Flow indicators also end the token: in `[!Condition A]` the tag follows `[` directly.
    while (i >= 0 && !/[\s[{,]/.test(text[i] ?? '')) i--;
    const token = text.slice(i + 1, end);
    if (token.startsWith('!')) return { name: token, span: { start: base + i + 1, end: base + end } };
    if (!token.startsWith('&')) break; // an anchor may sit between tag and node
  }
  return { name: tagName, span: { start: base + nodeStart, end: base + nodeStart } };
}

function errSpan(pos: [number, number] | undefined, base: number, len: number): Span {
  if (!pos) return { start: base, end: base };
  const start = Math.min(pos[0], len);
  const end = Math.max(start, Math.min(pos[1], len));
  return { start: base + start, end: base + end };
}

function errorCode(code: string): string {
  return code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
}


function cleanMessage(msg: string): string {
  // yaml appends "at line X, column Y" and a source excerpt; the diagnostic range already says where.
  return msg.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
