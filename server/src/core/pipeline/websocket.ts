// The WebSocket API pipeline (gateway spec §1–§6, §9): route selection, $connect/$disconnect, request templates and passthrough, MOCK/HTTP/AWS/Lambda/proxy integrations, integration and route responses. Pure.
import { matchesWhole, compileJavaRegex } from '../javaRegex';
import { renderTemplate, type VtlInput } from '../vtl';
import { wsLambdaProxyEvent, wsTemplateContext } from './events';
import { bodyText, tryParseJson, type Multi } from './request';
import type { RunState } from './run';
import { byKey, evaluateExpression, multiRecord } from './select';
import type { IntegrationResponseSnap, IntegrationSnap, RouteSnap, StageName, TemplateText } from './types';
import { setOwn } from '../ownProperty';

/** What the integration part of a run produced for the route response. */
type Outcome =
  /** `status`: the integration's status (MOCK statusCode, HTTP status, Lambda proxy statusCode) for `$connect` acceptance. */
  | { readonly kind: 'response'; readonly body: string; readonly status: number }
  /** The run failed; the error (and any error frame in `clientReceives`) is already recorded. */
  | { readonly kind: 'failed' };

const ISE = 'Internal server error';
const PROXY_TYPES = new Set(['AWS_PROXY', 'HTTP_PROXY']);
const NON_PROXY_TYPES = new Set(['MOCK', 'HTTP', 'AWS']);

/** Runs a WebSocket request (connect, message or disconnect) through the Api of `s.snapshot`. */
export function runWebSocket(s: RunState): void {
  const route = selectRoute(s);
  if (!route) return;
  const outcome = runIntegration(s, route);
  deliver(s, route, outcome);
}

// ---------------------------------------------------------------------------------------------------------------
// Route selection

/** Routes with a literal RouteKey (keys built by intrinsic functions cannot be matched). */
function literalRoutes(s: RunState): RouteSnap[] {
  return s.snapshot.routes.filter((r) => r.routeKey !== undefined && !r.routeKey.computed);
}

function selectRoute(s: RunState): RouteSnap | undefined {
  const { trace, request } = s;
  const routes = literalRoutes(s);
  const find = (key: string) => routes.find((r) => r.routeKey?.text === key);
  if (request.event !== 'message') {
    const key = request.event === 'connect' ? '$connect' : '$disconnect';
    const route = find(key);
    if (!route) {
      if (request.event === 'connect') {
        trace.ok('selectRoute', 'The Api has no $connect route: the connection is accepted without an integration (setting up $connect is optional).', { at: s.snapshot.api.keySpan });
        trace.fields.connectionAccepted = true;
        trace.ok('connection', 'Connection accepted.');
      } else {
        trace.skip('selectRoute', 'The Api has no $disconnect route: nothing runs when the client disconnects.', { at: s.snapshot.api.keySpan });
      }
      return undefined;
    }
    chosen(s, route, `The ${request.event} event runs the ${key} route.`, { event: request.event }, false);
    return route;
  }
  const message = request.message;
  const json = tryParseJson(message);
  const rse = s.snapshot.api.routeSelectionExpression;
  const fallback = (why: string, input: unknown, inferred: boolean, given: string[] = []): RouteSnap | undefined => {
    let notes = given;
    const def = find('$default');
    if (def) {
      chosen(s, def, `${why} The message goes to the $default route.`, input, inferred, given);
      return def;
    }
    const frame = errorFrame(s, 'Forbidden');
    trace.fields.clientReceives = frame;
    notes = [...notes, ...computedKeyNotes(s)];
    const asked = s.options.requestedRouteLogicalId;
    if (asked !== undefined) notes = [...notes, `You asked to run ${asked}, but this request is routed to no route.`];
    trace.fail('selectRoute', 'Forbidden', `${why} There is no $default route, so API Gateway answers with a Forbidden error frame.`, {
      input,
      output: frame,
      inferred,
      notes,
      at: rse?.span ?? s.snapshot.api.keySpan,
      message: 'No route matches the message and the Api has no $default route: the client receives a Forbidden error frame.',
    });
    return undefined;
  };
  if (!json.ok) return fallback('The message is not JSON, so the route selection expression cannot be evaluated.', { message }, false);
  if (!rse) return fallback('The Api has no RouteSelectionExpression.', { message }, true);
  const sel = evaluateExpression(rse, 'RouteSelectionExpression', 'WEBSOCKET', { body: message, json: json.value, context: wsTemplateContext(request, '', s.stage), stageVariables: s.stageVariables });
  const input = { message, expression: rse.text, value: sel.value };
  const lifecycle = sel.value === '$connect' || sel.value === '$disconnect';
  const match = lifecycle ? undefined : find(sel.value);
  if (match) {
    chosen(s, match, `${rse.text} evaluates to ${JSON.stringify(sel.value)}, which matches the route key ${JSON.stringify(sel.value)} exactly.`, input, sel.inferred, sel.notes);
    return match;
  }
  const why = lifecycle
    ? `${rse.text} evaluates to ${JSON.stringify(sel.value)}; messages are never routed to the lifecycle route ${sel.value}.`
    : `${rse.text} evaluates to ${JSON.stringify(sel.value)}, which matches no route key (keys compare exactly, case-sensitively).`;
  return fallback(why, input, sel.inferred || lifecycle, sel.notes);
}

