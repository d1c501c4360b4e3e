// Authorizer IdentitySource entries: `$request.header.X`-style variables on HTTP APIs (the selection-expression parser), `route.request.header.X` on WebSocket APIs. Pure.
import { getProp } from '../model/cfnValue';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import { replaceScalarIn } from '../edits';
import { parseSelectionExpression } from '../expressions/selection';
import type { Emit, Rule } from './types';
import { literal, scalarSpan } from './util';

export const authorizerIdentitySource: Rule = {
  id: 'apigw/authorizer-identity-source',
  severity: 'error',
  title: 'An Authorizer IdentitySource entry written in the wrong form for the API type (`$request.header.X` on HTTP, `route.request.header.X` on WebSocket).',
};

/** WebSocket identity sources (the forms CDK validates and the developer guide uses). */
const WS_FORM = /^(?:route\.request\.(?:header|querystring)|stageVariables|context)\.[A-Za-z0-9._-]+$/;

/** `$request.header.X`, `${request.header.X}` or REST's `method.request.header.X` → the WebSocket spelling. */
function toWebSocketForm(entry: string): string | undefined {
  const m = /^(?:\$\{(.*)\}|\$(.*))$/.exec(entry);
  const name = m ? (m[1] ?? m[2] ?? '') : /^method\.request\./.test(entry) ? entry.replace(/^method\./, '') : undefined;
  if (name === undefined) return undefined;
  const ws = /^request\.(header|querystring)\./.test(name) ? `route.${name}` : name;
  return WS_FORM.test(ws) ? ws : undefined;
}

/** `route.request.header.X` or REST's `method.request.header.X` → the HTTP spelling. */
function toHttpForm(entry: string): string | undefined {
  const m = /^(?:route|method)\.(request\.(?:header|querystring)\.[A-Za-z0-9._-]+)$/.exec(entry) ?? /^((?:stageVariables|context)\.[A-Za-z0-9._-]+)$/.exec(entry);
  return m ? `$${m[1]}` : undefined;
}

export function checkIdentitySources(model: TemplateModel, emit: Emit): void {
  for (const auth of model.apigw.authorizers) {
    const protocol = auth.api?.protocol;
    const value = getProp(auth.props, 'IdentitySource');
    if (!protocol || !value) continue;
    const entries = value.kind === 'list' ? value.items : [value];
    for (const item of entries) {
      const v = literal(item);
      if (!v || typeof v.scalar.value !== 'string') continue;
      const span = scalarSpan(model.text, v.node);
      const fix = (to: string | undefined): QuickFix[] => (to ? [{ title: `Change to \`${to}\``, edits: [replaceScalarIn(model.source.format, v.node, to)], preferred: true }] : []);
      if (protocol === 'WEBSOCKET') {
        if (WS_FORM.test(v.text)) continue;
        const to = toWebSocketForm(v.text);
        const hint = to ? ` Write \`${to}\`.` : ' Write `route.request.header.NAME`, `route.request.querystring.NAME`, `stageVariables.NAME` or `context.NAME`.';
        emit(authorizerIdentitySource, span, `IdentitySource "${v.text}" is not a WebSocket identity source: WebSocket APIs name them without \`$\`, as \`route.request.header.NAME\` or \`route.request.querystring.NAME\`.${hint}`, {
          fixes: fix(to),
          ...(to ? {} : { inferred: true }),
        });
        continue;
      }
      const parsed = parseSelectionExpression(v.text, 'AuthorizerIdentitySource', 'HTTP');
      const single = parsed.parts.length === 1 && parsed.parts[0]?.kind === 'variable';
      const problem = parsed.problems.find((p) => p.severity === 'error');
      if (single && !problem) continue;
      const to = toHttpForm(v.text);
      const variable = parsed.parts.find((p) => p.kind === 'variable');
      const detail =
        problem?.code === 'source-not-allowed' && variable?.kind === 'variable'
          ? `an authorizer cannot read \`${variable.source}\`.`
          : (problem?.message ?? 'each entry must be exactly one variable, with no other text.');
      emit(authorizerIdentitySource, span, `IdentitySource "${v.text}" is not an HTTP API identity source: ${to ? `HTTP APIs write it \`${to}\`.` : detail} Use \`$request.header.NAME\`, \`$request.querystring.NAME\`, \`$context.NAME\` or \`$stageVariables.NAME\`.`, { fixes: fix(to) });
    }
  }
}
