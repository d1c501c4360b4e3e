// Protocol test: the real server offers `▶ Run Route` / `▶ Send Request` lenses that carry the apigwLens.runRoute command.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';

interface Lens {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  command?: { title: string; command: string; arguments?: unknown[] };
}

describe('code lenses over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await startLsp();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('advertises code lenses', () => {
    assert.deepEqual(lsp.initializeResult.capabilities.codeLensProvider, { resolveProvider: false });
  });

  it('puts a lens on every route and on the HTTP Api, and none in other YAML', async () => {
    const text = readFileSync(resolve(REPO_ROOT, 'test', 'fixtures', 'runTargets', 'mixed.yaml'), 'utf8');
    const uri = lsp.open('mixed.yaml', text);
    const plain = lsp.open('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    const lenses = await lsp.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lines = text.split('\n');
    assert.deepEqual(
      lenses.map((l) => ({ line: l.range.start.line, text: lines[l.range.start.line]?.slice(l.range.start.character, l.range.end.character), title: l.command?.title, command: l.command?.command, arguments: l.command?.arguments })),
      [
        { line: 9, text: 'ConnectRoute', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'ChatApi', routeId: 'ConnectRoute' }] },
        { line: 21, text: 'JoinRoute', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'ChatApi', routeId: 'JoinRoute' }] },
        { line: 34, text: 'DefaultRoute', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'ChatApi', routeId: 'DefaultRoute' }] },
        { line: 47, text: 'OddRoute', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'ChatApi', routeId: 'OddRoute' }] },
        { line: 61, text: 'HttpApi', title: '▶ Send Request', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'HttpApi' }] },
        { line: 66, text: 'GetPet', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'HttpApi', routeId: 'GetPet' }] },
        { line: 71, text: 'AnyProxy', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'HttpApi', routeId: 'AnyProxy' }] },
        { line: 76, text: 'PostPet', title: '▶ Run Route', command: 'apigwLens.runRoute', arguments: [{ uri, apiId: 'HttpApi', routeId: 'PostPet' }] },
      ],
    );
    assert.deepEqual(await lsp.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: plain } }), []);
  });
});
