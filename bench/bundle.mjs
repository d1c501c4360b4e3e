// Bundles the benchmark (bench/run.ts → out/bench/run.js) and minified production copies of the shipped bundles
// (out/bench/prod/) for size and load-time figures, without touching dist/.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning', legalComments: 'none' };
const prod = { ...node, minify: true, sourcemap: false };
const builds = [
  { ...node, sourcemap: true, entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.js' },
  { ...prod, entryPoints: ['client/src/extension.ts'], outfile: 'out/bench/prod/client.js', external: ['vscode'] },
  { ...prod, entryPoints: ['server/src/main.ts'], outfile: 'out/bench/prod/server.js' },
  { ...prod, entryPoints: ['server/src/cli/main.ts'], outfile: 'out/bench/prod/cli.js' },
  { ...prod, entryPoints: ['server/src/sandbox/vtlWorker.ts'], outfile: 'out/bench/prod/vtlWorker.js' },
  { ...prod, entryPoints: ['client/webview/main.ts'], outfile: 'out/bench/prod/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
await Promise.all(builds.filter((b) => existsSync(b.entryPoints[0])).map((b) => esbuild.build(b)));
