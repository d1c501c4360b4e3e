// Expressions: selection expressions of every resource (parsed and validated per kind, incl. the fixed HTTP
// RouteSelectionExpression), a WebSocket Api without one, `${request.…}` inside Fn::Sub, and the read-only
// IntegrationResponseSelectionExpression written in a template. Pure.
import { getEntry, getProp, subParts, subTemplate, type CfnIntrinsic, type CfnValue } from '../model/cfnValue';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import { scalarSourceMap } from '../parse/scalarMap';
import type { Check, Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { insertEntry, removeEntry } from './util';
import { checkSelectionExpressions, selectionExpressionRules } from './selectionExpressions';

export const missingRouteSelectionExpression: Rule = {
  id: 'apigw/missing-route-selection-expression',
  severity: 'error',
  title: 'A WebSocket Api without RouteSelectionExpression.',
};

export const subUnescapedVariable: Rule = {
  id: 'apigw/sub-unescaped-variable',
  severity: 'error',
  title: 'A `${request.…}` (or `${context.…}`, `${stageVariables.…}`, …) variable inside Fn::Sub, which CloudFormation reads as a resource reference.',
};

export const integrationResponseSelectionExpressionProperty: Rule = {
  id: 'apigw/integration-response-selection-expression',
  severity: 'error',
  title: '`IntegrationResponseSelectionExpression` is written on an Integration; it is read-only and not a CloudFormation property.',
};

/** Roots of API Gateway selection-expression, mapping and VTL variables: never CloudFormation logical ids. */
export const GATEWAY_VARIABLE_ROOTS: ReadonlySet<string> = new Set(['request', 'context', 'stageVariables', 'integration', 'route', 'method', 'input', 'util', 'response']);

export const expressionsCheck: Check = {
  name: 'expressions',
  rules: [missingRouteSelectionExpression, subUnescapedVariable, integrationResponseSelectionExpressionProperty, ...selectionExpressionRules],
  run(model, emit) {
    for (const api of model.apigw.apis) {
      if (api.external) continue;
      // The value of a RouteSelectionExpression (also the fixed HTTP one) is checked with the other selection expressions.
      const rse = getProp(api.props, 'RouteSelectionExpression');
      if (api.protocol === 'WEBSOCKET' && rse === undefined && getProp(api.props, 'Body') === undefined) {
        const fixes: QuickFix[] = [];
        const edit = api.props ? insertEntry(model, api.props, 'RouteSelectionExpression', '$request.body.action', 'ProtocolType') : undefined;
        if (edit) fixes.push({ title: 'Add `RouteSelectionExpression: $request.body.action`', edits: [edit] });
        emit(missingRouteSelectionExpression, api.resource.keySpan, `WebSocket Api ${api.logicalId} has no RouteSelectionExpression: CloudFormation requires it for WEBSOCKET APIs. It says which part of each message selects the route, usually \`$request.body.action\`.`, { fixes });
      }
    }
    for (const integ of model.apigw.integrations) {
      const e = getEntry(integ.props, 'IntegrationResponseSelectionExpression');
      if (!e || !integ.props) continue;
      const fixes: QuickFix[] = [];
      const edit = removeEntry(model, integ.props, e);
      if (edit) fixes.push({ title: 'Remove IntegrationResponseSelectionExpression', edits: [edit], preferred: true });
      emit(integrationResponseSelectionExpressionProperty, e.keyNode.span, 'IntegrationResponseSelectionExpression is not a property of AWS::ApiGatewayV2::Integration: API Gateway sets it from the integration type (the status code for HTTP and MOCK, the Lambda errorMessage for Lambda) and CloudFormation rejects it. Remove it; choose responses with IntegrationResponseKey instead.', { fixes });
    }
    checkSubVariables(model, emit);
    checkSelectionExpressions(model, emit);
  },
};

/** `${request.body.x}` inside Fn::Sub anywhere in an ApiGatewayV2 resource. */
function checkSubVariables(model: TemplateModel, emit: Emit): void {
  const visit = (v: CfnValue | undefined, depth: number, out: Emit): void => {
    if (!v || depth > 200) return;
    if (v.kind === 'intrinsic') {
      if (v.fn === 'Fn::Sub') reportSub(model, v, out);
      visit(v.arg, depth + 1, out);
    } else if (v.kind === 'map') for (const e of v.entries) visit(e.value, depth + 1, out);
    else if (v.kind === 'list') for (const i of v.items) visit(i, depth + 1, out);
  };
  // Reads the resource's own block, and which variable roots are logical ids of the template.
  const taken = [...GATEWAY_VARIABLE_ROOTS].filter((root) => model.resourceById.has(root) || model.parameters.has(root)).join(',');
  for (const n of model.apigw.byLogicalId.values()) {
    if (n.kind === 'Api' && n.external) continue;
    perResource(n.resource, 'sub-variables', taken, emit, (out) => visit(n.resource.properties, 0, out));
  }
}

function reportSub(model: TemplateModel, sub: CfnIntrinsic, emit: Emit): void {
  const parts = subParts(sub, model.text);
  const { template } = subTemplate(sub);
  if (!parts || !template) return;
  const mapped = scalarSourceMap(model.text, template.node) !== undefined;
  for (const p of parts) {
    if (p.kind !== 'ref' || p.ref.via !== 'Sub') continue;
    const root = p.ref.logicalId;
    if (!GATEWAY_VARIABLE_ROOTS.has(root) || model.resourceById.has(root) || model.parameters.has(root)) continue;
    const name = `${root}${p.ref.attribute !== undefined ? `.${p.ref.attribute}` : ''}`;
    const fixes: QuickFix[] = mapped ? [{ title: `Escape as \`\${!${name}}\``, edits: [{ span: { start: p.span.start + 2, end: p.span.start + 2 }, newText: '!' }], preferred: true }] : [];
    emit(subUnescapedVariable, p.span, `Inside Fn::Sub, \`\${${name}}\` is read as a reference to a resource named "${root}" and the stack fails. Write \`\${!${name}}\` so that CloudFormation leaves the literal \`\${${name}}\` for API Gateway.`, { fixes });
  }
}
