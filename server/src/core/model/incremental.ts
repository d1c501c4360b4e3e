// Incremental template model: re-parses only the Resources entries whose text changed, re-uses (or moves) the rest,
// and falls back to a full parse whenever the block split is not provably equivalent. Pure.
import { parseJson } from '../parse/jsonAdapter';
import { parseYaml } from '../parse/yamlAdapter';
import type { FormatHint } from '../parse';
import { resplit, splitJson, splitYaml, type ResourceBlock, type ResourceLayout } from '../parse/resourceBlocks';
import { shiftNode } from '../parse/shift';
import { CFN_FUNCTION_KEYS } from '../parse/cfnTags';
import type { MapEntry, MapNode, ParsedSource, SourceNode } from '../sourceNode';
import { moveSpans, type MovableSpan } from '../span';
import { toCfnValue, type CfnEntry, type CfnMap, type CfnValue } from './cfnValue';
import { assembleModel, buildFullTemplateModel, toResource, type Resource, type TemplateModel } from './template';

/** Node limit of one parse (ParseBudget's default) and nesting limit of the adapters: near them, parse in full. */
const NODE_LIMIT = 2_000_000;
const SAFE_DEPTH = 390;

/**
 * One resource entry parsed on its own and placed at `base` in the latest model. There is one copy of its nodes,
 * values and Resource, shared by every version that contains the block: moving the block moves their spans in place.
 */
interface ParsedBlock {
  /** Same for every placement of the same parse: the block's text is the same. */
  readonly id: number;
  /** Where the block starts in the latest model (moves update it). */
  base: number;
  /** The Resource's block identity (moves update it). */
  readonly identity: MovableIdentity;
  readonly entry: MapEntry;
  readonly cfn: CfnEntry;
  readonly resource: Resource;
  readonly nodes: number;
  /** Every distinct span object of the entry, its CloudFormation value and its Resource (what a move shifts); collected on the first move. */
  spans: readonly MovableSpan[] | undefined;
}

/**
 * Parses and models a template in one go. Never throws. Templates whose Resources split into blocks are parsed
 * resource by resource (faster on large templates: `yaml` checks duplicate keys of a mapping pairwise); the model is
 * exactly the one-document parse's (`buildFullTemplateModel`).
 */
export function buildTemplateModel(text: string, hint?: FormatHint): TemplateModel {
  return new IncrementalModelBuilder().build(text, hint);
}

/**
 * Where a resource of an incrementally built model came from: `id` is the same for every version in which the
 * resource's block (`text.slice(start, end)`: its lines, trailing blank and comment lines included) has the same text,
 * at whatever offset. Per-resource caches (core/checks/resourceMemo.ts) key on it.
 */
export interface BlockIdentity {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Kept on the Resource itself as a non-enumerable symbol property (a WeakMap costs more per lookup and per garbage
 * collection); models compare equal with or without it. Its start and end follow the block when it moves.
 */
const BLOCK_IDENTITY = Symbol('blockIdentity');
let nextBlockId = 1;

/** The block identity of a resource built by the incremental builder; undefined for a one-document parse. */
export function blockIdentity(resource: Resource): BlockIdentity | undefined {
  return (resource as { [BLOCK_IDENTITY]?: BlockIdentity })[BLOCK_IDENTITY];
}

/** The builder's own view of a block identity: it moves with the block. */
interface MovableIdentity {
  readonly id: number;
  start: number;
  end: number;
}

/** How the last model was built (for tests and the benchmark). */
export type BuildMode = 'incremental' | 'full';

/** A block of the previous version and what it was parsed to. */
interface PreviousBlock {
  readonly block: ResourceBlock;
  readonly last: boolean;
  readonly parsed: ParsedBlock;
}

interface Previous {
  readonly text: string;
  readonly format: 'yaml' | 'json';
  readonly layout: ResourceLayout;
  readonly blocks: readonly PreviousBlock[];
}

/** Lengths of the common prefix and suffix of two versions (they never overlap). */
interface CommonEnds {
  readonly prefix: number;
  readonly suffix: number;
}

/**
 * Builds TemplateModels for successive versions of one document, re-using the blocks of the previous version whose
 * text did not change. Results equal `buildFullTemplateModel(text, hint)` exactly.
 */
export class IncrementalModelBuilder {
  private previous: Previous | undefined;
  lastMode: BuildMode = 'full';
  /** Blocks parsed (not re-used) by the last build. */
  lastParsedBlocks = 0;

