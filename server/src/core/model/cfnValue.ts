// CloudFormation values: the SourceNode tree with intrinsic functions normalised once (`!Ref X` ≡ `{Ref: X}`, …). Pure.
import type { MapNode, ScalarNode, SeqNode, SourceNode } from '../sourceNode';
import { follow, type Anchored, type MovableSpan, type Span } from '../span';
import { CFN_FUNCTION_KEYS, CFN_TAG_TO_FUNCTION } from '../parse/cfnTags';
import { scalarSourceMap } from '../parse/scalarMap';

export interface CfnScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly node: ScalarNode;
  readonly span: Span;
}

export interface CfnEntry {
  readonly key: string;
  readonly keyNode: ScalarNode;
  readonly value: CfnValue | undefined;
}

export interface CfnMap {
  readonly kind: 'map';
  readonly entries: readonly CfnEntry[];
  readonly node: MapNode;
  readonly span: Span;
}

export interface CfnList {
  readonly kind: 'list';
  readonly items: readonly CfnValue[];
  readonly node: SeqNode;
  readonly span: Span;
}

export interface CfnIntrinsic {
  readonly kind: 'intrinsic';
  /** Long-form name: `Ref`, `Condition`, `Fn::Sub`, `Fn::GetAtt`, … */
  readonly fn: string;
  readonly form: 'short' | 'long';
  /** The tag (`!Sub`) or the key (`Fn::Sub`). */
  readonly nameSpan: Span;
  readonly arg: CfnValue | undefined;
  readonly node: SourceNode;
  readonly span: Span;
}

export type CfnValue = CfnScalar | CfnMap | CfnList | CfnIntrinsic;

/** Converts a SourceNode tree, normalising intrinsics. */
export function toCfnValue(node: SourceNode): CfnValue {
  if (node.tag) {
    const fn = CFN_TAG_TO_FUNCTION.get(node.tag.name);
    // The argument of a short form may itself be a long form: `!ImportValue {Fn::Sub: …}`.
    if (fn) return { kind: 'intrinsic', fn, form: 'short', nameSpan: node.tag.span, arg: untagged(node), node, span: { start: node.tag.span.start, end: node.span.end } };
  }
  return untagged(node);
}

/** The value of a node read without its tag: a long-form intrinsic (`{Fn::Sub: …}`) or a plain value. */
function untagged(node: SourceNode): CfnValue {
  const plain = toPlain(node);
  if (plain.kind === 'map' && plain.entries.length === 1) {
    const only = plain.entries[0];
    if (only && CFN_FUNCTION_KEYS.has(only.key)) {
      return { kind: 'intrinsic', fn: only.key, form: 'long', nameSpan: only.keyNode.span, arg: only.value, node, span: node.span };
    }
  }
  return plain;
}

function toPlain(node: SourceNode): CfnScalar | CfnMap | CfnList {
  switch (node.kind) {
    case 'scalar':
      return { kind: 'scalar', value: node.value, node, span: node.span };
    case 'map':
      return {
        kind: 'map',
        node,
        span: node.span,
        entries: node.entries.map((e) => ({ key: internKey(String(e.key.value)), keyNode: e.key, value: e.value ? toCfnValue(e.value) : undefined })),
      };
    case 'seq':
      return { kind: 'list', node, span: node.span, items: node.items.map(toCfnValue) };
  }
}

/**
 * Map keys are shared strings: every parse makes new strings, and `===` compares two strings character by character
 * unless both know their hash (a Map lookup computes it). getProp and getEntry compare keys on every analysis.
 */
const KEYS = new Map<string, string>();
const KEYS_LIMIT = 50_000;

function internKey(key: string): string {
  const known = KEYS.get(key);
  if (known !== undefined) return known;
  if (KEYS.size >= KEYS_LIMIT) KEYS.clear();
  KEYS.set(key, key);
  return key;
}

export function getProp(map: CfnMap | undefined, key: string): CfnValue | undefined {
  if (!map) return undefined;
  for (const e of map.entries) if (e.key === key) return e.value;
  return undefined;
}

export function getEntry(map: CfnMap | undefined, key: string): CfnEntry | undefined {
  if (!map) return undefined;
  for (const e of map.entries) if (e.key === key) return e;
  return undefined;
}

/** The literal string of a scalar (numbers and booleans stringified as CloudFormation does), else undefined. */
export function scalarString(v: CfnValue | undefined): string | undefined {
  if (!v || v.kind !== 'scalar' || v.value === null) return undefined;
  return String(v.value);
}

export function asMap(v: CfnValue | undefined): CfnMap | undefined {
  return v?.kind === 'map' ? v : undefined;
}

/** A reference to another logical id made by Ref, GetAtt or a Sub variable. */
export interface LogicalRef {
  readonly logicalId: string;
  readonly attribute?: string;
  readonly via: 'Ref' | 'GetAtt' | 'Sub';
  /** Span of the logical id text itself (for go-to-definition and precise diagnostics). */
  readonly span: Span;
}

