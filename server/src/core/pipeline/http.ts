// The HTTP API pipeline (gateway spec §2.2, §7): route matching (exact, path variables, greedy, ANY, $default, 404), request parameter mapping, payload 1.0/2.0 Lambda proxy events, Lambda response inference, HTTP_PROXY backends, response parameter mapping. Pure.
import { parseSelectionExpression, evaluateSelection, type SelectionInputs } from '../expressions/selection';
import { httpEventV1, httpEventV2, httpMappingContext, rawQueryString, type HttpEventInput } from './events';
import { bodyText, safeDecode, type Multi, type NormalizedHttp } from './request';
import type { RunState } from './run';
import { multiRecord } from './select';
import type { IntegrationSnap, ParamMapping, RouteSnap } from './types';
import { setOwn } from '../ownProperty';

const NOT_FOUND = '{"message":"Not Found"}';
const INTERNAL = '{"message":"Internal Server Error"}';
const JSON_HEADERS = { 'content-type': 'application/json' };
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

type Segment = { readonly k: 'literal'; readonly text: string } | { readonly k: 'variable'; readonly name: string } | { readonly k: 'greedy'; readonly name: string };

interface RoutePattern {
  readonly route: RouteSnap;
  readonly method: string;
  readonly segments: readonly Segment[];
}

interface Match {
  readonly pattern: RoutePattern;
  readonly params: Record<string, string>;
  /** Per segment: 2 literal, 1 variable, 0 greedy (higher is more specific). */
  readonly rank: readonly number[];
}

/** What the backend answered, before response parameter mapping. */
interface BackendAnswer {
  readonly status: number;
  readonly headers: Multi;
  readonly body: string;
}

/** Runs an HTTP API request through the Api of `s.snapshot`. */
export function runHttp(s: RunState): void {
  const { trace } = s;
  const http = s.request.http;
  if (!http) {
    trace.fail('selectRoute', 'BadRequest', 'An HTTP API run needs a request {method, path, headers, query, body}.');
    return;
  }
  const routed = selectRoute(s, http);
  if (!routed) return;
  const { route, params } = routed;
  const integ = resolveIntegration(s, route);
  if (!integ) return;
  const rawPath = s.stage === '$default' ? http.path : `/${s.stage}${http.path}`;
  const mapped = mapRequestParameters(s, integ, http, params, rawPath);
  const answer = invoke(s, integ, http, route, params, rawPath, mapped);
  if (!answer) return;
  const final = mapResponseParameters(s, integ, answer, http, params, rawPath);
  respond(s, final);
}

// ---------------------------------------------------------------------------------------------------------------
// Route matching

function parsePattern(route: RouteSnap): RoutePattern | undefined {
  const key = route.routeKey;
  if (!key || key.computed) return undefined;
  const m = /^(\S+)\s+(\/\S*)$/.exec(key.text.trim());
  if (!m) return undefined;
  const method = (m[1] ?? '').toUpperCase();
  const segments = (m[2] ?? '/').slice(1).split('/').map((seg): Segment => {
    const v = /^\{([^{}]+?)(\+?)\}$/.exec(seg);
    if (!v) return { k: 'literal', text: seg };
    return v[2] ? { k: 'greedy', name: v[1] ?? '' } : { k: 'variable', name: v[1] ?? '' };
  });
  return { route, method, segments };
}

function matchPath(pattern: RoutePattern, parts: readonly string[]): Match | undefined {
  const params: Record<string, string> = {};
  const rank: number[] = [];
  const segs = pattern.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as Segment;
    if (seg.k === 'greedy') {
      if (i !== segs.length - 1) return undefined;
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === '')) return undefined;
      setOwn(params, seg.name, rest.map(safeDecode).join('/'));
      rank.push(0);
      return { pattern, params, rank };
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.k === 'literal') {
      if (safeDecode(part) !== seg.text) return undefined;
      rank.push(2);
    } else {
      if (part === '') return undefined;
      setOwn(params, seg.name, safeDecode(part));
      rank.push(1);
    }
  }
  return parts.length === segs.length ? { pattern, params, rank } : undefined;
}

