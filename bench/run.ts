// `npm run bench`: generates benchmark templates, drives the real language server over LSP stdio and the CLI, and prints
// target vs measured (also written to bench/results/<timestamp>.json). A benchmark, not a test: it never fails a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTemplate, type GeneratedTemplate } from './generate';
import { startServer, type BenchServer } from './lspClient';
import { mb, median, ms, percentile } from './stats';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'out', 'bench');
const SERVER = join(ROOT, 'dist', 'server.js');
const FIRST_RUNS = 3;
const EDIT_RUNS = 40;
/** Edits before measuring: a fresh server's code is still being optimised by the JIT. */
const EDIT_WARMUP = 30;
const QUERY_RUNS = 40;
const RUN_ROUTE_RUNS = 20;
const CLI_RUNS = 3;
/** `BENCH_ONLY=bench-4000.yaml,bench-500.yaml` measures only those templates (and skips activation and packaging). */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (name: string) => !ONLY || ONLY.has(name);

interface Row {
  readonly metric: string;
  readonly template: string;
  readonly target: string;
  readonly measured: string;
  /** undefined: informational (no target). */
  readonly pass: boolean | undefined;
  readonly value: number;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

function row(metric: string, template: string, target: string, value: number, format: (v: number) => string, pass: boolean | undefined): void {
  rows.push({ metric, template, target, measured: format(value), pass: Number.isNaN(value) ? undefined : pass, value });
}

interface TemplateFigures {
  firstDiagnostics: number;
  editP50: number;
  completionP95: number;
  hoverP95: number;
  rss: number;
  peakRss: number;
  runRouteMedian: number;
  startupMs: number;
}

async function measureTemplate(name: string, g: GeneratedTemplate): Promise<TemplateFigures> {
  const languageId = g.format;
  // Every template starts from the same client state: the garbage of the previous (larger) template's edits would
  // otherwise be collected in the middle of this one's measurements (`npm run bench` runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const server = await startServer(SERVER, { debounceMs: 0 });
  await new Promise((r) => setTimeout(r, 200)); // let the server finish its post-initialize settings round
  const caps = server.initializeResult.capabilities as Record<string, unknown>;
  const first: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    const uri = `file:///bench/first-${i}/${name}`;
    const t0 = performance.now();
    const done = server.diagnostics(uri, 1);
    server.open(uri, languageId, g.text);
    const published = await done;
    first.push(performance.now() - t0);
    if (i === 0 && published.diagnostics.length > 0) console.log(`  note: ${name} has ${published.diagnostics.length} diagnostics (first: ${published.diagnostics[0]?.code} ${published.diagnostics[0]?.message})`);
    server.close(uri);
  }
  const uri = `file:///bench/edit/${name}`;
  const opened = server.diagnostics(uri, 1);
  server.open(uri, languageId, g.text);
  await opened;
  const edits = await measureEdits(server, uri, g);
  const completion = caps.completionProvider ? await measureQuery(server, uri, 'textDocument/completion', completionOffset(server.text(uri))) : [];
  const hover = caps.hoverProvider ? await measureQuery(server, uri, 'textDocument/hover', hoverOffset(server.text(uri))) : [];
  const runRoute = await measureRunRoute(server, uri, g);
  const mem = server.memory();
  raw[name] = { firstDiagnosticsMs: first, editToDiagnosticsMs: edits, completionMs: completion, hoverMs: hover, runRouteMs: runRoute, memory: mem, startupMs: server.startupMs, bytes: g.text.length };
  await server.dispose();
  return {
    firstDiagnostics: median(first),
    editP50: median(edits),
    completionP95: percentile(completion, 95),
    hoverP95: percentile(hover, 95),
    rss: mem.rss,
    peakRss: mem.peak,
    runRouteMedian: median(runRoute),
    startupMs: server.startupMs,
  };
}

/** Typing one character and deleting it again, in routes near 10 %, 50 % and 90 % of the file. */
async function measureEdits(server: BenchServer, uri: string, g: GeneratedTemplate): Promise<number[]> {
  const ids = g.routeIds;
  const targets = [0.1, 0.5, 0.9].map((f) => ids[Math.min(ids.length - 1, Math.floor(ids.length * f))] ?? ids[0] ?? '');
  const inserted = new Map<string, boolean>();
  const times: number[] = [];
  for (let i = 0; i < EDIT_RUNS + EDIT_WARMUP; i++) {
    const route = targets[i % targets.length] ?? '';
    const name = `Action${route.slice('Route'.length)}`;
    const text = server.text(uri);
    const at = text.indexOf(name) + name.length;
    const has = inserted.get(route) ?? false;
    const t0 = performance.now();
    const version = has ? server.edit(uri, at, at + 1, '') : server.edit(uri, at, at, 'x');
    await server.diagnostics(uri, version);
    if (i >= EDIT_WARMUP) times.push(performance.now() - t0);
    inserted.set(route, !has);
  }
  return times;
}

