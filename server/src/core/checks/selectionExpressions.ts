// Selection expressions of every ApiGatewayV2 resource: RouteResponseSelectionExpression and ApiKeySelectionExpression values. Pure.
import { getProp } from '../model/cfnValue';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import { replaceScalarIn } from '../edits';
import type { Emit, Rule } from './types';
import { literal, scalarSpan } from './util';

export const routeResponseSelectionExpression: Rule = {
  id: 'apigw/route-response-selection-expression',
  severity: 'error',
  title: 'A RouteResponseSelectionExpression other than `$default` (the only supported value).',
};

export const apiKeySelectionExpression: Rule = {
  id: 'apigw/api-key-selection-expression',
  severity: 'error',
  title: 'An ApiKeySelectionExpression other than `$request.header.x-api-key` or `$context.authorizer.usageIdentifierKey`.',
};

const API_KEY_EXPRESSIONS = ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'];

export const selectionExpressionRules: readonly Rule[] = [routeResponseSelectionExpression, apiKeySelectionExpression];

export function checkSelectionExpressions(model: TemplateModel, emit: Emit): void {
  const fmt = model.source.format;
  for (const route of model.apigw.routes) {
    const v = literal(getProp(route.props, 'RouteResponseSelectionExpression'));
    if (!v || v.text === '$default' || route.api?.protocol === 'HTTP') continue;
    const escaped = v.text === '\\$default';
    const fixes: QuickFix[] = [{ title: 'Change to `$default`', edits: [replaceScalarIn(fmt, v.node, '$default')], preferred: true }];
    if (escaped) {
      emit(routeResponseSelectionExpression, scalarSpan(model.text, v.node), 'RouteResponseSelectionExpression is documented unescaped: write `$default`, not `\\$default`.', { fixes, inferred: true, severity: 'warning' });
    } else {
      emit(routeResponseSelectionExpression, scalarSpan(model.text, v.node), `RouteResponseSelectionExpression "${v.text}" is not supported: API Gateway only supports \`$default\`, which makes the route two-way.`, { fixes });
    }
  }
  for (const api of model.apigw.apis) {
    if (api.external || api.protocol === 'HTTP') continue;
    const v = literal(getProp(api.props, 'ApiKeySelectionExpression'));
    if (!v || API_KEY_EXPRESSIONS.includes(v.text)) continue;
    const match = API_KEY_EXPRESSIONS.find((e) => e.toLowerCase() === v.text.toLowerCase() || e.replace(/^\$(\w+)\.(.*)$/, '$${$1.$2}') === v.text);
    const fixes: QuickFix[] = match ? [{ title: `Change to \`${match}\``, edits: [replaceScalarIn(fmt, v.node, match)], preferred: true }] : [];
    emit(apiKeySelectionExpression, scalarSpan(model.text, v.node), `ApiKeySelectionExpression "${v.text}" is not supported: it must be \`$request.header.x-api-key\` (key sent in the x-api-key header) or \`$context.authorizer.usageIdentifierKey\` (key returned by a Lambda authorizer).`, { fixes });
  }
}
