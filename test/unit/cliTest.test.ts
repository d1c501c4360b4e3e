// `apigw-lens test`, end to end through bin/apigw-lens.js: for each folder of test/fixtures/scenarios/cli, every run in its case.json gives the expected exit code, stdout and stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const CASES = resolve(REPO_ROOT, 'test/fixtures/scenarios/cli');
const BIN = resolve(REPO_ROOT, 'bin/apigw-lens.js');

interface Run {
  /** Names the expected output files `expected/<name>.stdout` and `expected/<name>.stderr`. */
  name: string;
  /** Arguments after `apigw-lens test`, run in the case folder. */
  args: string[];
  exitCode: number;
}

describe('apigw-lens test', () => {
  for (const dir of readdirSync(CASES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const folder = resolve(CASES, dir);
    const { description, runs } = JSON.parse(readFileSync(resolve(folder, 'case.json'), 'utf8')) as { description: string; runs: Run[] };
    for (const run of runs) {
      it(`${dir} / ${run.name}: ${description}`, () => {
        const p = spawnSync(process.execPath, [BIN, 'test', ...run.args], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
        const expected = (stream: 'stdout' | 'stderr') => readFileSync(resolve(folder, 'expected', `${run.name}.${stream}`), 'utf8');
        assert.deepEqual(
          { exitCode: p.status, stdout: p.stdout, stderr: p.stderr },
          { exitCode: run.exitCode, stdout: expected('stdout'), stderr: expected('stderr') },
        );
      });
    }
  }
});
