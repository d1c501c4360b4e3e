// The "API Gateway: Run Route" command and the controller behind the Run Route panel: pick a route, run it in the language server, show, re-run, reveal, save scenarios.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ListRoutesRequest,
  RUN_ROUTE_COMMAND,
  RunRouteRequest,
  SaveScenarioRequest,
  type ListRoutesResult,
  type RunRouteParams,
  type RunRouteResult,
  type SaveScenarioParams,
  type SaveScenarioResult,
  type SimRequest,
} from '../../server/src/protocol';
import type { Extension } from './extensionContext';
import { RunRoutePanel } from './runRoutePanel';
import { choiceAtLine, initialInput, locationsOf, rememberRecent, runChoices, toRunView, toScenarioInput, toSession, toSimRequest, type RunTargetChoice } from './runView';
import type { LocationView, RunInputView, RunReason, RunView } from './webviewMessages';

/** Command id of "API Gateway: Run Route" (palette, editor context menu, and the server's CodeLenses); defined in protocol.ts. */
export { RUN_ROUTE_COMMAND };
/** workspaceState key of recent messages: `{ "<template uri>#<route or api id>": string[] }`. */
const RECENT_KEY = 'apigwLens.recentMessages';
/** Milliseconds to wait after the last template edit before running again. */
const RERUN_DELAY_MS = 400;
/** JSON-RPC error code of a request answered for an older document version. */
const CONTENT_MODIFIED = -32801;

/** Argument of the command when a CodeLens (or another extension) invokes it. */
export interface RunRouteArgs {
  uri: string;
  apiId?: string;
  routeId?: string;
}

/** What the command resolves to (used by the e2e suite): the run and what the panel shows; undefined when cancelled. */
export interface RunRouteCommandResult {
  result: RunRouteResult;
  view: RunView;
}

/** The route being run in the panel. */
interface Session {
  uri: vscode.Uri;
  choice: RunTargetChoice;
  apiCount: number;
  /** The input of the last run, re-used when the template changes. */
  input: RunInputView;
  /** Locations the last result mentions: the only places `reveal` may open. */
  locations: LocationView[];
}

