// The state a running server shares with its feature modules; created once per connection by startServer.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApigwSettings } from './protocol';
import type { Analysed, ModelCache } from './modelCache';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: ModelCache;
  /** Current settings (pulled from the client, or initializationOptions, or defaults). */
  settings(): ApigwSettings;
  /**
   * The cached model of an open document, or undefined when the document is unknown, disabled, too large or
   * not a template. Features must treat undefined as "nothing to offer".
   */
  modelFor(uri: string): { doc: TextDocument; analysed: Analysed } | undefined;
  /** Registers a callback run after the settings changed (features re-publish what depends on them). */
  onDidChangeSettings(listener: () => void): void;
  /** Logs an unexpected failure of a handler; the handler then answers an empty result. */
  logError(where: string, error: unknown): void;
  /** Absolute path of the folder holding the built bundles (dist/), for workers. */
  readonly distDir: string;
}

/** A feature module registers its LSP handlers and returns the capabilities it adds. */
export interface Feature {
  readonly name: string;
  /** Called from onInitialize: the capabilities to merge into the server's. */
  capabilities(): Record<string, unknown>;
  /** Called once the connection is set up. */
  register(ctx: ServerContext): void;
}

/** Runs `fn`, logging and returning `fallback` if it throws: one bad request must never take the server down. */
export function guarded<T>(ctx: ServerContext, where: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    ctx.logError(where, e);
    return fallback;
  }
}
