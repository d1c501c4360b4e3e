// textDocument/completion: core proposals (core/language/completion) converted to LSP items at the edge.
import type { CompletionItem } from 'vscode-languageserver';
import { complete } from '../core';
import { languageInputs } from '../languageInput';
import { toCompletionItem } from '../lspConvert';
import { guarded, type Feature } from '../serverContext';

/** Characters after which a list is useful: paths and members (`.`), variables (`$`, `{`), JSONPath arguments (`'`, `(`), regex keys (`/`), directives (`#`), values (`:`, space). */
export const COMPLETION_TRIGGERS = ['.', '$', '{', "'", '(', '/', '#', ':', ' '];

export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false } }),
  register(ctx) {
    const inputs = languageInputs(ctx);
    ctx.connection.onCompletion((params) =>
      guarded(ctx, 'completion', [] as CompletionItem[], () => {
        const entry = inputs.get(params.textDocument.uri);
        if (!entry) return [];
        const { doc, input } = entry;
        return complete(input, doc.offsetAt(params.position)).map((p) => toCompletionItem(doc, p));
      }),
    );
  },
};
