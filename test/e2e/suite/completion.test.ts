// Completion in the real editor: for each case in expected/completion.json, the items VS Code gets from the language server at a cursor (selection expressions, VTL templates), and the line after accepting one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { CURSOR_MARK, cursorPosition, fixtureUri, openFixture, readFixtureJson, settleDiagnostics } from './helpers';

interface CompletionCase {
  file: string;
  /** The cursor's line in `file`, `‸` at the cursor. */
  cursor: string;
  /**
   * Type first, in an untitled copy: delete `delete` characters after the cursor, then insert `insert` (a `‸` in it is
   * where completion is asked; default: after the inserted text). Without `edit` the workspace file itself is used.
   */
  edit?: { delete?: number; insert?: string };
  /** The character that triggers the request, as when typing it (absent: invoked with Ctrl+Space). */
  trigger?: string;
  includes: string[];
  excludes?: string[];
  /** Accept the item `label`: the cursor's line must then read `line` (trimmed). */
  apply?: { label: string; line: string };
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** The text an item inserts, with snippet tab stops replaced by their placeholders. */
function insertedText(item: vscode.CompletionItem): string {
  const t = item.insertText ?? labelOf(item);
  if (typeof t === 'string') return t;
  return t.value.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}|\$\d+|\\([\\$}])/g, (_m, ph: string | undefined, esc: string | undefined) =>
    esc ?? (ph !== undefined ? ph.replace(/\\([\\$}])/g, '$1') : ''));
}

/** The range accepting an item overwrites with VS Code's default `editor.suggest.insertMode` ("insert"); without a range, the word at the cursor. */
function replacedRange(item: vscode.CompletionItem, doc: vscode.TextDocument, at: vscode.Position): vscode.Range {
  const r = item.range;
  if (!r) return doc.getWordRangeAtPosition(at) ?? new vscode.Range(at, at);
  return r instanceof vscode.Range ? r : r.inserting;
}

/** Opens the document the case asks for (the workspace file, or an untitled copy with the edit typed) and the completion position. */
async function prepare(c: CompletionCase): Promise<{ doc: vscode.TextDocument; at: vscode.Position; untitled: boolean }> {
  if (!c.edit) {
    const { document } = await openFixture(c.file);
    return { doc: document, at: cursorPosition(document, c.cursor), untitled: false };
  }
  const language = c.file.endsWith('.json') ? 'json' : 'yaml';
  const doc = await vscode.workspace.openTextDocument({ language, content: readFileSync(fixtureUri(c.file).fsPath, 'utf8') });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const start = cursorPosition(doc, c.cursor);
  const insert = c.edit.insert ?? '';
  const mark = insert.includes(CURSOR_MARK) ? insert.indexOf(CURSOR_MARK) : insert.length;
  const text = insert.replace(CURSOR_MARK, '');
  const ok = await editor.edit((b) => b.replace(new vscode.Range(start, start.translate(0, c.edit?.delete ?? 0)), text));
  assert.equal(ok, true, 'the edit was not applied');
  return { doc, at: start.translate(0, mark), untitled: true };
}

describe('completion', () => {
  const { cases } = readFixtureJson<{ cases: CompletionCase[] }>('expected/completion.json');
  for (const c of cases) {
    const typed = c.edit ? ` after typing ${JSON.stringify(c.edit.insert ?? '')}${c.edit.delete ? ` (deleting ${c.edit.delete})` : ''}` : '';
    it(`${c.file} ${c.cursor}${typed}: ${c.includes.join(', ')}`, async () => {
      const { doc, at, untitled } = await prepare(c);
      await settleDiagnostics(); // the server is up and has the document
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, c.trigger);
      const labels = list.items.map(labelOf);
      for (const l of c.includes) assert.ok(labels.includes(l), `expected "${l}" in [${labels.join(', ')}]`);
      for (const l of c.excludes ?? []) assert.ok(!labels.includes(l), `did not expect "${l}" in [${labels.join(', ')}]`);
      if (c.apply) {
        const item = list.items.find((i) => labelOf(i) === c.apply?.label);
        assert.ok(item, `no item "${c.apply.label}"`);
        const range = replacedRange(item, doc, at);
        assert.ok(range.isSingleLine && range.contains(at), `"${c.apply.label}" replaces ${JSON.stringify(range)}, which does not hold the cursor ${JSON.stringify(at)}`);
        const line = doc.lineAt(at.line).text;
        const after = line.slice(0, range.start.character) + insertedText(item) + line.slice(range.end.character);
        assert.equal(after.trim(), c.apply.line);
      }
      if (untitled) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
