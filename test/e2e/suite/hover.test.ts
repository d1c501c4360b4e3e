// Hover in the real editor: for each case in expected/hover.json, the hover VS Code gets from the language server (its range and Markdown text).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cursorPosition, openFixture, readFixtureJson, settleDiagnostics } from './helpers';

interface HoverCase {
  file: string;
  /** The cursor's line in `file`, `‸` at the cursor. */
  cursor: string;
  /** The document text the hover's range covers. */
  range: string;
  /** Snippets the hover's Markdown must contain, in this order. */
  contains: string[];
}

const markdown = (h: vscode.Hover) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');

describe('hover', () => {
  const { cases } = readFixtureJson<{ cases: HoverCase[] }>('expected/hover.json');
  for (const c of cases) {
    it(`${c.file} ${c.cursor}: ${c.contains[0] ?? ''}`, async () => {
      const { document } = await openFixture(c.file);
      await settleDiagnostics();
      const at = cursorPosition(document, c.cursor);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      assert.equal(hovers.length, 1, `expected one hover, got ${JSON.stringify(hovers.map(markdown))}`);
      const hover = hovers[0]!;
      assert.ok(hover.range, 'the hover has no range');
      assert.ok(hover.range.contains(at), 'the hover range does not hold the cursor');
      assert.equal(document.getText(hover.range), c.range);
      const text = markdown(hover);
      let from = 0;
      for (const s of c.contains) {
        const i = text.indexOf(s, from);
        assert.ok(i >= 0, `expected ${JSON.stringify(s)} (after offset ${from}) in the hover:\n${text}`);
        from = i + s.length;
      }
    });
  }
});
