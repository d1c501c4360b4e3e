// Mocha entry point that the VS Code extension host loads (code-server via e2e/run.mjs, or @vscode/test-electron): exports run().
import Mocha from 'mocha';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One test (or failed hook) as reported to e2e/run.mjs. */
export interface E2eTestResult {
  /** Full Mocha title: describe titles and the test title joined by spaces. */
  title: string;
  state: 'passed' | 'failed' | 'pending';
  /** Wall time in milliseconds (absent for pending tests). */
  durationMs?: number;
  /** Stack (or message) of the error of a failed test. */
  error?: string;
}

/** The JSON file written to $APIGW_E2E_RESULTS when the run ends. */
export interface E2eResults {
  passed: number;
  failed: number;
  pending: number;
  tests: E2eTestResult[];
}

/** Prefix of the progress lines this runner logs; e2e/run.mjs echoes console lines that start with it. */
export const PROGRESS_PREFIX = '[apigw-e2e]';

/** Mocha reporter that logs one prefixed line per finished test (and the error of a failed one) and nothing else. */
class ProgressReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on('pass', (t) => console.log(`${PROGRESS_PREFIX} ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('pending', (t) => console.log(`${PROGRESS_PREFIX} - ${t.fullTitle()} (pending)`));
    runner.on('fail', (t, err: unknown) => console.log(`${PROGRESS_PREFIX} ✘ ${t.fullTitle()}\n${errorText(err)}`));
    runner.once('end', () => {
      const s = this.stats;
      console.log(`${PROGRESS_PREFIX} ${s.passes} passing, ${s.failures} failing, ${s.pending} pending`);
    });
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
}

/**
 * Runs every `*.test.js` bundle next to this file with Mocha (BDD UI). Resolves when all tests pass and rejects
 * when any test or hook fails; the extension host turns that into the run's exit code. Environment:
 * APIGW_E2E_RESULTS (path of the JSON results file to write), APIGW_E2E_GREP (only tests whose title matches).
 */
export function run(): Promise<void> {
  const grep = process.env['APIGW_E2E_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: ProgressReporter, ...(grep ? { grep } : {}) });
  for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, name));
  }
  const tests: E2eTestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const results: E2eResults = {
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      };
      const out = process.env['APIGW_E2E_RESULTS'];
      if (out) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(results, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err: unknown) => {
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) });
    });
  });
}
