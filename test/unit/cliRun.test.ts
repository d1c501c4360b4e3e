// `apigw-lens run`, end to end through bin/apigw-lens.js (build dist first): every run in test/fixtures/runCli/case.json gives the expected exit code, stdout and stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { expectedTextOutput, readCliCase, runCli } from '../support/cliCases';
import { REPO_ROOT } from '../support/lspHarness';

const FOLDER = resolve(REPO_ROOT, 'test/fixtures/runCli');

describe('apigw-lens run', () => {
  const { description, runs } = readCliCase(FOLDER);
  for (const run of runs) {
    it(`${run.name}: ${description.split(':')[0]}`, () => {
      assert.deepEqual(runCli(FOLDER, ['run', ...run.args]), expectedTextOutput(FOLDER, run));
    });
  }
});