/** Most specific first: segment by segment literal > variable > greedy, then a specific method before ANY. */
function compareMatches(a: Match, b: Match): number {
  const n = Math.max(a.rank.length, b.rank.length);
  for (let i = 0; i < n; i++) {
    const d = (b.rank[i] ?? -1) - (a.rank[i] ?? -1);
    if (d !== 0) return d;
  }
  return (a.pattern.method === 'ANY' ? 1 : 0) - (b.pattern.method === 'ANY' ? 1 : 0);
}

function selectRoute(s: RunState, http: NormalizedHttp): { route: RouteSnap; params: Record<string, string> } | undefined {
  const { trace } = s;
  const routes = s.snapshot.routes;
  const notes: string[] = [];
  const patterns: RoutePattern[] = [];
  for (const r of routes) {
    if (r.routeKey?.text === '$default') continue;
    const p = parsePattern(r);
    if (p && METHODS.has(p.method)) patterns.push(p);
    else if (r.routeKey) notes.push(`Route ${r.logicalId}: ${JSON.stringify(r.routeKey.text)} is not "$default" or "METHOD /path"; it never matches.`);
  }
  const parts = http.path.slice(1).split('/');
  const matches = patterns
    .filter((p) => p.method === http.method || p.method === 'ANY')
    .map((p) => matchPath(p, parts))
    .filter((m): m is Match => m !== undefined)
    .sort(compareMatches);
  const input = { method: http.method, path: http.path, routeKeys: routes.map((r) => r.routeKey?.text ?? null) };
  const best = matches[0];
  if (best) {
    const route = best.pattern.route;
    const kind = best.rank.includes(0) ? 'a route with a greedy path variable' : best.rank.includes(1) ? 'a route with path variables' : 'a full match of method and path';
    const others = matches.slice(1).map((m) => m.pattern.route.routeKey?.text);
    const detail = `${http.method} ${http.path} matches ${JSON.stringify(route.routeKey?.text)}: ${kind}${best.pattern.method === 'ANY' && http.method !== 'ANY' ? ' (ANY method)' : ''}.${others.length ? ` It is more specific than ${others.map((o) => JSON.stringify(o)).join(', ')}.` : ''}`;
    const tieBroken = others.length > 0 && best.rank.includes(1);
    return chosen(s, route, best.params, detail, input, tieBroken, notes);
  }
  const def = routes.find((r) => r.routeKey?.text === '$default');
  if (def) return chosen(s, def, {}, `${http.method} ${http.path} matches no route; the $default route catches it.`, input, false, notes);
  trace.fields.http = { status: 404, headers: { ...JSON_HEADERS }, body: NOT_FOUND };
  trace.fail('selectRoute', 'NoRoute', `${http.method} ${http.path} matches no route and there is no $default route: HTTP 404 ${NOT_FOUND}.`, {
    input,
    output: trace.fields.http,
    notes,
    at: s.snapshot.api.keySpan,
  });
  return undefined;
}

function chosen(s: RunState, route: RouteSnap, params: Record<string, string>, detail: string, input: unknown, inferred: boolean, notes: string[]): { route: RouteSnap; params: Record<string, string> } {
  const { trace } = s;
  trace.fields.selectedRouteKey = route.routeKey?.text ?? null;
  trace.fields.routeLogicalId = route.logicalId;
  trace.fields.pathParameters = params;
  const extra = [...notes];
  const asked = s.options.requestedRouteLogicalId;
  if (asked !== undefined && asked !== route.logicalId) extra.push(`You asked to run ${asked}, but this request is routed to ${route.logicalId}.`);
  if (inferred) extra.push('Inferred: among routes with path variables the most specific one is chosen segment by segment (literal, then {variable}, then {greedy+}).');
  trace.ok('selectRoute', detail, { input, output: { routeKey: route.routeKey?.text, route: route.logicalId, pathParameters: params }, inferred, notes: extra, at: route.routeKey?.span ?? route.keySpan });
  return { route, params };
}

