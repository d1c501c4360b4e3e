// Helpers of the real-VS-Code e2e suite: workspace fixtures, event-driven waits for diagnostics, plain-data views of results.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';

/** `publisher.name` of the extension under test (repo root package.json). */
export const EXTENSION_ID = 'apigw-lens.apigw-lens';
/** `Diagnostic.source` of every apigw-lens diagnostic. */
export const DIAGNOSTIC_SOURCE = 'apigw-lens';
/** Upper bound of every wait in this suite, in milliseconds (kept below Mocha's 60 s test timeout so asserts can report). */
export const WAIT_MS = 20_000;

/** The extension under test; fails the test if VS Code did not load it. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Root of the opened workspace: a fresh copy of test/fixtures/e2e/. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner opens a copy of test/fixtures/e2e/)');
  return folder.uri;
}

/** URI of a workspace file; `relativePath` uses forward slashes. */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Parses a JSON workspace file synchronously (usable while Mocha collects tests). */
export function readFixtureJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(fixtureUri(relativePath).fsPath, 'utf8')) as T;
}

/** Opens a workspace file in an editor and returns that editor. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** apigw-lens diagnostics of a document (other sources, e.g. VS Code's JSON service, are dropped). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** A diagnostic as plain data, for whole-result comparison with fixture expectations. */
export interface DiagnosticView {
  /** Stable id, e.g. `apigw/integration-response-key-format`. */
  code: string;
  severity: 'Error' | 'Warning' | 'Information' | 'Hint';
  /** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 code units. */
  range: [number, number, number, number];
  /** The document text inside `range`. */
  text: string;
}

/** Plain-data views of a document's apigw-lens diagnostics, sorted by position then code. */
export function diagnosticViews(doc: vscode.TextDocument): DiagnosticView[] {
  return ourDiagnostics(doc.uri)
    .map((d): DiagnosticView => ({
      code: String(typeof d.code === 'object' ? d.code.value : d.code),
      severity: vscode.DiagnosticSeverity[d.severity] as DiagnosticView['severity'],
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      text: doc.getText(d.range),
    }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

/**
 * Resolves with `compute()` as soon as `done` accepts it: checked now and after each diagnostics change of `uri`.
 * After `timeoutMs` it resolves with the last value anyway, so the caller's assertion reports what was there.
 */
export function waitForDiagnosticState<T>(uri: vscode.Uri, compute: () => T, done: (value: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  return new Promise((resolve) => {
    const first = compute();
    if (done(first)) {
      resolve(first);
      return;
    }
    const key = uri.toString();
    const finish = (value: T) => {
      sub.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      const value = compute();
      if (done(value)) finish(value);
    });
    const timer = setTimeout(() => finish(compute()), timeoutMs);
  });
}

/** Waits until the document's apigw-lens diagnostics equal `expected` (or WAIT_MS pass) and returns them. */
export function waitForDiagnosticViews(doc: vscode.TextDocument, expected: DiagnosticView[]): Promise<DiagnosticView[]> {
  return waitForDiagnosticState(doc.uri, () => diagnosticViews(doc), (v) => isDeepStrictEqual(v, expected));
}

/**
 * Barrier for "no diagnostics" assertions: opens a new untitled copy of bad-key.yaml and waits for its apigw-lens
 * diagnostics. The server handles documents in the order they were opened, so once this resolves every document
 * opened before has been analysed and its diagnostics (if any) have been published.
 */
export async function settleDiagnostics(): Promise<void> {
  const content = readFileSync(fixtureUri('bad-key.yaml').fsPath, 'utf8');
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  const got = await waitForDiagnosticState(doc.uri, () => ourDiagnostics(doc.uri).length, (n) => n > 0);
  assert.ok(got > 0, 'barrier document got no apigw-lens diagnostics: is the language server running?');
}

/** Marks the cursor in a line written in an expectation file, e.g. `RouteSelectionExpression: $request.body.‸action`. */
export const CURSOR_MARK = '‸';

/**
 * Position of a cursor written as one line with `‸` in it (no leading or trailing blanks): the document must hold
 * exactly one line whose trimmed text equals `cursor` without the mark. Fails the test otherwise, so a fixture edit
 * cannot silently move the cursor somewhere else.
 */
export function cursorPosition(doc: vscode.TextDocument, cursor: string): vscode.Position {
  const at = cursor.indexOf(CURSOR_MARK);
  assert.ok(at >= 0 && !cursor.includes(CURSOR_MARK, at + 1), `cursor ${JSON.stringify(cursor)} needs exactly one ${CURSOR_MARK}`);
  const wanted = cursor.slice(0, at) + cursor.slice(at + CURSOR_MARK.length);
  assert.equal(wanted, wanted.trim(), `cursor ${JSON.stringify(cursor)} must not start or end with blanks`);
  const lines: number[] = [];
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trim() === wanted) lines.push(i);
  assert.equal(lines.length, 1, `expected one line ${JSON.stringify(wanted)} in ${doc.uri.path}, found ${lines.length}`);
  const line = lines[0]!;
  return new vscode.Position(line, doc.lineAt(line).text.indexOf(wanted) + at);
}