/** Routes whose RouteKey is built by an intrinsic function take no part in routing; the trace says so. */
function computedKeyNotes(s: RunState): string[] {
  return s.snapshot.routes.filter((r) => r.routeKey?.computed).map((r) => `Route ${r.logicalId}: its RouteKey is built by an intrinsic function, so the simulator cannot match it.`);
}

function chosen(s: RunState, route: RouteSnap, detail: string, input: unknown, inferred: boolean, notes: string[] = []): void {
  const { trace } = s;
  trace.fields.selectedRouteKey = route.routeKey?.text ?? null;
  trace.fields.routeLogicalId = route.logicalId;
  const extra = [...notes, ...computedKeyNotes(s)];
  const asked = s.options.requestedRouteLogicalId;
  if (asked !== undefined && asked !== route.logicalId) extra.push(`You asked to run ${asked}, but this request is routed to ${route.logicalId}.`);
  const dup = literalRoutes(s).filter((r) => r.routeKey?.text === route.routeKey?.text);
  if (dup.length > 1) extra.push(`${dup.length} routes use the key ${JSON.stringify(route.routeKey?.text)}; AWS rejects duplicate route keys. The first one runs here.`);
  trace.ok('selectRoute', detail, { input, output: { routeKey: route.routeKey?.text, route: route.logicalId }, inferred, notes: extra, at: route.routeKey?.span ?? route.keySpan });
}

// ---------------------------------------------------------------------------------------------------------------
// Integration

function runIntegration(s: RunState, route: RouteSnap): Outcome {
  const { trace } = s;
  const integ = route.integration;
  if (!integ) {
    const p = route.integrationProblem;
    trace.fail('resolveIntegration', 'NoIntegration', `${p?.message ?? `Route ${route.logicalId} has no integration`}.`, { at: p?.span ?? route.keySpan, inferred: true });
    return { kind: 'failed' };
  }
  const type = integ.type?.text.toUpperCase();
  trace.fields.integrationLogicalId = integ.logicalId;
  trace.fields.integrationType = type ?? null;
  const kind = type === undefined ? 'unknown' : PROXY_TYPES.has(type) ? 'proxy' : NON_PROXY_TYPES.has(type) ? 'non-proxy' : 'unknown';
  if (kind === 'unknown') {
    trace.fail('resolveIntegration', 'NoIntegration', `Integration ${integ.logicalId} has ${type === undefined ? 'no IntegrationType' : `the unknown IntegrationType "${type}"`}; use AWS_PROXY, HTTP_PROXY, AWS, HTTP or MOCK.`, {
      at: integ.type?.span ?? integ.keySpan,
    });
    return { kind: 'failed' };
  }
  const what = type === 'AWS' ? (integ.lambda ? 'a Lambda custom integration (AWS)' : 'an AWS service integration (AWS)') : type === 'AWS_PROXY' ? 'a Lambda proxy integration (AWS_PROXY)' : `a ${type} integration`;
  trace.ok('resolveIntegration', `Route ${route.logicalId} targets ${integ.logicalId}, ${what}.`, { output: { integration: integ.logicalId, type }, at: integ.type?.span ?? integ.keySpan });
  return kind === 'proxy' ? runProxy(s, integ, type as string) : runNonProxy(s, route, integ, type as string);
}

// ---- proxy --------------------------------------------------------------------------------------------------

function runProxy(s: RunState, integ: IntegrationSnap, type: string): Outcome {
  const { trace, request } = s;
  trace.skip('selectRequestTemplate', 'Proxy integrations use no request templates: the backend receives the request as it is.', {
    notes: integ.requestTemplates?.length ? ['The RequestTemplates of this integration are ignored.'] : [],
  });
  const routeKey = trace.fields.selectedRouteKey ?? '';
  let outcome: Outcome;
  if (type === 'AWS_PROXY') {
    const event = wsLambdaProxyEvent(request, routeKey, s.stage, { ...s.stageVariables });
    trace.fields.backendRequest = event;
    outcome = invokeLambdaProxy(s, integ, event);
  } else {
    const backendRequest = { method: integ.method ?? 'POST', url: integ.uri?.text ?? '', headers: request.event === 'connect' ? multiRecord(request.headers) : {}, body: request.message };
    trace.fields.backendRequest = backendRequest;
    trace.fields.integrationRequestBody = request.message;
    outcome = invokeHttpBackend(s, integ, backendRequest, true);
  }
  trace.skip('selectIntegrationResponse', 'Proxy integrations have no integration response: the backend output goes to the caller as it is.', {
    notes: integ.responses.length ? [`The IntegrationResponse ${integ.responses.map((r) => r.logicalId).join(', ')} of this proxy integration has no effect.`] : [],
  });
  return outcome;
}

