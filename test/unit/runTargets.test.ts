// Unit tests of run targets (where the Run Route lenses go) and of the first inputs of a run (sample message, stages, backend stub).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core';
import { listRunTargets, messageFor, runDefaults } from '../../server/src/core/runTargets';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'runTargets');
const read = (p: string) => readFileSync(resolve(DIR, p), 'utf8');

describe('listRunTargets + runDefaults', () => {
  const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json') && f !== 'messages.json');
  it('finds its fixtures', () => assert.ok(files.length > 0, `no fixtures in ${DIR}`));
  for (const file of files) {
    it(`finds the targets of ${file} with their defaults`, () => {
      const text = read(file);
      const model = buildTemplateModel(text, file.endsWith('.json') ? 'json' : 'yaml');
      const got = listRunTargets(model).map((t) => ({
        line: text.slice(0, t.span.start).split('\n').length,
        text: text.slice(t.span.start, t.span.end),
        kind: t.kind,
        apiId: t.apiId,
        protocol: t.protocol,
        routeId: t.routeId ?? null,
        routeKey: t.routeKey ?? null,
        defaults: JSON.parse(JSON.stringify(runDefaults(model, t.apiId, t.routeId) ?? null)) as unknown,
      }));
      assert.deepEqual(got, JSON.parse(read(file.replace(/\.(ya?ml|json)$/, '.expected.json'))));
    });
  }

  it('has no defaults for unknown ids and no targets in a non-template', () => {
    const model = buildTemplateModel(read('mixed.yaml'), 'yaml');
    assert.deepEqual([runDefaults(model, 'Nope', undefined), runDefaults(model, 'ChatApi', 'Nope'), runDefaults(model, 'ChatApi', 'GetPet')], [undefined, undefined, undefined]);
    assert.deepEqual(listRunTargets(buildTemplateModel('services:\n  web: {}\n', 'yaml')), []);
  });
});

describe('messageFor', () => {
  const { cases } = JSON.parse(read('messages.json')) as { cases: { expression: string; routeKey: string; message: string; note: string | null }[] };
  it('derives a message that selects the route key', () => {
    assert.deepEqual(
      cases.map((c) => {
        const r = messageFor(c.expression, c.routeKey);
        return { ...c, message: r.message, note: r.note ?? null };
      }),
      cases,
    );
  });
});
