// Builds the extension client, the language server, the CLI, the VTL sandbox worker and the webview bundle.
// Flags: --production (minify, no source maps), --watch, --tests (also bundle test/**/*.test.ts into out/test).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const common = { bundle: true, minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'warning', legalComments: 'none' };
// jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

const builds = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['server/src/sandbox/vtlWorker.ts'], outfile: 'dist/vtlWorker.js' },
];
const optional = [
  { ...common, entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
for (const b of optional) if (existsSync(b.entryPoints[0])) builds.push(b);

function listTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

// APIGW_TEST_OUT lets parallel runs (several people or agents in one tree) bundle tests into separate folders.
const testOut = process.env.APIGW_TEST_OUT || 'out/test';
if (args.has('--tests')) {
  rmSync(testOut, { recursive: true, force: true });
  const entryPoints = [...listTests('test/unit'), ...listTests('test/server')];
  builds.push({ ...node, sourcemap: true, entryPoints, outdir: testOut, outbase: 'test', packages: 'external' });
}

// `npm run fuzz`: the open-ended fuzzer (test/fuzz/main.ts).
if (args.has('--fuzz')) builds.push({ ...node, sourcemap: true, entryPoints: ['test/fuzz/main.ts'], outfile: 'out/fuzz/main.js', packages: 'external' });

// The Run Route webview's icon font (@vscode/codicons, CC-BY-4.0 font / MIT css; see THIRD-PARTY-NOTICES.md) is
// copied as is into dist/codicons/, which the .vsix ships and the webview may load (localResourceRoots: dist).
function copyCodicons() {
  const from = 'node_modules/@vscode/codicons/dist';
  if (!existsSync(from)) throw new Error(`${from} is missing: run npm ci (@vscode/codicons is a devDependency)`);
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, file), join('dist/codicons', file));
}
copyCodicons();

// Entry points that do not exist yet are skipped so the build works while the tree grows.
const existing = builds.filter((b) => b.entryPoints.length > 0 && existsSync(b.entryPoints[0]));

if (args.has('--watch')) {
  for (const b of existing) (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  const results = await Promise.allSettled(existing.map((b) => esbuild.build(b)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    for (const f of failed) console.error(f.reason?.message ?? f.reason);
    process.exit(1);
  }
}
