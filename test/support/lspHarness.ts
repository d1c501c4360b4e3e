// Test harness: spawns the built language server (dist/server.js --stdio) and speaks real LSP to it over its pipes.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
  readonly connection: ProtocolConnection;
  readonly initializeResult: InitializeResult;
  /** Opens a document; returns its uri. */
  open(name: string, text: string, languageId?: string): string;
  /** Replaces the whole text of an open document (a new version). */
  change(uri: string, text: string): void;
  close(uri: string): void;
  /** Resolves with the next publishDiagnostics for `uri` (optionally at a given version). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Sends shutdown + exit and waits for the process to end. */
  dispose(): Promise<void>;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export async function startLsp(options: { initializationOptions?: unknown; configuration?: unknown } = {}): Promise<LspSession> {
  const child: ChildProcess = spawn(process.execPath, [resolve(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (!child.stdout || !child.stdin) throw new Error('server pipes unavailable');
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const versions = new Map<string, number>();
  const waiters: { uri: string; version: number | undefined; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const backlog: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(p);
    else backlog.push(p);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.configuration ?? null));
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: options.configuration !== undefined }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  let n = 0;
  return {
    connection,
    initializeResult,
    open(name, text, languageId = name.endsWith('.json') ? 'json' : 'yaml') {
      const uri = `file:///test/${++n}/${name}`;
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    nextDiagnostics(uri, version) {
      const i = backlog.findIndex((p) => p.uri === uri && (version === undefined || p.version === version));
      if (i >= 0) return Promise.resolve(backlog.splice(i, 1)[0] as PublishDiagnosticsParams);
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
    request: (method, params) => connection.sendRequest(method, params),
    dispose: () => stopServer(child, connection),
  };
}

/** Sends shutdown + exit (or kills the process if the connection is gone) and waits for the server process to end. */
export async function stopServer(child: ChildProcess, connection: ProtocolConnection): Promise<void> {
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch {
    child.kill();
  }
  await exited;
  connection.dispose();
}
