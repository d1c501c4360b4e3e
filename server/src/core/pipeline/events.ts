// What backends receive: the WebSocket `$context` and Lambda proxy event, and the HTTP API payload 1.0 / 2.0 events (gateway spec §4.6, §7). Pure.
import { clfTime, plainRecord, type Multi, type NormalizedHttp, type NormalizedRequest, type RunContext } from './request';
import type { SimEvent } from './types';
import { setOwn } from '../ownProperty';

const EVENT_TYPES: Record<SimEvent, 'CONNECT' | 'MESSAGE' | 'DISCONNECT'> = { connect: 'CONNECT', message: 'MESSAGE', disconnect: 'DISCONNECT' };

/** `$context` of a WebSocket mapping template (gateway spec §6.3). */
export function wsTemplateContext(req: NormalizedRequest, routeKey: string, stage: string): Record<string, unknown> {
  const c = req.context;
  const out: Record<string, unknown> = {
    apiId: c.apiId,
    connectedAt: c.connectedAt,
    connectionId: c.connectionId,
    domainName: c.domainName,
    eventType: EVENT_TYPES[req.event],
    extendedRequestId: c.extendedRequestId,
    identity: { sourceIp: c.sourceIp, userAgent: c.userAgent },
    requestId: c.requestId,
    requestTime: clfTime(c.requestTimeEpoch),
    requestTimeEpoch: c.requestTimeEpoch,
    routeKey,
    stage,
  };
  if (req.event === 'message') out.messageId = c.messageId;
  if (c.authorizer) out.authorizer = { ...c.authorizer };
  return out;
}

/** The HTTP API `$context` for parameter mapping (`$context.requestId`, `$context.http.method`…). */
export function httpMappingContext(c: RunContext, http: NormalizedHttp, routeKey: string, stage: string, rawPath: string): Record<string, unknown> {
  return {
    accountId: c.accountId,
    apiId: c.apiId,
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    extendedRequestId: c.extendedRequestId,
    httpMethod: http.method,
    http: { method: http.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: c.sourceIp, userAgent: c.userAgent },
    identity: { sourceIp: c.sourceIp, userAgent: c.userAgent },
    path: rawPath,
    protocol: 'HTTP/1.1',
    requestId: c.requestId,
    requestTime: clfTime(c.requestTimeEpoch),
    requestTimeEpoch: c.requestTimeEpoch,
    routeKey,
    stage,
    ...(c.authorizer ? { authorizer: { ...c.authorizer } } : {}),
  };
}

/** Headers of a WebSocket `$connect`: single-value (last value wins) and multi-value maps. */
function singleAndMulti(m: Multi, pick: 'first' | 'last' | 'join'): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of m) {
    const prev = Object.prototype.hasOwnProperty.call(multi, k) ? (multi[k] ?? []) : [];
    const all = [...prev, ...v];
    setOwn(multi, k, all);
    const value = pick === 'first' ? all[0] : pick === 'last' ? all[all.length - 1] : all.join(',');
    setOwn(single, k, value ?? '');
  }
  return { single, multi };
}

/** The event an AWS_PROXY Lambda receives on a WebSocket route (gateway spec §4.6; STACKD recordings). */
export function wsLambdaProxyEvent(req: NormalizedRequest, routeKey: string, stage: string, stageVariables: Record<string, string>): Record<string, unknown> {
  const c = req.context;
  const event: Record<string, unknown> = {};
  if (req.event === 'connect') {
    const h = singleAndMulti(req.headers, 'last');
    const q = singleAndMulti(req.query, 'last');
    event.headers = h.single;
    event.multiValueHeaders = h.multi;
    if (req.query.length) {
      event.queryStringParameters = q.single;
      event.multiValueQueryStringParameters = q.multi;
    }
  }
  const requestContext: Record<string, unknown> = {
    routeKey,
    messageId: req.event === 'message' ? c.messageId : null,
    eventType: EVENT_TYPES[req.event],
    extendedRequestId: c.extendedRequestId,
    requestTime: clfTime(c.requestTimeEpoch),
    messageDirection: 'IN',
    stage,
    connectedAt: c.connectedAt,
    requestTimeEpoch: c.requestTimeEpoch,
    identity: { userAgent: c.userAgent, sourceIp: c.sourceIp },
    requestId: c.requestId,
    domainName: c.domainName,
    connectionId: c.connectionId,
    apiId: c.apiId,
  };
  if (req.event === 'disconnect') {
    requestContext.disconnectStatusCode = 1005;
    requestContext.disconnectReason = '';
  }
  if (c.authorizer) requestContext.authorizer = { ...c.authorizer };
  event.requestContext = requestContext;
  if (req.event === 'message') event.body = req.message;
  event.isBase64Encoded = false;
  if (Object.keys(stageVariables).length) event.stageVariables = { ...stageVariables };
  return event;
}