/** After the value of an IntegrationType in the middle of the file. */
function completionOffset(text: string): number {
  const key = text.indexOf('IntegrationType', Math.floor(text.length / 2));
  const eol = text.indexOf('\n', key);
  let end = eol < 0 ? text.length : eol;
  while (end > key && /[\s,"]/.test(text[end - 1] ?? '')) end--;
  return end;
}

/** On the `WsApi` of an ApiId in the middle of the file. */
function hoverOffset(text: string): number {
  const key = text.indexOf('ApiId', Math.floor(text.length / 2));
  return text.indexOf('WsApi', key) + 2;
}

async function measureQuery(server: BenchServer, uri: string, method: string, offset: number): Promise<number[]> {
  const params = { textDocument: { uri }, position: server.positionAt(uri, offset) };
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS + 3; i++) {
    const t0 = performance.now();
    await server.request(method, params);
    if (i >= 3) times.push(performance.now() - t0);
  }
  return times;
}

async function measureRunRoute(server: BenchServer, uri: string, g: GeneratedTemplate): Promise<number[]> {
  const params = { uri, routeLogicalId: g.mockRouteId, request: { event: 'message', message: JSON.stringify({ action: g.mockRouteKey }) } };
  const times: number[] = [];
  try {
    for (let i = 0; i < RUN_ROUTE_RUNS + 3; i++) {
      const t0 = performance.now();
      const result = await server.request<{ error?: unknown; integrationType?: string }>('apigw/runRoute', params);
      if (i >= 3) times.push(performance.now() - t0);
      if (i === 0 && (result.error || result.integrationType !== 'MOCK')) console.log(`  note: Run Route answered ${JSON.stringify(result.error ?? result.integrationType)}`);
    }
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code !== -32601) console.log(`  note: apigw/runRoute failed: ${(e as Error).message}`);
    return [];
  }
  return times;
}

function measureCli(file: string): number[] {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'apigw-lens.js'), 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) console.log(`  note: apigw-lens check exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  }
  return times;
}

/** Time for Node to load the minified client bundle (module evaluation only; `vscode` is an inert stub). */
function measureClientLoad(): number[] {
  const client = join(OUT, 'prod', 'client.js');
  if (!existsSync(client)) return [];
  // Every vscode export is an inert constructible stub, so module evaluation (class declarations extending vscode
  // classes included) runs as in the editor; activate() itself is not called.
  const script = `
const Module = require('node:module');
const load = Module._load;
const cache = new Map();
const stub = (path) => {
  if (cache.has(path)) return cache.get(path);
  const p = new Proxy(function () {}, {
    get: (t, k) => (k === 'prototype' ? t.prototype : k === '__esModule' ? true : typeof k === 'symbol' ? undefined : stub(path + '.' + String(k))),
    construct: () => ({}),
    apply: () => undefined,
  });
  cache.set(path, p);
  return p;
};
Module._load = function (request, ...rest) { return request === 'vscode' ? stub('vscode') : load.call(this, request, ...rest); };
const t0 = performance.now();
require(${JSON.stringify(client)});
process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const v = Number(r.stdout);
    if (r.status === 0 && Number.isFinite(v)) times.push(v);
  }
  return times;
}

/** Size of the packaged .vsix when `npm run package` exists, else the sum of the minified bundles. */
function measurePackage(): { label: string; bytes: number; files: Record<string, number> } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.package) {
    const before = Date.now();
    const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    // Packaging rebuilds dist/ minified; rebuild the development bundles the tests and the editor use.
    spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    const vsix = readdirSync(ROOT)
      .filter((f) => f.endsWith('.vsix'))
      .map((f) => ({ f, s: statSync(join(ROOT, f)) }))
      .filter((x) => x.s.mtimeMs >= before - 1000)
      .sort((a, b) => b.s.mtimeMs - a.s.mtimeMs)[0];
    if (r.status === 0 && vsix) return { label: `packaged ${vsix.f}`, bytes: vsix.s.size, files: { [vsix.f]: vsix.s.size } };
    console.log(`  note: npm run package failed or produced no .vsix (exit ${r.status}); reporting bundle sizes instead`);
  }
  const dir = join(OUT, 'prod');
  const files: Record<string, number> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.js')) files[f] = statSync(join(dir, f)).size;
  return { label: 'minified bundles (no .vsix: `npm run package` missing)', bytes: Object.values(files).reduce((a, b) => a + b, 0), files };
}

