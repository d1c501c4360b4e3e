// Unit tests of saving a scenario into a scenarios file: exact resulting text for new, appended, replaced and odd-layout files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenarios, scenariosPathFor, upsertScenario, type Scenario } from '../../server/src/core/scenarios';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'scenarios', 'edit');
const read = (p: string) => readFileSync(resolve(DIR, p), 'utf8');

interface EditCase {
  name: string;
  before: string | null;
  scenario: string;
  template: string;
  after?: string;
  replaced?: boolean;
  error?: string;
}
const manifest = JSON.parse(read('cases.json')) as { scenarios: Record<string, Scenario>; cases: EditCase[] };

describe('upsertScenario', () => {
  for (const c of manifest.cases) {
    it(c.name, () => {
      const scenario = manifest.scenarios[c.scenario];
      assert.ok(scenario, `unknown scenario ${c.scenario}`);
      const before = c.before === null ? undefined : read(c.before);
      const result = upsertScenario(before, scenario, c.template);
      if (c.error !== undefined) {
        assert.equal(result.ok, false);
        assert.ok(!result.ok && result.message.startsWith(c.error), !result.ok ? result.message : '');
        return;
      }
      assert.ok(c.after);
      assert.deepEqual(result, { ok: true, text: read(c.after), replaced: c.replaced });
      // The saved file reads back without problems and holds the scenario exactly once.
      const back = parseScenarios(result.ok ? result.text : '');
      assert.deepEqual(back.problems, []);
      assert.deepEqual(back.scenarios.filter((s) => s.scenario.name === scenario.name).map((s) => s.scenario), [scenario]);
      // Saving the same scenario again changes nothing.
      assert.deepEqual(upsertScenario(result.ok ? result.text : '', scenario, c.template), { ok: true, text: read(c.after), replaced: true });
    });
  }
});

describe('scenariosPathFor', () => {
  it('replaces the template extension', () => {
    assert.deepEqual(
      ['seed-websocket.yaml', '/w/api.yml', 'C:\\w\\stack.json', 'x.template', 'README', 'a.b.yaml'].map(scenariosPathFor),
      ['seed-websocket.apigw-scenarios.yaml', '/w/api.apigw-scenarios.yaml', 'C:\\w\\stack.apigw-scenarios.yaml', 'x.apigw-scenarios.yaml', 'README.apigw-scenarios.yaml', 'a.b.apigw-scenarios.yaml'],
    );
  });
});
