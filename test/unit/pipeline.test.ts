// The gateway simulator, data-driven from test/fixtures/pipeline/*.yaml: each case runs one request and compares a subset of the `apigw-lens run --format json` output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { buildTemplateModel } from '../../server/src/core';
import { finalizeTrace, runRoute } from '../../server/src/core/pipeline/run';
import { pickApi, prepareApi } from '../../server/src/core/pipeline/snapshot';
import type { SimRequest } from '../../server/src/core/pipeline/types';
import { toRunJson, type RunJson } from '../../server/src/cli/run';

const ROOT = resolve(__dirname, '..', '..', '..');
const DIR = resolve(ROOT, 'test', 'fixtures', 'pipeline');

interface Case {
  name: string;
  api?: string;
  route?: string;
  request: SimRequest;
  /**
   * Expected subset of the output. Objects match when every expected key matches; lists must have the same length.
   * `stages`: the list of `stage:status` of all steps. `steps`: stage name → expected subset of the first step of that stage.
   */
  expect: Record<string, unknown> & { stages?: string[]; steps?: Record<string, unknown> };
}

interface Fixture {
  /** Template path relative to the repository root, or `templateText`. */
  template?: string;
  templateText?: string;
  api?: string;
  cases: Case[];
}

/** Asserts that `actual` contains `expected` (see Case.expect); `path` names the place for messages. */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected a list, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`);
    expected.forEach((e, i) => assertSubset(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(Object.prototype.hasOwnProperty.call(actual, k) || v === undefined, `${path}.${k}: missing in ${JSON.stringify(actual)}`);
      assertSubset((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
    return;
  }
  assert.deepStrictEqual(actual, expected, `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function run(text: string, c: Case, fixtureApi: string | undefined): RunJson {
  const model = buildTemplateModel(text, text.trimStart().startsWith('{') ? 'json' : 'yaml');
  const api = pickApi(model, c.api ?? fixtureApi, c.route);
  if (!('logicalId' in api)) throw new Error(api.message);
  const prepared = prepareApi(model, api);
  const trace = runRoute(prepared.snapshot, c.request, c.route !== undefined ? { requestedRouteLogicalId: c.route } : {});
  // What crosses the worker boundary is a structured clone; run on that form as the server does.
  return toRunJson(finalizeTrace(structuredClone(trace), prepared), text, 'template.yaml');
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
  const fixture = parse(readFileSync(resolve(DIR, file), 'utf8')) as Fixture;
  const text = fixture.templateText ?? readFileSync(resolve(ROOT, fixture.template ?? ''), 'utf8');
  describe(`pipeline: ${file}`, () => {
    for (const c of fixture.cases) {
      it(c.name, () => {
        const out = run(text, c, fixture.api);
        const { stages, steps, ...fields } = c.expect;
        assertSubset(out, fields, 'output');
        if (stages) assert.deepStrictEqual(out.steps.map((s) => `${s.stage}:${s.status}`), stages);
        for (const [stage, want] of Object.entries(steps ?? {})) {
          const step = out.steps.find((s) => s.stage === stage);
          assert.ok(step, `no ${stage} step in ${JSON.stringify(out.steps.map((s) => s.stage))}`);
          assertSubset(step, want, `steps.${stage}`);
        }
      });
    }
  });
}
