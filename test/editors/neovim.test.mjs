// Neovim headless receives apigw-lens diagnostics over LSP: runs collect-diagnostics.lua on each fixture of test/fixtures/editors/expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'editors');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

function hasNvim() {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Opens `fixture` in headless Neovim with the apigw-lens server attached and `settings`; returns what the Lua script wrote. */
function collect(fixture, settings) {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-lens-nvim-'));
  const out = join(dir, 'diagnostics.json');
  try {
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(HERE, 'collect-diagnostics.lua')}`, join(FIXTURES, fixture)], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, APIGW_LENS_OUT: out, APIGW_LENS_ROOT: REPO_ROOT, APIGW_LENS_NODE: process.execPath, APIGW_LENS_TIMEOUT_MS: '20000', APIGW_LENS_SETTINGS: JSON.stringify(settings ?? {}), HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir },
    });
    assert.ok(existsSync(out), `Neovim wrote no result (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Neovim built-in LSP client', () => {
  it('nvim is installed (bash test/editors/setup-neovim.sh)', () => {
    assert.ok(hasNvim(), 'nvim is not on PATH: run `bash test/editors/setup-neovim.sh`');
  });

  for (const { name, fixture, settings, diagnostics: wanted } of expected.cases) {
    it(`${fixture}, ${name}: diagnostics arrive and are shown`, { skip: !hasNvim() && 'nvim missing (see the test above)' }, () => {
      const result = collect(fixture, settings);
      assert.equal(result.initialized, true, 'the LSP client did not initialize');
      assert.equal(result.arrived, true, `no diagnostics arrived in Neovim ${result.nvim}`);
      const raw = result.published.at(-1).diagnostics;
      for (const w of wanted) {
        const hit = raw.find((d) => d.code === w.code);
        assert.ok(hit, `${w.code} was not published; got ${JSON.stringify(raw.map((d) => d.code))}`);
        assert.deepEqual(hit.range, w.range, `${w.code}: range`);
        assert.equal(hit.severity, w.severity, `${w.code}: severity`);
        assert.ok(hit.message.startsWith(w.messageStartsWith), `${w.code}: message was ${JSON.stringify(hit.message)}`);
        // What Neovim shows in the buffer (vim.diagnostic): same place, severity and text.
        const shown = result.shown.find((d) => d.message === hit.message);
        assert.ok(shown, `${w.code} is not among the buffer's diagnostics`);
        assert.deepEqual([shown.lnum, shown.col, shown.end_lnum, shown.end_col, shown.severity], [w.range.start.line, w.range.start.character, w.range.end.line, w.range.end.character, w.severity]);
      }
    });
  }
});
