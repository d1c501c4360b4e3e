// Protocol test: apigw/listRoutes and apigw/runRoute against the real server (dist/server.js) over LSP streams; expectations in test/fixtures/server/runRoute.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';
import type { ListRoutesResult, RunRouteResult } from '../../server/src/protocol';

const DIR = resolve(REPO_ROOT, 'test', 'fixtures', 'server', 'runRoute');
const read = (name: string) => readFileSync(resolve(DIR, name), 'utf8');

/** `{uri, range}` → `{line, text}` (1-based line and the text it covers) so expectations stay readable. */
function readable(value: unknown, lines: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => readable(v, lines));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.uri === 'string' && o.range && typeof o.range === 'object') {
    const r = o.range as { start: { line: number; character: number }; end: { line: number; character: number } };
    const text = r.start.line === r.end.line ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character) : '(multi-line)';
    return { line: r.start.line + 1, text };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, readable(v, lines)]));
}

describe('apigw/listRoutes and apigw/runRoute over LSP', () => {
  let lsp: LspSession;
  const text = read('template.yaml');
  const lines = text.split('\n');
  before(async () => {
    lsp = await startLsp();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('lists the APIs, stages and routes with their first inputs', async () => {
    const uri = lsp.open('template.yaml', text);
    const listed = await lsp.request<ListRoutesResult>('apigw/listRoutes', { uri });
    assert.deepEqual(readable(listed, lines), JSON.parse(read('listRoutes.expected.json')));
  });

  it('runs the seed example and answers the whole trace with locations', async () => {
    const uri = lsp.open('template.yaml', text);
    const result = await lsp.request<RunRouteResult>('apigw/runRoute', { uri, version: 1, routeLogicalId: 'MessageRoute', request: { message: '{"action":"message","messageId":1}' } });
    assert.deepEqual(readable(result, lines), JSON.parse(read('seed-message-1.expected.json')));
  });

  it('runs an HTTP API request', async () => {
    const uri = lsp.open('template.yaml', text);
    const result = await lsp.request<RunRouteResult>('apigw/runRoute', {
      uri,
      apiLogicalId: 'PetsApi',
      request: { http: { method: 'GET', path: '/pets/7' }, backend: { lambdaResult: { message: 'Hello from Lambda!' } } },
    });
    assert.deepEqual([result.selectedRouteKey, result.pathParameters, result.http], ['GET /pets/{id}', { id: '7' }, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"message":"Hello from Lambda!"}' }]);
  });

  it('stops a runaway template with Timeout and keeps serving', async () => {
    const uri = lsp.open('template.yaml', text);
    const slow = await lsp.request<RunRouteResult>('apigw/runRoute', { uri, request: { message: '{"action":"slow"}' }, timeoutMs: 25 });
    assert.equal(slow.error?.code, 'Timeout');
    assert.equal(slow.clientReceives, null);
    const next = await lsp.request<RunRouteResult>('apigw/runRoute', { uri, request: { message: '{"action":"message","messageId":2}' } });
    assert.deepEqual([next.error, next.clientReceives], [null, '{"message": "Hi!"}']);
  });

  it('answers protocol errors for stale versions, unknown documents and unknown APIs', async () => {
    const uri = lsp.open('template.yaml', text);
    const codeOf = (p: Promise<unknown>) => p.then(
      () => 'resolved',
      (e: { code?: number }) => e.code,
    );
    assert.equal(await codeOf(lsp.request('apigw/runRoute', { uri, version: 7, request: {} })), -32801);
    assert.equal(await codeOf(lsp.request('apigw/runRoute', { uri: 'file:///nope.yaml', request: {} })), -32602);
    assert.equal(await codeOf(lsp.request('apigw/runRoute', { uri, apiLogicalId: 'Nope', request: {} })), -32602);
    assert.equal(await codeOf(lsp.request('apigw/listRoutes', { uri: 'file:///nope.yaml' })), -32602);
    const plain = lsp.open('compose.yaml', 'services:\n  web: {}\n');
    assert.deepEqual(await lsp.request('apigw/listRoutes', { uri: plain }), { version: 1, apis: [] });
  });
});