  build(text: string, hint?: FormatHint): TemplateModel {
    const json = hint === 'json' || (hint === undefined && /^\s*[{[]/.test(text));
    const previous = this.previous?.format === (json ? 'json' : 'yaml') ? this.previous : undefined;
    const common = previous ? commonEnds(previous.text, text) : undefined;
    // After an edit inside the resources, only the lines around it are split again.
    const local = previous && common ? resplit(previous.text, previous.layout, text, common.prefix, common.suffix) : undefined;
    const layout = local ?? (json ? splitJson(text) : splitYaml(text));
    const model = layout ? this.tryLayout(text, layout, previous, common) : undefined;
    if (model) {
      this.lastMode = 'incremental';
      return model;
    }
    this.previous = undefined;
    this.lastMode = 'full';
    this.lastParsedBlocks = 0;
    return buildFullTemplateModel(text, hint);
  }

  /** The incremental build, or undefined to parse in full (also if it failed unexpectedly: a full parse never throws). */
  private tryLayout(text: string, layout: ResourceLayout, previous: Previous | undefined, common: CommonEnds | undefined): TemplateModel | undefined {
    try {
      return this.fromLayout(text, layout, previous, common);
    } catch {
      return undefined;
    }
  }

  private fromLayout(text: string, layout: ResourceLayout, previous: Previous | undefined, common: CommonEnds | undefined): TemplateModel | undefined {
    if (layout.blocks.length === 1 && CFN_FUNCTION_KEYS.has(layout.blocks[0]?.logicalId ?? '')) return undefined; // would read as an intrinsic
    const skeleton = parseSkeleton(text, layout);
    if (!skeleton) return undefined;
    const reusable = finder(previous, common, text);
    // First find or parse every block, changing nothing: the previous version's blocks are moved (in place) only
    // once the whole layout is known to work, so a fallback to a full parse leaves the previous model intact.
    const found: (ParsedBlock | { readonly parse: BlockParse })[] = [];
    let nodes = skeleton.nodes;
    let parsedCount = 0;
    for (let i = 0; i < layout.blocks.length; i++) {
      const b = layout.blocks[i] as ResourceBlock;
      const old = reusable(b, i === layout.blocks.length - 1);
      if (old) {
        found.push(old);
        nodes += old.nodes;
      } else {
        const parse = parseBlock(text.slice(b.start, b.end), b.start, b.logicalId, layout.format, i === layout.blocks.length - 1);
        if (!parse) return undefined;
        found.push({ parse });
        nodes += parse.nodes;
        parsedCount++;
      }
      if (nodes >= NODE_LIMIT) return undefined;
    }
    const placed: PreviousBlock[] = [];
    const entries: MapEntry[] = [];
    const cfnEntries: CfnEntry[] = [];
    const resources: Resource[] = [];
    for (let i = 0; i < layout.blocks.length; i++) {
      const b = layout.blocks[i] as ResourceBlock;
      const f = found[i] as ParsedBlock | { readonly parse: BlockParse };
      const parsed = 'parse' in f ? place(b, f.parse, nextBlockId++) : move(b, f);
      placed.push({ block: b, last: i === layout.blocks.length - 1, parsed });
      entries.push(parsed.entry);
      cfnEntries.push(parsed.cfn);
      resources.push(parsed.resource);
    }
    this.previous = { text, format: layout.format, layout, blocks: placed };
    this.lastParsedBlocks = parsedCount;
    const { root, cfnRoot } = assemble(skeleton, entries, cfnEntries, layout.format);
    const source: ParsedSource = { format: layout.format, root, problems: [], text };
    return assembleModel(source, cfnRoot, resources);
  }
}

/**
 * Finds the previous version's parse of a block whose text is unchanged. Blocks inside the common prefix of the two
 * versions are found by position, blocks inside the common suffix by position minus the length change (no text is
 * compared or hashed for them); the few blocks around the edit are looked up by their text.
 */
function finder(previous: Previous | undefined, common: CommonEnds | undefined, text: string): (b: ResourceBlock, last: boolean) => ParsedBlock | undefined {
  if (!previous || !common) return () => undefined;
  const old = previous.text;
  const { prefix, suffix } = common;
  const delta = text.length - old.length;
  const byStart = new Map(previous.blocks.map((p) => [p.block.start, p]));
  let byText: Map<string, PreviousBlock> | undefined;
  const same = (p: PreviousBlock | undefined, b: ResourceBlock, last: boolean, shift: number): p is PreviousBlock =>
    p !== undefined && p.last === last && p.block.logicalId === b.logicalId && p.block.end === b.end - shift;
  return (b, last) => {
    if (b.end <= prefix) {
      const p = byStart.get(b.start);
      if (same(p, b, last, 0)) return p.parsed;
    } else if (b.start >= text.length - suffix) {
      const p = byStart.get(b.start - delta);
      if (same(p, b, last, delta)) return p.parsed;
    }
    byText ??= new Map(previous.blocks.filter((p) => p.block.end > prefix && p.block.start < old.length - suffix).map((p) => [blockKey(old, p.block, p.last), p]));
    const p = byText.get(blockKey(text, b, last));
    return p && p.block.logicalId === b.logicalId ? p.parsed : undefined;
  };
}

function commonEnds(old: string, text: string): CommonEnds {
  const max = Math.min(old.length, text.length);
  const prefix = commonLength(old, text, max, (s, i, n) => s.slice(i, i + n), (s, i) => s.charCodeAt(i));
  const suffix = commonLength(old, text, max - prefix, (s, i, n) => s.slice(s.length - i - n, s.length - i), (s, i) => s.charCodeAt(s.length - 1 - i));
  return { prefix, suffix };
}

/** Length of the common prefix (or, with mirrored accessors, suffix) of two texts, comparing 4 096 characters at a time. */
function commonLength(a: string, b: string, max: number, chunk: (s: string, at: number, n: number) => string, code: (s: string, at: number) => number): number {
  const step = 4096;
  let n = 0;
  while (n + step <= max && chunk(a, n, step) === chunk(b, n, step)) n += step;
  while (n < max && code(a, n) === code(b, n)) n++;
  return n;
}

const blockKey = (text: string, b: ResourceBlock, last: boolean): string => `${last ? 'last' : 'inner'}\u0000${text.slice(b.start, b.end)}`;

/** A freshly parsed block with its CloudFormation value and Resource. */
function place(b: ResourceBlock, parse: BlockParse, id: number): ParsedBlock {
  const entry = parse.entry;
  const value = entry.value ? toCfnValue(entry.value) : undefined;
  const resource = toResource(b.logicalId, entry.key.span, value);
  const identity: MovableIdentity = { id, start: b.start, end: b.end };
  Object.defineProperty(resource, BLOCK_IDENTITY, { value: identity, enumerable: false });
  return { id, base: b.start, identity, entry, cfn: { key: b.logicalId, keyNode: entry.key, value }, resource, nodes: parse.nodes, spans: undefined };
}

/**
 * A block of the previous version at its new place: the same nodes, values and Resource, every span moved in place
 * (nothing is parsed or copied). The previous version's model sees the new offsets too: only the latest model of a
 * document is ever read.
 */
function move(b: ResourceBlock, block: ParsedBlock): ParsedBlock {
  const delta = b.start - block.base;
  if (delta !== 0) {
    block.spans ??= blockSpans(block);
    moveSpans(block.spans, delta);
    block.base = b.start;
  }
  block.identity.start = b.start;
  block.identity.end = b.end;
  return block;
}

/** Every distinct span object of a block: its nodes', its values' (a short-form intrinsic has one of its own) and its Resource's. */
function blockSpans(block: ParsedBlock): MovableSpan[] {
  const spans = new Set<MovableSpan>();
  collectNodeSpans(block.entry.key, spans);
  if (block.entry.value) collectNodeSpans(block.entry.value, spans);
  spans.add(block.entry.span);
  if (block.cfn.value) collectValueSpans(block.cfn.value, spans);
  collectResourceSpans(block.resource, spans);
  return [...spans];
}

function collectNodeSpans(node: SourceNode, out: Set<MovableSpan>): void {
  out.add(node.span);
  if (node.tag) out.add(node.tag.span);
  switch (node.kind) {
    case 'scalar':
      out.add(node.valueSpan);
      return;
    case 'map':
      for (const e of node.entries) {
        out.add(e.span);
        collectNodeSpans(e.key, out);
        if (e.value) collectNodeSpans(e.value, out);
      }
      return;
    case 'seq':
      for (const i of node.items) collectNodeSpans(i, out);
  }
}

function collectValueSpans(v: CfnValue, out: Set<MovableSpan>): void {
  out.add(v.span);
  switch (v.kind) {
    case 'map':
      for (const e of v.entries) if (e.value) collectValueSpans(e.value, out);
      return;
    case 'list':
      for (const i of v.items) collectValueSpans(i, out);
      return;
    case 'intrinsic':
      out.add(v.nameSpan);
      if (v.arg) collectValueSpans(v.arg, out);
  }
}

function collectResourceSpans(r: Resource, out: Set<MovableSpan>): void {
  out.add(r.keySpan);
  out.add(r.span);
  if (r.typeSpan) out.add(r.typeSpan);
  for (const d of r.dependsOn) out.add(d.span);
}

interface Skeleton {
  readonly root: MapNode;
  /** Index of the Resources entry in root.entries. */
  readonly index: number;
  readonly nodes: number;
}

/** Everything but the resource entries, parsed as one document, offsets moved back to their place in `text`. */
function parseSkeleton(text: string, layout: ResourceLayout): Skeleton | undefined {
  const skeletonText = text.slice(0, layout.headEnd) + text.slice(layout.tailStart);
  const result = layout.format === 'json' ? parseJson(skeletonText, 0) : parseYaml(skeletonText, 0);
  const root = result.root;
  if (result.problems.length > 0 || !root || root.kind !== 'map' || root.tag || root.flow !== (layout.format === 'json')) return undefined;
  const size = measure(root);
  if (size.depth >= SAFE_DEPTH) return undefined;
  const index = root.entries.findIndex((e) => e.key.value === 'Resources');
  const entry = root.entries[index];
  if (!entry || entry.key.span.end > layout.headEnd || root.entries.some((e, i) => i !== index && String(e.key.value) === 'Resources')) return undefined;
  const v = entry.value;
  if (layout.format === 'yaml' ? !(v === undefined || (v.kind === 'scalar' && v.value === null && !v.tag && v.style === 'plain')) : !(v?.kind === 'map' && v.entries.length === 0 && !v.tag)) return undefined;
  const shifted = shiftNode(root, layout.headEnd, layout.tailStart - layout.headEnd) as MapNode;
  return { root: shifted, index, nodes: size.nodes };
}

/** Comment lines at the end of a block, one of them indented. */
const INDENTED_TRAILING_COMMENT = /\n[ \t]+#[^\n]*(?:\n[ \t\r]*(?:#[^\n]*)?)*$/;

/** A block parsed on its own, with the offsets it has in the document. */
interface BlockParse {
  readonly entry: MapEntry;
  readonly nodes: number;
}

/** Parses one resource block found at `start`; undefined unless it is exactly one entry with the expected key and no problem at all. */
function parseBlock(blockText: string, start: number, logicalId: string, format: 'yaml' | 'json', last: boolean): BlockParse | undefined {
  let root: SourceNode | undefined;
  if (format === 'json') {
    // `"Id": {...},` becomes `{"Id": {...} }` (same length, so offsets stay exact after removing the `{`).
    const m = /,(\s*)$/.exec(blockText);
    if (Boolean(m) === last) return undefined; // inner blocks end with the separating comma, the last one without
    const body = m ? `${blockText.slice(0, m.index)} ${m[1] ?? ''}` : blockText;
    const result = parseJson(`{${body}}`, start - 1);
    if (result.problems.length > 0) return undefined;
    root = result.root;
  } else {
    // Parse a copy: values sliced from `blockText` would otherwise keep the whole document version alive.
    const result = parseYaml(JSON.parse(JSON.stringify(blockText)) as string, start);
    if (result.problems.length > 0) return undefined;
    root = result.root;
    if (root?.kind === 'map' && root.flow) return undefined;
  }
  if (!root || root.kind !== 'map' || root.tag || root.entries.length !== 1) return undefined;
  const entry = root.entries[0] as MapEntry;
  if (entry.key.value !== logicalId || entry.key.tag || (format === 'yaml' && entry.key.style !== 'plain')) return undefined;
  // yaml counts some comments after the last resource into the ranges of the Resources mapping and of the document
  // (a comment after an empty value, an indented comment): spans assembled from the entries would end before them.
  if (format === 'yaml' && last && (root.span.end !== entry.span.end || INDENTED_TRAILING_COMMENT.test(blockText))) return undefined;
  const size = measure(root);
  // The block's root stands for the Resources mapping (depth 1 of the document), so depths are one less than in it.
  if (size.depth + 1 >= SAFE_DEPTH) return undefined;
  return { entry, nodes: size.nodes };
}

function measure(node: SourceNode, depth = 0): { nodes: number; depth: number } {
  let nodes = 1;
  let max = depth;
  const children = node.kind === 'map' ? node.entries.flatMap((e) => (e.value ? [e.key, e.value] : [e.key])) : node.kind === 'seq' ? node.items : [];
  for (const c of children) {
    const m = measure(c, depth + 1);
    nodes += m.nodes;
    max = Math.max(max, m.depth);
  }
  return { nodes, depth: max };
}

/** The document's root node and CloudFormation value, with the Resources mapping holding the block entries. */
function assemble(skeleton: Skeleton, entries: MapEntry[], cfnEntries: CfnEntry[], format: 'yaml' | 'json'): { root: MapNode; cfnRoot: CfnMap } {
  const old = skeleton.root.entries[skeleton.index] as MapEntry;
  const first = entries[0] as MapEntry;
  const lastEntry = entries[entries.length - 1] as MapEntry;
  const resourcesMap: MapNode =
    format === 'json' && old.value?.kind === 'map'
      ? { ...old.value, entries }
      : { kind: 'map', entries, flow: false, span: { start: first.span.start, end: lastEntry.span.end } };
  const resourcesEntry: MapEntry = { key: old.key, value: resourcesMap, span: { start: old.key.span.start, end: resourcesMap.span.end } };
  const rootEntries = skeleton.root.entries.map((e, i) => (i === skeleton.index ? resourcesEntry : e));
  const lastRoot = rootEntries[rootEntries.length - 1] as MapEntry;
  // YAML: when Resources is the last top-level key the skeleton's root ends at its key line, so the root ends with the
  // last resource; otherwise the skeleton's root already ends where the document's does (after the tail's last entry
  // and any comments yaml counts in).
  const resourcesLast = skeleton.index === rootEntries.length - 1;
  const root: MapNode =
    format === 'json' ? { ...skeleton.root, entries: rootEntries } : { ...skeleton.root, entries: rootEntries, span: { start: skeleton.root.span.start, end: resourcesLast ? lastRoot.span.end : skeleton.root.span.end } };
  const resourcesCfn: CfnMap = { kind: 'map', node: resourcesMap, span: resourcesMap.span, entries: cfnEntries };
  const cfnRoot: CfnMap = {
    kind: 'map',
    node: root,
    span: root.span,
    entries: rootEntries.map((e, i) => ({ key: String(e.key.value), keyNode: e.key, value: i === skeleton.index ? resourcesCfn : e.value ? toCfnValue(e.value) : undefined })),
  };
  return { root, cfnRoot };
}
