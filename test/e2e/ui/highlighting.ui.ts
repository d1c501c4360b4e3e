// UI scenario for the VTL injection grammar: VS Code's token inspector shows our scopes inside a request template.
import * as assert from 'node:assert/strict';
import type { UiScenario } from './driver';

export const scenarios: UiScenario[] = [
  {
    name: 'token inspector shows VTL scopes inside RequestTemplates',
    async run(ui) {
      await ui.openFile('seed-websocket.yaml');
      // Line 25: `$default: '{"statusCode": 200, "messageId": $input.path(''$.messageId'')}'`, column 54 is in `input`.
      await ui.press('Control+g');
      await ui.type('25:54');
      await ui.press('Enter');
      await ui.runCommand('Developer: Inspect Editor Tokens and Scopes');
      const text = await ui.waitForText('.token-inspect-widget', 'variable.language.vtl');
      assert.match(text, /meta\.apigw\.templates\.yaml/);
      assert.match(text, /string\.quoted\.single\.yaml/);
      await ui.screenshot('inspector');
      await ui.press('Escape');
    },
  },
];