/** Encoded query string in request order (`a=1&a=2&b=x%20y`). */
export function rawQueryString(query: Multi): string {
  const parts: string[] = [];
  for (const [k, vs] of query) for (const v of vs) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.join('&');
}

/** Everything a payload-format event needs about the matched route. */
export interface HttpEventInput {
  readonly http: NormalizedHttp;
  readonly context: RunContext;
  readonly routeKey: string;
  /** Path of the route key (`/pets/{id}`), or `$default`. */
  readonly resource: string;
  /** Path as the client sent it, including a named stage (`/prod/pets/1`). */
  readonly rawPath: string;
  readonly stage: string;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables: Record<string, string>;
  /** Headers after request parameter mapping. */
  readonly headers: Multi;
  readonly query: Multi;
}

/** Payload format 2.0 event (gateway spec §7; HLAMBDA). Header names lower-cased, duplicates comma-joined. */
export function httpEventV2(i: HttpEventInput): Record<string, unknown> {
  const c = i.context;
  const lowered: [string, string[]][] = [];
  const cookies = [...i.http.cookies];
  for (const [k, v] of i.headers) {
    const name = k.toLowerCase();
    if (name === 'cookie') {
      for (const line of v) cookies.push(...line.split(/;\s*/).filter(Boolean));
      continue;
    }
    const existing = lowered.find((e) => e[0] === name);
    if (existing) existing[1].push(...v);
    else lowered.push([name, [...v]]);
  }
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: i.routeKey,
    rawPath: i.rawPath,
    rawQueryString: rawQueryString(i.query),
  };
  if (cookies.length) event.cookies = cookies;
  event.headers = plainRecord(lowered.map(([k, v]) => [k, v.join(',')] as const));
  if (i.query.length) event.queryStringParameters = singleAndMulti(i.query, 'join').single;
  event.requestContext = {
    accountId: c.accountId,
    apiId: c.apiId,
    ...(c.authorizer ? { authorizer: { lambda: { ...c.authorizer } } } : {}),
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    http: { method: i.http.method, path: i.rawPath, protocol: 'HTTP/1.1', sourceIp: c.sourceIp, userAgent: c.userAgent },
    requestId: c.requestId,
    routeKey: i.routeKey,
    stage: i.stage,
    time: clfTime(c.requestTimeEpoch),
    timeEpoch: c.requestTimeEpoch,
  };
  if (i.http.body !== undefined && i.http.body !== '') event.body = i.http.body;
  if (Object.keys(i.pathParameters).length) event.pathParameters = { ...i.pathParameters };
  event.isBase64Encoded = i.http.isBase64Encoded;
  if (Object.keys(i.stageVariables).length) event.stageVariables = { ...i.stageVariables };
  return event;
}

/** Payload format 1.0 event (gateway spec §7; HLAMBDA): names as sent, single values take the first of repeated ones. */
export function httpEventV1(i: HttpEventInput): Record<string, unknown> {
  const c = i.context;
  const h = singleAndMulti(i.headers, 'first');
  const q = singleAndMulti(i.query, 'first');
  return {
    version: '1.0',
    resource: i.resource,
    path: i.rawPath,
    httpMethod: i.http.method,
    headers: h.single,
    multiValueHeaders: h.multi,
    queryStringParameters: i.query.length ? q.single : null,
    multiValueQueryStringParameters: i.query.length ? q.multi : null,
    requestContext: {
      accountId: c.accountId,
      apiId: c.apiId,
      ...(c.authorizer ? { authorizer: { ...c.authorizer } } : {}),
      domainName: c.domainName,
      domainPrefix: c.domainPrefix,
      extendedRequestId: c.extendedRequestId,
      httpMethod: i.http.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: c.sourceIp,
        user: null,
        userAgent: c.userAgent,
        userArn: null,
      },
      path: i.rawPath,
      protocol: 'HTTP/1.1',
      requestId: c.requestId,
      requestTime: clfTime(c.requestTimeEpoch),
      requestTimeEpoch: c.requestTimeEpoch,
      resourceId: i.routeKey,
      resourcePath: i.resource,
      stage: i.stage,
    },
    pathParameters: Object.keys(i.pathParameters).length ? { ...i.pathParameters } : null,
    stageVariables: Object.keys(i.stageVariables).length ? { ...i.stageVariables } : null,
    body: i.http.body !== undefined && i.http.body !== '' ? i.http.body : null,
    isBase64Encoded: i.http.isBase64Encoded,
  };
}
