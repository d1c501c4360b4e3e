// apigwLens.* settings in the real editor: for each case in expected/settings.json, the diagnostics while the settings apply and after they are reset.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, readFixtureJson, waitForDiagnosticViews, type DiagnosticView } from './helpers';

interface SettingsCase {
  name: string;
  file: string;
  /** Values keyed relative to the `apigwLens` section. */
  settings: Record<string, unknown>;
  expected: DiagnosticView[];
}

describe('settings', () => {
  const { cases } = readFixtureJson<{ cases: SettingsCase[] }>('expected/settings.json');
  const baseline = readFixtureJson<{ files: Record<string, DiagnosticView[]> }>('expected/diagnostics.json').files;

  for (const c of cases) {
    it(`${c.file}: ${c.name}`, async () => {
      const before = baseline[c.file];
      assert.ok(before, `${c.file} has no entry in expected/diagnostics.json`);
      const { document } = await openFixture(c.file);
      // Start from the default-settings diagnostics so the change below is what the test observes.
      assert.deepEqual(await waitForDiagnosticViews(document, before), before);
      const config = () => vscode.workspace.getConfiguration('apigwLens');
      try {
        for (const [key, value] of Object.entries(c.settings)) await config().update(key, value, vscode.ConfigurationTarget.Global);
        assert.deepEqual(await waitForDiagnosticViews(document, c.expected), c.expected);
      } finally {
        for (const key of Object.keys(c.settings)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      assert.deepEqual(await waitForDiagnosticViews(document, before), before);
    });
  }
});
