// analyzeVtl: data-driven from test/fixtures/vtl/analyze/*.yaml; problems (and references/directives when the fixture
// gives them) are compared whole.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { analyzeVtl } from '../../server/src/core/vtl';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'vtl', 'analyze');

interface AnalyzeCase {
  name: string;
  template: string;
  expected: { problems: unknown; references?: unknown; directives?: unknown };
}

const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
it('finds its fixture files', () => assert.ok(FILES.length > 0, `no fixtures in ${DIR}`));

for (const file of FILES) {
  const cases = parse(readFileSync(resolve(DIR, file), 'utf8')) as AnalyzeCase[];
  describe(`analyzeVtl: ${file}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const a = structuredClone(analyzeVtl(c.template));
        const got: Record<string, unknown> = { problems: a.problems };
        if (c.expected.references !== undefined) got['references'] = a.references;
        if (c.expected.directives !== undefined) got['directives'] = a.directives;
        assert.deepStrictEqual(got, c.expected);
      });
    }
  });
}
