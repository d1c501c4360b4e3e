// `apigw-lens test`, end to end through bin/apigw-lens.js: for each folder of test/fixtures/scenarios/cli, every run in its case.json gives the expected exit code, stdout and stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectedTextOutput, readCliCase, runCli } from '../support/cliCases';
import { REPO_ROOT } from '../support/lspHarness';

const CASES = resolve(REPO_ROOT, 'test/fixtures/scenarios/cli');

describe('apigw-lens test', () => {
  const dirs = readdirSync(CASES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  it('finds its case folders', () => assert.ok(dirs.length > 0, `no cases under ${CASES}`));
  for (const dir of dirs) {
    const folder = resolve(CASES, dir);
    const { description, runs } = readCliCase(folder);
    for (const run of runs) {
      it(`${dir} / ${run.name}: ${description}`, () => {
        assert.deepEqual(runCli(folder, ['test', ...run.args]), expectedTextOutput(folder, run));
      });
    }
  }
});
