// The language server over its two transports (stdio, Node IPC) and its debouncing: after the open, a burst of edits (test/fixtures/server/edit-burst.yaml) yields one publish, for the last version.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, startLsp } from '../support/lspHarness';

const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'server');

interface Burst {
  debounceMs: number;
  /** One entry per document version; `ids` are the error-severity ids that version produces. */
  versions: { ids: string[]; text: string }[];
}

const errorIds = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.severity === 1).map((d) => String(d.code)).sort();

describe('language server transports and debouncing', () => {
  it('speaks LSP over Node IPC (--node-ipc) and publishes diagnostics', async () => {
    const child = fork(resolve(REPO_ROOT, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<PublishDiagnosticsParams>((res) => connection.onNotification('textDocument/publishDiagnostics', res));
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } })) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'apigw-lens');
      await connection.sendNotification('initialized', {});
      const uri = 'file:///ipc/template.yaml';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(resolve(FIXTURES, 'bad-ir-key.yaml'), 'utf8') } });
      const p = await published;
      assert.equal(p.uri, uri);
      assert.ok(errorIds(p).includes('apigw/integration-response-key-format'), JSON.stringify(p.diagnostics));
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((res) => child.once('exit', res));
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('a burst of edits within the debounce delay publishes once, for the last version only', async () => {
    const burst = parse(readFileSync(resolve(FIXTURES, 'edit-burst.yaml'), 'utf8')) as Burst;
    const lsp = await startLsp({ initializationOptions: { debounceMs: burst.debounceMs } });
    try {
      const [first, ...rest] = burst.versions;
      assert.ok(first && rest.length > 0, 'the fixture has several versions');
      // Opening publishes at once; the edits that follow are written in one tick, well inside the debounce delay.
      const uri = lsp.open('burst.yaml', first.text);
      assert.deepEqual(errorIds(await lsp.nextDiagnostics(uri, 1)), [...first.ids].sort());
      for (const v of rest) lsp.change(uri, v.text);
      const p = await lsp.nextDiagnostics(uri);
      assert.deepEqual({ version: p.version, ids: errorIds(p) }, { version: burst.versions.length, ids: [...(rest.at(-1)?.ids ?? [])].sort() });
      // The last version alone, opened in a fresh document, gives the same findings (the burst left nothing behind).
      const again = lsp.open('burst-last.yaml', rest.at(-1)?.text ?? '');
      assert.deepEqual(errorIds(await lsp.nextDiagnostics(again)), errorIds(p));
      // Each earlier version really produces its own findings (so the test would notice a stale publish).
      for (const v of burst.versions.slice(0, -1)) {
        const alone = lsp.open('burst-version.yaml', v.text);
        assert.deepEqual(errorIds(await lsp.nextDiagnostics(alone)), [...v.ids].sort());
      }
    } finally {
      await lsp.dispose();
    }
  });
});
