// The npm package works from a global install and npx: packs a copy of the sources (prepack builds the production bundles), installs it into a temp prefix, runs `apigw-lens check` and `apigw-lens lsp --stdio`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams, type InitializeResult } from 'vscode-languageserver-protocol/node';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** What `npm pack` needs to run prepack (`node esbuild.mjs --production`) in a copy of the tree. */
const SOURCES = ['package.json', '.npmignore', 'esbuild.mjs', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin', 'server', 'client'];
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'editors', 'bad-integration-response-key.yaml');
interface EditorCase {
  fixture: string;
  settings?: unknown;
  diagnostics: { code: string; range: unknown }[];
}
/** The diagnostics an editor gets for FIXTURE with default settings (test/fixtures/editors/expected.json). */
const expected = (JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'editors', 'expected.json'), 'utf8')) as { cases: EditorCase[] }).cases.find(
  (c) => c.fixture === 'bad-integration-response-key.yaml' && c.settings === undefined,
)?.diagnostics ?? [];
const NPM_FLAGS = ['--no-audit', '--no-fund', '--offline', '--loglevel=error'];

describe('npm package, installed globally', () => {
  let dir = '';
  let bin = '';
  let tarball = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'apigw-lens-npm-'));
    const stage = join(dir, 'stage');
    mkdirSync(stage);
    for (const s of SOURCES) cpSync(join(REPO_ROOT, s), join(stage, s), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
    execFileSync('npm', ['pack', '--pack-destination', dir, ...NPM_FLAGS], { cwd: stage, stdio: ['ignore', 'ignore', 'pipe'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, 'npm pack produced no .tgz');
    tarball = join(dir, tgz);
    execFileSync('npm', ['install', '--global', '--prefix', join(dir, 'prefix'), join(dir, tgz), ...NPM_FLAGS], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    bin = join(dir, 'prefix', process.platform === 'win32' ? 'apigw-lens.cmd' : 'bin/apigw-lens');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has expectations to check', () => assert.ok(expected.length > 0));

  it('installs the apigw-lens command with the production bundles and no runtime dependencies', () => {
    assert.ok(existsSync(bin), `${bin} was not installed`);
    const installed = join(dir, 'prefix', 'lib', 'node_modules', 'apigw-lens');
    assert.deepEqual(readdirSync(join(installed, 'dist')).sort(), ['cli.js', 'server.js', 'vtlWorker.js']);
    assert.equal(existsSync(join(installed, 'node_modules')), false, 'the bundles need no installed dependencies');
  });

  it('`apigw-lens check` passes the example and fails a template with an error', () => {
    const good = spawnSync(bin, ['check', join(REPO_ROOT, 'examples', 'websocket-mock.yaml')], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /1 file\(s\) checked, 1 template\(s\): 0 error\(s\)/);
    const bad = spawnSync(bin, ['check', '--format', 'json', FIXTURE], { encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    const ids = (JSON.parse(bad.stdout) as { id: string }[]).map((f) => f.id);
    for (const e of expected) assert.ok(ids.includes(e.code), `${e.code} missing from ${JSON.stringify(ids)}`);
    const usage = spawnSync(bin, ['no-such-command'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });

  it('runs through npx from the tarball', () => {
    const args = ['--yes', '--offline', '--cache', join(dir, 'npx-cache'), '--package', tarball, 'apigw-lens', 'check', join(REPO_ROOT, 'examples', 'websocket-mock.yaml')];
    const run = spawnSync('npx', args, { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /1 file\(s\) checked, 1 template\(s\): 0 error\(s\)/);
  });

  it('`apigw-lens lsp --stdio` speaks LSP and publishes diagnostics', async () => {
    const child = spawn(bin, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = pathToFileURL(FIXTURE).href;
    const diagnostics = new Promise<PublishDiagnosticsParams>((res) => {
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === uri && p.diagnostics.length > 0) res(p);
      });
    });
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as InitializeResult;
      assert.equal(init.serverInfo?.name, 'apigw-lens');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(FIXTURE, 'utf8') } });
      const published = await diagnostics;
      for (const e of expected) {
        const hit = published.diagnostics.find((d) => d.code === e.code);
        assert.ok(hit, `${e.code} not published`);
        assert.deepEqual(hit.range, e.range);
      }
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
