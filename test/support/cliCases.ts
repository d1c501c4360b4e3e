// Test support for the CLI runners: reads a fixture folder's case.json and runs bin/apigw-lens.js (build dist first) in that folder.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './lspHarness';

const BIN = resolve(REPO_ROOT, 'bin/apigw-lens.js');

export interface CliRun {
  /** Names the expected output files `expected/<name>.stdout`, `expected/<name>.stderr` (or another suffix). */
  name: string;
  /** Arguments given to the command (after `apigw-lens <command>` when the runner names one), run in the fixture folder. */
  args: string[];
  exitCode: number;
  /** stdout is a SARIF document (checkCli only): its shape is validated and its results compared. */
  sarif?: boolean;
}

export interface CliCase {
  description: string;
  runs: CliRun[];
}

export interface CliOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The case.json of a fixture folder. */
export function readCliCase(folder: string): CliCase {
  return JSON.parse(readFileSync(resolve(folder, 'case.json'), 'utf8')) as CliCase;
}

/** Runs `apigw-lens <args…>` with `folder` as the working directory. */
export function runCli(folder: string, args: readonly string[]): CliOutput {
  const p = spawnSync(process.execPath, [BIN, ...args], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  return { exitCode: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** The expected output file `expected/<name>.<suffix>` of a run. */
export function expectedOutput(folder: string, run: CliRun, suffix: string): string {
  return readFileSync(resolve(folder, 'expected', `${run.name}.${suffix}`), 'utf8');
}

/** The output a run is expected to give when stdout and stderr are compared as text. */
export function expectedTextOutput(folder: string, run: CliRun): CliOutput {
  return { exitCode: run.exitCode, stdout: expectedOutput(folder, run, 'stdout'), stderr: expectedOutput(folder, run, 'stderr') };
}