// ---------------------------------------------------------------------------------------------------------------
// Integration

function internalError(s: RunState, stage: 'resolveIntegration' | 'invokeIntegration', detail: string, o: { at?: { start: number; end: number }; inferred?: boolean; input?: unknown; output?: unknown } = {}): undefined {
  s.trace.fields.http = { status: 500, headers: { ...JSON_HEADERS }, body: INTERNAL };
  s.trace.fail(stage, stage === 'resolveIntegration' ? 'NoIntegration' : 'InternalServerError', `${detail} The client receives HTTP 500 ${INTERNAL}.`, o);
  return undefined;
}

function resolveIntegration(s: RunState, route: RouteSnap): IntegrationSnap | undefined {
  const { trace } = s;
  const integ = route.integration;
  if (!integ) {
    const p = route.integrationProblem;
    return internalError(s, 'resolveIntegration', `${p?.message ?? `Route ${route.logicalId} has no integration`}.`, { at: p?.span ?? route.keySpan, inferred: true });
  }
  const type = integ.type?.text.toUpperCase();
  trace.fields.integrationLogicalId = integ.logicalId;
  trace.fields.integrationType = type ?? null;
  if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
    internalError(s, 'resolveIntegration', `Integration ${integ.logicalId} is ${type ?? 'of no type'}: an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY).`, { at: integ.type?.span ?? integ.keySpan });
    return undefined;
  }
  const what = type === 'HTTP_PROXY' ? 'an HTTP proxy integration' : integ.subtype ? `an AWS service integration (${integ.subtype})` : `a Lambda proxy integration (payload format ${payloadVersion(integ).version})`;
  trace.ok('resolveIntegration', `Route ${route.logicalId} targets ${integ.logicalId}, ${what}.`, { output: { integration: integ.logicalId, type }, at: integ.type?.span ?? integ.keySpan });
  return integ;
}

function payloadVersion(integ: IntegrationSnap): { version: '1.0' | '2.0'; note?: string } {
  const v = integ.payloadFormatVersion?.text;
  if (v === '1.0' || v === '2.0') return { version: v };
  return { version: '2.0', note: v === undefined ? 'PayloadFormatVersion is missing (required for HTTP APIs); the simulator uses 2.0.' : `PayloadFormatVersion "${v}" is not 1.0 or 2.0; the simulator uses 2.0.` };
}

// ---- request parameter mapping ------------------------------------------------------------------------------

/** The request after `RequestParameters` (gateway spec §7, HPM). */
interface MappedRequest {
  readonly headers: Multi;
  readonly query: Multi;
  /** `overwrite:path`, when mapped. */
  readonly path: string | undefined;
  /** AWS service integrations: the action parameters. */
  readonly parameters: Record<string, string>;
}

const RESERVED_HEADER = /^(access-control-.*|apigw-.*|authorization|connection|content-encoding|content-length|content-location|forwarded|keep-alive|origin|proxy-authenticate|proxy-authorization|te|trailers|transfer-encoding|upgrade|x-amz-.*|x-amzn-.*|x-forwarded-for|x-forwarded-host|x-forwarded-proto|via)$/i;

/** Evaluates a mapping value (`$request.header.x`, `${…}` mixed with text, or static text). */
function mappingValue(text: string, inputs: SelectionInputs): { value: string; unresolved: readonly string[] } {
  const r = evaluateSelection(parseSelectionExpression(text, 'IntegrationTemplateSelectionExpression', 'HTTP'), inputs);
  return { value: r.value, unresolved: r.unresolved };
}

function requestInputs(s: RunState, http: NormalizedHttp, params: Record<string, string>, rawPath: string): SelectionInputs {
  return {
    body: http.body ?? '',
    headers: multiRecord(http.headers),
    query: multiRecord(http.query),
    method: http.method,
    path: http.path,
    pathParameters: params,
    context: httpMappingContext(s.request.context, http, s.trace.fields.selectedRouteKey ?? '', s.stage, rawPath),
    stageVariables: s.stageVariables,
  };
}

