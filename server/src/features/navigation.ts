// Go to definition, find references and document highlights for logical ids and condition names (adapter over core/language/navigation).
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver';
import { documentHighlights, findDefinition, findReferences } from '../core';
import { toRange } from '../lspConvert';
import { guarded, type Feature } from '../serverContext';

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: () => ({ definitionProvider: true, referencesProvider: true, documentHighlightProvider: true }),
  register(ctx) {
    ctx.connection.onDefinition((params) =>
      guarded(ctx, 'definition', null as Location[] | null, () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return null;
        const { doc, analysed } = entry;
        const found = findDefinition(analysed.model, doc.offsetAt(params.position));
        return found ? [{ uri: doc.uri, range: toRange(doc, found.target.keySpan) }] : null;
      }),
    );
    ctx.connection.onReferences((params) =>
      guarded(ctx, 'references', [] as Location[], () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return [];
        const { doc, analysed } = entry;
        return findReferences(analysed.model, doc.offsetAt(params.position), params.context.includeDeclaration).map((o) => ({ uri: doc.uri, range: toRange(doc, o.span) }));
      }),
    );
    ctx.connection.onDocumentHighlight((params) =>
      guarded(ctx, 'documentHighlight', [] as DocumentHighlight[], () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return [];
        const { doc, analysed } = entry;
        return documentHighlights(analysed.model, doc.offsetAt(params.position)).map((h) => ({
          range: toRange(doc, h.span),
          kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
        }));
      }),
    );
  },
};