function printTable(): string {
  const head = ['metric', 'template', 'target', 'measured', 'result'];
  const body = rows.map((r) => [r.metric, r.template, r.target, r.measured, r.pass === undefined ? (r.measured === 'n/a' ? 'n/a' : 'info') : r.pass ? 'PASS' : 'FAIL']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  mkdirSync(join(OUT, 'templates'), { recursive: true });
  const figures = new Map<string, TemplateFigures>();
  const files = new Map<string, string>();
  const gens = new Map<string, GeneratedTemplate>();
  for (const format of ['yaml', 'json'] as const) {
    for (const size of [500, 4000]) {
      const g = generateTemplate({ resources: size, format });
      const name = `bench-${size}.${format}`;
      const file = join(OUT, 'templates', name);
      writeFileSync(file, g.text);
      files.set(name, file);
      gens.set(name, g);
      if (!wanted(name)) continue;
      console.log(`measuring ${name} (${g.resourceCount} resources, ${g.text.length.toLocaleString('en-US')} characters) …`);
      figures.set(name, await measureTemplate(name, g));
    }
  }
  const y4 = figures.get('bench-4000.yaml');
  const y5 = figures.get('bench-500.yaml');
  const noSlower = (json: number, yaml: number | undefined) => yaml !== undefined && json <= yaml * 1.1 + 1;
  for (const [name, f] of figures) {
    const big = name.includes('4000');
    const json = name.endsWith('.json');
    const yaml = json ? figures.get(name.replace('.json', '.yaml')) : undefined;
    // JSON must meet the same target and be no slower than YAML of the same size (10 % + 1 ms noise margin).
    const rule = (target: number, v: number, y: number | undefined) => v <= target && (!json || noSlower(v, y));
    const jt = (t: string) => (json ? `${t}, ≤ YAML` : t);
    row('first diagnostics (median)', name, big ? jt('≤ 1000 ms') : json ? '≤ YAML' : '—', f.firstDiagnostics, ms, big ? rule(1000, f.firstDiagnostics, yaml?.firstDiagnostics) : json ? noSlower(f.firstDiagnostics, yaml?.firstDiagnostics) : undefined);
    row('edit → diagnostics p50 (debounce 0)', name, jt(big ? '≤ 50 ms' : '≤ 15 ms'), f.editP50, ms, rule(big ? 50 : 15, f.editP50, yaml?.editP50));
    row('completion p95', name, big ? '≤ 10 ms' : '—', f.completionP95, ms, big ? f.completionP95 <= 10 : undefined);
    row('hover p95', name, big ? '≤ 10 ms' : '—', f.hoverP95, ms, big ? f.hoverP95 <= 10 : undefined);
    row('server RSS after run (peak)', name, big ? '≤ 250 MB' : '—', f.rss, (v) => `${mb(v)} (${mb(f.peakRss)})`, big ? f.peakRss <= 250 * 1048576 : undefined);
  }
  row('Run Route on a MOCK route (median)', 'bench-500.yaml', '≤ 5 ms', y5?.runRouteMedian ?? Number.NaN, ms, (y5?.runRouteMedian ?? Infinity) <= 5);
  row('Run Route on a MOCK route (median)', 'bench-4000.yaml', '≤ 5 ms', y4?.runRouteMedian ?? Number.NaN, ms, (y4?.runRouteMedian ?? Infinity) <= 5);
  const cli: Record<string, number[]> = {};
  for (const name of ['bench-4000.yaml', 'bench-4000.json'].filter(wanted)) {
    const file = files.get(name) as string;
    console.log(`apigw-lens check ${name} …`);
    cli[name] = measureCli(file);
    row('`apigw-lens check` process (median)', name, '≤ 1000 ms', median(cli[name] ?? []), ms, median(cli[name] ?? []) <= 1000);
  }
  const clientLoad = ONLY ? [] : measureClientLoad();
  const startup = [...figures.values()].map((f) => f.startupMs);
  row('activation: client bundle load (median)', 'dist client.js, minified', '≤ 100 ms', median(clientLoad), ms, median(clientLoad) <= 100);
  row('activation: server spawn → initialize (median)', '—', 'info', median(startup), ms, undefined);
  const pkg = ONLY ? undefined : measurePackage();
  if (pkg) row('package size', pkg.label, '≤ 2 MB', pkg.bytes, mb, pkg.bytes <= 2 * 1048576);
  const table = printTable();
  console.log(`\n${table}\n`);
  console.log('Debounce: measured with apigwLens.debounceMs = 0; in the editor the default debounce (75 ms) is added before analysis starts.');
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(resultsDir, `${stamp}.json`);
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory: totalmem(), platform: process.platform };
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, rows, raw: { ...raw, cli, clientLoadMs: clientLoad, package: pkg } }, null, 2)}\n`);
  console.log(`results: ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