function invokeLambdaProxy(s: RunState, integ: IntegrationSnap, event: unknown): Outcome {
  const { trace } = s;
  const b = s.request.backend;
  const at = integ.uri?.span ?? integ.keySpan;
  if (b && 'lambdaError' in b) {
    trace.fields.clientReceives = errorFrame(s, ISE);
    trace.fail('invokeIntegration', 'InternalServerError', `The Lambda function failed (${b.lambdaError.errorType ?? 'Error'}: ${b.lambdaError.errorMessage}); API Gateway answers with an Internal server error frame.`, {
      input: event,
      output: { lambdaError: b.lambdaError },
      at,
    });
    return { kind: 'failed' };
  }
  if (b && !('lambdaResult' in b)) return badStub(s, 'a Lambda proxy integration', '{lambdaResult: {statusCode, body}} or {lambdaError: {errorMessage}}');
  const result = b && 'lambdaResult' in b ? b.lambdaResult : null;
  const obj = result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : undefined;
  const status = typeof obj?.statusCode === 'number' ? obj.statusCode : 200;
  const body = obj && 'body' in obj ? (bodyText(obj.body) ?? '') : '';
  const notes: string[] = [];
  if (!obj) notes.push('The result is not an object with statusCode and body: the simulator sends an empty body and assumes status 200.');
  else if (typeof obj.body !== 'string' && 'body' in obj) notes.push('The body is not a string; the simulator sends its JSON text.');
  if (!b) notes.push('No backend stub was given: the Lambda function returns null.');
  trace.ok('invokeIntegration', `The Lambda function receives the proxy event and returns status ${status}; only the body reaches the client.`, {
    input: event,
    output: { lambdaResult: result, statusCode: status, body },
    inferred: !obj || typeof obj.statusCode !== 'number',
    notes,
    at,
  });
  return { kind: 'response', body, status };
}

/** Calls an HTTP (or AWS service) backend stub; the body is what the integration returns. */
function invokeHttpBackend(s: RunState, integ: IntegrationSnap, backendRequest: unknown, proxy: boolean): Outcome {
  const { trace } = s;
  const b = s.request.backend;
  if (b && ('lambdaResult' in b || 'lambdaError' in b)) return badStub(s, `an ${integ.type?.text ?? 'HTTP'} integration`, '{statusCode, headers, body}');
  const status = b && 'statusCode' in b && typeof b.statusCode === 'number' ? b.statusCode : 200;
  const body = b && 'body' in b ? (bodyText(b.body) ?? '') : '';
  const headers = b && 'headers' in b && b.headers ? b.headers : {};
  trace.ok('invokeIntegration', `The backend answers HTTP ${status}${proxy ? '; its body goes to the client as it is' : ''}.`, {
    input: backendRequest,
    output: { statusCode: status, headers, body },
    notes: b ? [] : ['No backend stub was given: the backend answers 200 with an empty body.'],
    at: integ.uri?.span ?? integ.keySpan,
  });
  return { kind: 'response', body, status };
}

function badStub(s: RunState, what: string, expected: string): Outcome {
  s.trace.fail('invokeIntegration', 'BadRequest', `The backend stub does not fit ${what}: give ${expected}.`, { input: s.request.backend });
  return { kind: 'failed' };
}

// ---- non-proxy ----------------------------------------------------------------------------------------------

/** The integration's answer before integration response selection. */
interface IntegrationResult {
  readonly body: string;
  /** Status code for the `$connect` decision and `${integration.response.statuscode}`. */
  readonly status: number;
  readonly headers: Multi;
  /** What IntegrationResponseKey regexes are matched against; undefined: only `$default` can match. */
  readonly selectionValue: string | undefined;
  readonly selectionWhat: string;
}

function runNonProxy(s: RunState, route: RouteSnap, integ: IntegrationSnap, type: string): Outcome {
  const { trace, request } = s;
  const vtlBase = templateInput(s);
  const picked = selectRequestTemplate(s, integ);
  if (picked === 'rejected') return { kind: 'failed' };
  let requestBody: string;
  if (picked) {
    const rendered = render(s, 'renderRequest', picked, { ...vtlBase, body: request.message }, 'request template');
    if (rendered === undefined) return { kind: 'failed' };
    requestBody = rendered;
  } else {
    requestBody = request.message;
    trace.skip('renderRequest', 'No request template: the message passes through unchanged.', { output: requestBody });
  }
  trace.fields.requestTemplateKey = picked ? picked.key : null;
  trace.fields.integrationRequestBody = requestBody;
  const result = invokeNonProxy(s, integ, type, requestBody, picked !== undefined);
  if ('kind' in result) return result;
  const oneWayMessage = request.event === 'message' && !twoWayOf(route).twoWay;
  const ir = selectIntegrationResponse(s, integ, result, oneWayMessage);
  if (ir === 'unused') return { kind: 'response', body: '', status: result.status };
  if (!ir) return { kind: 'failed' };
  const body = respond(s, ir, result, vtlBase);
  if (body === undefined) return { kind: 'failed' };
  return { kind: 'response', body, status: result.status };
}

