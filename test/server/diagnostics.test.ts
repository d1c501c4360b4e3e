// Protocol tests: the real server over stdio publishes diagnostics, serves quick fixes, drops non-templates.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';

const fixture = (name: string) => readFileSync(resolve(REPO_ROOT, 'test', 'fixtures', 'server', name), 'utf8');

describe('diagnostics over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await startLsp();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('advertises incremental sync and quick fixes', () => {
    const caps = lsp.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync, 2);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
  });

  it('publishes a positioned diagnostic with id, link and severity, and none for unrelated YAML', async () => {
    const plain = lsp.open('docker-compose.yaml', 'services:\n  web:\n    image: nginx\n    ports: [80]\n');
    const uri = lsp.open('template.yaml', fixture('bad-ir-key.yaml'));
    const d = await lsp.nextDiagnostics(uri);
    const irKey = d.diagnostics.filter((x) => x.code === 'apigw/integration-response-key-format');
    assert.equal(irKey.length, 1);
    assert.deepEqual(irKey[0]?.range, { start: { line: 18, character: 30 }, end: { line: 18, character: 33 } });
    assert.equal(irKey[0]?.severity, 1);
    assert.equal(irKey[0]?.source, 'apigw-lens');
    assert.match(irKey[0]?.codeDescription?.href ?? '', /docs\/diagnostics\.md#apigwintegration-response-key-format$/);
    // Diagnostics are published in order of opening; the unrelated file produced none before the template's arrived.
    const stray = await Promise.race([lsp.nextDiagnostics(plain), Promise.resolve('none')]);
    assert.equal(stray, 'none');
  });

  it('offers the quick fix and clears the diagnostic once applied', async () => {
    const text = fixture('bad-ir-key.yaml');
    const uri = lsp.open('fix.yaml', text);
    const d = await lsp.nextDiagnostics(uri);
    const diag = d.diagnostics.find((x) => x.code === 'apigw/integration-response-key-format');
    assert.ok(diag);
    const actions = await lsp.request<{ title: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit.changes[uri]]),
      [['Change to `/200/`', [{ range: diag.range, newText: '/200/' }]]],
    );
    lsp.change(uri, text.replace('IntegrationResponseKey: 200', 'IntegrationResponseKey: /200/'));
    const after = await lsp.nextDiagnostics(uri, 2);
    assert.deepEqual(after.diagnostics.filter((x) => x.code === 'apigw/integration-response-key-format'), []);
  });

  it('positions diagnostics in JSON templates with CRLF line endings', async () => {
    const json = JSON.stringify(
      { AWSTemplateFormatVersion: '2010-09-09', Resources: { Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: '😀', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } }, RR: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Nope' }, RouteResponseKey: 'default' } } } },
      null,
      2,
    ).replace(/\n/g, '\r\n');
    const uri = lsp.open('t.json', json);
    const d = await lsp.nextDiagnostics(uri);
    const lines = json.split('\r\n');
    const rrLine = lines.findIndex((l) => l.includes('"RouteResponseKey"'));
    const rr = d.diagnostics.find((x) => x.code === 'apigw/route-response-key-format');
    const col = (lines[rrLine] ?? '').indexOf('"default"');
    assert.deepEqual(rr?.range, { start: { line: rrLine, character: col }, end: { line: rrLine, character: col + 9 } });
    const nopeLine = lines.findIndex((l) => l.includes('"Nope"'));
    const dangling = d.diagnostics.find((x) => x.code === 'apigw/dangling-reference');
    const nopeCol = (lines[nopeLine] ?? '').indexOf('Nope');
    assert.deepEqual(dangling?.range, { start: { line: nopeLine, character: nopeCol }, end: { line: nopeLine, character: nopeCol + 4 } });
  });

  it('applies severity settings pushed by the client', async () => {
    const configured = await startLsp({ initializationOptions: { debounceMs: 0, rules: { 'apigw/integration-response-key-format': 'off' } } });
    try {
      const uri = configured.open('t.yaml', fixture('bad-ir-key.yaml'));
      const d = await configured.nextDiagnostics(uri);
      assert.deepEqual(d.diagnostics.map((x) => x.code).filter((c) => c === 'apigw/integration-response-key-format'), []);
    } finally {
      await configured.dispose();
    }
  });

  it('keeps initializationOptions when the editor pulls configuration but has no apigwLens section', async () => {
    const configured = await startLsp({ initializationOptions: { debounceMs: 0, rules: { 'apigw/integration-response-key-format': 'off' } }, configuration: null });
    try {
      let pulled!: () => void;
      const pulledOnce = new Promise<void>((res) => (pulled = res));
      configured.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
        pulled();
        return params.items.map(() => null);
      });
      const uri = configured.open('t.yaml', fixture('bad-ir-key.yaml'));
      await configured.nextDiagnostics(uri);
      // A configuration change makes the server pull again; the empty answer must not reset the rules to defaults.
      await configured.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await pulledOnce;
      configured.change(uri, fixture('bad-ir-key.yaml') + '\n');
      const d = await configured.nextDiagnostics(uri, 2);
      assert.deepEqual(d.diagnostics.map((x) => x.code).filter((c) => c === 'apigw/integration-response-key-format'), []);
    } finally {
      await configured.dispose();
    }
  });
});
