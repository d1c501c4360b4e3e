// Data-driven tests of the parse/model foundation: every template under test/fixtures/parse with its `.expect.yaml` sidecar —
// exact value↔source offsets of every string scalar (LF and CRLF), decoded values, marked spans, intrinsic normalisation,
// Sub/Join parts, references, template recognition and the ApiGatewayV2 graph.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { buildTemplateModel, runChecks, type TemplateModel } from '../../server/src/core/index';
import { toCfnValue, collectRefs, stringParts, mergeLiterals, type CfnValue } from '../../server/src/core/model/cfnValue';
import { scalarSourceMap, sourceOffsetToValue } from '../../server/src/core/parse/scalarMap';
import { spanInScalar } from '../../server/src/core/checks/util';
import type { ScalarNode, SourceNode } from '../../server/src/core/sourceNode';
import { toCrlf } from '../support/annotations';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'parse');

interface Expect {
  isTemplate?: boolean;
  syntaxErrors?: number;
  /** Every parse problem, in order: its message and the exact document text under its span. */
  syntax?: { message: string; source: string }[];
  /** path → decoded value. */
  values?: Record<string, string | number | boolean | null>;
  /** path → scalar style. */
  styles?: Record<string, string>;
  /** A substring of a scalar's value (its `nth` occurrence, default 1) maps to exactly `source` in the document. */
  marks?: { path: string; find: string; nth?: number; source: string }[];
  /** Scalars whose offsets cannot be mapped (the checks then fall back to the whole value). */
  unmappable?: string[];
  /** path → long-form function name and form of the intrinsic there. */
  intrinsics?: Record<string, { fn: string; form: 'short' | 'long' }>;
  /** Pairs of paths whose normalised values are identical (`!Ref X` ≡ `{Ref: X}`). */
  same?: [string, string][];
  /** path → references (`Id` or `Id.Attr`, with `via`) found in the value; each ref's span holds exactly the id. */
  refs?: Record<string, string[]>;
  /** path → string parts (`lit:text`, `ref:Id[.Attr]`, `opaque`) of a Sub/Join/scalar value. */
  parts?: Record<string, string[]>;
  /** Logical id → expected graph node facts. */
  graph?: Record<string, Record<string, unknown>>;
}

/** Walks `a/b/0/c` through the source tree (map keys, sequence indices). */
function nodeAt(root: SourceNode | undefined, path: string): SourceNode | undefined {
  let n = root;
  for (const step of path.split('/')) {
    if (!n) return undefined;
    if (n.kind === 'map') n = n.entries.find((e) => String(e.key.value) === step)?.value;
    else if (n.kind === 'seq') n = n.items[Number(step)];
    else return undefined;
  }
  return n;
}

function scalarAt(model: TemplateModel, path: string): ScalarNode {
  const n = nodeAt(model.source.root, path);
  assert.ok(n?.kind === 'scalar', `${path} is a scalar`);
  return n;
}

function valueAt(model: TemplateModel, path: string): CfnValue {
  const n = nodeAt(model.source.root, path);
  assert.ok(n, `${path} exists`);
  return toCfnValue(n);
}

/** A value with forms and positions erased: what "the same intrinsic" means. */
function shape(v: CfnValue | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'list':
      return v.items.map(shape);
    case 'map':
      return Object.fromEntries(v.entries.map((e) => [e.key, shape(e.value)]));
    case 'intrinsic':
      return { [v.fn]: shape(v.arg) };
  }
}

function allScalars(n: SourceNode | undefined, path: string, out: [string, ScalarNode][] = []): [string, ScalarNode][] {
  if (!n) return out;
  if (n.kind === 'scalar') out.push([path, n]);
  else if (n.kind === 'map') for (const e of n.entries) allScalars(e.value, path ? `${path}/${String(e.key.value)}` : String(e.key.value), out);
  else n.items.forEach((item, i) => allScalars(item, `${path}/${i}`, out));
  return out;
}