/** `$input`, `$context`, `$stageVariables` of the run's templates (body filled in per template). */
function templateInput(s: RunState): VtlInput {
  const { request } = s;
  const single = (m: Multi): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of m) if (v.length) setOwn(out, k, v[v.length - 1]);
    return out;
  };
  return {
    body: '',
    params: { path: {}, querystring: single(request.query), header: single(request.headers) },
    context: wsTemplateContext(request, s.trace.fields.selectedRouteKey ?? '', s.stage),
    stageVariables: { ...s.stageVariables },
  };
}

/** Request template selection (gateway spec §4.2) and passthrough behaviour (§4.3). */
function selectRequestTemplate(s: RunState, integ: IntegrationSnap): TemplateText | undefined | 'rejected' {
  const { trace, request } = s;
  const templates = integ.requestTemplates ?? [];
  const tse = integ.templateSelectionExpression;
  const notes: string[] = [];
  let tried: string | undefined;
  if (tse) {
    const sel = evaluateExpression(tse, 'IntegrationTemplateSelectionExpression', 'WEBSOCKET', { body: request.message, context: wsTemplateContext(request, trace.fields.selectedRouteKey ?? '', s.stage), stageVariables: s.stageVariables });
    notes.push(...sel.notes);
    if (sel.bodyNotJson) notes.push('The message is not JSON: request.body variables evaluate to "" (inferred).');
    tried = sel.value;
    const hit = byKey(templates, sel.value);
    if (hit) {
      trace.ok('selectRequestTemplate', `TemplateSelectionExpression ${tse.text} evaluates to ${JSON.stringify(sel.value)}, which selects the request template with that key.`, {
        input: { expression: tse.text, value: sel.value, keys: templates.map((t) => t.key) },
        output: { key: hit.key },
        inferred: sel.inferred || sel.bodyNotJson,
        notes,
        at: hit.keySpan,
      });
      return hit;
    }
  }
  const def = byKey(templates, '$default');
  const keys = templates.map((t) => t.key);
  if (def) {
    const why = tse ? `TemplateSelectionExpression ${tse.text} evaluates to ${JSON.stringify(tried)}, which is not a key; the $default template is the catch-all.` : 'The integration has no TemplateSelectionExpression; the $default template is used.';
    trace.ok('selectRequestTemplate', why, { input: { expression: tse?.text ?? null, value: tried ?? null, keys }, output: { key: '$default' }, notes, at: def.keySpan });
    return def;
  }
  if (!tse) {
    const json = byKey(templates, 'application/json');
    if (json) {
      trace.ok('selectRequestTemplate', 'The integration has no TemplateSelectionExpression and no $default template; WebSocket messages are treated as content type application/json, which selects that template.', {
        input: { expression: null, keys },
        output: { key: json.key },
        inferred: true,
        at: json.keySpan,
      });
      return json;
    }
  }
  return passthrough(s, integ, tse ? `TemplateSelectionExpression ${tse.text} evaluates to ${JSON.stringify(tried)}, which is not a key, and there is no $default template.` : 'No request template matches (no $default or application/json key).', keys, notes);
}

function passthrough(s: RunState, integ: IntegrationSnap, why: string, keys: string[], notes: string[]): undefined | 'rejected' {
  const { trace } = s;
  const written = integ.passthroughBehavior?.text;
  const behavior = written === undefined ? 'WHEN_NO_MATCH' : written.toUpperCase();
  const known = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'].includes(behavior);
  const effective = known ? behavior : 'WHEN_NO_MATCH';
  const defined = keys.length > 0;
  const reject = effective === 'NEVER' || (effective === 'WHEN_NO_TEMPLATES' && defined);
  const extra = [...notes];
  if (!known) extra.push(`PassthroughBehavior "${written}" is not WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER; the simulator uses WHEN_NO_MATCH.`);
  const setting = written === undefined ? 'PassthroughBehavior defaults to WHEN_NO_MATCH' : `PassthroughBehavior is ${behavior}`;
  const at = integ.passthroughBehavior?.span ?? integ.templateSelectionExpression?.span ?? integ.keySpan;
  const input = { keys, passthroughBehavior: written ?? null };
  if (reject) {
    const because = effective === 'NEVER' ? 'NEVER rejects every request without a matching template' : 'WHEN_NO_TEMPLATES rejects requests when templates are defined but none matches';
    trace.fail('selectRequestTemplate', 'UnsupportedMediaType', `${why} ${setting}: ${because} (415 Unsupported Media Type). The integration is not called; what a WebSocket client sees then is undocumented.`, {
      input,
      inferred: true,
      notes: extra,
      at,
      message: `${why} ${setting}, so the request is rejected with Unsupported Media Type and the integration is not called.`,
    });
    return 'rejected';
  }
  trace.ok('selectRequestTemplate', `${why} ${setting}: the message passes through to the integration unchanged.`, { input, output: { key: null }, inferred: !known, notes: extra, at });
  return undefined;
}

