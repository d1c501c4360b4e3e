// Normalises an untrusted SimRequest into a complete, plain request with deterministic ids and times, and helpers for header/query maps and JSON. Pure.
import type { BackendStub, MultiMap, SimEvent } from './types';
import { setOwn } from '../ownProperty';

/** Fixed defaults so runs are reproducible: never random, never the clock. */
const CONTEXT_DEFAULTS = {
  connectionId: 'L0cAlC0nnId0A=',
  requestId: 'L0cAlR3qId00A=',
  messageId: 'L0cAlM3sgId0A=',
  apiId: 'a1b2c3d4e5',
  accountId: '123456789012',
  region: 'us-east-1',
  /** 2023-11-14T22:13:20Z */
  requestTimeEpoch: 1_700_000_000_000,
  connectedAt: 1_700_000_000_000,
  sourceIp: '203.0.113.10',
  userAgent: 'apigw-lens',
} as const;

/** Header/query values as lists (a plain string is one value). Names keep their case. */
export type Multi = ReadonlyArray<readonly [string, readonly string[]]>;

export interface NormalizedHttp {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly headers: Multi;
  readonly query: Multi;
  /** Body text; undefined when there is none. */
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
  readonly cookies: readonly string[];
}

/** The request context values of a run (overridable through SimRequest.context). */
export interface RunContext {
  readonly connectionId: string;
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly messageId: string;
  readonly apiId: string;
  readonly accountId: string;
  readonly domainName: string;
  readonly domainPrefix: string;
  readonly requestTimeEpoch: number;
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Authorizer output (principalId and context), or undefined. Values are stringified as API Gateway does. */
  readonly authorizer: Readonly<Record<string, string>> | undefined;
}

export interface NormalizedRequest {
  readonly event: SimEvent;
  /** WebSocket frame text ('' for connect/disconnect). */
  readonly message: string;
  readonly headers: Multi;
  readonly query: Multi;
  readonly http: NormalizedHttp | undefined;
  readonly stage: string | undefined;
  readonly stageVariables: Readonly<Record<string, string>> | undefined;
  readonly context: RunContext;
  readonly backend: BackendStub | undefined;
  /** Problems with the request itself (wrong types…): the run stops with BadRequest. */
  readonly problems: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** An object with only own string values; `__proto__` and friends become plain keys. */
export function plainRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) setOwn(out, k, v);
  return out;
}

function multi(v: unknown, what: string, problems: string[]): Multi {
  if (v === undefined || v === null) return [];
  if (!isRecord(v)) {
    problems.push(`${what} must be an object of name → value (or list of values)`);
    return [];
  }
  const out: [string, string[]][] = [];
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out.push([k, [x]]);
    else if (typeof x === 'number' || typeof x === 'boolean') out.push([k, [String(x)]]);
    else if (Array.isArray(x) && x.every((i) => typeof i === 'string' || typeof i === 'number' || typeof i === 'boolean')) out.push([k, x.map(String)]);
    else problems.push(`${what}.${k} must be a string or a list of strings`);
  }
  return out;
}

/** Text of a body given as any JSON value (strings as is, others as JSON text). */
export function bodyText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function str(o: Record<string, unknown>, k: string, fallback: string): string {
  const v = own(o, k);
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function num(o: Record<string, unknown>, k: string, fallback: number): number {
  const v = own(o, k);
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback;
}

/** Authorizer context values are strings on the wire (number 1 → "1", true → "true"). */
function authorizerOf(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) setOwn(out, k, typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x));
  return out;
}

