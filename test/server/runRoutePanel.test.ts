// The Run Route panel's path through the real server: each runnable choice of the templates in test/fixtures/scenarios/panel is listed, run with its pre-filled input, turned into the panel view, saved as a scenario, and the saved file passes `apigw-lens test`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initialInput, runChoices, toRunView, toScenarioInput, toSimRequest, type RunTargetChoice } from '../../client/src/runView';
import { isHostMessage } from '../../client/src/webviewMessages';
import { ListRoutesRequest, RunRouteRequest, SaveScenarioRequest, type ListRoutesResult, type RunRouteResult, type SaveScenarioResult } from '../../server/src/protocol';
import { REPO_ROOT, startLsp, type LspSession } from '../support/lspHarness';

const DIR = resolve(REPO_ROOT, 'test/fixtures/scenarios/panel');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { templates: Record<string, { runs: RunSummary[]; cli: string }> };

/** What the panel shows for one choice, in short. */
interface RunSummary {
  choice: string;
  headline: string;
  error: string | null;
  outcome: string;
  saved: string[];
}

const nameOf = (c: RunTargetChoice) => (c.route ? `${c.api.logicalId}/${c.route.logicalId}` : c.api.logicalId);

describe('Run Route panel over LSP', () => {
  let lsp: LspSession;
  const work = mkdtempSync(join(tmpdir(), 'apigw-panel-'));
  before(async () => {
    lsp = await startLsp();
  });
  after(async () => {
    await lsp.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  for (const file of readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expected.json').sort()) {
    it(`${file}: every choice runs, shows and saves; apigw-lens test replays the saved file`, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const uri = lsp.open(file, text);
      const listed = await lsp.request<ListRoutesResult>(ListRoutesRequest.method, { uri });
      const choices = runChoices(listed.apis);
      const runs: RunSummary[] = [];
      let scenariosText: string | null = null;
      for (const choice of choices) {
        const parsed = toSimRequest(initialInput(choice), choice);
        assert.ok('request' in parsed, `${nameOf(choice)}: the pre-filled input is invalid: ${JSON.stringify(parsed)}`);
        const result = await lsp.request<RunRouteResult>(RunRouteRequest.method, {
          uri,
          apiLogicalId: choice.api.logicalId,
          ...(choice.route ? { routeLogicalId: choice.route.logicalId } : {}),
          request: parsed.request,
        });
        const view = toRunView(result);
        assert.equal(isHostMessage(JSON.parse(JSON.stringify({ type: 'result', run: view, reason: 'user' }))), true, `${nameOf(choice)}: the view fails the webview guard`);
        const saved: SaveScenarioResult = await lsp.request<SaveScenarioResult>(SaveScenarioRequest.method, {
          name: nameOf(choice),
          input: toScenarioInput(parsed.request, choice, listed.apis.length),
          output: result,
          scenariosText,
          templateName: file,
        });
        assert.ok(saved.ok, `${nameOf(choice)}: ${saved.ok ? '' : saved.message}`);
        scenariosText = saved.text;
        runs.push({ choice: nameOf(choice), headline: view.headline, error: view.error?.code ?? null, outcome: view.outcome.text || view.outcome.note, saved: saved.expectedFields });
      }
      writeFileSync(join(work, file), text);
      writeFileSync(join(work, file.replace(/\.(ya?ml|json)$/, '.apigw-scenarios.yaml')), scenariosText ?? '');
      const cli = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/apigw-lens.js'), 'test', file], { cwd: work, encoding: 'utf8', timeout: 60_000 });
      const last = cli.stdout.trim().split('\n').pop() ?? '';
      assert.deepEqual({ runs, cli: `exit ${cli.status}: ${last}` }, expected.templates[file], `apigw-lens test stderr: ${cli.stderr}`);
    });
  }
});