/** Renders a template; records the step; undefined on failure (the error is recorded). */
function render(s: RunState, stage: StageName, t: TemplateText, input: VtlInput, what: string): string | undefined {
  const { trace } = s;
  const r = renderTemplate(t.source, input, s.options.vtlLimits);
  const notes = r.notes.map((n) => n.replace(/^inferred:\s*/, 'Inferred: '));
  if (t.computed) notes.push('The template is built by an intrinsic function; the simulated text is approximate.');
  const inferred = r.notes.some((n) => n.startsWith('inferred'));
  if (r.error) {
    const code = r.error.code === 'OutputLimit' || r.error.code === 'StepLimit' ? 'LimitExceeded' : 'TemplateError';
    const at = r.error.span ? { template: t.id, span: r.error.span } : t.span;
    trace.fail(stage, code, `The ${what} (key ${JSON.stringify(t.key)}) failed to render: ${r.error.message}`, {
      input: { template: t.source, body: input.body },
      inferred,
      notes,
      at,
      message: `The ${what} ${JSON.stringify(t.key)} failed: ${r.error.message}`,
    });
    trace.fields.clientReceives = errorFrame(s, ISE);
    return undefined;
  }
  const output = r.output ?? '';
  trace.ok(stage, `The ${what} (key ${JSON.stringify(t.key)}) renders ${output.length} character${output.length === 1 ? '' : 's'}.`, {
    input: { template: t.source, body: input.body },
    output,
    inferred,
    notes,
    at: t.span,
  });
  return output;
}

function invokeNonProxy(s: RunState, integ: IntegrationSnap, type: string, requestBody: string, templated: boolean): IntegrationResult | Outcome {
  const { trace } = s;
  if (type === 'MOCK') return invokeMock(s, integ, requestBody, templated);
  if (type === 'AWS' && integ.lambda) return invokeLambdaCustom(s, integ, requestBody);
  const mapped = mapRequestParameters(s, integ);
  const query = mapped.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const url = integ.uri?.text ?? '';
  const backendRequest = { method: integ.method ?? (type === 'AWS' ? 'POST' : 'GET'), url: query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url, headers: mapped.headers, body: requestBody };
  trace.fields.backendRequest = backendRequest;
  const r = invokeHttpBackend(s, integ, backendRequest, false);
  if (r.kind === 'failed') return r;
  const b = s.request.backend;
  const headers = b && 'headers' in b && b.headers ? Object.entries(b.headers).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v]] as const) : [];
  const inferred = type === 'AWS';
  return { body: r.body, status: r.status, headers, selectionValue: String(r.status), selectionWhat: inferred ? 'the status code (AWS service integrations: inferred)' : 'the status code' };
}

/**
 * Integration RequestParameters of a non-proxy WebSocket integration (spec §4.4): `integration.request.header.N` and
 * `…querystring.N` from `route.request.{header,querystring,multivalueheader,multivaluequerystring}.N` ($connect only),
 * `route.request.body.JSONPATH`, `context.N`, `stageVariables.N` or `'static'`.
 */
function mapRequestParameters(s: RunState, integ: IntegrationSnap): { headers: Record<string, string>; query: [string, string][] } {
  const { trace, request } = s;
  const headers: Record<string, string> = {};
  const query: [string, string][] = [];
  const mappings = integ.requestParameters;
  if (mappings.length === 0) {
    trace.skip('mapRequestParameters', 'The integration has no RequestParameters.');
    return { headers, query };
  }
  const notes: string[] = [];
  let inferred = false;
  const inputs = { body: request.message, headers: multiRecord(request.headers), query: multiRecord(request.query), context: wsTemplateContext(request, trace.fields.selectedRouteKey ?? '', s.stage), stageVariables: s.stageVariables };
  const applied: { key: string; value: string }[] = [];
  for (const m of mappings) {
    const dest = /^integration\.request\.(header|querystring)\.(.+)$/.exec(m.key);
    if (!dest) {
      notes.push(`${m.key} is not integration.request.header.NAME or integration.request.querystring.NAME; not simulated.`);
      continue;
    }
    const source = m.value.trim();
    let value: string;
    const literal = /^'(.*)'$/s.exec(source);
    if (literal) value = literal[1] ?? '';
    else {
      const v = /^(?:(?:route|method)\.request\.(multivalueheader|multivaluequerystring|header|querystring|body)|(context|stageVariables))(\..*)?$/.exec(source);
      if (!v) {
        notes.push(`${m.key}: the source ${JSON.stringify(source)} is not route.request.*, context.*, stageVariables.* or a 'quoted' value; not simulated.`);
        continue;
      }
      if (source.startsWith('method.')) inferred = true;
      const where = (v[1] ?? '').replace('multivalue', '');
      if ((where === 'header' || where === 'querystring') && request.event !== 'connect') notes.push(`${m.key}: ${source} is only available on the $connect route; it is empty here.`);
      const root = v[1] ? `request.${where}` : (v[2] ?? '');
      value = evaluateExpression({ text: `\${${root}${v[3] ?? ''}}`, span: m.span }, 'IntegrationTemplateSelectionExpression', 'WEBSOCKET', inputs).value;
    }
    const [, kind = '', name = ''] = dest;
    if (kind === 'header') setOwn(headers, name, value);
    else query.push([name, value]);
    applied.push({ key: m.key, value });
  }
  const first = mappings[0];
  const last = mappings[mappings.length - 1];
  trace.ok('mapRequestParameters', `${applied.length} request parameter mapping${applied.length === 1 ? '' : 's'} applied.`, {
    input: mappings.map((m) => ({ [m.key]: m.value })),
    output: { applied, headers, query: Object.fromEntries(query) },
    inferred,
    notes: inferred ? [...notes, 'Inferred: method.request.* (the CloudFormation wording) is read like route.request.*.'] : notes,
    ...(first && last ? { at: { start: first.span.start, end: last.span.end } } : {}),
  });
  return { headers, query };
}

