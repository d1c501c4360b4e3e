// `apigw-lens check` (and the CLI's help, version and usage errors), end to end through bin/apigw-lens.js (build dist first): every run in test/fixtures/checkCli/case.json gives the expected exit code and output; SARIF runs must be valid SARIF 2.1.0.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { allRules, docUrlFor } from '../../server/src/core/index';
import { expectedOutput, expectedTextOutput, readCliCase, runCli } from '../support/cliCases';
import { REPO_ROOT } from '../support/lspHarness';

// Runs give the arguments after `apigw-lens`; SARIF runs compare `expected/<name>.results.json` instead of stdout.
const FOLDER = resolve(REPO_ROOT, 'test/fixtures/checkCli');

type Json = Record<string, unknown>;

const LEVELS = new Set(['error', 'warning', 'note', 'none']);
const isPositiveInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

/** Asserts the parts of SARIF 2.1.0 that code scanning reads: version and schema, rules with ids and help URIs, results with rule ids, levels and 1-based regions. */
function assertSarifShape(doc: Json): void {
  assert.equal(doc.version, '2.1.0');
  assert.match(String(doc.$schema), /sarif-2\.1\.0/);
  const runs = doc.runs as Json[];
  assert.equal(runs.length, 1);
  const driver = (runs[0]?.tool as Json).driver as Json;
  assert.equal(driver.name, 'apigw-lens');
  const rules = driver.rules as Json[];
  assert.deepEqual(rules.map((r) => r.id), allRules().map((r) => r.id), 'one rule per registered diagnostic id, in registry order');
  for (const rule of rules) {
    assert.equal(rule.helpUri, docUrlFor(String(rule.id)), `${rule.id}: helpUri links to its docs/diagnostics.md section`);
    assert.ok(typeof (rule.shortDescription as Json)?.text === 'string' && ((rule.shortDescription as Json).text as string).length > 0, `${rule.id}: shortDescription`);
    assert.ok(LEVELS.has(String((rule.defaultConfiguration as Json)?.level)), `${rule.id}: defaultConfiguration.level`);
  }
  for (const result of runs[0]?.results as Json[]) {
    const index = result.ruleIndex as number;
    assert.equal(rules[index]?.id, result.ruleId, `ruleIndex ${index} names rule ${String(result.ruleId)}`);
    assert.ok(LEVELS.has(String(result.level)), `level ${String(result.level)}`);
    assert.ok(typeof (result.message as Json)?.text === 'string');
    for (const location of result.locations as Json[]) {
      const physical = location.physicalLocation as Json;
      assert.doesNotThrow(() => new URL(String((physical.artifactLocation as Json).uri), 'file:///repo/'), 'artifact uri is a URI reference');
      const region = physical.region as Json;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(isPositiveInt(region[k]), `region.${k} is a 1-based integer`);
    }
  }
}

describe('apigw-lens check', () => {
  const { description, runs } = readCliCase(FOLDER);
  for (const run of runs) {
    it(`${run.name}: ${description.split(':')[0]}`, () => {
      const p = runCli(FOLDER, run.args);
      if (!run.sarif) {
        assert.deepEqual(p, expectedTextOutput(FOLDER, run));
        return;
      }
      const doc = JSON.parse(p.stdout) as Json;
      assertSarifShape(doc);
      const results = (doc.runs as Json[])[0]?.results;
      assert.deepEqual(
        { exitCode: p.exitCode, results, stderr: p.stderr },
        { exitCode: run.exitCode, results: JSON.parse(expectedOutput(FOLDER, run, 'results.json')), stderr: expectedOutput(FOLDER, run, 'stderr') },
      );
    });
  }
});
