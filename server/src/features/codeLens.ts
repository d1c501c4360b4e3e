// CodeLenses `▶ Run Route` above every Route and `▶ Send Request` above every HTTP Api; they invoke the client command apigwLens.runRoute.
import type { CodeLens } from 'vscode-languageserver';
import { listRunTargets } from '../core/runTargets';
import { toRange } from '../lspConvert';
import { RUN_ROUTE_COMMAND, type RunRouteCommandArgs } from '../protocol';
import { guarded, type Feature } from '../serverContext';

export const codeLensFeature: Feature = {
  name: 'codeLens',
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(ctx) {
    ctx.connection.onCodeLens((params) =>
      guarded(ctx, 'codeLens', [] as CodeLens[], () => {
        const entry = ctx.modelFor(params.textDocument.uri);
        if (!entry) return [];
        const { doc, analysed } = entry;
        return listRunTargets(analysed.model).map((t): CodeLens => {
          const args: RunRouteCommandArgs = { uri: doc.uri, apiId: t.apiId, ...(t.routeId !== undefined ? { routeId: t.routeId } : {}) };
          const title = t.kind === 'api' ? '▶ Send Request' : '▶ Run Route';
          return { range: toRange(doc, t.span), command: { title, command: RUN_ROUTE_COMMAND, arguments: [args] } };
        });
      }),
    );
  },
};
