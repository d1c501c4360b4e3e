// Bundles the real-VS-Code e2e suite with esbuild: test/e2e/suite (Mocha, runs in the extension host), test/e2e/ui (Playwright scenarios, run by e2e/run.mjs) and test/e2e/runTests.ts (@vscode/test-electron launcher) into out/e2e/.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (parent of e2e/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const list = (dir, suffix) =>
  existsSync(join(repoRoot, dir))
    ? readdirSync(join(repoRoot, dir)).filter((n) => n.endsWith(suffix)).sort().map((n) => join(dir, n))
    : [];

/**
 * Builds out/e2e/{suite,ui}/*.js and out/e2e/runTests.js from test/e2e/. Each entry is its own CommonJS bundle:
 * `vscode` and every npm package stay external (mocha, @vscode/test-electron resolve from the repo's node_modules).
 * @returns the absolute paths of the suite index, the UI scenario modules and the test-electron launcher.
 */
export async function buildE2e() {
  const outDir = join(repoRoot, 'out/e2e');
  rmSync(outDir, { recursive: true, force: true });
  const suite = ['test/e2e/suite/index.ts', ...list('test/e2e/suite', '.test.ts')];
  const ui = list('test/e2e/ui', '.ui.ts');
  const common = {
    absWorkingDir: repoRoot, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
    sourcesContent: false, packages: 'external', external: ['vscode'], logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: suite, outdir: join(outDir, 'suite') }),
    ui.length ? esbuild.build({ ...common, entryPoints: ui, outdir: join(outDir, 'ui') }) : Promise.resolve(),
    esbuild.build({ ...common, entryPoints: ['test/e2e/runTests.ts'], outfile: join(outDir, 'runTests.js') }),
  ]);
  return {
    suiteIndex: join(outDir, 'suite/index.js'),
    uiModules: ui.map((f) => join(outDir, 'ui', f.replace(/^.*\//, '').replace(/\.ts$/, '.js'))),
    runTests: join(outDir, 'runTests.js'),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildE2e();
  console.log(`e2e build: ${r.suiteIndex}, ${r.uiModules.length} UI module(s), ${r.runTests}`);
}
