// Document outline and workspace symbols over the templates the server has open (adapter over core/language/symbols).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import { documentSymbols, workspaceSymbols, type OutlineKind, type OutlineSymbol } from '../core';
import { toRange } from '../lspConvert';
import { guarded, type Feature } from '../serverContext';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const KIND: Record<OutlineKind, SymbolKind> = {
  api: SymbolKind.Module,
  route: SymbolKind.Method,
  integration: SymbolKind.Function,
  integrationResponse: SymbolKind.Event,
  routeResponse: SymbolKind.Event,
  stage: SymbolKind.Namespace,
  deployment: SymbolKind.Package,
  model: SymbolKind.Struct,
  authorizer: SymbolKind.Key,
  resource: SymbolKind.Object,
  parameter: SymbolKind.Variable,
  condition: SymbolKind.Boolean,
  output: SymbolKind.Property,
  group: SymbolKind.Namespace,
};

function toDocumentSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: KIND[s.kind],
    range: toRange(doc, s.span),
    selectionRange: toRange(doc, s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

export const symbolsFeature: Feature = {
  name: 'symbols',
  capabilities: () => ({ documentSymbolProvider: { label: 'API Gateway' }, workspaceSymbolProvider: true }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params) =>
      guarded(ctx, 'documentSymbol', [] as DocumentSymbol[], () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return [];
        return documentSymbols(entry.analysed.model).map((s) => toDocumentSymbol(entry.doc, s));
      }),
    );
    // Only documents the server has open are searched: it keeps no index of files on disk.
    ctx.connection.onWorkspaceSymbol((params) =>
      guarded(ctx, 'workspaceSymbol', [] as SymbolInformation[], () =>
        ctx.documents.all().flatMap((d) => {
          const entry = ctx.modelFor(d.uri);
          if (!entry) return [];
          return workspaceSymbols(entry.analysed.model, params.query).map((s) => ({
            name: s.name,
            kind: KIND[s.kind],
            containerName: s.container,
            location: { uri: entry.doc.uri, range: toRange(entry.doc, s.span) },
          }));
        }),
      ),
    );
  },
};
