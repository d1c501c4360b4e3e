// Wires an LSP connection to the core: documents, settings, the model cache and every feature module.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from './modelCache';
import { DEFAULT_SETTINGS, type ApigwSettings } from './protocol';
import { clampTimeout } from './sandbox/runRoute';
import type { Feature, ServerContext } from './serverContext';
import { FEATURES } from './features';

export interface StartOptions {
  /** Folder of the built bundles (dist/); defaults to the folder of the running server bundle. */
  distDir?: string;
  features?: readonly Feature[];
}

/** Starts serving on `connection`. All server state lives in this closure. */
export function startServer(connection: Connection, options: StartOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ModelCache();
  const features = options.features ?? FEATURES;
  let settings: ApigwSettings = { ...DEFAULT_SETTINGS };
  /** Defaults plus initializationOptions: the base pulled settings are merged onto (an editor without an `apigwLens` section keeps these). */
  let initialSettings: ApigwSettings = settings;
  let pullConfiguration = false;
  const settingsListeners: (() => void)[] = [];
  const settingsChanged = () => {
    for (const doc of documents.all()) cache.invalidate(doc.uri);
    for (const l of settingsListeners) {
      try {
        l();
      } catch (e) {
        ctx.logError('settings listener', e);
      }
    }
  };

  const ctx: ServerContext = {
    connection,
    documents,
    cache,
    distDir: options.distDir ?? __dirname,
    settings: () => settings,
    onDidChangeSettings: (l) => void settingsListeners.push(l),
    modelFor(uri) {
      if (!settings.enable) return undefined;
      const doc = documents.get(uri);
      if (!doc || doc.getText().length > settings.maxFileSize) return undefined;
      const analysed = cache.get(doc);
      return analysed.model.isTemplate ? { doc, analysed } : undefined;
    },
    logError(where, error) {
      const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      connection.console.error(`apigw-lens: ${where} failed: ${text}`);
    },
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    settings = initialSettings = mergeSettings(settings, params.initializationOptions);
    const capabilities: Record<string, unknown> = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const f of features) Object.assign(capabilities, f.capabilities());
    return { capabilities, serverInfo: { name: 'apigw-lens', version: '0.1.0' } };
  });

  const refreshSettings = async () => {
    if (!pullConfiguration) return;
    try {
      const [section] = (await connection.workspace.getConfiguration([{ section: 'apigwLens' }])) as unknown[];
      settings = mergeSettings(initialSettings, section);
    } catch (e) {
      ctx.logError('configuration', e);
    }
  };

  connection.onInitialized(() => {
    // Documents opened before the settings arrived are analysed again with them.
    void refreshSettings().then(settingsChanged);
  });
  connection.onDidChangeConfiguration(async (change) => {
    if (pullConfiguration) await refreshSettings();
    else settings = mergeSettings(settings, (change.settings as { apigwLens?: unknown } | undefined)?.apigwLens);
    settingsChanged();
  });

  for (const f of features) f.register(ctx);
  documents.listen(connection);
  connection.listen();
}

/** Accepts partial, untrusted settings objects and keeps only well-typed values. */
export function mergeSettings(base: ApigwSettings, raw: unknown): ApigwSettings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const out: ApigwSettings = { ...base };
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) out.maxFileSize = r.maxFileSize;
  if (typeof r.debounceMs === 'number' && r.debounceMs >= 0) out.debounceMs = r.debounceMs;
  out.runTimeoutMs = clampTimeout((r.run as { timeoutMs?: unknown } | undefined)?.timeoutMs, out.runTimeoutMs);
  const rules = (r.diagnostics as { rules?: unknown } | undefined)?.rules ?? r.rules;
  if (rules && typeof rules === 'object') {
    const clean: ApigwSettings['rules'] = {};
    for (const [k, v] of Object.entries(rules as Record<string, unknown>)) {
      if (v === 'error' || v === 'warning' || v === 'info' || v === 'hint' || v === 'off') clean[k] = v;
    }
    out.rules = clean;
  }
  return out;
}
