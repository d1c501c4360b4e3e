// Benchmark LSP client: spawns dist/server.js --stdio and speaks real LSP over its pipes, with incremental edits.
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_EXEC_ARGV } from '../server/src/launch';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stopServer } from '../test/support/lspHarness';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams, type InitializeResult } from 'vscode-languageserver-protocol/node';

export interface BenchServer {
  readonly pid: number;
  readonly initializeResult: InitializeResult;
  /** Milliseconds from spawn to the initialize answer. */
  readonly startupMs: number;
  open(uri: string, languageId: string, text: string): void;
  /** Replaces [start, end) (offsets) by `newText` with an incremental didChange; returns the new version. */
  edit(uri: string, start: number, end: number, newText: string): number;
  text(uri: string): string;
  positionAt(uri: string, offset: number): { line: number; character: number };
  close(uri: string): void;
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams>;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Resident set size and its peak, from /proc (Linux), in bytes; NaN elsewhere. */
  memory(): { rss: number; peak: number };
  dispose(): Promise<void>;
}

export async function startServer(serverJs: string, initializationOptions: unknown): Promise<BenchServer> {
  const t0 = performance.now();
  // Started as the VS Code client starts it (same Node flags).
  const child: ChildProcess = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (!child.stdout || !child.stdin || child.pid === undefined) throw new Error('could not start the language server');
  const pid = child.pid;
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const docs = new Map<string, TextDocument>();
  const waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && w.version === p.version);
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(p);
  });
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  })) as InitializeResult;
  const startupMs = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  const doc = (uri: string): TextDocument => {
    const d = docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  };
  return {
    pid,
    initializeResult,
    startupMs,
    open(uri, languageId, text) {
      docs.set(uri, TextDocument.create(uri, languageId, 1, text));
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    edit(uri, start, end, newText) {
      const d = doc(uri);
      const range = { start: d.positionAt(start), end: d.positionAt(end) };
      const version = d.version + 1;
      docs.set(uri, TextDocument.update(d, [{ range, text: newText }], version));
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
      return version;
    },
    text: (uri) => doc(uri).getText(),
    positionAt: (uri, offset) => doc(uri).positionAt(offset),
    close(uri) {
      docs.delete(uri);
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics: (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve })),
    request: (method, params) => connection.sendRequest(method, params),
    memory() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
        return { rss: kb('VmRSS'), peak: kb('VmHWM') };
      } catch {
        return { rss: Number.NaN, peak: Number.NaN };
      }
    },
    dispose: () => stopServer(child, connection),
  };
}
