// Runs the e2e Mocha suite (out/e2e/suite) in a downloaded desktop VS Code with @vscode/test-electron; needs internet (`npm run test:electron`). Offline/CI use e2e/run.mjs.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { E2eResults } from './suite/index';

/**
 * Entry point of out/e2e/runTests.js (bundled by e2e/build.mjs, so `__dirname` is out/e2e/). Opens a throwaway copy
 * of test/fixtures/e2e/ with the repo root as the unpacked extension, prints `N passed, N failed`, and exits non-zero
 * on any failure. Environment: VSCODE_TEST_VERSION (default 'stable'), APIGW_E2E_GREP (Mocha grep).
 */
async function main(): Promise<number> {
  const root = resolve(__dirname, '../..');
  const suiteIndex = join(root, 'out/e2e/suite/index.js');
  const extensionMain = join(root, 'dist/client.js');
  for (const [file, fix] of [[suiteIndex, 'node e2e/build.mjs'], [extensionMain, 'npm run build']] as const) {
    if (!existsSync(file)) {
      console.error(`e2e (test-electron): ${file} is missing; run: ${fix}`);
      return 1;
    }
  }
  const workspace = mkdtempSync(join(tmpdir(), 'apigw-e2e-ws-'));
  cpSync(join(root, 'test/fixtures/e2e'), workspace, { recursive: true });
  const resultsFile = join(root, 'test-output/e2e/electron-results.json');
  mkdirSync(join(root, 'test-output/e2e'), { recursive: true });
  rmSync(resultsFile, { force: true });
  const grep = process.env['APIGW_E2E_GREP'];
  let code: number;
  try {
    code = await runTests({
      version: process.env['VSCODE_TEST_VERSION'] ?? 'stable',
      // Downloaded VS Code builds go to the git-ignored toolchain folder, not to ./.vscode-test.
      cachePath: join(root, 'e2e/.toolchain/vscode-test'),
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: { APIGW_E2E: '1', APIGW_E2E_RESULTS: resultsFile, ...(grep ? { APIGW_E2E_GREP: grep } : {}) },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`e2e (test-electron): ${message}`);
    if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|Failed to download/i.test(message)) {
      console.error('e2e (test-electron): could not download VS Code (no internet access?). Offline, run the same suite with `npm run test:e2e` (code-server).');
    }
    code = 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  if (!existsSync(resultsFile)) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as E2eResults;
  console.log(`${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
  return r.failed > 0 || r.passed === 0 || code !== 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
