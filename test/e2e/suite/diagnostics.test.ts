// Diagnostics in the real editor: for each workspace file in expected/diagnostics.json, the apigw-lens diagnostics (ids, severities, ranges).
import * as assert from 'node:assert/strict';
import { openFixture, readFixtureJson, settleDiagnostics, waitForDiagnosticViews, diagnosticViews, type DiagnosticView } from './helpers';

interface Expectations {
  files: Record<string, DiagnosticView[]>;
}

describe('diagnostics', () => {
  const { files } = readFixtureJson<Expectations>('expected/diagnostics.json');
  for (const [file, expected] of Object.entries(files)) {
    it(`${file}: ${expected.length ? expected.map((d) => d.code).join(', ') : 'none'}`, async () => {
      const { document } = await openFixture(file);
      if (expected.length === 0) {
        await settleDiagnostics();
        assert.deepEqual(diagnosticViews(document), []);
      } else {
        assert.deepEqual(await waitForDiagnosticViews(document, expected), expected);
      }
    });
  }
});