/** One piece of a string built by Sub or Join: literal text or a reference. */
export type StringPart =
  | { readonly kind: 'literal'; readonly text: string; readonly span: Span }
  | { readonly kind: 'ref'; readonly ref: LogicalRef; readonly span: Span }
  | { readonly kind: 'opaque'; readonly span: Span };

/** The logical id a Ref / GetAtt (or a Sub that is exactly `${X}` / `${X.Attr}`) points to. */
export function directRef(v: CfnValue | undefined, text: string): LogicalRef | undefined {
  if (!v || v.kind !== 'intrinsic') return undefined;
  if (v.fn === 'Ref') {
    const a = v.arg;
    if (a?.kind === 'scalar' && typeof a.value === 'string') return { logicalId: a.value, via: 'Ref', span: a.node.valueSpan };
    return undefined;
  }
  if (v.fn === 'Fn::GetAtt') return getAttRef(v, text);
  if (v.fn === 'Fn::Sub') {
    const parts = subParts(v, text);
    if (parts && parts.length === 1 && parts[0]?.kind === 'ref') return parts[0].ref;
  }
  return undefined;
}

export function getAttRef(v: CfnIntrinsic, text: string): LogicalRef | undefined {
  const a = v.arg;
  if (a?.kind === 'scalar' && typeof a.value === 'string') {
    const dot = a.value.indexOf('.');
    const id = dot < 0 ? a.value : a.value.slice(0, dot);
    const attribute = dot < 0 ? undefined : a.value.slice(dot + 1);
    const map = scalarSourceMap(text, a.node);
    const end = map?.[id.length] ?? a.node.valueSpan.end;
    return { logicalId: id, ...(attribute !== undefined ? { attribute } : {}), via: 'GetAtt', span: { start: a.node.valueSpan.start, end } };
  }
  if (a?.kind === 'list') {
    const [first, second] = a.items;
    if (first?.kind === 'scalar' && typeof first.value === 'string') {
      const attribute = second?.kind === 'scalar' && second.value !== null ? String(second.value) : undefined;
      return { logicalId: first.value, ...(attribute !== undefined ? { attribute } : {}), via: 'GetAtt', span: first.node.valueSpan };
    }
  }
  return undefined;
}

/** The template string of a Fn::Sub and its variable map (the two-element list form). */
export function subTemplate(v: CfnIntrinsic): { template: CfnScalar | undefined; vars: CfnMap | undefined } {
  const a = v.arg;
  if (a?.kind === 'scalar') return { template: a, vars: undefined };
  if (a?.kind === 'list') {
    const [t, m] = a.items;
    return { template: t?.kind === 'scalar' ? t : undefined, vars: m?.kind === 'map' ? m : undefined };
  }
  return { template: undefined, vars: undefined };
}

/**
 * Splits a Fn::Sub template into literal text and `${X}` / `${X.Attr}` references (`${!x}` is the literal `${x}`).
 * Names bound in the Sub's variable map are reported as opaque parts unless the bound value is itself a direct ref.
 */
export function subParts(v: CfnIntrinsic, text: string): StringPart[] | undefined {
  // Several checks and the graph split the same Sub, so its parts are memoised per value. The incremental model
  // re-uses a value whose text did not change and moves it in place when text before it changes: the parts remember
  // where the value started and their spans (all of them their own objects) are moved along when asked for elsewhere.
  const known = subPartsMemo.get(v);
  if (known) {
    follow(known, v.span.start);
    return known.parts;
  }
  const parts = computeSubParts(v, text);
  const spans = new Set<MovableSpan>();
  for (const p of parts ?? []) {
    spans.add(p.span);
    if (p.kind === 'ref') spans.add(p.ref.span);
  }
  subPartsMemo.set(v, { at: v.span.start, parts, spans: [...spans] });
  return parts;
}

/** subParts per Fn::Sub value, where the value started when they were computed, and the parts' span objects. */
const subPartsMemo = new WeakMap<CfnIntrinsic, Anchored & { readonly parts: StringPart[] | undefined }>();

