// Quick fixes in the real editor: for each case in expected/quickfixes.json, the offered fixes and the result of applying the preferred one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { fixtureUri, ourDiagnostics, readFixtureJson, waitForDiagnosticState } from './helpers';

interface QuickFixCase {
  file: string;
  code: string;
  titles: string[];
  lineAfter: string;
  diagnosticsAfter: string[];
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('quick fixes', () => {
  const { cases } = readFixtureJson<{ cases: QuickFixCase[] }>('expected/quickfixes.json');
  for (const c of cases) {
    it(`${c.file} ${c.code}: ${c.titles[0] ?? 'none'}`, async () => {
      // An untitled copy keeps the workspace file unchanged for other tests.
      const language = c.file.endsWith('.json') ? 'json' : 'yaml';
      const doc = await vscode.workspace.openTextDocument({ language, content: readFileSync(fixtureUri(c.file).fsPath, 'utf8') });
      await vscode.window.showTextDocument(doc, { preview: false });
      const found = await waitForDiagnosticState(doc.uri, () => ourDiagnostics(doc.uri).filter((d) => codeOf(d) === c.code), (ds) => ds.length > 0);
      assert.equal(found.length, 1, `expected one ${c.code} diagnostic`);
      const diagnostic = found[0]!;

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      // The provider command does not return CodeAction.diagnostics, so take every quick fix offered at the range.
      const ours = actions.filter((a): a is vscode.CodeAction =>
        'kind' in a && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind));
      const ordered = [...ours.filter((a) => a.isPreferred), ...ours.filter((a) => !a.isPreferred)];
      assert.deepEqual(ordered.map((a) => a.title), c.titles);

      const preferred = ordered[0];
      assert.ok(preferred?.edit, 'the preferred quick fix has no workspace edit');
      assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
      assert.equal(doc.lineAt(diagnostic.range.start.line).text, c.lineAfter);
      const after = await waitForDiagnosticState(doc.uri, () => ourDiagnostics(doc.uri).map(codeOf).sort(),
        (codes) => JSON.stringify(codes) === JSON.stringify(c.diagnosticsAfter));
      assert.deepEqual(after, c.diagnosticsAfter);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
