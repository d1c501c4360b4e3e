// CLI output positions: 1-based lines and UTF-16 columns of offsets in a file's text.
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface CliPosition {
  line: number;
  column: number;
}

/** Converts offsets of `text` to 1-based line and UTF-16 column (CRLF and lone CR end lines, as in editors). */
export function positionIn(text: string): (offset: number) => CliPosition {
  const doc = TextDocument.create('file:///cli', 'plaintext', 0, text);
  return (offset) => {
    const p = doc.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
}
