// Run Route in the real editor: the seed example's replies through the language client's apigw/runRoute request (expected/runroute.json), and the CodeLens → apigwLens.runRoute command → panel path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Extension } from '../../../client/src/extensionContext';
import { RunRouteRequest, type RunRouteParams, type RunRouteResult, type SimRequest } from '../../../server/src/protocol';
import { extension, fixtureUri, readFixtureJson, settleDiagnostics } from './helpers';

interface RunCase {
  /** Workspace file, or `extension:<path>` for a file of the extension folder (the repo root, e.g. examples/). */
  file: string;
  api: string;
  route: string;
  request: SimRequest;
  /** Fields of the RunRouteResult that must have these values. */
  expect: Partial<RunRouteResult>;
  /** [stage, status] of every step, in order. */
  steps: [string, string][];
}

interface CommandCase {
  file: string;
  /** Title of the CodeLens whose command is executed. */
  lens: string;
  expect: Partial<RunRouteResult>;
  /** The panel's outcome text (what the client receives, as the panel shows it). */
  outcomeText: string | null;
}

interface Expected {
  runs: RunCase[];
  command: CommandCase;
}

function uriOf(file: string): vscode.Uri {
  const inExtension = /^extension:(.*)$/.exec(file);
  return inExtension ? vscode.Uri.joinPath(extension().extensionUri, ...inExtension[1]!.split('/')) : fixtureUri(file);
}

/** Only the fields `expected` names, so the comparison shows exactly what differs. */
function pick(result: RunRouteResult, expected: Partial<RunRouteResult>): Partial<RunRouteResult> {
  return Object.fromEntries(Object.keys(expected).map((k) => [k, result[k as keyof RunRouteResult]]));
}

/** The extension's exported API (activate's return value): the Extension object that owns the language client. */
async function runningClient() {
  const ext = extension() as vscode.Extension<Extension>;
  const api = ext.isActive ? ext.exports : await ext.activate();
  const client = api.languageClient;
  assert.ok(client && client.isRunning(), 'the language client is not running');
  return client;
}

function runRoutePanels(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('apigwLens.runRoute'));
}

describe('run route', () => {
  const expected = readFixtureJson<Expected>('expected/runroute.json');

  for (const c of expected.runs) {
    it(`apigw/runRoute ${c.file} ${c.route} ${JSON.stringify(c.request.message ?? c.request)} → ${JSON.stringify(c.expect.clientReceives ?? c.expect.http ?? c.expect.error)}`, async () => {
      const doc = await vscode.workspace.openTextDocument(uriOf(c.file));
      await settleDiagnostics(); // the server has the document open
      const client = await runningClient();
      const params: RunRouteParams = { uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version, apiLogicalId: c.api, routeLogicalId: c.route, request: c.request };
      const result = await client.sendRequest<RunRouteResult>(RunRouteRequest.method, params);
      assert.deepEqual(pick(result, c.expect), c.expect);
      assert.deepEqual(result.steps.map((s) => [s.stage, s.status]), c.steps);
      assert.equal(result.version, doc.version);
    });
  }

  it(`${expected.command.file}: the "${expected.command.lens}" CodeLens command runs the route and opens the panel`, async () => {
    const c = expected.command;
    const doc = await vscode.workspace.openTextDocument(uriOf(c.file));
    await vscode.window.showTextDocument(doc, { preview: false });
    await settleDiagnostics();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const lens = lenses.find((l) => l.command?.title === c.lens);
    assert.ok(lens?.command, `no "${c.lens}" lens among ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    const ran = await vscode.commands.executeCommand<{ result: RunRouteResult; view: { outcome: { text: string | null } } } | undefined>(
      lens.command.command, ...(lens.command.arguments ?? []));
    assert.ok(ran, 'the command returned nothing (cancelled or failed; see the apigw-lens output channel)');
    assert.deepEqual(pick(ran.result, c.expect), c.expect);
    assert.equal(ran.view.outcome.text, c.outcomeText);
    const panels = runRoutePanels();
    assert.equal(panels.length, 1, 'the Run Route panel is not open');
    await vscode.window.tabGroups.close(panels);
  });
});
