// The one Run Route WebviewPanel: locked-down options and HTML, host → webview messages queued until the webview is ready, every incoming message guarded.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildWebviewHtml } from './webviewHtml';
import { isWebviewMessage, type HostMessage, type LocationView, type RunInputView, type SessionView } from './webviewMessages';

/** What the panel asks its owner to do; every call carries a message that already passed `isWebviewMessage`. */
export interface RunRoutePanelHandlers {
  run(input: RunInputView): void;
  save(name: string, input: RunInputView): void;
  pickRoute(): void;
  reveal(location: LocationView): void;
}

/** The editor tab title for a session (always starting with "Run Route"): the route key, or the Api an HTTP request is sent to. */
export function panelTitle(session: SessionView): string {
  return session.route ? `Run Route: ${session.route.routeKey}` : `Run Route: ${session.apiId} (Send Request)`;
}

/** View type of the panel (also its id in VS Code's panel serialisation, which we do not use). */
export const RUN_ROUTE_VIEW_TYPE = 'apigwLens.runRoute';

/**
 * Owns at most one webview panel at a time and reuses it. The webview is reloaded by VS Code when it is hidden and
 * shown again (no retainContextWhenHidden), so the session and the last result are replayed whenever it says `ready`.
 */
export class RunRoutePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readonly pending: HostMessage[] = [];
  /** The messages that describe the current state: the session, then the last result or failure. */
  private session: Extract<HostMessage, { type: 'session' }> | undefined;
  private outcome: HostMessage | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  /** Fires when the user closes the panel. */
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: RunRoutePanelHandlers,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the panel beside the editor, or brings the existing one forward. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(RUN_ROUTE_VIEW_TYPE, 'Run Route', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [dist, media],
    });
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'runRoute.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        // Hidden webviews are torn down; the next `ready` replays the state.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.pending.length = 0;
        for (const d of this.disposables.splice(0)) d.dispose();
        this.closed.fire();
      }),
    );
  }

  /** Shows a new session (route and inputs); forgets the previous result. */
  setSession(message: Extract<HostMessage, { type: 'session' }>): void {
    this.session = message;
    this.outcome = undefined;
    if (this.panel) this.panel.title = panelTitle(message.session);
    this.post(message);
  }

  /** Replaces the recent messages of the current session (kept for replays too). */
  setRecent(recent: string[]): void {
    if (this.session?.type === 'session') this.session = { type: 'session', session: { ...this.session.session, recent } };
    this.post({ type: 'recent', recent });
  }

  /** Sends a message, remembering results and failures so they survive the webview being reloaded. */
  post(message: HostMessage): void {
    const isOutcome = message.type === 'result' || message.type === 'failed';
    if (isOutcome) this.outcome = message;
    if (!this.panel) return;
    if (this.ready) {
      void this.panel.webview.postMessage(message);
      return;
    }
    // Sessions, recent lists and outcomes are replayed on `ready`; only transient messages are queued, and an outcome ends a `running`.
    if (isOutcome || message.type === 'session') this.pending.length = 0;
    else if (message.type !== 'recent') this.pending.push(message);
  }

  private receive(m: unknown): void {
    if (!isWebviewMessage(m)) {
      this.log.warn('Run Route panel: ignored a message of unexpected shape from the webview.');
      return;
    }
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        // The state first, then what happened since (a run in flight, a notice).
        const replay = [this.session, this.outcome, ...this.pending.splice(0)].filter((x): x is HostMessage => x !== undefined);
        for (const x of replay) void this.panel?.webview.postMessage(x);
        return;
      }
      case 'run':
        this.handlers.run(m.input);
        return;
      case 'save':
        this.handlers.save(m.name, m.input);
        return;
      case 'pickRoute':
        this.handlers.pickRoute();
        return;
      case 'reveal':
        this.handlers.reveal(m.location);
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.closed.dispose();
  }
}
