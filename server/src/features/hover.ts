// textDocument/hover: core hover (core/language/hover) converted to an LSP Hover at the edge.
import type { Hover } from 'vscode-languageserver';
import { hover } from '../core';
import { languageInputs } from '../languageInput';
import { toHover } from '../lspConvert';
import { guarded, type Feature } from '../serverContext';

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register(ctx) {
    const inputs = languageInputs(ctx);
    ctx.connection.onHover((params) =>
      guarded(ctx, 'hover', null as Hover | null, () => {
        const entry = inputs.get(params.textDocument.uri);
        if (!entry) return null;
        const { doc, input } = entry;
        const h = hover(input, doc.offsetAt(params.position));
        return h ? toHover(doc, h) : null;
      }),
    );
  },
};
