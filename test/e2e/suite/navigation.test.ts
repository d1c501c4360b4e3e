// Navigation in the real editor: go to definition, find references and the outline of a workspace template (expected/navigation.json).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, readFixtureJson, settleDiagnostics } from './helpers';

interface Expected {
  file: string;
  /** The cursor goes right after the first occurrence of `cursorAfter`. */
  definitions: { cursorAfter: string; target: string; targetLine: number }[];
  references: { cursorAfter: string; lines: number[] }[];
  outline: unknown[];
}

type Outline = [string] | [string, Outline[]];

function cursorAfter(doc: vscode.TextDocument, text: string): vscode.Position {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `${JSON.stringify(text)} not in ${doc.fileName}`);
  return doc.positionAt(at + text.length);
}

function outline(s: vscode.DocumentSymbol): Outline {
  assert.ok(s.range.contains(s.selectionRange), `${s.name}: selection outside range`);
  return s.children.length ? [s.name, s.children.map(outline)] : [s.name];
}

describe('navigation', () => {
  const expected = readFixtureJson<Expected>('expected/navigation.json');

  it(`${expected.file}: go to definition lands on the logical id`, async () => {
    const { document } = await openFixture(expected.file);
    await settleDiagnostics();
    for (const d of expected.definitions) {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, cursorAfter(document, d.cursorAfter));
      const views = found.map((l) => {
        const range = 'targetRange' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
        return { target: document.getText(range), targetLine: range.start.line };
      });
      assert.deepEqual(views, [{ target: d.target, targetLine: d.targetLine }], d.cursorAfter);
    }
  });

  it(`${expected.file}: find references lists the declaration and every use`, async () => {
    const { document } = await openFixture(expected.file);
    await settleDiagnostics();
    for (const r of expected.references) {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, cursorAfter(document, r.cursorAfter));
      const ours = found.filter((l) => l.uri.toString() === document.uri.toString());
      assert.deepEqual(ours.map((l) => l.range.start.line).sort((a, b) => a - b), [...r.lines].sort((a, b) => a - b), r.cursorAfter);
    }
  });

  it(`${expected.file}: the outline is Api → route → integration → responses`, async () => {
    const { document } = await openFixture(expected.file);
    await settleDiagnostics();
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map(outline), expected.outline);
  });
});
