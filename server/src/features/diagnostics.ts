// Push diagnostics: debounced per document, computed on the cached model, dropped when stale; and their quick fixes.
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toCodeAction, toDiagnostic, toRange, DIAGNOSTIC_SOURCE } from '../lspConvert';
import { guarded, type Feature, type ServerContext } from '../serverContext';

export const diagnosticsFeature: Feature = {
  name: 'diagnostics',
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register(ctx) {
    const pending = new Map<string, ReturnType<typeof setTimeout>>();
    const published = new Set<string>();

    const validate = (doc: TextDocument) => {
      const version = doc.version;
      const diagnostics = guarded(ctx, 'diagnostics', undefined as Diagnostic[] | undefined, () => computeDiagnostics(ctx, doc));
      // Drop the result if the document changed or closed meanwhile: a newer run is scheduled.
      const current = ctx.documents.get(doc.uri);
      if (!current || current.version !== version) return;
      // Templates always get a publish (possibly empty); other files only to clear what was published before.
      if (!diagnostics && !published.has(doc.uri)) return;
      published.add(doc.uri);
      void ctx.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnostics ?? [] });
    };

    const schedule = (doc: TextDocument) => {
      const prev = pending.get(doc.uri);
      if (prev) clearTimeout(prev);
      const delay = ctx.settings().debounceMs;
      pending.set(
        doc.uri,
        setTimeout(() => {
          pending.delete(doc.uri);
          const latest = ctx.documents.get(doc.uri);
          if (latest) validate(latest);
        }, delay),
      );
    };

    ctx.documents.onDidOpen((e) => validate(e.document));
    ctx.documents.onDidChangeContent((e) => schedule(e.document));
    ctx.documents.onDidClose((e) => {
      const prev = pending.get(e.document.uri);
      if (prev) clearTimeout(prev);
      pending.delete(e.document.uri);
      ctx.cache.delete(e.document.uri);
      if (published.delete(e.document.uri)) void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    ctx.onDidChangeSettings(() => {
      for (const doc of ctx.documents.all()) validate(doc);
    });

    ctx.connection.onCodeAction((params) =>
      guarded(ctx, 'codeAction', [], () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return [];
        const { doc, analysed } = entry;
        const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
        if (ours.length === 0) return [];
        const problems = analysed.analysis({ rules: ctx.settings().rules }).problems;
        const actions = [];
        for (const d of ours) {
          for (const p of problems) {
            if (p.id !== d.code || !p.fixes) continue;
            const r = toRange(doc, p.span);
            if (r.start.line !== d.range.start.line || r.start.character !== d.range.start.character || r.end.line !== d.range.end.line || r.end.character !== d.range.end.character) continue;
            for (const f of p.fixes) actions.push(toCodeAction(doc, f, d));
          }
        }
        return actions;
      }),
    );
  },
};

/** Diagnostics of a template, or undefined for documents that are not (analysable) templates. */
function computeDiagnostics(ctx: ServerContext, doc: TextDocument): Diagnostic[] | undefined {
  const settings = ctx.settings();
  if (!settings.enable) return undefined;
  const size = doc.getText().length;
  if (size > settings.maxFileSize) {
    // Only files that look like templates get the notice; other large JSON/YAML stays silent.
    const head = doc.getText().slice(0, 4096);
    if (!/AWSTemplateFormatVersion|AWS::ApiGatewayV2::/.test(head)) return undefined;
    const message = `This file is ${(size / 1048576).toFixed(1)} MB, above the ${(settings.maxFileSize / 1048576).toFixed(1)} MB limit, so apigw-lens does not analyse it. Raise "apigwLens.maxFileSize" to analyse it anyway.`;
    return [toDiagnostic(doc, { id: 'apigw/too-large', severity: 'info', message, span: { start: 0, end: 0 } })];
  }
  const entry = ctx.modelFor(doc.uri);
  if (!entry) return undefined;
  const result = entry.analysed.analysis({ rules: settings.rules });
  for (const e of result.internalErrors) ctx.logError(`check ${e.check}`, e.error);
  return result.problems.map((p) => toDiagnostic(doc, p));
}