function isRunRouteArgs(v: unknown): v is RunRouteArgs {
  if (!v || typeof v !== 'object') return false;
  const a = v as Record<string, unknown>;
  return typeof a.uri === 'string' && (a.apiId === undefined || typeof a.apiId === 'string') && (a.routeId === undefined || typeof a.routeId === 'string');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Registers the Run Route command; everything it creates is released with the returned disposable. */
export function registerRunRoute(ext: Extension): vscode.Disposable {
  const controller = new RunRouteController(ext);
  const command = vscode.commands.registerCommand(RUN_ROUTE_COMMAND, (args?: unknown) => controller.runCommand(isRunRouteArgs(args) ? args : undefined));
  return vscode.Disposable.from(command, controller);
}

class RunRouteController implements vscode.Disposable {
  private readonly panel: RunRoutePanel;
  private session: Session | undefined;
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  /** Increases with every run; only the newest run's answer is shown. */
  private runSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ext: Extension) {
    this.panel = new RunRoutePanel(ext.context.extensionUri, {
      run: (input) => void this.runFromPanel(input, 'user'),
      save: (name, input) => void this.save(name, input),
      pickRoute: () => void this.pickAnotherRoute(),
      reveal: (location) => void this.reveal(location),
    }, ext.output);
    this.disposables.push(
      this.panel,
      this.panel.onDidClose(() => {
        this.session = undefined;
        this.cancelRerun();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.session && this.panel.isOpen && e.contentChanges.length > 0 && e.document.uri.toString() === this.session.uri.toString()) this.scheduleRerun();
      }),
    );
  }

  private client(): LanguageClient | undefined {
    const c = this.ext.languageClient;
    return c && c.isRunning() ? c : undefined;
  }

  /** The command: resolve the template and the route, open the panel, run once. */
  async runCommand(args: RunRouteArgs | undefined): Promise<RunRouteCommandResult | undefined> {
    const client = this.client();
    if (!client) {
      void vscode.window.showWarningMessage('apigw-lens: the language server is not running (see the "apigwLens.enable" setting and the apigw-lens output channel).');
      return undefined;
    }
    const editor = vscode.window.activeTextEditor;
    const uri = args ? vscode.Uri.parse(args.uri) : editor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Run Route: open a CloudFormation or SAM template first.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const listed = await this.listRoutes(client, doc.uri);
    if (!listed) return undefined;
    const choices = runChoices(listed.apis);
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(`Run Route: ${vscode.workspace.asRelativePath(doc.uri)} declares no AWS::ApiGatewayV2 routes to run.`);
      return undefined;
    }
    let choice: RunTargetChoice | undefined;
    if (args?.apiId !== undefined || args?.routeId !== undefined) {
      choice = choices.find((c) => (args.routeId !== undefined ? c.route?.logicalId === args.routeId : c.route === undefined && c.api.logicalId === args.apiId));
      if (!choice) {
        void vscode.window.showWarningMessage(`Run Route: ${args.routeId ?? args.apiId} is no longer in ${vscode.workspace.asRelativePath(doc.uri)}.`);
        return undefined;
      }
    } else {
      const cursor = editor && editor.document.uri.toString() === doc.uri.toString() ? editor.selection.active.line : -1;
      choice = cursor >= 0 ? choiceAtLine(doc.getText().split(/\r?\n/), cursor, choices) : undefined;
      choice ??= choices.length === 1 ? choices[0] : await this.pick(choices);
    }
    if (!choice) return undefined;
    return this.start(doc.uri, choice, listed.apis.length);
  }

  private async listRoutes(client: LanguageClient, uri: vscode.Uri): Promise<ListRoutesResult | undefined> {
    try {
      return await client.sendRequest<ListRoutesResult>(ListRoutesRequest.method, { uri: client.code2ProtocolConverter.asUri(uri) });
    } catch (e) {
      this.ext.output.error(`apigw/listRoutes failed: ${errorText(e)}`);
      void vscode.window.showErrorMessage(`Run Route: the routes of this template could not be listed (${errorText(e)}).`);
      return undefined;
    }
  }

  private async pick(choices: RunTargetChoice[]): Promise<RunTargetChoice | undefined> {
    const items = choices.map((c) => ({
      label: c.route ? `$(play) ${c.route.routeKey ?? c.route.logicalId}` : `$(send) Send Request to ${c.api.logicalId}`,
      description: c.route ? [c.route.logicalId, c.route.integrationType ?? 'no integration'].join(' · ') : 'HTTP API: routing picks the route',
      detail: `${c.api.logicalId} (${c.api.protocol === 'HTTP' ? 'HTTP API' : 'WebSocket API'})`,
      choice: c,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Route to run', matchOnDescription: true, matchOnDetail: true });
    return picked?.choice;
  }

  private recentKey(uri: vscode.Uri, choice: RunTargetChoice): string {
    return `${uri.toString()}#${choice.route?.logicalId ?? choice.api.logicalId}`;
  }

  private recent(uri: vscode.Uri, choice: RunTargetChoice): string[] {
    const all = this.ext.context.workspaceState.get<Record<string, unknown>>(RECENT_KEY, {});
    const list = all[this.recentKey(uri, choice)];
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
  }

  private async remember(uri: vscode.Uri, choice: RunTargetChoice, message: string): Promise<string[]> {
    const all = { ...this.ext.context.workspaceState.get<Record<string, unknown>>(RECENT_KEY, {}) };
    const next = rememberRecent(this.recent(uri, choice), message);
    all[this.recentKey(uri, choice)] = next;
    await this.ext.context.workspaceState.update(RECENT_KEY, all);
    return next;
  }

  /** Opens the panel on `choice` and runs it once with its first input (the most recent message, if any). */
  private async start(uri: vscode.Uri, choice: RunTargetChoice, apiCount: number): Promise<RunRouteCommandResult | undefined> {
    const recent = this.recent(uri, choice);
    const input = initialInput(choice);
    if (recent[0] !== undefined) input.message = recent[0];
    this.session = { uri, choice, apiCount, input, locations: [] };
    this.panel.show();
    this.panel.setSession({ type: 'session', session: toSession(choice, uri.toString(), uri.path.split('/').pop() ?? uri.toString(), input, recent) });
    return this.run(input, 'user');
  }

  private runFromPanel(input: RunInputView, reason: RunReason): Promise<RunRouteCommandResult | undefined> {
    this.cancelRerun();
    return this.run(input, reason);
  }

  /** Runs `input` on the current session's route in the language server and shows the result. */
  private async run(input: RunInputView, reason: RunReason): Promise<RunRouteCommandResult | undefined> {
    const session = this.session;
    const client = this.client();
    if (!session) return undefined;
    if (!client) {
      this.panel.post({ type: 'failed', message: 'The apigw-lens language server is not running.', location: undefined });
      return undefined;
    }
    const parsed = toSimRequest(input, session.choice);
    if ('field' in parsed) {
      this.panel.post({ type: 'failed', message: parsed.message, location: undefined });
      return undefined;
    }
    session.input = input;
    const seq = ++this.runSeq;
    this.panel.post({ type: 'running', reason });
    const result = await this.sendRun(client, session, parsed.request);
    if (seq !== this.runSeq || session !== this.session) return undefined; // a newer run (or route) took over
    if ('failure' in result) {
      this.panel.post({ type: 'failed', message: result.failure, location: undefined });
      return undefined;
    }
    session.locations = locationsOf(result.result);
    const view = toRunView(result.result);
    this.panel.post({ type: 'result', run: view, reason });
    const message = session.choice.api.protocol === 'HTTP' || input.event === 'message' ? input.message : '';
    if (reason === 'user' && message) {
      const recent = await this.remember(session.uri, session.choice, message);
      if (session === this.session) this.panel.setRecent(recent);
    }
    return { result: result.result, view };
  }

  private async sendRun(client: LanguageClient, session: Session, request: SimRequest): Promise<{ result: RunRouteResult } | { failure: string }> {
    const doc = await vscode.workspace.openTextDocument(session.uri);
    const params: RunRouteParams = {
      uri: client.code2ProtocolConverter.asUri(doc.uri),
      apiLogicalId: session.choice.api.logicalId,
      ...(session.choice.route ? { routeLogicalId: session.choice.route.logicalId } : {}),
      request,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return { result: await client.sendRequest<RunRouteResult>(RunRouteRequest.method, params) };
      } catch (e) {
        // The server answered for a document version it no longer has: the text changed meanwhile; try the new text once.
        if (attempt === 0 && (e as { code?: unknown }).code === CONTENT_MODIFIED) continue;
        this.ext.output.error(`apigw/runRoute failed: ${errorText(e)}`);
        return { failure: `The run failed: ${errorText(e)}` };
      }
    }
  }

  private scheduleRerun(): void {
    this.cancelRerun();
    this.rerunTimer = setTimeout(() => {
      this.rerunTimer = undefined;
      void this.rerunAfterChange();
    }, RERUN_DELAY_MS);
  }

  private cancelRerun(): void {
    if (this.rerunTimer !== undefined) clearTimeout(this.rerunTimer);
    this.rerunTimer = undefined;
  }

  /** The template changed: refresh the route (its position, stages and defaults may have moved) and run the last input again. */
  private async rerunAfterChange(): Promise<void> {
    const session = this.session;
    const client = this.client();
    if (!session || !client || !this.panel.isOpen) return;
    const listed = await this.listRoutes(client, session.uri);
    if (!listed || session !== this.session) return;
    const again = runChoices(listed.apis).find((c) => (session.choice.route ? c.route?.logicalId === session.choice.route.logicalId : c.route === undefined && c.api.logicalId === session.choice.api.logicalId));
    if (!again) {
      this.panel.post({ type: 'failed', message: `${session.choice.route?.logicalId ?? session.choice.api.logicalId} is no longer in the template.`, location: undefined });
      return;
    }
    session.choice = again;
    session.apiCount = listed.apis.length;
    await this.run(session.input, 'template-changed');
  }

  private async pickAnotherRoute(): Promise<void> {
    const session = this.session;
    const client = this.client();
    if (!session || !client) return;
    const listed = await this.listRoutes(client, session.uri);
    if (!listed) return;
    const choice = await this.pick(runChoices(listed.apis));
    if (choice) await this.start(session.uri, choice, listed.apis.length);
  }

  /** Jumps to a location of the last result. Locations the host did not send are refused. */
  private async reveal(location: LocationView): Promise<void> {
    const session = this.session;
    const known = session?.locations.some((l) => l.uri === location.uri && l.range.start.line === location.range.start.line && l.range.start.character === location.range.start.character && l.range.end.line === location.range.end.line && l.range.end.character === location.range.end.character);
    if (!session || !known) {
      this.ext.output.warn('Run Route panel: ignored a reveal request for a location the panel was not given.');
      return;
    }
    const doc = await vscode.workspace.openTextDocument(session.uri);
    const r = location.range;
    const range = doc.validateRange(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Runs `input`, then writes it with its result as scenario `name` into the scenarios file next to the template. */
  private async save(name: string, input: RunInputView): Promise<void> {
    const session = this.session;
    const client = this.client();
    if (!session || !client) return;
    if (session.uri.scheme === 'untitled') {
      this.panel.post({ type: 'failed', message: 'Save the template to a file first: scenarios are saved next to it.', location: undefined });
      return;
    }
    const parsed = toSimRequest(input, session.choice);
    if ('field' in parsed) {
      this.panel.post({ type: 'failed', message: parsed.message, location: undefined });
      return;
    }
    const ran = await this.runFromPanel(input, 'user');
    if (!ran || session !== this.session) return;
    const templateName = session.uri.path.split('/').pop() ?? 'template.yaml';
    const target = session.uri.with({ path: session.uri.path.replace(/\.(ya?ml|json|template)$/i, '') + '.apigw-scenarios.yaml' });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    let scenariosText: string | null = open ? open.getText() : null;
    if (!open) {
      try {
        scenariosText = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      } catch (e) {
        if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) {
          this.panel.post({ type: 'failed', message: `Could not read ${vscode.workspace.asRelativePath(target)}: ${errorText(e)}`, location: undefined });
          return;
        }
      }
    }
    const params: SaveScenarioParams = { name, input: toScenarioInput(parsed.request, session.choice, session.apiCount), output: ran.result, scenariosText, templateName };
    let saved: SaveScenarioResult;
    try {
      saved = await client.sendRequest<SaveScenarioResult>(SaveScenarioRequest.method, params);
    } catch (e) {
      this.panel.post({ type: 'failed', message: `Saving the scenario failed: ${errorText(e)}`, location: undefined });
      return;
    }
    if (!saved.ok) {
      this.panel.post({ type: 'failed', message: saved.message, location: undefined });
      return;
    }
    try {
      if (open) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(open.uri, open.validateRange(new vscode.Range(0, 0, open.lineCount, 0)), saved.text);
        if (!(await vscode.workspace.applyEdit(edit)) || !(await open.save())) throw new Error('the editor refused the change');
      } else {
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(saved.text));
      }
    } catch (e) {
      this.panel.post({ type: 'failed', message: `Could not write ${vscode.workspace.asRelativePath(target)}: ${errorText(e)}`, location: undefined });
      return;
    }
    const template = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.uri.toString());
    const unsaved = template?.isDirty ? ' The template has unsaved changes: save it too, `apigw-lens test` reads it from disk.' : '';
    this.panel.post({
      type: 'notice',
      text: `${saved.replaced ? 'Replaced' : 'Saved'} scenario "${name.trim()}" in ${vscode.workspace.asRelativePath(target)} (expects ${saved.expectedFields.join(', ')}). Run it with: apigw-lens test ${vscode.workspace.asRelativePath(session.uri)}.${unsaved}`,
    });
  }

  dispose(): void {
    this.cancelRerun();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
