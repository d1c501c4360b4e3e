// Protocol test: completion and hover over LSP against the real server — capabilities, ranges in LSP positions, snippets,
// scenarios read from disk next to the template, and completion inside half-typed text after a good version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { startLsp, type LspSession } from '../support/lspHarness';
import { stripMarkers } from '../support/cursorFixtures';

/** LSP position of a UTF-16 offset. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(r) ? r : (r?.items ?? []));

describe('completion and hover over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  before(async () => {
    lsp = await startLsp();
    dir = mkdtempSync(join(tmpdir(), 'apigw-complete-'));
  });
  after(async () => {
    await lsp.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('advertises completion with trigger characters, and hover', () => {
    const caps = lsp.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['.', '$', '{', "'", '(', '/', '#', ':', ' ']);
    assert.equal(caps.hoverProvider, true);
  });

  it('completes `$request.body.` paths from a scenarios file on disk and edits the right range', async () => {
    const { text, cursors } = stripMarkers(
      'Resources:\n  ChatApi:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.action\n' +
        '  JoinRoute:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref ChatApi\n      RouteKey: join\n      ModelSelectionExpression: ${request.body.<|>}\n',
    );
    const templatePath = join(dir, 'chat.yaml');
    writeFileSync(templatePath, text);
    writeFileSync(join(dir, 'chat.apigw-scenarios.yaml'), 'version: 1\ntemplate: chat.yaml\nscenarios:\n  - name: moody\n    message: \'{"action":"join","mood":{"level":3}}\'\n    expect:\n      selectedRouteKey: join\n');
    const uri = pathToFileURL(templatePath).href;
    void lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const offset = cursors[0] ?? 0;
    const list = items(await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) }));
    const labels = list.map((i) => i.label);
    assert.ok(labels.includes('mood.level'), `scenario paths offered: ${labels.join(', ')}`);
    const edit = list.find((i) => i.label === 'mood.level')?.textEdit as TextEdit | undefined;
    assert.deepEqual(edit?.range, { start: positionAt(text, offset), end: positionAt(text, offset) });
  });

  it('answers a hover with markdown and the hovered range', async () => {
    const { text, cursors } = stripMarkers('Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Protocol<|>Type: WEBSOCKET\n');
    const uri = lsp.open('hover.yaml', text);
    const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, cursors[0] ?? 0) });
    assert.equal((h?.contents as MarkupContent).kind, 'markdown');
    assert.match((h?.contents as MarkupContent).value, /\*\*ProtocolType\*\*/);
    assert.deepEqual(h?.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 18 } });
  });

  it('sends snippets for VTL members and a re-trigger for JSONPath calls', async () => {
    const { text, cursors } = stripMarkers('Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: { ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Api\n      IntegrationType: MOCK\n      RequestTemplates:\n        $default: $input.<|>\n');
    const uri = lsp.open('vtl.yaml', text);
    const list = items(await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, cursors[0] ?? 0) }));
    const path = list.find((i) => i.label === "path('$.')");
    assert.equal(path?.insertTextFormat, 2);
    assert.equal((path?.textEdit as TextEdit | undefined)?.newText, "path('\\$.$1')");
    assert.equal(path?.command?.command, 'editor.action.triggerSuggest');
  });

  it('keeps completing property names while a line is half-typed, using the last version that parsed', async () => {
    const good = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: x\n      ProtocolType: WEBSOCKET\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Api\n      IntegrationType: MOCK\n';
    const uri = lsp.open('typing.yaml', good);
    await lsp.nextDiagnostics(uri);
    // The half-typed key merges with the next line for the parser, so the current text loses the Integration's ApiId.
    const { text, cursors } = stripMarkers(good.replace('      ApiId: !Ref Api\n', '      Pass<|>\n      ApiId: !Ref Api\n'));
    lsp.change(uri, text);
    const list = items(await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, cursors[0] ?? 0) }));
    const labels = list.map((i) => i.label);
    assert.ok(labels.includes('PassthroughBehavior'), labels.join(', '));
    assert.ok(!labels.includes('IntegrationSubtype') && !labels.includes('TlsConfig'), 'the WebSocket protocol comes from the last good version: HTTP-only properties are left out');
    assert.ok(!labels.includes('IntegrationType'), 'present keys are not offered');
  });

  it('completes inside a YAML flow mapping with CRLF line ends, replacing the value being typed', async () => {
    const { text, cursors } = stripMarkers('Resources:\r\n  Api:\r\n    Type: AWS::ApiGatewayV2::Api\r\n    Properties: { ProtocolType: WEBSOCKET }\r\n  I:\r\n    Type: AWS::ApiGatewayV2::Integration\r\n    Properties: { ApiId: !Ref Api, IntegrationType: MO<|>, Pass<|> }\r\n');
    const uri = lsp.open('flow.yaml', text);
    const at = async (i: number) => items(await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, cursors[i] ?? 0) }));
    const mock = (await at(0)).find((i) => i.label === 'MOCK')?.textEdit as TextEdit | undefined;
    assert.deepEqual(mock, { range: { start: { line: 6, character: 52 }, end: { line: 6, character: 54 } }, newText: 'MOCK' });
    const pass = (await at(1)).find((i) => i.label === 'PassthroughBehavior')?.textEdit as TextEdit | undefined;
    assert.deepEqual(pass, { range: { start: { line: 6, character: 56 }, end: { line: 6, character: 60 } }, newText: 'PassthroughBehavior: ' });
  });

  it('hovers a $util call on the member name, not its arguments', async () => {
    const { text, cursors } = stripMarkers("Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: { ProtocolType: WEBSOCKET }\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Api\n      RequestTemplates:\n        $default: '{\"m\": \"$util.escape<|>JavaScript($input.body)\"}'\n");
    const uri = lsp.open('util.yaml', text);
    const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, cursors[0] ?? 0) });
    assert.match((h?.contents as MarkupContent).value, /\*\*\$util\.escapeJavaScript\(String text\)\*\*/);
    assert.deepEqual(h?.range, { start: { line: 9, character: 26 }, end: { line: 9, character: 48 } });
  });

  it('offers nothing in files that are not templates', async () => {
    const uri = lsp.open('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    assert.deepEqual(items(await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 11 } })), []);
    assert.equal(await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }), null);
  });
});
