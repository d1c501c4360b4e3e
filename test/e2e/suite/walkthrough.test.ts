// The getting-started walkthrough's commands in the real editor: open the sample (one diagnostic), apply its quick fix, run the sample route.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticViews, readFixtureJson, waitForDiagnosticViews, type DiagnosticView } from './helpers';

interface Expected {
  diagnostics: DiagnosticView[];
  fixTitle: string;
  run: { routeLogicalId: string; integrationLogicalId: string; integrationType: string };
}

describe('getting-started walkthrough', () => {
  const expected = readFixtureJson<Expected>('expected/walkthrough.json');
  let sample: vscode.TextDocument | undefined;

  it('apigwLens.openSample opens the sample WebSocket template with its one diagnostic', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('apigwLens.openSample');
    assert.ok(uri instanceof vscode.Uri, 'the command returned no uri');
    sample = await vscode.workspace.openTextDocument(uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.deepEqual(await waitForDiagnosticViews(sample, expected.diagnostics), expected.diagnostics);
  });

  it('the quick fix the walkthrough names clears the diagnostic', async () => {
    assert.ok(sample, 'the sample was not opened');
    const [first] = expected.diagnostics;
    assert.ok(first);
    const range = new vscode.Range(first.range[0], first.range[1], first.range[2], first.range[3]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sample.uri, range, 'quickfix');
    const fix = actions.find((a) => a.title === expected.fixTitle);
    assert.ok(fix?.edit, `no "${expected.fixTitle}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.deepEqual(await waitForDiagnosticViews(sample, []), []);
    assert.deepEqual(diagnosticViews(sample), []);
  });

  it('apigwLens.runSampleRoute runs the sample route in the open (fixed) sample', async () => {
    const ran = await vscode.commands.executeCommand<{ result: { routeLogicalId: string | null; integrationLogicalId: string | null; integrationType: string | null; version: number } } | undefined>('apigwLens.runSampleRoute');
    assert.ok(ran, 'the run was cancelled or failed');
    const { routeLogicalId, integrationLogicalId, integrationType, version } = ran.result;
    assert.deepEqual({ routeLogicalId, integrationLogicalId, integrationType }, expected.run);
    assert.equal(version, sample?.version, 'the run did not use the edited sample');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
