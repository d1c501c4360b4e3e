// The Extension object: owns the language client, the output channel and every disposable (rust-analyzer's Ctx pattern).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerRunRoute } from './commands';
import { createLanguageClient } from './languageClient';
import { registerWalkthroughCommands } from './walkthrough';
import { registerRunRouteContext } from './runContext';

export class Extension implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly clientChanged = new vscode.EventEmitter<void>();
  /** Fires after the language client started or stopped. */
  readonly onDidChangeClient = this.clientChanged.event;

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('apigw-lens', { log: true });
    this.disposables.push(this.output, this.clientChanged);
  }

  /** The running language client, or undefined when disabled or not started yet. */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    this.disposables.push(registerRunRoute(this), registerRunRouteContext(this));
    this.disposables.push(registerWalkthroughCommands(this.context));
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration(async (e) => {
        if (e.affectsConfiguration('apigwLens.enable')) await this.applyEnablement();
      }),
    );
    await this.applyEnablement();
  }

  /** Starts or stops the server following `apigwLens.enable`. */
  private async applyEnablement(): Promise<void> {
    const enabled = vscode.workspace.getConfiguration('apigwLens').get<boolean>('enable', true);
    if (enabled && !this.client) {
      this.client = createLanguageClient(this.context, this.output);
      try {
        await this.client.start();
      } catch (e) {
        this.output.appendLine(`apigw-lens: the language server failed to start: ${String(e)}`);
        void vscode.window.showErrorMessage('apigw-lens: the language server failed to start. See the "apigw-lens" output channel.');
      }
      this.clientChanged.fire();
    } else if (!enabled && this.client) {
      const c = this.client;
      this.client = undefined;
      await c.stop();
      this.clientChanged.fire();
    }
  }

  /** Registers a disposable to be released on deactivation. */
  own(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  async dispose(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop().catch(() => undefined);
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
