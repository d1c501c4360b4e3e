// CodeLenses in the real editor: for each workspace file in expected/codelens.json, the Run Route / Send Request lenses (title, command, range, arguments); their command is registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, readFixtureJson, settleDiagnostics } from './helpers';

interface LensView {
  title: string;
  command: string;
  range: [number, number, number, number];
  text: string;
  arguments: unknown[];
}

function lensView(doc: vscode.TextDocument, lens: vscode.CodeLens): LensView {
  const self = doc.uri.toString();
  return {
    title: lens.command?.title ?? '',
    command: lens.command?.command ?? '',
    range: [lens.range.start.line, lens.range.start.character, lens.range.end.line, lens.range.end.character],
    text: doc.getText(lens.range),
    arguments: (lens.command?.arguments ?? []).map((a: unknown) =>
      a && typeof a === 'object' && 'uri' in a && (a as { uri: unknown }).uri === self ? { ...a, uri: '<this document>' } : a),
  };
}

describe('code lenses', () => {
  const { files } = readFixtureJson<{ files: Record<string, LensView[]> }>('expected/codelens.json');
  for (const [file, expected] of Object.entries(files)) {
    it(`${file}: ${expected.length ? expected.map((l) => `${l.title} ${l.text}`).join(', ') : 'none'}`, async () => {
      const { document } = await openFixture(file);
      await settleDiagnostics(); // the server is up and has analysed the document
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      const views = lenses
        .map((l) => lensView(document, l))
        .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
      assert.deepEqual(views, expected);
    });
  }

  const commands = [...new Set(Object.values(files).flat().map((l) => l.command))].sort();
  it(`the lens command${commands.length === 1 ? '' : 's'} ${commands.join(', ')} ${commands.length === 1 ? 'is' : 'are'} registered`, async () => {
    assert.ok(commands.length > 0, 'expected/codelens.json names no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(commands.filter((c) => !registered.has(c)), []);
  });
});
