// `apigw-lens run`, end to end through bin/apigw-lens.js (build dist first): every run in test/fixtures/runCli/case.json gives the expected exit code, stdout and stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const FOLDER = resolve(REPO_ROOT, 'test/fixtures/runCli');
const BIN = resolve(REPO_ROOT, 'bin/apigw-lens.js');

interface Run {
  /** Names the expected output files `expected/<name>.stdout` and `expected/<name>.stderr`. */
  name: string;
  /** Arguments after `apigw-lens run`, run in the fixture folder. */
  args: string[];
  exitCode: number;
}

describe('apigw-lens run', () => {
  const { description, runs } = JSON.parse(readFileSync(resolve(FOLDER, 'case.json'), 'utf8')) as { description: string; runs: Run[] };
  for (const run of runs) {
    it(`${run.name}: ${description.split(':')[0]}`, () => {
      const p = spawnSync(process.execPath, [BIN, 'run', ...run.args], { cwd: FOLDER, encoding: 'utf8', timeout: 60_000 });
      const expected = (stream: 'stdout' | 'stderr') => readFileSync(resolve(FOLDER, 'expected', `${run.name}.${stream}`), 'utf8');
      assert.deepEqual({ exitCode: p.status, stdout: p.stdout, stderr: p.stderr }, { exitCode: run.exitCode, stdout: expected('stdout'), stderr: expected('stderr') });
    });
  }
});