const MOCK_STATUS = /["']?statusCode["']?\s*:\s*(\d{3})/;

function invokeMock(s: RunState, integ: IntegrationSnap, requestBody: string, templated: boolean): IntegrationResult | Outcome {
  const { trace } = s;
  const at = integ.type?.span ?? integ.keySpan;
  if (!templated) {
    // Documented for a MOCK without any request template; when templates exist but none was selected it is inferred.
    const unselected = (integ.requestTemplates?.length ?? 0) > 0;
    const what = unselected ? 'MOCK whose request templates were not selected (passthrough) is read like a MOCK without a request template: it returns' : 'MOCK without a request template returns';
    trace.ok('invokeIntegration', `${what} the default integration response: only the $default IntegrationResponse can be selected. The response body is empty.`, {
      input: requestBody,
      output: { body: '' },
      inferred: unselected,
      at,
    });
    return { body: '', status: 200, headers: [], selectionValue: undefined, selectionWhat: 'nothing (MOCK without a request template)' };
  }
  const parsed = tryParseJson(requestBody);
  const strict = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && Number.isInteger((parsed.value as Record<string, unknown>).statusCode) ? ((parsed.value as Record<string, unknown>).statusCode as number) : undefined;
  const lenient = strict === undefined ? MOCK_STATUS.exec(requestBody) : null;
  const status = strict ?? (lenient ? Number(lenient[1]) : undefined);
  if (status === undefined) {
    trace.fields.clientReceives = errorFrame(s, ISE);
    // REST API behaviour (LocalStack reproduces its log line); for WebSocket APIs it is undocumented (gateway-spec §12.5).
    trace.fail('invokeIntegration', 'InternalServerError', 'Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.', {
      input: requestBody,
      inferred: true,
      at,
      message: 'MOCK: the rendered request template has no integer statusCode; the client receives an Internal server error frame.',
    });
    return { kind: 'failed' };
  }
  trace.fields.mockStatusCode = status;
  const how = strict !== undefined ? 'the rendered request is JSON with' : 'the rendered request is not valid JSON; the lenient parse finds';
  trace.ok('invokeIntegration', `MOCK: ${how} statusCode ${status}. Everything else is discarded; the integration response body is empty.`, {
    input: requestBody,
    output: { statusCode: status, body: '' },
    inferred: strict === undefined,
    at,
  });
  return { body: '', status, headers: [], selectionValue: String(status), selectionWhat: 'the MOCK status code' };
}

function invokeLambdaCustom(s: RunState, integ: IntegrationSnap, requestBody: string): IntegrationResult | Outcome {
  const { trace } = s;
  const b = s.request.backend;
  const parsed = tryParseJson(requestBody);
  const event = parsed.ok ? parsed.value : requestBody;
  trace.fields.backendRequest = event;
  const at = integ.uri?.span ?? integ.keySpan;
  const notes = parsed.ok ? [] : ['The integration request body is not JSON; a real Lambda invocation would fail to parse it as an event.'];
  if (b && 'lambdaError' in b) {
    const e = b.lambdaError;
    const body = JSON.stringify({ errorMessage: e.errorMessage, errorType: e.errorType ?? 'Error', stackTrace: e.stackTrace ?? [] });
    trace.ok('invokeIntegration', `The Lambda function fails: the integration body is its error, and errorMessage ${JSON.stringify(e.errorMessage)} selects the integration response.`, {
      input: event,
      output: { body },
      notes,
      at,
    });
    return { body, status: 500, headers: [], selectionValue: e.errorMessage, selectionWhat: 'the Lambda errorMessage' };
  }
  if (b && !('lambdaResult' in b)) return badStub(s, 'a Lambda custom integration', '{lambdaResult: <value>} or {lambdaError: {errorMessage, errorType}}');
  const result = b && 'lambdaResult' in b ? b.lambdaResult : null;
  const body = JSON.stringify(result === undefined ? null : result);
  trace.ok('invokeIntegration', 'The Lambda function succeeds: its result (as JSON) is the integration response body; with no errorMessage only the $default integration response matches.', {
    input: event,
    output: { body },
    notes: b ? notes : [...notes, 'No backend stub was given: the Lambda function returns null.'],
    at,
  });
  return { body, status: 200, headers: [], selectionValue: undefined, selectionWhat: 'the Lambda errorMessage (none: the function succeeded)' };
}

// ---- integration response -----------------------------------------------------------------------------------

/**
 * Integration response selection (gateway spec §5.2): whole-string Java regex keys, else `$default`. With no match on
 * a one-way message route the result is `'unused'`: one-way routes send nothing back "regardless of any integration
 * response configuration" (spec §3.1), so a missing integration response is not a failure there.
 */
function selectIntegrationResponse(s: RunState, integ: IntegrationSnap, result: IntegrationResult, oneWay: boolean): IntegrationResponseSnap | 'unused' | undefined {
  const { trace } = s;
  const notes: string[] = [];
  const matches: IntegrationResponseSnap[] = [];
  let def: IntegrationResponseSnap | undefined;
  for (const ir of integ.responses) {
    const key = ir.key?.text;
    if (key === undefined) continue;
    if (key === '$default') {
      def ??= ir;
      continue;
    }
    const m = /^\/(.*)\/$/s.exec(key);
    if (!m) {
      notes.push(`IntegrationResponseKey ${JSON.stringify(key)} (${ir.logicalId}) is neither $default nor a /regex/; it never matches.`);
      continue;
    }
    if (result.selectionValue === undefined) continue;
    const pattern = m[1] ?? '';
    const whole = matchesWhole(pattern, result.selectionValue);
    if (whole === undefined) {
      const c = compileJavaRegex(pattern);
      notes.push(c.error ? `${key} (${ir.logicalId}) is not a valid Java regex (${c.error.message}); it never matches.` : `${key} (${ir.logicalId}) cannot be reproduced in JavaScript; the simulator skips it.`);
      continue;
    }
    if (whole) matches.push(ir);
  }
  const value = result.selectionValue;
  const input = { selectionValue: value ?? null, compared: result.selectionWhat, keys: integ.responses.map((r) => r.key?.text ?? null) };
  const first = matches[0];
  if (first) {
    if (matches.length > 1) notes.push(`Several keys match (${matches.map((r) => r.key?.text).join(', ')}); which one AWS picks is undocumented, the simulator takes the first in the template.`);
    trace.fields.integrationResponseKey = first.key?.text ?? null;
    trace.ok('selectIntegrationResponse', `${capital(result.selectionWhat)} ${JSON.stringify(value)} matches the key ${first.key?.text} (Java regex, whole string).`, {
      input,
      output: { key: first.key?.text, integrationResponse: first.logicalId },
      inferred: matches.length > 1 || result.selectionWhat.includes('inferred') || result.selectionWhat === 'the MOCK status code' || result.selectionWhat === 'the status code',
      notes,
      at: first.key?.span ?? first.keySpan,
    });
    return first;
  }
  const why = value === undefined ? `Only $default can match ${result.selectionWhat}.` : `${capital(result.selectionWhat)} ${JSON.stringify(value)} matches no /regex/ key (whole-string match).`;
  if (def) {
    trace.fields.integrationResponseKey = '$default';
    trace.ok('selectIntegrationResponse', `${why} The $default integration response is the catch-all.`, { input, output: { key: '$default', integrationResponse: def.logicalId }, notes, at: def.key?.span ?? def.keySpan });
    return def;
  }
  if (oneWay) {
    trace.skip('selectIntegrationResponse', `${why} There is no $default integration response, but the route is one-way: it sends nothing back whatever the integration response configuration, so no integration response is needed.`, {
      input,
      inferred: true,
      notes,
      at: integ.responses[0]?.keySpan ?? integ.keySpan,
    });
    return 'unused';
  }
  trace.fields.clientReceives = errorFrame(s, ISE);
  trace.fail('selectIntegrationResponse', 'NoIntegrationResponse', `${why} There is no $default integration response, so the integration fails and the client receives an Internal server error frame.`, {
    input,
    output: trace.fields.clientReceives,
    inferred: true,
    notes,
    at: integ.responses[0]?.keySpan ?? integ.keySpan,
    message: `No IntegrationResponse of ${integ.logicalId} matches ${value === undefined ? 'a successful result' : JSON.stringify(value)} and none is $default: Internal server error.`,
  });
  return undefined;
}

const capital = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

/** Response template selection and rendering (gateway spec §5.3). Returns the response body, or undefined on failure. */
function respond(s: RunState, ir: IntegrationResponseSnap, result: IntegrationResult, vtl: VtlInput): string | undefined {
  const { trace, request } = s;
  const templates = ir.responseTemplates ?? [];
  const keys = templates.map((t) => t.key);
  const tse = ir.templateSelectionExpression;
  const notes: string[] = [];
  let picked: TemplateText | undefined;
  let detail = '';
  let inferred = false;
  let tried: string | undefined;
  if (tse) {
    const sel = evaluateExpression(tse, 'IntegrationResponseTemplateSelectionExpression', 'WEBSOCKET', {
      body: request.message,
      context: vtl.context,
      stageVariables: s.stageVariables,
      integrationStatus: result.status,
      integrationHeaders: multiRecord(result.headers),
      integrationBody: result.body,
    });
    notes.push(...sel.notes);
    tried = sel.value;
    inferred = sel.inferred || sel.bodyNotJson;
    if (sel.bodyNotJson) notes.push('The original message is not JSON: request.body variables evaluate to "" (inferred).');
    picked = byKey(templates, sel.value);
    if (picked) detail = `TemplateSelectionExpression ${tse.text} (request.body is the ORIGINAL client message) evaluates to ${JSON.stringify(sel.value)}, which selects the response template with that key.`;
  }
  if (!picked) {
    const def = byKey(templates, '$default');
    const json = tse ? undefined : byKey(templates, 'application/json');
    const lead = tse ? `TemplateSelectionExpression ${tse.text} evaluates to ${JSON.stringify(tried)}, which is not a key.` : 'The integration response has no TemplateSelectionExpression.';
    if (def) {
      picked = def;
      detail = `${lead} The $default template is the catch-all.`;
    } else if (json) {
      picked = json;
      detail = `${lead} There is no $default template; the application/json template is used.`;
      inferred = true;
    } else {
      trace.fields.responseTemplateKey = null;
      trace.ok('selectResponseTemplate', `${lead} No template matches (no $default), so the integration response body passes through unchanged.`, {
        input: { expression: tse?.text ?? null, value: tried ?? null, keys },
        output: { key: null, body: result.body },
        inferred: true,
        notes,
        at: tse?.span ?? ir.keySpan,
      });
      trace.skip('renderResponse', 'No response template: the integration response body is used as it is.', { output: result.body });
      return result.body;
    }
  }
  trace.fields.responseTemplateKey = picked.key;
  trace.ok('selectResponseTemplate', detail, { input: { expression: tse?.text ?? null, value: tried ?? null, keys }, output: { key: picked.key }, inferred, notes, at: picked.keySpan });
  return render(s, 'renderResponse', picked, { ...vtl, body: result.body }, 'response template');
}

// ---------------------------------------------------------------------------------------------------------------
// Route response / connection

/** Two-way iff RouteResponseSelectionExpression is `$default` and a `$default` RouteResponse exists (gateway spec §3.1). */
export function twoWayOf(route: RouteSnap): { twoWay: boolean; detail: string; inferred: boolean } {
  const rrse = route.routeResponseSelectionExpression?.text;
  const rr = route.routeResponses.find((r) => r.key?.text === '$default');
  if (rrse === '$default' && rr) return { twoWay: true, detail: 'The route has RouteResponseSelectionExpression $default and a $default RouteResponse: it is two-way.', inferred: false };
  if (rrse === '\\$default' && rr) return { twoWay: true, detail: 'The route has RouteResponseSelectionExpression \\$default (documented unescaped, read as $default) and a $default RouteResponse: it is two-way.', inferred: true };
  if (rrse === undefined && !rr && route.routeResponses.length === 0) return { twoWay: false, detail: 'The route has no RouteResponseSelectionExpression and no RouteResponse: it is one-way.', inferred: false };
  const parts = [rrse === undefined ? 'no RouteResponseSelectionExpression' : rrse === '$default' ? 'RouteResponseSelectionExpression $default' : `RouteResponseSelectionExpression ${JSON.stringify(rrse)} (only $default is supported)`, rr ? 'a $default RouteResponse' : 'no $default RouteResponse'];
  return { twoWay: false, detail: `The route has ${parts.join(' and ')}: the simulator treats it as one-way.`, inferred: true };
}

function deliver(s: RunState, route: RouteSnap, outcome: Outcome): void {
  const { trace, request } = s;
  const tw = twoWayOf(route);
  trace.fields.twoWay = tw.twoWay;
  const at = route.routeResponseSelectionExpression?.span ?? route.routeResponses[0]?.keySpan ?? route.keySpan;
  if (request.event !== 'message') trace.fields.clientReceives = null;
  if (request.event === 'connect') {
    const accepted = outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;
    trace.fields.connectionAccepted = accepted;
    trace.skip('routeResponse', 'The $connect route answers the handshake; no frame is sent.', { at });
    if (accepted) trace.ok('connection', `The $connect integration succeeded (status ${outcome.status}): the connection is accepted.`);
    else if (outcome.kind === 'response') trace.fail('connection', 'ConnectionRejected', `The $connect integration answered status ${outcome.status}: the handshake fails and the connection is rejected.`, { inferred: outcome.status !== 403 });
    else trace.step('connection', 'error', 'The $connect integration failed: the connection is rejected.');
    return;
  }
  if (request.event === 'disconnect') {
    trace.skip('routeResponse', 'The $disconnect route runs after the connection is closed: nothing can be sent.', { at });
    return;
  }
  if (outcome.kind === 'failed') {
    const frame = trace.fields.clientReceives;
    trace.step('routeResponse', 'skipped', frame === null ? 'The run failed before the route response; nothing is sent.' : `The run failed; the client receives the error frame ${frame} (also on one-way routes).`, {
      at,
      inferred: true,
    });
    return;
  }
  if (tw.twoWay) {
    trace.fields.clientReceives = outcome.body;
    trace.ok('routeResponse', `${tw.detail} The client receives ${outcome.body === '' ? 'an empty frame' : 'the response body as one text frame'}.`, { output: outcome.body, inferred: tw.inferred || outcome.body === '', at });
  } else {
    trace.fields.clientReceives = null;
    trace.ok('routeResponse', `${tw.detail} Nothing is sent back, whatever the integration response.`, { inferred: tw.inferred, at });
  }
}

/** API Gateway's error frame (gateway spec §3.3). */
function errorFrame(s: RunState, message: string): string {
  const c = s.request.context;
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(c.connectionId)}, "requestId":${JSON.stringify(c.requestId)}}`;
}
