// A handler that throws does not take the server down: guarded() logs the error to the client and answers with the fallback.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/startServer';
import { guarded, type Feature } from '../../server/src/serverContext';

/** Hover that throws on every request, wrapped like the real features are. */
const throwingHover: Feature = {
  name: 'throwingHover',
  capabilities: () => ({ hoverProvider: true }),
  register(ctx) {
    ctx.connection.onHover((params) =>
      guarded(ctx, 'hover', null, () => {
        throw new Error(`boom at line ${params.position.line}`);
      }),
    );
  },
};

describe('guarded LSP handlers', () => {
  let client: ProtocolConnection;
  const logs: string[] = [];
  before(async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { features: [throwingHover] });
    client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await client.sendNotification('initialized', {});
  });
  after(() => client.dispose());

  it('answers with the fallback, logs where and why, and keeps serving', async () => {
    for (const line of [3, 4]) {
      const answer = await client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///t.yaml' }, position: { line, character: 0 } });
      assert.equal(answer, null);
    }
    assert.deepEqual(
      logs.map((l) => l.split('\n')[0]),
      ['apigw-lens: hover failed: boom at line 3', 'apigw-lens: hover failed: boom at line 4'],
    );
  });
});