/** Normalises an untrusted request (from the CLI, LSP or tests). Never throws; problems are listed. */
export function normalizeRequest(raw: unknown): NormalizedRequest {
  const problems: string[] = [];
  const r: Record<string, unknown> = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) problems.push('The request must be an object');
  const ev = own(r, 'event');
  let event: SimEvent = 'message';
  if (ev === 'connect' || ev === 'message' || ev === 'disconnect') event = ev;
  else if (ev !== undefined) problems.push(`event must be connect, message or disconnect (got ${JSON.stringify(ev)})`);
  const msg = own(r, 'message');
  let message = '';
  if (typeof msg === 'string') message = msg;
  else if (msg !== undefined && msg !== null) message = JSON.stringify(msg);
  const headers = multi(own(r, 'headers'), 'headers', problems);
  const query = multi(own(r, 'query'), 'query', problems);
  let http: NormalizedHttp | undefined;
  const h = own(r, 'http');
  if (h !== undefined) {
    if (!isRecord(h)) problems.push('http must be an object {method, path, headers, query, body}');
    else {
      const method = own(h, 'method');
      const path = own(h, 'path');
      if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) problems.push('http.method must be an HTTP method such as GET');
      if (typeof path !== 'string' || !path.startsWith('/')) problems.push('http.path must be a string starting with /');
      const rawPath = typeof path === 'string' ? path : '/';
      const q = rawPath.indexOf('?');
      const extraQuery: [string, string[]][] = [];
      if (q >= 0) {
        for (const part of rawPath.slice(q + 1).split('&')) {
          if (!part) continue;
          const eq = part.indexOf('=');
          const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
          const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
          const existing = extraQuery.find((e) => e[0] === name);
          if (existing) existing[1].push(value);
          else extraQuery.push([name, [value]]);
        }
      }
      const cookies = own(h, 'cookies');
      if (cookies !== undefined && !(Array.isArray(cookies) && cookies.every((c) => typeof c === 'string'))) problems.push('http.cookies must be a list of name=value strings');
      http = {
        method: typeof method === 'string' ? method.toUpperCase() : 'GET',
        path: q >= 0 ? rawPath.slice(0, q) : rawPath,
        headers: multi(own(h, 'headers'), 'http.headers', problems),
        query: [...extraQuery, ...multi(own(h, 'query'), 'http.query', problems)],
        body: bodyText(own(h, 'body')),
        isBase64Encoded: own(h, 'isBase64Encoded') === true,
        cookies: Array.isArray(cookies) ? cookies.filter((c): c is string => typeof c === 'string') : [],
      };
    }
  }
  const stage = own(r, 'stage');
  if (stage !== undefined && typeof stage !== 'string') problems.push('stage must be a string');
  const sv = own(r, 'stageVariables');
  let stageVariables: Record<string, string> | undefined;
  if (sv !== undefined) {
    if (!isRecord(sv)) problems.push('stageVariables must be an object of name → string');
    else stageVariables = plainRecord(Object.entries(sv).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const));
  }
  const c = own(r, 'context');
  if (c !== undefined && !isRecord(c)) problems.push('context must be an object');
  const ctx = isRecord(c) ? c : {};
  const apiId = str(ctx, 'apiId', CONTEXT_DEFAULTS.apiId);
  const requestId = str(ctx, 'requestId', CONTEXT_DEFAULTS.requestId);
  const identity = isRecord(own(ctx, 'identity')) ? (own(ctx, 'identity') as Record<string, unknown>) : {};
  const userAgentHeader = headerValue(headers, 'user-agent') ?? (http ? headerValue(http.headers, 'user-agent') : undefined);
  const domainName = str(ctx, 'domainName', `${apiId}.execute-api.${CONTEXT_DEFAULTS.region}.amazonaws.com`);
  const context: RunContext = {
    connectionId: str(ctx, 'connectionId', CONTEXT_DEFAULTS.connectionId),
    requestId,
    extendedRequestId: str(ctx, 'extendedRequestId', requestId),
    messageId: str(ctx, 'messageId', CONTEXT_DEFAULTS.messageId),
    apiId,
    accountId: str(ctx, 'accountId', CONTEXT_DEFAULTS.accountId),
    domainName,
    domainPrefix: domainName.split('.')[0] ?? apiId,
    requestTimeEpoch: num(ctx, 'requestTimeEpoch', CONTEXT_DEFAULTS.requestTimeEpoch),
    connectedAt: num(ctx, 'connectedAt', CONTEXT_DEFAULTS.connectedAt),
    sourceIp: str(ctx, 'sourceIp', str(identity, 'sourceIp', CONTEXT_DEFAULTS.sourceIp)),
    userAgent: str(ctx, 'userAgent', str(identity, 'userAgent', userAgentHeader ?? CONTEXT_DEFAULTS.userAgent)),
    authorizer: authorizerOf(own(ctx, 'authorizer')),
  };
  const backend = own(r, 'backend');
  let stub: BackendStub | undefined;
  if (backend !== undefined && backend !== null) {
    const b = checkBackend(backend);
    if (typeof b === 'string') problems.push(b);
    else stub = b;
  }
  return { event, message: event === 'message' ? message : '', headers, query, http, stage: typeof stage === 'string' && stage !== '' ? stage : undefined, stageVariables, context, backend: stub, problems };
}

function checkBackend(b: unknown): BackendStub | string {
  if (!isRecord(b)) return 'backend must be an object: {statusCode, headers, body}, {lambdaResult} or {lambdaError: {errorMessage, errorType}}';
  if (Object.prototype.hasOwnProperty.call(b, 'lambdaError')) {
    const e = b.lambdaError;
    if (!isRecord(e) || typeof e.errorMessage !== 'string') return 'backend.lambdaError must be {errorMessage: string, errorType?: string}';
    const stackTrace = Array.isArray(e.stackTrace) ? e.stackTrace.filter((s): s is string => typeof s === 'string') : undefined;
    return { lambdaError: { errorMessage: e.errorMessage, ...(typeof e.errorType === 'string' ? { errorType: e.errorType } : {}), ...(stackTrace ? { stackTrace } : {}) } };
  }
  if (Object.prototype.hasOwnProperty.call(b, 'lambdaResult')) return { lambdaResult: b.lambdaResult };
  const status = own(b, 'statusCode');
  if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599)) return 'backend.statusCode must be an integer from 100 to 599';
  const problems: string[] = [];
  const headers = multi(own(b, 'headers'), 'backend.headers', problems);
  if (problems[0]) return problems[0];
  return {
    ...(typeof status === 'number' ? { statusCode: status } : {}),
    headers: plainRecord(headers.map(([k, v]) => [k, v.length === 1 ? (v[0] ?? '') : [...v]] as const)),
    ...(own(b, 'body') !== undefined ? { body: own(b, 'body') } : {}),
  };
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** First value of a header, matched case-insensitively. */
function headerValue(m: Multi | MultiMap, name: string): string | undefined {
  const lower = name.toLowerCase();
  const entries = Array.isArray(m) ? (m as Multi) : Object.entries(m as MultiMap);
  for (const [k, v] of entries) {
    if (k.toLowerCase() !== lower) continue;
    if (typeof v === 'string') return v;
    return (v as readonly string[])[0];
  }
  return undefined;
}

/** JSON.parse that reports failure instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Common Log Format time in UTC, as API Gateway writes `requestTime`: `14/Nov/2023:22:13:20 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return '01/Jan/1970:00:00:00 +0000';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