/** Applies `append:/overwrite:/remove:` to a header or query list (headers case-insensitive). */
function applyMapping(list: [string, string[]][], op: string, name: string, value: string, ci: boolean): void {
  const same = (k: string) => (ci ? k.toLowerCase() === name.toLowerCase() : k === name);
  const i = list.findIndex(([k]) => same(k));
  if (op === 'remove') {
    for (let j = list.length - 1; j >= 0; j--) if (same((list[j] as [string, string[]])[0])) list.splice(j, 1);
  } else if (op === 'overwrite' || i < 0) {
    for (let j = list.length - 1; j >= 0; j--) if (same((list[j] as [string, string[]])[0])) list.splice(j, 1);
    list.push([name, [value]]);
  } else {
    (list[i] as [string, string[]])[1].push(value);
  }
}

function mapRequestParameters(s: RunState, integ: IntegrationSnap, http: NormalizedHttp, params: Record<string, string>, rawPath: string): MappedRequest {
  const { trace } = s;
  const headers: [string, string[]][] = http.headers.map(([k, v]) => [k, [...v]]);
  const query: [string, string[]][] = http.query.map(([k, v]) => [k, [...v]]);
  const parameters: Record<string, string> = {};
  let path: string | undefined;
  const mappings = integ.requestParameters;
  if (mappings.length === 0) {
    trace.skip('mapRequestParameters', 'The integration has no RequestParameters: the request is forwarded as it is.');
    return { headers, query, path, parameters };
  }
  const inputs = requestInputs(s, http, params, rawPath);
  const applied: { key: string; value: string }[] = [];
  const notes: string[] = [];
  for (const m of mappings) {
    const { value, unresolved } = mappingValue(m.value, inputs);
    if (unresolved.length) notes.push(`${m.key}: ${unresolved.join(', ')} has no value in this request (empty).`);
    if (integ.subtype) {
      setOwn(parameters, m.key, value);
      applied.push({ key: m.key, value });
      continue;
    }
    const k = /^(append|overwrite|remove):(header|querystring|path)(?:\.(.+))?$/.exec(m.key);
    if (!k) {
      notes.push(`${m.key} is not append|overwrite|remove:header.NAME, …:querystring.NAME or overwrite:path; ignored.`);
      continue;
    }
    const [, op = '', where = '', name = ''] = k;
    if (where === 'path') {
      if (op !== 'overwrite' || name) notes.push(`${m.key}: only overwrite:path is supported; ignored.`);
      else path = value;
    } else if (!name) {
      notes.push(`${m.key}: the ${where} name is missing; ignored.`);
    } else if (where === 'header' && RESERVED_HEADER.test(name)) {
      notes.push(`${m.key}: the header ${name} is reserved and cannot be mapped; ignored.`);
      continue;
    } else {
      applyMapping(where === 'header' ? headers : query, op, name, value, where === 'header');
    }
    applied.push({ key: m.key, value });
  }
  const lambda = integ.type?.text.toUpperCase() === 'AWS_PROXY' && !integ.subtype;
  if (lambda) notes.push('Inferred: parameter mapping on a Lambda proxy integration changes the event the function receives.');
  trace.ok('mapRequestParameters', `${applied.length} request parameter mapping${applied.length === 1 ? '' : 's'} applied.`, {
    input: mappings.map((m) => ({ [m.key]: m.value })),
    output: { applied, headers: multiRecord(headers), query: multiRecord(query), ...(path !== undefined ? { path } : {}) },
    inferred: lambda,
    notes,
    at: spanOf(mappings),
  });
  return { headers, query, path, parameters };
}

function spanOf(mappings: readonly ParamMapping[]): { start: number; end: number } | undefined {
  const first = mappings[0];
  const last = mappings[mappings.length - 1];
  return first && last ? { start: first.span.start, end: last.span.end } : undefined;
}

