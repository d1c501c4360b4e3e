// The real server against hostile documents over LSP: every one gets a clear answer (or silence for non-templates),
// and the server keeps answering afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';
import { generateHostile, hostileCases } from '../support/hostile';

const cases = hostileCases(REPO_ROOT);
const seed = readFileSync(resolve(REPO_ROOT, 'examples', 'websocket-mock.yaml'), 'utf8');

describe('hostile documents over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await startLsp({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    await lsp.dispose();
  });

  /** Proves the server still works: a fresh valid template gets its (empty) diagnostics. */
  async function stillAnswers(tag: string): Promise<void> {
    const uri = lsp.open(`alive-${tag}.yaml`, seed);
    const d = await lsp.nextDiagnostics(uri);
    assert.deepEqual(d.diagnostics.filter((x) => x.severity === 1), [], `the seed example has errors after ${tag}`);
    lsp.close(uri);
  }

  cases.forEach((c, i) => {
    it(c.name, async () => {
      const text = generateHostile(c.generate, c.args);
      const uri = lsp.open(`hostile-${i}.${c.hint === 'json' ? 'json' : 'yaml'}`, text, c.hint === 'json' ? 'json' : 'yaml');
      if (c.expect.length > 0) {
        const d = await lsp.nextDiagnostics(uri);
        const ids = new Set(d.diagnostics.map((x) => String(x.code)));
        for (const id of c.expect) assert.ok(ids.has(id), `expected ${id}; got ${[...ids].join(', ') || 'nothing'}`);
      }
      await stillAnswers(String(i));
      lsp.close(uri);
    });
  });

  it('a 20 MB template gets one "too large" notice with the limit, and nothing else', async () => {
    const row = (n: number) => `  Topic${n}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: ${'t'.repeat(420)}\n`;
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${Array.from({ length: 44000 }, (_, n) => row(n)).join('')}`;
    assert.ok(text.length > 20_000_000);
    const uri = lsp.open('huge.yaml', text);
    const d = await lsp.nextDiagnostics(uri);
    assert.equal(d.diagnostics.length, 1);
    assert.equal(d.diagnostics[0]?.code, 'apigw/too-large');
    assert.equal(d.diagnostics[0]?.severity, 3);
    assert.match(d.diagnostics[0]?.codeDescription?.href ?? '', /diagnostics\.md#apigwtoo-large$/);
    assert.match(String(d.diagnostics[0]?.message ?? ''), /above the 5\.0 MB limit.*apigwLens\.maxFileSize/);
    await stillAnswers('huge');
    lsp.close(uri);
  });
});