/** Which source characters may stand for value character `c` at `at`. */
function plausible(text: string, node: ScalarNode, at: number, c: string): boolean {
  const s = text[at];
  if (s === c) return true;
  if ((node.style === 'double' || node.style === 'json') && s === '\\') return true;
  if ((c === ' ' || c === '\n') && (s === '\n' || s === '\r')) return true;
  return false;
}

/** Every string scalar of a document maps offsets exactly, both ways. */
function checkScalarMaps(model: TemplateModel, unmappable: ReadonlySet<string>): void {
  for (const [path, node] of allScalars(model.source.root, '')) {
    if (typeof node.value !== 'string') continue;
    const map = scalarSourceMap(model.text, node);
    if (unmappable.has(path)) {
      assert.equal(map, undefined, `${path} is declared unmappable`);
      continue;
    }
    assert.ok(map, `${path} (${node.style}) maps value offsets to the source`);
    assert.equal(map.length, node.value.length + 1, `${path}: one entry per UTF-16 unit plus the end`);
    for (let i = 0; i < node.value.length; i++) {
      const at: number = map[i] ?? -1;
      // Final line breaks (clip and keep chomping) map to the breaks after the node's trimmed span.
      const end = node.value[i] === '\n' ? model.text.length : Math.max(node.valueSpan.end, node.span.end);
      assert.ok(at >= node.valueSpan.start && at < end, `${path}[${i}] lies inside the scalar`);
      assert.ok(plausible(model.text, node, at, node.value[i] ?? ''), `${path}[${i}] ${JSON.stringify(node.value[i])} maps to ${JSON.stringify(model.text[at])}`);
      if (i > 0) assert.ok(at >= (map[i - 1] ?? 0), `${path}: offsets never go backwards`);
      if (at !== map[i - 1] && at !== map[i + 1] && model.text[at] === node.value[i]) assert.equal(sourceOffsetToValue(map, at), i, `${path}[${i}] maps back`);
    }
  }
}

function checkGraph(model: TemplateModel, graph: Record<string, Record<string, unknown>>): void {
  const ids = (xs: readonly { logicalId: string }[] | undefined) => xs?.map((x) => x.logicalId).sort();
  for (const [id, want] of Object.entries(graph)) {
    const n = model.apigw.byLogicalId.get(id);
    if (want['absent']) {
      assert.equal(n, undefined, `${id} is not in the graph`);
      continue;
    }
    assert.ok(n, `${id} is in the graph`);
    const rec = n as unknown as Record<string, unknown>;
    const got: Record<string, unknown> = {};
    for (const key of Object.keys(want)) {
      const v = rec[key];
      if (Array.isArray(v)) got[key] = ids(v as { logicalId: string }[]);
      else if (v && typeof v === 'object' && 'logicalId' in v) got[key] = (v as { logicalId: string }).logicalId;
      else if (v && typeof v === 'object' && 'status' in v) got[key] = (v as { status: string }).status;
      else if (v && typeof v === 'object' && 'wellFormed' in v) got[key] = (v as { wellFormed: boolean; link?: { target?: { logicalId: string } } }).link?.target?.logicalId ?? `malformed:${String((v as { wellFormed: boolean }).wellFormed)}`;
      else got[key] = v ?? null;
    }
    const expected = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
    assert.deepEqual(got, expected, `graph node ${id}`);
  }
}

