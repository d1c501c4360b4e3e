// Protocol fit: WebSocket-only properties and resources on HTTP APIs and the reverse, non-proxy integrations on HTTP
// APIs, PayloadFormatVersion, IntegrationMethod, authorization on WebSocket routes other than $connect, JWT on WebSocket. Pure.
import { directRef, getEntry, getProp, type CfnMap, type CfnValue } from '../model/cfnValue';
import type { AuthorizerNode, GraphNode, IntegrationNode, IntegrationResponseNode, ModelNode, Protocol, RouteNode, RouteResponseNode } from '../model/apigw';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import { replaceScalarIn } from '../edits';
import type { Check, Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { insertEntry, integrationInfo, LAMBDA_TYPES, literal, rawText, removeEntry, scalarSpan } from './util';

export const wrongProtocolProperty: Rule = {
  id: 'apigw/wrong-protocol-property',
  severity: 'warning',
  title: 'A property that is supported only for WebSocket APIs is set on an HTTP API resource, or the reverse.',
};

export const websocketOnlyResource: Rule = {
  id: 'apigw/websocket-only-resource',
  severity: 'error',
  title: 'A RouteResponse, IntegrationResponse or Model belongs to an HTTP API; these resources exist only for WebSocket APIs.',
};

export const httpNonProxyIntegration: Rule = {
  id: 'apigw/http-non-proxy-integration',
  severity: 'error',
  title: 'An HTTP API integration of type AWS, HTTP or MOCK; HTTP APIs only have proxy integrations (AWS_PROXY, HTTP_PROXY).',
};

export const payloadFormatVersion: Rule = {
  id: 'apigw/payload-format-version',
  severity: 'error',
  title: 'PayloadFormatVersion is missing on an HTTP API integration, not `1.0` on a WebSocket API, or `2.0` on anything but a Lambda proxy integration.',
};

export const websocketLambdaUri: Rule = {
  id: 'apigw/websocket-lambda-uri',
  severity: 'error',
  title: 'A WebSocket API Lambda integration whose IntegrationUri is the function ARN instead of the Lambda invocation URI.',
};

export const integrationMethod: Rule = {
  id: 'apigw/integration-method',
  severity: 'error',
  title: 'IntegrationMethod is missing on an HTTP/HTTP_PROXY (or AWS service) integration, or is not POST for a Lambda function.',
};

export const websocketRouteAuthorization: Rule = {
  id: 'apigw/websocket-route-authorization',
  severity: 'warning',
  title: 'Authorization (AuthorizationType, AuthorizerId, ApiKeyRequired) on a WebSocket route other than `$connect`, where it has no effect.',
};

export const jwtOnWebSocket: Rule = {
  id: 'apigw/jwt-on-websocket',
  severity: 'error',
  title: 'A JWT authorizer or `AuthorizationType: JWT` on a WebSocket API; WebSocket APIs support only NONE, AWS_IAM and CUSTOM (REQUEST authorizers).',
};

/** Properties CloudFormation documents as "Supported only for WebSocket APIs" / "only for HTTP APIs", per resource kind. */
const ONLY: Readonly<Record<string, { websocket: readonly string[]; http: readonly string[] }>> = {
  Api: { websocket: ['ApiKeySelectionExpression', 'DisableSchemaValidation'], http: ['Body', 'BodyS3Location', 'BasePath', 'CorsConfiguration', 'CredentialsArn', 'RouteKey', 'Target', 'FailOnWarnings'] },
  Route: { websocket: ['ApiKeyRequired', 'ModelSelectionExpression', 'RequestModels', 'RequestParameters', 'RouteResponseSelectionExpression'], http: ['AuthorizationScopes'] },
  Integration: { websocket: ['RequestTemplates', 'TemplateSelectionExpression', 'PassthroughBehavior', 'ContentHandlingStrategy'], http: ['ResponseParameters', 'TlsConfig', 'IntegrationSubtype'] },
  Stage: { websocket: ['ClientCertificateId'], http: [] },
  Authorizer: { websocket: [], http: ['AuthorizerPayloadFormatVersion', 'EnableSimpleResponses', 'JwtConfiguration', 'AuthorizerResultTtlInSeconds'] },
};

const LABEL: Record<Protocol, string> = { WEBSOCKET: 'WebSocket', HTTP: 'HTTP' };

export const protocolCheck: Check = {
  name: 'protocol',
  rules: [wrongProtocolProperty, websocketOnlyResource, httpNonProxyIntegration, payloadFormatVersion, integrationMethod, websocketLambdaUri, websocketRouteAuthorization, jwtOnWebSocket],
  run(model, emit) {
    const g = model.apigw;
    for (const n of [...g.apis.filter((a) => !a.external), ...g.routes, ...g.integrations, ...g.stages, ...g.authorizers]) {
      // Reads the resource's own properties and the protocol of its Api.
      perResource(n.resource, 'protocol-properties', `${n.kind === 'Api' ? n.protocol : 'api' in n ? n.api?.protocol : undefined}`, emit, (out) => checkProperties(model, n, out));
    }
    for (const s of g.stages) checkStageLogging(model, s.props, s.api?.protocol, emit);
    for (const n of [...g.routeResponses, ...g.integrationResponses, ...g.models]) checkWebSocketOnlyResource(n, emit);
    for (const integ of g.integrations) {
      checkHttpIntegrationType(model, integ, emit);
      checkPayloadFormat(model, integ, emit);
      checkIntegrationMethod(model, integ, emit);
      checkWebSocketLambdaUri(model, integ, emit);
    }
    for (const route of g.routes) checkRouteAuthorization(model, route, emit);
    for (const a of g.authorizers) checkJwtAuthorizer(model, a, emit);
  },
};

function checkWebSocketOnlyResource(n: RouteResponseNode | IntegrationResponseNode | ModelNode, emit: Emit): void {
  if (n.api?.protocol !== 'HTTP') return;
  const instead = n.kind === 'Model' ? 'HTTP APIs do not validate request bodies against models; validate in the backend' : "HTTP APIs return the backend response as it is; change it with the integration's ResponseParameters";
  emit(websocketOnlyResource, n.resource.typeSpan ?? n.resource.keySpan, `${n.logicalId} is an AWS::ApiGatewayV2::${n.kind}, which exists only for WebSocket APIs, but its Api ${n.api.logicalId} is an HTTP API. Remove it (${instead}).`);
}

function checkJwtAuthorizer(model: TemplateModel, a: AuthorizerNode, emit: Emit): void {
  const t = literal(getProp(a.props, 'AuthorizerType'));
  if (a.api?.protocol !== 'WEBSOCKET' || t?.text !== 'JWT') return;
  emit(jwtOnWebSocket, scalarSpan(model.text, t.node), `Authorizer ${a.logicalId} is a JWT authorizer on the WebSocket API ${a.api.logicalId}: WebSocket APIs support only REQUEST (Lambda) authorizers. Use \`AuthorizerType: REQUEST\` with a Lambda function that validates the token.`);
}

/** `a` or `an` before an integration type as it is read aloud (an HTTP, an AWS, a MOCK). */
function article(word: string): string {
  return /^(AWS|HTTP)/.test(word) ? 'an' : 'a';
}

function checkProperties(model: TemplateModel, n: GraphNode, emit: Emit): void {
  const protocol = n.kind === 'Api' ? n.protocol : 'api' in n ? n.api?.protocol : undefined;
  const only = ONLY[n.kind];
  if (!protocol || !only || !n.props) return;
  const foreign = protocol === 'HTTP' ? only.websocket : only.http;
  const other: Protocol = protocol === 'HTTP' ? 'WEBSOCKET' : 'HTTP';
  for (const name of foreign) {
    const e = getEntry(n.props, name);
    if (!e) continue;
    const fixes: QuickFix[] = [];
    const edit = removeEntry(model, n.props, e);
    if (edit) fixes.push({ title: `Remove ${name}`, edits: [edit], preferred: true });
    emit(wrongProtocolProperty, e.keyNode.span, `${name} is supported only for ${LABEL[other]} APIs, but ${n.logicalId} belongs to a${protocol === 'HTTP' ? 'n HTTP' : ' WebSocket'} API. Remove it${protocol === 'HTTP' ? ' (HTTP APIs have no mapping templates, models or route responses)' : ''}.`, { fixes });
  }
}

/** `LoggingLevel` in DefaultRouteSettings / RouteSettings is supported only for WebSocket APIs. */
function checkStageLogging(model: TemplateModel, props: CfnMap | undefined, protocol: Protocol | undefined, emit: Emit): void {
  if (protocol !== 'HTTP') return;
  const settings: CfnMap[] = [];
  const d = getProp(props, 'DefaultRouteSettings');
  if (d?.kind === 'map') settings.push(d);
  const r = getProp(props, 'RouteSettings');
  if (r?.kind === 'map') for (const e of r.entries) if (e.value?.kind === 'map') settings.push(e.value);
  for (const s of settings) {
    const e = getEntry(s, 'LoggingLevel');
    if (!e) continue;
    const edit = removeEntry(model, s, e);
    emit(wrongProtocolProperty, e.keyNode.span, 'LoggingLevel is supported only for WebSocket APIs; HTTP APIs log through AccessLogSettings. Remove it.', edit ? { fixes: [{ title: 'Remove LoggingLevel', edits: [edit], preferred: true }] } : undefined);
  }
}

function checkHttpIntegrationType(model: TemplateModel, integ: IntegrationNode, emit: Emit): void {
  const t = literal(getProp(integ.props, 'IntegrationType'));
  if (integ.api?.protocol !== 'HTTP' || !t || !['AWS', 'HTTP', 'MOCK'].includes(t.text)) return;
  // HTTP → HTTP_PROXY keeps the backend; AWS → AWS_PROXY needs a Lambda function or an IntegrationSubtype, so no fix there.
  const fixes: QuickFix[] = t.text === 'HTTP' ? [{ title: 'Change to `HTTP_PROXY`', edits: [replaceScalarIn(model.source.format, t.node, 'HTTP_PROXY')], preferred: true }] : [];
  const advice: Record<string, string> = {
    HTTP: 'Use `HTTP_PROXY` (map requests and responses with RequestParameters/ResponseParameters)',
    AWS: 'Use `AWS_PROXY` with a Lambda function, or with an IntegrationSubtype for an AWS service action',
    MOCK: 'Use a WebSocket API for a MOCK, or return the fixed response from a Lambda function (AWS_PROXY)',
  };
  emit(httpNonProxyIntegration, scalarSpan(model.text, t.node), `${integ.logicalId} is ${article(t.text)} ${t.text} integration on the HTTP API ${integ.api.logicalId}: "an API with a protocol type of HTTP may only be associated with proxy integrations". ${advice[t.text]}.`, { fixes });
}

function checkPayloadFormat(model: TemplateModel, integ: IntegrationNode, emit: Emit): void {
  const protocol = integ.api?.protocol;
  if (!protocol || !integ.props) return;
  const value = getProp(integ.props, 'PayloadFormatVersion');
  const v = literal(value);
  const info = integrationInfo(model, integ.props);
  const serviceIntegration = getProp(integ.props, 'IntegrationSubtype') !== undefined;
  const lambdaProxy = info.type === 'AWS_PROXY' && !serviceIntegration ? info.lambda : false;
  if (protocol === 'WEBSOCKET') {
    if (!v) return;
    const text = rawText(model, v.scalar);
    if (text === '1.0') return;
    emit(payloadFormatVersion, scalarSpan(model.text, v.node), `PayloadFormatVersion "${text}" is not supported on WebSocket APIs: they accept only \`1.0\` (the only WebSocket event format). Change it to \`1.0\` or remove it.`, {
      fixes: [{ title: 'Change to `1.0`', edits: [replaceScalarIn(model.source.format, v.node, '1.0')], preferred: true }],
    });
    return;
  }
  if (value === undefined) {
    const fixes: QuickFix[] = [];
    const candidates = lambdaProxy === true ? ['2.0', '1.0'] : lambdaProxy === false ? ['1.0'] : [];
    for (const c of candidates) {
      const edit = insertEntry(model, integ.props, 'PayloadFormatVersion', c, 'IntegrationType');
      if (edit) fixes.push({ title: `Add \`PayloadFormatVersion: '${c}'\``, edits: [edit], ...(candidates.length === 1 ? { preferred: true } : {}) });
    }
    const advice = lambdaProxy === true ? 'Add `PayloadFormatVersion: \'2.0\'` (or `\'1.0\'` for the REST-style Lambda event)' : lambdaProxy === false ? 'Add `PayloadFormatVersion: \'1.0\'` (the only format for this integration)' : 'Add `PayloadFormatVersion: \'1.0\'` (or `\'2.0\'` for a Lambda proxy integration)';
    emit(payloadFormatVersion, integ.resource.keySpan, `HTTP API integration ${integ.logicalId} has no PayloadFormatVersion, which CloudFormation requires for HTTP APIs. ${advice}.`, { fixes });
    return;
  }
  if (!v) return;
  const text = rawText(model, v.scalar);
  if (text === '1.0' || (text === '2.0' && lambdaProxy !== false)) return;
  const why = text === '2.0' ? `\`2.0\` is only for Lambda proxy integrations, and ${integ.logicalId} is ${info.type === 'AWS_PROXY' ? 'an AWS service integration' : `${article(info.type ?? 'non-Lambda')} ${info.type ?? 'non-Lambda'} integration`}` : 'the supported versions are `1.0` and `2.0`';
  const to = text !== '2.0' && lambdaProxy !== false ? '`2.0` or `1.0`' : '`1.0`';
  emit(payloadFormatVersion, scalarSpan(model.text, v.node), `PayloadFormatVersion "${text}" is not valid here: ${why}. Change it to ${to}.`, {
    fixes: text === '2.0' || lambdaProxy === false ? [{ title: 'Change to `1.0`', edits: [replaceScalarIn(model.source.format, v.node, '1.0')], preferred: true }] : [],
  });
}

function checkIntegrationMethod(model: TemplateModel, integ: IntegrationNode, emit: Emit): void {
  const info = integrationInfo(model, integ.props);
  if (!info.type || info.type === 'MOCK' || !integ.props || !integ.api?.protocol) return;
  const value = getProp(integ.props, 'IntegrationMethod');
  const lambda = (info.type === 'AWS_PROXY' || info.type === 'AWS') && info.lambda === true;
  if (value === undefined) {
    // Lambda integrations default to POST (many deployed templates omit it); HTTP API AWS_PROXY service integrations take none.
    if (info.type === 'AWS_PROXY' || (info.type === 'AWS' && info.lambda !== false)) return;
    const service = info.type === 'AWS';
    emit(integrationMethod, integ.resource.keySpan, `${info.type} integration ${integ.logicalId} has no IntegrationMethod: API Gateway needs the HTTP method it calls the ${service ? 'AWS service' : 'backend'} with. Add one, such as ${service ? '`IntegrationMethod: POST` (AWS service actions are called with POST)' : '`IntegrationMethod: ANY` (pass the client\'s method through) or `GET`'}.`, service ? { severity: 'warning', inferred: true } : undefined);
    return;
  }
  const v = literal(value);
  if (!v || !lambda || v.text === 'POST') return;
  // Documented for WebSocket APIs ("you must set the integration method to POST"); inferred for HTTP APIs.
  const http = integ.api.protocol === 'HTTP';
  emit(integrationMethod, scalarSpan(model.text, v.node), `IntegrationMethod "${v.text}" cannot invoke a Lambda function: API Gateway calls Lambda's Invoke API, which is POST, whatever the client's method. Change it to \`POST\`.`, {
    fixes: [{ title: 'Change to `POST`', edits: [replaceScalarIn(model.source.format, v.node, 'POST')], preferred: true }],
    ...(http ? { severity: 'warning' as const, inferred: true } : {}),
  });
}

const INVOCATION_PATH = 'lambda:path/2015-03-31/functions/';
const LAMBDA_FUNCTION_ARN = /^arn:(aws[\w-]*):lambda:([a-z0-9-]+):\d{12}:function:[^/\s]+$/;

/**
 * WebSocket APIs need the full invocation URI for a Lambda integration; only HTTP APIs accept the function ARN
 * (gateway-spec §4, IntegrationUri).
 */
function checkWebSocketLambdaUri(model: TemplateModel, integ: IntegrationNode, emit: Emit): void {
  if (integ.api?.protocol !== 'WEBSOCKET' || (integ.integrationType !== 'AWS' && integ.integrationType !== 'AWS_PROXY')) return;
  const uri = getProp(integ.props, 'IntegrationUri');
  if (!uri) return;
  const message = (what: string, instead: string) =>
    `IntegrationUri of ${integ.logicalId} is ${what}, which only HTTP APIs accept: a WebSocket API needs the Lambda invocation URI. Use ${instead}.`;
  const literalArn = literal(uri);
  if (literalArn) {
    const m = LAMBDA_FUNCTION_ARN.exec(literalArn.text);
    if (!m) return;
    const fixed = `arn:${m[1]}:apigateway:${m[2]}:${INVOCATION_PATH}${literalArn.text}/invocations`;
    emit(websocketLambdaUri, scalarSpan(model.text, literalArn.node), message('a Lambda function ARN', `\`${fixed}\``), {
      fixes: [{ title: 'Use the invocation URI', edits: [replaceScalarIn(model.source.format, literalArn.node, fixed)], preferred: true }],
    });
    return;
  }
  const ref = functionArnRef(model, uri);
  if (!ref) return;
  const sub = `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:${INVOCATION_PATH}\${${ref}.Arn}/invocations`;
  const replacement = model.source.format === 'json' ? `{"Fn::Sub": ${JSON.stringify(sub)}}` : `!Sub ${sub}`;
  emit(websocketLambdaUri, uri.span, message(`the ARN of function ${ref}`, `\`${replacement}\``), {
    fixes: [{ title: 'Use the invocation URI', edits: [{ span: uri.span, newText: replacement }], preferred: true }],
  });
}

/** The logical id of the Lambda function whose ARN `v` is (`!GetAtt Fn.Arn`, `Fn::GetAtt: [Fn, Arn]`, `!Sub ${Fn.Arn}`). */
function functionArnRef(model: TemplateModel, v: CfnValue): string | undefined {
  const ref = directRef(v, model.text);
  if (!ref || ref.attribute !== 'Arn' || (ref.via !== 'GetAtt' && ref.via !== 'Sub')) return undefined;
  const type = model.resourceById.get(ref.logicalId)?.type;
  return type && LAMBDA_TYPES.has(type) ? ref.logicalId : undefined;
}

function checkRouteAuthorization(model: TemplateModel, route: RouteNode, emit: Emit): void {
  if (route.api?.protocol !== 'WEBSOCKET') return;
  const auth = literal(getProp(route.props, 'AuthorizationType'));
  if (auth?.text === 'JWT') {
    emit(jwtOnWebSocket, scalarSpan(model.text, auth.node), `\`AuthorizationType: JWT\` is not supported on WebSocket APIs (only NONE, AWS_IAM and CUSTOM). Use CUSTOM with a REQUEST authorizer that validates the token on \`$connect\`.`);
    return;
  }
  const key = route.routeKey;
  if (key === undefined || key === '$connect' || getProp(route.props, 'RouteKey')?.kind !== 'scalar') return;
  const findings: { name: string; span: { start: number; end: number } }[] = [];
  if (auth && auth.text !== 'NONE') findings.push({ name: `AuthorizationType ${auth.text}`, span: scalarSpan(model.text, auth.node) });
  const authorizer = getEntry(route.props, 'AuthorizerId');
  if (authorizer) findings.push({ name: 'AuthorizerId', span: authorizer.keyNode.span });
  const apiKey = literal(getProp(route.props, 'ApiKeyRequired'));
  if (apiKey && String(apiKey.text).toLowerCase() === 'true') findings.push({ name: 'ApiKeyRequired', span: scalarSpan(model.text, apiKey.node) });
  for (const f of findings) {
    emit(websocketRouteAuthorization, f.span, `${f.name} on the WebSocket route "${key}" has no effect: WebSocket APIs authorize once, on \`$connect\`, and that protects every route of the connection. Move the authorization to the \`$connect\` route.`);
  }
}
