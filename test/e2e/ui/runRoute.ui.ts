// UI scenarios for Run Route: the command palette flow, the panel's rendered stages and client frame (seed example, gateway-spec §9), markup from a template shown as text, and the route quick pick.
import * as assert from 'node:assert/strict';
import type { UiDriver, UiScenario } from './driver';

/** Palette title of apigwLens.runRoute (package.json: category "API Gateway", title "Run Route"). */
const RUN_ROUTE = 'API Gateway: Run Route';
/** The stage titles of a two-way WebSocket MOCK route, in order, as the panel numbers them. */
const WEBSOCKET_MOCK_STAGES = [
  '1. Route selection', '2. Integration', '3. Request template selection', '4. Request mapping template', '5. Integration call',
  '6. Integration response selection', '7. Response template selection', '8. Response mapping template', '9. Route response',
];

/** The part of Playwright's Page this file uses (the driver exposes the Page as `unknown`). */
interface QuickPickPage {
  locator(selector: string, options?: { hasText: string }): { allInnerTexts(): Promise<string[]>; click(): Promise<void> };
}

/** Types `message` into the panel's Message box, presses ▶ Run and waits until the client frame contains `expected`. */
async function runMessage(ui: UiDriver, message: string, expected: string): Promise<void> {
  await ui.webview.fill('[data-testid=message]', message);
  await ui.webview.click('[data-testid=run]');
  await ui.webview.waitForText('[data-testid=client-receives]', expected);
}

export const scenarios: UiScenario[] = [
  {
    name: 'run route panel shows the seed stages and replies',
    async run(ui) {
      await ui.openFile('seed-websocket.yaml');
      await ui.runCommand(RUN_ROUTE);
      // The first run uses the route's sample message {"action":"message","messageId":1}: Run Route adds the messageId the
      // response TemplateSelectionExpression reads, set to the first ResponseTemplates key, so the §9 reply shows at once.
      await ui.webview.waitForText('[data-testid=client-receives]', 'Hello World');
      assert.equal(await ui.webview.text('[data-testid=outcome-note]'), 'Pretty-printed. The frame is exactly: {"message": "Hello World"}');
      assert.equal(await ui.webview.text('[data-testid=title]'), 'Run Route: message (ApiGatewayV2RouteOnMessage)');

      // messageId 2 first, so the panel ends on the §9 reply the README shows.
      await runMessage(ui, '{"action":"message","messageId":2}', 'Hi!');
      assert.equal(await ui.webview.text('[data-testid=outcome-note]'), 'Pretty-printed. The frame is exactly: {"message": "Hi!"}');
      assert.match(await ui.webview.text('[data-testid=facts]'), /Response template\s+2/);

      await runMessage(ui, '{"action":"message","messageId":1}', 'Hello World');
      assert.equal(await ui.webview.text('[data-testid=client-receives]'), '{\n  "message": "Hello World"\n}');
      assert.equal(await ui.webview.text('[data-testid=outcome-note]'), 'Pretty-printed. The frame is exactly: {"message": "Hello World"}');
      assert.equal(await ui.webview.text('[data-testid=headline]'), 'message → message → MOCK → frame sent');
      assert.deepEqual(await ui.webview.texts('[data-testid=step-title]'), WEBSOCKET_MOCK_STAGES);
      assert.equal(await ui.webview.count('[data-testid=step][data-status=ok]'), WEBSOCKET_MOCK_STAGES.length);
      assert.match(await ui.webview.text('[data-testid=facts]'), /Response template\s+1/);
      await ui.webview.scrollTo('[data-testid=outcome]');
    },
  },
  {
    name: 'run route panel shows template markup as text',
    async run(ui) {
      const markup = '<img src=x onerror=alert(1)>';
      await ui.openFile('xss-websocket.yaml');
      await ui.runCommand(RUN_ROUTE);
      await ui.webview.waitForText('[data-testid=client-receives]', markup);
      assert.equal(await ui.webview.text('[data-testid=client-receives]'), markup);
      // The rendered response template is shown in its stage as text too.
      const stages = await ui.webview.texts('[data-testid=step]');
      assert.ok(stages.some((s) => s.includes('8. Response mapping template') && s.includes(`Rendered response body\n${markup}`)), `no stage shows ${markup}: ${JSON.stringify(stages)}`);
      assert.equal(await ui.webview.count('img'), 0, 'the markup became an element');
      assert.equal(await ui.webview.count('[onerror]'), 0, 'an element carries an onerror attribute');
      await ui.webview.scrollTo('[data-testid=outcome]');
    },
  },
  {
    name: 'run route from the command palette asks which route',
    async run(ui) {
      await ui.openFile('http-api.yaml');
      await ui.runCommand(RUN_ROUTE);
      // Two choices (Send Request to the Api, the GET /pets/{id} route); the cursor is on neither, so a quick pick asks.
      const page = ui.page as QuickPickPage;
      await ui.waitForText('.quick-input-list', 'GET /pets/{id}');
      const rows = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      assert.equal(rows.length, 2, JSON.stringify(rows));
      assert.match(rows[0]!, /^Send Request to PetsApi ?HTTP API: routing picks the route ?PetsApi \(HTTP API\)$/);
      assert.match(rows[1]!, /^GET \/pets\/\{id\} ?GetPetRoute · HTTP_PROXY ?PetsApi \(HTTP API\)$/);
      await ui.screenshot('pick');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'GET /pets/{id}' }).click();
      await ui.webview.waitForText('[data-testid=client-receives]', 'HTTP 200');
      assert.equal(await ui.webview.text('[data-testid=headline]'), 'HTTP → GET /pets/{id} → HTTP_PROXY → HTTP 200');
      assert.match(await ui.webview.text('[data-testid=facts]'), /Path parameters\s+\{"id":"id"\}/);
      await ui.webview.scrollTo('[data-testid=outcome]');
    },
  },
];