function runExpectations(model: TemplateModel, e: Expect): void {
  if (e.isTemplate !== undefined) assert.equal(model.isTemplate, e.isTemplate, 'template recognition');
  if (!model.isTemplate) assert.deepEqual(runChecks(model).problems, [], 'a file that is not a template gets no diagnostics');
  if (e.syntaxErrors !== undefined) assert.equal(model.source.problems.filter((p) => p.severity === 'error').length, e.syntaxErrors, `syntax errors: ${JSON.stringify(model.source.problems)}`);
  if (e.syntax) assert.deepEqual(model.source.problems.map((p) => ({ message: p.message, source: model.text.slice(p.span.start, p.span.end) })), e.syntax, 'parse problems');
  checkScalarMaps(model, new Set(e.unmappable ?? []));
  for (const [path, value] of Object.entries(e.values ?? {})) assert.equal(scalarAt(model, path).value, value, `value of ${path}`);
  for (const [path, style] of Object.entries(e.styles ?? {})) assert.equal(scalarAt(model, path).style, style, `style of ${path}`);
  for (const m of e.marks ?? []) {
    const node = scalarAt(model, m.path);
    const value = String(node.value);
    let at = -1;
    for (let k = 0; k < (m.nth ?? 1); k++) at = value.indexOf(m.find, at + 1);
    assert.ok(at >= 0, `"${m.find}" occurs in ${m.path}: ${JSON.stringify(value)}`);
    const span = spanInScalar(model.text, node, at, at + m.find.length);
    assert.equal(model.text.slice(span.start, span.end).replace(/\r\n/g, '\n'), m.source, `source of "${m.find}" in ${m.path}`);
  }
  for (const [path, want] of Object.entries(e.intrinsics ?? {})) {
    const v = valueAt(model, path);
    assert.ok(v.kind === 'intrinsic', `${path} is an intrinsic`);
    assert.deepEqual({ fn: v.fn, form: v.form }, want, `intrinsic at ${path}`);
    // A long form's name span is its key node, quotes included.
    assert.equal(model.text.slice(v.nameSpan.start, v.nameSpan.end).replace(/^(["'])(.*)\1$/, '$2'), want.form === 'short' ? `!${want.fn.replace(/^Fn::/, '')}` : want.fn, `name span of ${path}`);
  }
  for (const [a, b] of e.same ?? []) assert.deepEqual(shape(valueAt(model, a)), shape(valueAt(model, b)), `${a} ≡ ${b}`);
  for (const [path, want] of Object.entries(e.refs ?? {})) {
    const refs = collectRefs(valueAt(model, path), model.text);
    assert.deepEqual(refs.map((r) => `${r.logicalId}${r.attribute !== undefined ? `.${r.attribute}` : ''} via ${r.via}`), want, `refs of ${path}`);
    for (const r of refs) assert.equal(model.text.slice(r.span.start, r.span.end), r.logicalId, `span of ref ${r.logicalId} in ${path}`);
  }
  for (const [path, want] of Object.entries(e.parts ?? {})) {
    const parts = mergeLiterals(stringParts(valueAt(model, path), model.text));
    assert.deepEqual(parts.map((p) => (p.kind === 'literal' ? `lit:${p.text}` : p.kind === 'ref' ? `ref:${p.ref.logicalId}${p.ref.attribute !== undefined ? `.${p.ref.attribute}` : ''}` : 'opaque')), want, `parts of ${path}`);
  }
  if (e.graph) checkGraph(model, e.graph);
}

const fixtures = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expect.yaml')).sort();

describe('parse: fixtures', () => {
  it('finds fixtures with expectations', () => {
    assert.ok(fixtures.length >= 5, `fixtures in ${DIR}`);
    for (const f of fixtures) assert.ok(existsSync(join(DIR, f.replace(/\.(ya?ml|json)$/, '.expect.yaml'))), `${f} has an .expect.yaml sidecar`);
  });
  for (const file of fixtures) {
    const text = readFileSync(join(DIR, file), 'utf8');
    const expect = (parse(readFileSync(join(DIR, file.replace(/\.(ya?ml|json)$/, '.expect.yaml')), 'utf8')) ?? {}) as Expect;
    const json = file.endsWith('.json');
    const variants: [string, string][] = json ? [['as written', text]] : [['LF', text], ['CRLF', toCrlf(text)]];
    for (const [variant, t] of variants) {
      it(`${file} (${variant})`, () => runExpectations(buildTemplateModel(t, json ? 'json' : undefined), expect));
    }
  }
});