// ---- invocation ---------------------------------------------------------------------------------------------

function invoke(s: RunState, integ: IntegrationSnap, http: NormalizedHttp, route: RouteSnap, params: Record<string, string>, rawPath: string, mapped: MappedRequest): BackendAnswer | undefined {
  const type = integ.type?.text.toUpperCase();
  if (type === 'HTTP_PROXY') return invokeHttpProxy(s, integ, http, params, mapped);
  if (integ.subtype) return invokeAwsService(s, integ, mapped);
  const routeKey = route.routeKey?.text ?? '';
  const resource = routeKey === '$default' ? '$default' : routeKey.replace(/^\S+\s+/, '');
  const eventInput: HttpEventInput = {
    http: mapped.path !== undefined ? { ...http, path: mapped.path } : http,
    context: s.request.context,
    routeKey,
    resource,
    rawPath: mapped.path ?? rawPath,
    stage: s.stage,
    pathParameters: params,
    stageVariables: { ...s.stageVariables },
    headers: mapped.headers,
    query: mapped.query,
  };
  return invokeLambda(s, integ, eventInput);
}

function invokeLambda(s: RunState, integ: IntegrationSnap, eventInput: HttpEventInput): BackendAnswer | undefined {
  const { trace } = s;
  const pv = payloadVersion(integ);
  const event = pv.version === '1.0' ? httpEventV1(eventInput) : httpEventV2(eventInput);
  trace.fields.backendRequest = event;
  const at = integ.payloadFormatVersion?.span ?? integ.uri?.span ?? integ.keySpan;
  const b = s.request.backend;
  const notes = pv.note ? [pv.note] : [];
  if (b && 'lambdaError' in b) {
    return internalError(s, 'invokeIntegration', `The Lambda function failed (${b.lambdaError.errorType ?? 'Error'}: ${b.lambdaError.errorMessage}).`, { input: event, output: { lambdaError: b.lambdaError }, at });
  }
  if (b && !('lambdaResult' in b)) {
    trace.fail('invokeIntegration', 'BadRequest', 'The backend stub does not fit a Lambda proxy integration: give {lambdaResult: …} or {lambdaError: {errorMessage}}.', { input: b });
    return undefined;
  }
  if (!b) notes.push('No backend stub was given: the Lambda function returns null.');
  const result = b && 'lambdaResult' in b ? b.lambdaResult : null;
  const parsed = lambdaResponse(result, pv.version);
  if ('invalid' in parsed) {
    return internalError(s, 'invokeIntegration', `The Lambda function returned ${JSON.stringify(result)}: ${parsed.invalid}`, { input: event, output: { lambdaResult: result }, at, inferred: true });
  }
  trace.ok('invokeIntegration', `The Lambda function receives the payload ${pv.version} event and returns ${parsed.detail}.`, {
    input: event,
    output: { lambdaResult: result, response: { statusCode: parsed.answer.status, headers: multiRecord(parsed.answer.headers), body: parsed.answer.body } },
    inferred: parsed.inferred,
    notes: [...notes, ...parsed.notes],
    at,
  });
  return parsed.answer;
}

