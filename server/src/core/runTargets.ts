// What can be run in a template (every Route, and HTTP Apis as a whole) and sensible first inputs for a run: sample message, stages, backend stub. Pure.
import type { Span } from './span';
import type { TemplateModel } from './model/template';
import type { ApiNode, IntegrationNode, Protocol } from './model/apigw';
import { asMap, getProp, scalarString } from './model/cfnValue';
import { isLambdaCustom, placeholderText } from './pipeline/snapshot';
import { routeSample } from './sampleMessage';
import { setOwn } from './ownProperty';

export { messageFor } from './sampleMessage';

/** Something the Run Route command can run, and where its CodeLens goes. */
export interface RunTarget {
  /** `route`: one Route (`▶ Run Route`); `api`: an HTTP API sent a request that routing resolves (`▶ Send Request`). */
  readonly kind: 'route' | 'api';
  readonly apiId: string;
  readonly protocol: Protocol;
  /** Logical id of the Route (kind `route` only). */
  readonly routeId: string | undefined;
  readonly routeKey: string | undefined;
  /** The logical id key of the resource: where the lens is shown and the spot a click jumps to. */
  readonly span: Span;
}

/**
 * Every runnable target in document order: each Route whose Api is in the template with a known protocol, and each
 * HTTP Api itself. Non-templates yield none.
 */
export function listRunTargets(model: TemplateModel): RunTarget[] {
  if (!model.isTemplate) return [];
  const out: RunTarget[] = [];
  for (const api of model.apigw.apis) {
    if (!api.protocol) continue;
    if (api.protocol === 'HTTP') out.push({ kind: 'api', apiId: api.logicalId, protocol: api.protocol, routeId: undefined, routeKey: undefined, span: api.resource.keySpan });
    for (const route of api.routes) {
      out.push({ kind: 'route', apiId: api.logicalId, protocol: api.protocol, routeId: route.logicalId, routeKey: route.routeKey, span: route.resource.keySpan });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** What a backend stub stands for, by integration. */
export type BackendKind = 'none' | 'http' | 'lambda' | 'lambda-proxy';

/** First inputs of a run, editable by the user. */
export interface RunDefaults {
  /** WebSocket event implied by the route key (`$connect` → connect…); `message` otherwise and for HTTP. */
  readonly event: 'connect' | 'message' | 'disconnect';
  /**
   * WebSocket: a frame that the RouteSelectionExpression maps to the route key (e.g. `{"action":"message"}`) plus the
   * body fields the route's pipeline reads (see routeSample), empty for `$connect`/`$disconnect`. HTTP: the request `{method, path, headers, query, body}` as JSON text.
   */
  readonly message: string;
  /** Why the message looks the way it does: fields added for the pipeline, or why it could not be derived exactly. */
  readonly messageNote: string | undefined;
  readonly stages: readonly { readonly name: string; readonly variables: Readonly<Record<string, string>> }[];
  readonly integrationType: string | undefined;
  readonly backendKind: BackendKind;
  /** A backend stub in `apigw-lens run --backend` form, or undefined when no backend is called (MOCK, or no integration). */
  readonly backend: Record<string, unknown> | undefined;
}

/** Defaults for running `routeId` (or, with no route, sending a request to the HTTP Api `apiId`). */
export function runDefaults(model: TemplateModel, apiId: string, routeId: string | undefined): RunDefaults | undefined {
  const api = model.apigw.apis.find((a) => a.logicalId === apiId);
  if (!api) return undefined;
  const route = routeId === undefined ? undefined : api.routes.find((r) => r.logicalId === routeId);
  if (routeId !== undefined && !route) return undefined;
  const stages = api.stages.map((s) => ({ name: s.stageName ?? s.logicalId, variables: stageVariables(s.props) }));
  const integration = route?.integration;
  const backendKind = kindOf(model, integration, api.protocol);
  const base = { stages, integrationType: integration?.integrationType, backendKind, backend: defaultBackend(backendKind) };
  if (api.protocol === 'HTTP') return { ...base, event: 'message', message: JSON.stringify(httpRequestFor(route?.routeKey)), messageNote: undefined };
  const key = route?.routeKey;
  if (key === '$connect') return { ...base, event: 'connect', message: '', messageNote: undefined };
  if (key === '$disconnect') return { ...base, event: 'disconnect', message: '', messageNote: undefined };
  if (!route) return { ...base, event: 'message', message: '{}', messageNote: undefined };
  const sample = routeSample(route);
  return { ...base, event: 'message', message: sample.message, messageNote: sample.note };
}

/** A request that HTTP API routing maps to `routeKey` (`GET /pets/{id}` → GET /pets/id; `ANY` → GET). */
export function httpRequestFor(routeKey: string | undefined): { method: string; path: string; headers: Record<string, string>; query: Record<string, string>; body: string } {
  const m = routeKey === undefined ? undefined : /^([A-Z]+)\s+(\/\S*)$/.exec(routeKey.trim());
  const method = m?.[1] && m[1] !== 'ANY' ? m[1] : 'GET';
  const path = m?.[2] ? m[2].replace(/\{([^}/+]+)\+\}/g, '$1/example').replace(/\{([^}/]+)\}/g, '$1') : '/';
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  return { method, path, headers: withBody ? { 'content-type': 'application/json' } : {}, query: {}, body: withBody ? '{}' : '' };
}

function stageVariables(props: ReturnType<typeof asMap>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of asMap(getProp(props, 'StageVariables'))?.entries ?? []) {
    const v = scalarString(e.value);
    if (v !== undefined) setOwn(out, e.key, v);
  }
  return out;
}

/** The backend stub a run needs; Lambda custom is decided as the pipeline decides it (isLambdaCustom). */
function kindOf(model: TemplateModel, integration: IntegrationNode | undefined, protocol: ApiNode['protocol']): BackendKind {
  const type = integration?.integrationType?.toUpperCase();
  if (!integration || type === undefined || type === 'MOCK') return 'none';
  if (type === 'AWS_PROXY') {
    const subtype = scalarString(getProp(integration.props, 'IntegrationSubtype'));
    return protocol === 'HTTP' && subtype ? 'http' : 'lambda-proxy';
  }
  if (type === 'AWS') {
    const uri = getProp(integration.props, 'IntegrationUri');
    return isLambdaCustom(type, uri && placeholderText(uri, model.text)) ? 'lambda' : 'http';
  }
  return 'http';
}

function defaultBackend(kind: BackendKind): Record<string, unknown> | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'http':
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    case 'lambda':
      return { lambdaResult: { ok: true } };
    case 'lambda-proxy':
      return { lambdaResult: { statusCode: 200, body: '{"ok":true}' } };
  }
}

/** One line saying what the backend stub stands for. */
export function backendHint(kind: BackendKind): string {
  switch (kind) {
    case 'none':
      return 'No backend is called (MOCK integration, or the route has no integration).';
    case 'http':
      return 'The backend answers with this stub: {statusCode, headers, body}.';
    case 'lambda':
      return 'The Lambda function returns {lambdaResult: <value>} or fails with {lambdaError: {errorMessage, errorType}}.';
    case 'lambda-proxy':
      return 'The Lambda function returns {lambdaResult: {statusCode, headers, body}} or fails with {lambdaError: {errorMessage, errorType}}.';
  }
}

