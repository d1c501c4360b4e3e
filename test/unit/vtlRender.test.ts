// renderTemplate: data-driven from test/fixtures/vtl/render/*.yaml; each case compares the whole VtlRenderResult.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { renderTemplate, type VtlInput, type VtlLimits } from '../../server/src/core/vtl';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'vtl', 'render');

interface RenderCase {
  name: string;
  template: string;
  input?: Partial<VtlInput>;
  limits?: VtlLimits;
  expected: unknown;
}

const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
it('finds its fixture files', () => assert.ok(FILES.length > 0, `no fixtures in ${DIR}`));

for (const file of FILES) {
  const cases = parse(readFileSync(resolve(DIR, file), 'utf8')) as RenderCase[];
  describe(`renderTemplate: ${file}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const input: VtlInput = { body: '', context: {}, stageVariables: {}, ...c.input };
        const result = renderTemplate(c.template, input, c.limits);
        // Spans are plain objects; compare the structured-clone form (what crosses the worker boundary).
        assert.deepStrictEqual(structuredClone(result), c.expected);
      });
    }
  });
}

describe('renderTemplate: caching and purity', () => {
  it('renders the same source twice with different inputs independently', () => {
    const t = "#set($x = $input.path('$.a'))$x";
    assert.deepStrictEqual(renderTemplate(t, { body: '{"a":1}', context: {}, stageVariables: {} }), { output: '1', notes: [] });
    assert.deepStrictEqual(renderTemplate(t, { body: '{"a":2}', context: {}, stageVariables: {} }), { output: '2', notes: [] });
  });

  it('does not mutate the frozen context it is given', () => {
    const context = Object.freeze({ m: Object.freeze({ a: 'x' }) });
    const r = renderTemplate('#set($d = $context.m.put("b", "y"))$context.m', { body: '', context, stageVariables: {} });
    assert.deepStrictEqual(r, { output: '{a=x, b=y}', notes: [] });
    assert.deepStrictEqual(context, { m: { a: 'x' } });
  });

  it('never throws on malformed input objects', () => {
    const bad = { body: 42, context: null, stageVariables: 'x', params: { header: { a: 1, b: 'B' } } } as unknown as VtlInput;
    assert.deepStrictEqual(renderTemplate("[$input.body][$context][$stageVariables][$input.params('b')][$input.params('a')]", bad), {
      output: '[{}][{}][{}][B][]',
      notes: [],
    });
  });
});
