// UI scenarios for diagnostics: what a user sees of an apigw-lens error in the editor and the Problems panel.
import * as assert from 'node:assert/strict';
import type { UiScenario } from './driver';

export const scenarios: UiScenario[] = [
  {
    name: 'problems panel shows the integration response key error',
    async run(ui) {
      await ui.openFile('bad-key.yaml');
      const row = await ui.waitForProblem('apigw/integration-response-key-format');
      // Message (owned by the check), then source, code and 1-based position as the Problems panel renders them.
      assert.match(row, /^IntegrationResponseKey "200" .* apigw-lens apigw\/integration-response-key-format \[Ln 29, Col 31\]$/);
      assert.deepEqual(await ui.problems(), ['bad-key.yaml 1', row]);
      // Clicking the row selects the diagnostic's range (the 3 characters of `200`) with its error squiggle in view.
      await ui.openProblem('apigw/integration-response-key-format');
      await ui.waitFor('.monaco-editor .squiggly-error');
      assert.equal(await ui.waitForText('#status\\.editor\\.selection', 'selected'), 'Ln 29, Col 34 (3 selected)');
    },
  },
];

scenarios.push({
  name: 'quick fix from the command palette rewrites the key',
  async run(ui) {
    await ui.openFile('bad-key.yaml');
    await ui.waitForProblem('apigw/integration-response-key-format');
    await ui.openProblem('apigw/integration-response-key-format');
    // Clicking the row leaves the focus in the Problems panel; Quick Fix works on the focused editor (once in CI no menu
    // opened), so the editor gets the focus first, with the diagnostic's range still selected.
    await ui.waitFor('.monaco-editor .squiggly-error');
    await ui.runCommand('View: Focus Active Editor Group');
    assert.equal(await ui.waitForText('#status\\.editor\\.selection', 'selected'), 'Ln 29, Col 34 (3 selected)');
    await ui.runCommand('Quick Fix...');
    assert.equal(await ui.waitForText('.action-widget', 'Change to'), 'Quick Fix\nChange to `/200/`');
    await ui.screenshot('menu');
    await ui.press('Enter');
    await ui.waitForText('.editor-instance .view-lines', /IntegrationResponseKey:\s\/200\//);
    await ui.waitForText('.markers-panel', 'No problems have been detected in the workspace.');
    await ui.screenshot('fixed');
    await ui.runCommand('File: Revert File');
  },
});
