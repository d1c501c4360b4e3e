// Keeps the context key `apigwLens.noRunnableRoutes` true while the active YAML/JSON editor shows something that is not a runnable template, so "Run Route" is offered in the palette and the editor context menu for templates only.
import * as vscode from 'vscode';
import { ListRoutesRequest, type ListRoutesResult } from '../../server/src/protocol';
import type { Extension } from './extensionContext';

/**
 * Context key used in package.json `when` clauses of the Run Route command. It is negative on purpose: before the
 * extension has activated (the first moments after a template opens) it is unset, so the command is already offered
 * for YAML/JSON editors; once active, the extension hides it where there is nothing to run.
 */
export const NO_RUNNABLE_ROUTES_KEY = 'apigwLens.noRunnableRoutes';
/** Milliseconds to wait after the last edit of the active template before asking again. */
const REFRESH_DELAY_MS = 300;
const LANGUAGES = new Set(['yaml', 'json']);
/** Resource types that can make a template runnable; a cheap first answer while the server is asked. */
const RUNNABLE_TYPES = /AWS::ApiGatewayV2::(?:Api|Route)\b|AWS::Serverless::(?:HttpApi|WebSocketApi)\b/;

/** Registers the updater of NO_RUNNABLE_ROUTES_KEY; it follows the active editor, its edits and the language server starting. */
export function registerRunRouteContext(ext: Extension): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let current: boolean | undefined;

  /** `runnable`: the active editor shows a template with something to run. */
  const set = (runnable: boolean) => {
    if (runnable === current) return;
    current = runnable;
    void vscode.commands.executeCommand('setContext', NO_RUNNABLE_ROUTES_KEY, !runnable);
  };

  const refresh = async () => {
    const mine = ++seq;
    const doc = vscode.window.activeTextEditor?.document;
    const client = ext.languageClient;
    // The text answers at once, so the palette offers the command as soon as a template is shown; the server, which
    // knows whether the Apis have a protocol and routes, then has the last word.
    const looksRunnable = doc !== undefined && LANGUAGES.has(doc.languageId) && RUNNABLE_TYPES.test(doc.getText());
    set(looksRunnable);
    if (!doc || !looksRunnable || !client || !client.isRunning()) return;
    let runnable: boolean = looksRunnable;
    try {
      const listed = await client.sendRequest<ListRoutesResult>(ListRoutesRequest.method, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
      runnable = Array.isArray(listed?.apis) && listed.apis.some((a) => a.routes.length > 0 || a.protocol === 'HTTP');
    } catch (e) {
      // Keep the text's answer: the command itself reports what is wrong if the server cannot list the routes.
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
