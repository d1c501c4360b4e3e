// Keeps the context key `apigwLens.canRunRoute` true while the active editor shows a template with something to run, so "Run Route" appears in the palette and the editor context menu for templates only.
import * as vscode from 'vscode';
import { ListRoutesRequest, type ListRoutesResult } from '../../server/src/protocol';
import type { Extension } from './extensionContext';

/** Context key used in package.json `when` clauses of the Run Route command. */
export const CAN_RUN_ROUTE_KEY = 'apigwLens.canRunRoute';
/** Milliseconds to wait after the last edit of the active template before asking again. */
const REFRESH_DELAY_MS = 300;
const LANGUAGES = new Set(['yaml', 'json']);

/** Registers the updater of CAN_RUN_ROUTE_KEY; it follows the active editor, its edits and the language server starting. */
export function registerRunRouteContext(ext: Extension): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let current: boolean | undefined;

  const set = (value: boolean) => {
    if (value === current) return;
    current = value;
    void vscode.commands.executeCommand('setContext', CAN_RUN_ROUTE_KEY, value);
  };

  const refresh = async () => {
    const mine = ++seq;
    const doc = vscode.window.activeTextEditor?.document;
    const client = ext.languageClient;
    if (!doc || !LANGUAGES.has(doc.languageId) || !client || !client.isRunning()) {
      set(false);
      return;
    }
    let runnable = false;
    try {
      const listed = await client.sendRequest<ListRoutesResult>(ListRoutesRequest.method, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
      runnable = Array.isArray(listed?.apis) && listed.apis.some((a) => a.routes.length > 0 || a.protocol === 'HTTP');
    } catch (e) {
      ext.output.debug(`apigw/listRoutes for the Run Route menu failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (mine === seq) set(runnable);
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, REFRESH_DELAY_MS);
  };

  void refresh();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && e.document === vscode.window.activeTextEditor?.document) schedule();
    }),
    ext.onDidChangeClient(() => void refresh()),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );
}