/** The HTTP response a Lambda proxy result stands for (payload 2.0 inference, gateway spec §7). */
function lambdaResponse(result: unknown, version: '1.0' | '2.0'): { answer: BackendAnswer; detail: string; inferred: boolean; notes: string[] } | { invalid: string } {
  const obj = result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : undefined;
  if (!obj || !('statusCode' in obj)) {
    if (version === '1.0') return { invalid: 'payload format 1.0 requires {statusCode, headers, body}; API Gateway treats anything else as a malformed Lambda proxy response.' };
    const body = typeof result === 'string' ? result : JSON.stringify(result === undefined ? null : result);
    return {
      answer: { status: 200, headers: [['content-type', ['application/json']]], body },
      detail: 'JSON without a statusCode, so API Gateway infers status 200, content-type application/json, and the output as the body',
      inferred: false,
      notes: [],
    };
  }
  const status = typeof obj.statusCode === 'number' ? obj.statusCode : Number(obj.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return { invalid: 'statusCode is not an HTTP status code.' };
  const headers: [string, string[]][] = [];
  const notes: string[] = [];
  if (obj.headers && typeof obj.headers === 'object') for (const [k, v] of Object.entries(obj.headers as Record<string, unknown>)) headers.push([k, [String(v)]]);
  if (version === '1.0' && obj.multiValueHeaders && typeof obj.multiValueHeaders === 'object') {
    for (const [k, v] of Object.entries(obj.multiValueHeaders as Record<string, unknown>)) if (Array.isArray(v)) applyAppend(headers, k, v.map(String));
  }
  if (version === '2.0' && Array.isArray(obj.cookies)) applyAppend(headers, 'set-cookie', obj.cookies.map(String));
  const body = bodyText(obj.body) ?? '';
  let inferred = false;
  if (obj.body !== undefined && typeof obj.body !== 'string') {
    notes.push('The body is not a string; the simulator sends its JSON text.');
    inferred = true;
  }
  if (obj.isBase64Encoded === true) notes.push('isBase64Encoded is true: the client receives the decoded bytes; the body is shown base64-encoded here.');
  return { answer: { status, headers, body }, detail: `status ${status}`, inferred, notes };
}

function applyAppend(list: [string, string[]][], name: string, values: string[]): void {
  const hit = list.find(([k]) => k.toLowerCase() === name.toLowerCase());
  if (hit) hit[1].push(...values);
  else list.push([name, values]);
}

function backendStub(s: RunState, what: string): BackendAnswer | 'bad' {
  const b = s.request.backend;
  if (b && ('lambdaResult' in b || 'lambdaError' in b)) {
    s.trace.fail('invokeIntegration', 'BadRequest', `The backend stub does not fit ${what}: give {statusCode, headers, body}.`, { input: b });
    return 'bad';
  }
  const status = b && 'statusCode' in b && typeof b.statusCode === 'number' ? b.statusCode : 200;
  const headers: Multi = b && 'headers' in b && b.headers ? Object.entries(b.headers).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v]] as const) : [];
  return { status, headers, body: b && 'body' in b ? (bodyText(b.body) ?? '') : '' };
}

function invokeHttpProxy(s: RunState, integ: IntegrationSnap, http: NormalizedHttp, params: Record<string, string>, mapped: MappedRequest): BackendAnswer | undefined {
  const { trace } = s;
  const uri = integ.uri?.text ?? '';
  // Path parameters arrive decoded; in the backend URL they are percent-encoded again, segment by segment (only a
  // greedy parameter holds slashes, and they stay path separators).
  const encode = (value: string): string => value.split('/').map(encodeURIComponent).join('/');
  let url = uri.replace(/\{([^{}]+?)\+?\}/g, (all, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? encode(params[name] ?? '') : all));
  if (mapped.path !== undefined) url = url.replace(/^(\w+:\/\/[^/]*)?.*$/, (_all, origin: string | undefined) => `${origin ?? ''}${mapped.path}`);
  const qs = rawQueryString(mapped.query);
  const method = !integ.method || integ.method.toUpperCase() === 'ANY' ? http.method : integ.method.toUpperCase();
  const backendRequest = { method, url: qs ? `${url}?${qs}` : url, headers: multiRecord(mapped.headers), body: http.body ?? '' };
  trace.fields.backendRequest = backendRequest;
  const answer = backendStub(s, 'an HTTP_PROXY integration');
  if (answer === 'bad') return undefined;
  trace.ok('invokeIntegration', `The HTTP backend receives ${method} ${backendRequest.url} and answers ${answer.status}; the response goes to the client as it is.`, {
    input: backendRequest,
    output: { statusCode: answer.status, headers: multiRecord(answer.headers), body: answer.body },
    notes: s.request.backend ? [] : ['No backend stub was given: the backend answers 200 with an empty body.'],
    at: integ.uri?.span ?? integ.keySpan,
  });
  return answer;
}