function computeSubParts(v: CfnIntrinsic, text: string): StringPart[] | undefined {
  const { template, vars } = subTemplate(v);
  if (!template || typeof template.value !== 'string') return undefined;
  const s = template.value;
  const map = scalarSourceMap(text, template.node);
  const at = (i: number): number => map?.[i] ?? template.node.valueSpan.start;
  const whole = template.node.valueSpan;
  // Every span is a new object: subParts moves them when the value moves (see there).
  const spanOf = (a: number, b: number): Span => (map ? { start: at(a), end: at(b) } : { start: whole.start, end: whole.end });
  const parts: StringPart[] = [];
  let lit = '';
  let litStart = 0;
  let i = 0;
  const flush = (upTo: number) => {
    if (lit) parts.push({ kind: 'literal', text: lit, span: spanOf(litStart, upTo) });
    lit = '';
  };
  while (i < s.length) {
    if (s[i] === '$' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close < 0) break;
      const inner = s.slice(i + 2, close);
      if (inner.startsWith('!')) {
        if (!lit) litStart = i;
        lit += '${' + inner.slice(1) + '}';
        i = close + 1;
        continue;
      }
      flush(i);
      const name = inner.trim();
      const bound = vars?.entries.find((e) => e.key === name);
      if (bound) {
        const r = directRef(bound.value, text);
        parts.push(r ? { kind: 'ref', ref: { ...r, span: { start: r.span.start, end: r.span.end } }, span: spanOf(i, close + 1) } : { kind: 'opaque', span: spanOf(i, close + 1) });
      } else if (name.startsWith('AWS::')) {
        parts.push({ kind: 'opaque', span: spanOf(i, close + 1) });
      } else {
        const dot = name.indexOf('.');
        const id = dot < 0 ? name : name.slice(0, dot);
        const attribute = dot < 0 ? undefined : name.slice(dot + 1);
        const idStart = i + 2 + (inner.length - inner.trimStart().length);
        parts.push({ kind: 'ref', ref: { logicalId: id, ...(attribute !== undefined ? { attribute } : {}), via: 'Sub', span: spanOf(idStart, idStart + id.length) }, span: spanOf(i, close + 1) });
      }
      i = close + 1;
      litStart = i;
      continue;
    }
    if (!lit) litStart = i;
    lit += s[i];
    i++;
  }
  if (i < s.length) {
    if (!lit) litStart = i;
    lit += s.slice(i);
  }
  flush(s.length);
  return parts;
}

/**
 * Evaluates a value to string parts where it is built statically: scalars, Fn::Sub, Fn::Join with a literal
 * delimiter, Ref/GetAtt (one ref part). Anything else becomes an opaque part.
 */
export function stringParts(v: CfnValue | undefined, text: string, depth = 0): StringPart[] {
  if (!v) return [];
  if (depth > 20) return [{ kind: 'opaque', span: v.span }];
  if (v.kind === 'scalar') return v.value === null ? [] : [{ kind: 'literal', text: String(v.value), span: v.node.valueSpan }];
  if (v.kind === 'intrinsic') {
    if (v.fn === 'Ref' || v.fn === 'Fn::GetAtt') {
      const r = directRef(v, text);
      return r ? [{ kind: 'ref', ref: r, span: v.span }] : [{ kind: 'opaque', span: v.span }];
    }
    if (v.fn === 'Fn::Sub') return subParts(v, text) ?? [{ kind: 'opaque', span: v.span }];
    if (v.fn === 'Fn::Join' && v.arg?.kind === 'list') {
      const [delim, list] = v.arg.items;
      const d = delim?.kind === 'scalar' ? String(delim.value ?? '') : undefined;
      if (d === undefined || list?.kind !== 'list') return [{ kind: 'opaque', span: v.span }];
      const out: StringPart[] = [];
      list.items.forEach((item, idx) => {
        if (idx > 0 && d) out.push({ kind: 'literal', text: d, span: delim?.span ?? v.span });
        out.push(...stringParts(item, text, depth + 1));
      });
      return out;
    }
  }
  return [{ kind: 'opaque', span: v.span }];
}

/** Concatenates adjacent literal parts. */
export function mergeLiterals(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'literal' && last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + p.text, span: { start: last.span.start, end: p.span.end } };
    else out.push(p);
  }
  return out;
}

/** Every reference made anywhere inside a value (Ref, GetAtt, Sub variables), for navigation and dangling-ref checks. */
export function collectRefs(v: CfnValue | undefined, text: string, out: LogicalRef[] = [], depth = 0): LogicalRef[] {
  if (!v || depth > 200) return out;
  if (v.kind === 'intrinsic') {
    if (v.fn === 'Ref' || v.fn === 'Fn::GetAtt') {
      const r = directRef(v, text);
      if (r) out.push(r);
      return out;
    }
    if (v.fn === 'Fn::Sub') {
      for (const p of subParts(v, text) ?? []) if (p.kind === 'ref' && p.ref.via === 'Sub') out.push(p.ref);
      const { vars } = subTemplate(v);
      if (vars) for (const e of vars.entries) collectRefs(e.value, text, out, depth + 1);
      return out;
    }
    return collectRefs(v.arg, text, out, depth + 1);
  }
  if (v.kind === 'map') for (const e of v.entries) collectRefs(e.value, text, out, depth + 1);
  if (v.kind === 'list') for (const i of v.items) collectRefs(i, text, out, depth + 1);
  return out;
}
