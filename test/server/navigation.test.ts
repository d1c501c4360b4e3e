// Protocol test: definition, references, highlights, document and workspace symbols from the real server, with CRLF and emoji.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Location {
  uri: string;
  range: Range;
}
interface DocumentSymbol {
  name: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

const MARKER = '<|>';
/** Template with CRLF line ends and `<|>` markers removed; positions of the markers in LSP terms (UTF-16 columns). */
function load(name: string): { text: string; cursors: Position[] } {
  const raw = readFileSync(resolve(REPO_ROOT, 'test', 'fixtures', 'navigation', name), 'utf8').replace(/\r?\n/g, '\r\n');
  const cursors: Position[] = [];
  const lines = raw.split('\r\n').map((line, i) => {
    let out = line;
    for (let at = out.indexOf(MARKER); at >= 0; at = out.indexOf(MARKER)) {
      cursors.push({ line: i, character: at });
      out = out.slice(0, at) + out.slice(at + MARKER.length);
    }
    return out;
  });
  return { text: lines.join('\r\n'), cursors };
}

const textAt = (text: string, r: Range) => {
  const line = text.split('\r\n')[r.start.line] ?? '';
  assert.equal(r.start.line, r.end.line);
  return `${r.start.line}:${r.start.character} ${line.slice(r.start.character, r.end.character)}`;
};

describe('navigation and symbols over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await startLsp();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('advertises the providers', () => {
    const c = lsp.initializeResult.capabilities;
    assert.deepEqual([c.definitionProvider, c.referencesProvider, c.documentHighlightProvider, c.workspaceSymbolProvider], [true, true, true, true]);
    assert.deepEqual(c.documentSymbolProvider, { label: 'API Gateway' });
  });

  it('jumps from a Sub reference after an emoji to the resource key, and lists its uses', async () => {
    const { text, cursors } = load('scalars.yaml');
    const uri = lsp.open('scalars.yaml', text);
    const [emojiSub] = cursors;
    const defs = await lsp.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: emojiSub });
    assert.deepEqual(defs.map((d) => [d.uri, textAt(text, d.range)]), [[uri, '3:2 Api']]);
    const refs = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri }, position: emojiSub, context: { includeDeclaration: false } });
    assert.deepEqual(
      refs.map((r) => textAt(text, r.range)),
      ['11:36 Api', '12:32 Api', '13:31 Api', '16:29 Api', '22:19 Api', '23:50 Api', '26:17 Api'],
    );
    const highlights = await lsp.request<{ range: Range; kind: number }[]>('textDocument/documentHighlight', { textDocument: { uri }, position: emojiSub });
    assert.deepEqual(highlights.map((h) => [textAt(text, h.range), h.kind]), [['3:2 Api', 3], ...refs.map((r) => [textAt(text, r.range), 2])]);
  });

  it('outlines a template and searches the symbols of every open template (scalars.yaml is still open)', async () => {
    const { text } = load('intrinsics.yaml');
    const uri = lsp.open('intrinsics.yaml', text);
    const json = load('template.json');
    lsp.open('template.json', json.text);
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const outline = (s: DocumentSymbol): unknown => [s.name, s.kind, textAt(text, s.selectionRange), ...(s.children?.length ? [s.children.map(outline)] : [])];
    assert.deepEqual(symbols.map(outline), [
      ['Parameters', 3, '9:0 Parameters', [['StageName', 13, '10:2 StageName']]],
      ['Conditions', 3, '12:0 Conditions', [['IsProd', 17, '13:2 IsProd'], ['NotProd', 17, '14:2 NotProd'], ['AlsoProd', 17, '15:2 AlsoProd']]],
      ['ChatApi', 2, '20:2 ChatApi', [['join', 6, '33:2 JoinRoute', [['Backend', 12, '26:2 Backend']]], ['leave', 6, '40:2 LeaveRoute', [['Backend', 12, '26:2 Backend']]], ['Stage', 3, '47:2 Stage']]],
      ['Outputs', 3, '62:0 Outputs', [['Endpoint', 7, '63:2 Endpoint'], ['Plain', 7, '66:2 Plain']]],
    ]);
    const found = await lsp.request<{ name: string; containerName: string; location: Location }[]>('workspace/symbol', { query: 'api' });
    assert.deepEqual(
      found.map((s) => [s.name, s.containerName, s.location.uri.split('/').pop()]).sort(),
      [
        ['Api', 'AWS::ApiGatewayV2::Api', 'scalars.yaml'],
        ['ChatApi', 'AWS::ApiGatewayV2::Api', 'intrinsics.yaml'],
        ['WsApi', 'AWS::ApiGatewayV2::Api', 'template.json'],
      ],
    );
  });

  it('offers nothing in YAML that is not a template', async () => {
    const uri = lsp.open('compose.yaml', 'services:\r\n  web:\r\n    image: !Ref web\r\n');
    const position = { line: 2, character: 18 };
    assert.equal(await lsp.request('textDocument/definition', { textDocument: { uri }, position }), null);
    assert.deepEqual(await lsp.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }), []);
    assert.deepEqual(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });
});