function invokeAwsService(s: RunState, integ: IntegrationSnap, mapped: MappedRequest): BackendAnswer | undefined {
  const { trace } = s;
  const backendRequest = { subtype: integ.subtype, parameters: mapped.parameters };
  trace.fields.backendRequest = backendRequest;
  const answer = backendStub(s, `an AWS service integration (${integ.subtype ?? ''})`);
  if (answer === 'bad') return undefined;
  trace.ok('invokeIntegration', `The ${integ.subtype} action receives the mapped parameters; the stub answers ${answer.status}.`, {
    input: backendRequest,
    output: { statusCode: answer.status, headers: multiRecord(answer.headers), body: answer.body },
    inferred: true,
    notes: ['The AWS service response is simulated by the backend stub {statusCode, headers, body}.'],
    at: integ.keySpan,
  });
  return answer;
}

// ---- response -----------------------------------------------------------------------------------------------

function mapResponseParameters(s: RunState, integ: IntegrationSnap, answer: BackendAnswer, http: NormalizedHttp, params: Record<string, string>, rawPath: string): BackendAnswer {
  const { trace } = s;
  const entry = integ.responseParameters.find((r) => r.statusCode === String(answer.status));
  if (!entry) {
    const keys = integ.responseParameters.map((r) => r.statusCode);
    trace.skip('mapResponseParameters', keys.length ? `No ResponseParameters for status ${answer.status} (keys: ${keys.join(', ')}).` : 'The integration has no ResponseParameters.');
    return answer;
  }
  const inputs: SelectionInputs = {
    ...requestInputs(s, http, params, rawPath),
    integrationStatus: answer.status,
    integrationHeaders: multiRecord(answer.headers),
    integrationBody: answer.body,
  };
  const headers: [string, string[]][] = answer.headers.map(([k, v]) => [k, [...v]]);
  let status = answer.status;
  const notes: string[] = [];
  const applied: { key: string; value: string }[] = [];
  for (const m of entry.mappings) {
    const { value, unresolved } = mappingValue(m.value, inputs);
    if (unresolved.length) notes.push(`${m.key}: ${unresolved.join(', ')} has no value (empty).`);
    if (m.key === 'overwrite:statuscode') {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 200 && n <= 599) status = n;
      else {
        notes.push(`overwrite:statuscode: ${JSON.stringify(value)} is not a status code from 200 to 599; ignored.`);
        continue;
      }
    } else {
      const k = /^(append|overwrite|remove):header\.(.+)$/.exec(m.key);
      if (!k) {
        notes.push(`${m.key} is not append|overwrite|remove:header.NAME or overwrite:statuscode; ignored.`);
        continue;
      }
      const [, op = '', name = ''] = k;
      if (RESERVED_HEADER.test(name)) {
        notes.push(`${m.key}: the header ${name} is reserved and cannot be mapped; ignored.`);
        continue;
      }
      applyMapping(headers, op, name, value, true);
    }
    applied.push({ key: m.key, value });
  }
  trace.ok('mapResponseParameters', `The backend answered ${answer.status}, which has ResponseParameters: ${applied.length} mapping${applied.length === 1 ? '' : 's'} applied${status !== answer.status ? `; the status becomes ${status}` : ''}.`, {
    input: { statusCode: answer.status, mappings: entry.mappings.map((m) => ({ [m.key]: m.value })) },
    output: { applied, statusCode: status, headers: multiRecord(headers) },
    notes,
    at: entry.span,
  });
  return { status, headers, body: answer.body };
}

function respond(s: RunState, answer: BackendAnswer): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of answer.headers) {
    const prev = Object.prototype.hasOwnProperty.call(headers, k) ? headers[k] : undefined;
    setOwn(headers, k, prev === undefined ? v.join(',') : `${prev},${v.join(',')}`);
  }
  s.trace.fields.http = { status: answer.status, headers, body: answer.body };
  s.trace.ok('routeResponse', `The client receives HTTP ${answer.status}.`, { output: s.trace.fields.http });
}
