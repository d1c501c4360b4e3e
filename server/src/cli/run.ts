// `apigw-lens run <template> …`: simulates one WebSocket message/event or HTTP request through the template's API Gateway pipeline and prints the trace (text or JSON).
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildTemplateModel, type TemplateModel } from '../core';
import { runDefaults } from '../core/runTargets';
import { parseJson } from '../core/parse/jsonAdapter';
import { pickApi, prepareApi } from '../core/pipeline/snapshot';
import type { RunTrace, SimRequest, TraceStep } from '../core/pipeline/types';
import { Sandbox } from '../sandbox/sandbox';
import { clampTimeout, DEFAULT_RUN_TIMEOUT_MS, runRouteSandboxed } from '../sandbox/runRoute';
import { decodeText } from './files';
import { positionIn, type CliPosition } from './positions';
import { parseFlags, UsageError, type CliCommand } from './types';

/** A location in the template, 1-based lines and UTF-16 columns (as `check` prints them). */
export interface CliLocation {
  start: CliPosition;
  end: CliPosition;
}

type CliStep = Omit<TraceStep, 'span' | 'location'> & { location?: CliLocation };

/** The JSON `apigw-lens run --format json` prints: the run's fields, with locations as line/column. */
export type RunJson = Omit<RunTrace, 'steps' | 'error'> & {
  file: string;
  error: { code: string; message: string; location?: CliLocation } | null;
  steps: CliStep[];
};

/** The options of `apigw-lens run` (the README's `apigw-lens run` block lists the same). */
export const RUN_FLAGS = {
  api: 'string',
  route: 'string',
  message: 'string',
  event: 'string',
  headers: 'string',
  query: 'string',
  request: 'string',
  stage: 'string',
  'stage-variables': 'string',
  context: 'string',
  backend: 'string',
  format: 'string',
  timeout: 'string',
} as const;

export const runCommand: CliCommand = {
  name: 'run',
  usage:
    'apigw-lens run <template> [--api <logicalId>] [--route <logicalId>] [--message <json|text|@file>] [--event connect|message|disconnect] [--headers <json>] [--query <json>] [--request <json|@file>] [--stage <name>] [--stage-variables <json>] [--context <json>] [--backend <json|@file>] [--timeout <ms>] [--format text|json]',
  summary: 'Simulate one request through the API Gateway pipeline of a template (Run Route) and print the trace. Exit 1 when the gateway answers with an error.',
  async run(args, io) {
    let parsed: ReturnType<typeof parseFlags>;
    let format: string;
    let request: SimRequest;
    let timeoutMs: number;
    try {
      parsed = parseFlags(args, RUN_FLAGS);
      format = (parsed.flags.format as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got "${format}")`);
      if (parsed.positional.length !== 1) throw new UsageError('give exactly one template file');
      request = buildRequest(parsed.flags as Record<string, string | undefined>, io.cwd);
      const t = parsed.flags.timeout as string | undefined;
      timeoutMs = t === undefined ? DEFAULT_RUN_TIMEOUT_MS : clampTimeout(Number(t), NaN);
      if (Number.isNaN(timeoutMs)) throw new UsageError(`--timeout must be a positive number of milliseconds (got "${t}")`);
    } catch (e) {
      io.err(`apigw-lens run: ${(e as Error).message}\nusage: ${runCommand.usage}\n`);
      return 2;
    }
    const given = parsed.positional[0] as string;
    const file = resolve(io.cwd, given);
    let text: string;
    try {
      text = decodeText(readFileSync(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`apigw-lens run: ${given}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
      return 2;
    }
    const model = buildTemplateModel(text, /\.json$/i.test(file) ? 'json' : undefined);
    if (!model.isTemplate) {
      io.err(`apigw-lens run: ${given} is not a CloudFormation/SAM template\n`);
      return 2;
    }
    const api = pickApi(model, parsed.flags.api as string | undefined, parsed.flags.route as string | undefined);
    if (!('logicalId' in api)) {
      io.err(`apigw-lens run: ${api.message}\n`);
      return 2;
    }
    const misplaced = flagsOfOtherProtocol(api.protocol, parsed.flags);
    if (misplaced) {
      io.err(`apigw-lens run: ${misplaced}\nusage: ${runCommand.usage}\n`);
      return 2;
    }
    const sample = routeSample(model, api.logicalId, parsed.flags.route as string | undefined, request);
    if (sample) {
      request = sample.request;
      io.err(`apigw-lens run: ${sample.notice}\n`);
    }
    const sandbox = new Sandbox({ workerPath: join(__dirname, 'vtlWorker.js'), timeoutMs });
    let trace: RunTrace;
    try {
      const route = parsed.flags.route as string | undefined;
      trace = await runRouteSandboxed(sandbox, prepareApi(model, api), request, route !== undefined ? { requestedRouteLogicalId: route } : {}, timeoutMs);
    } finally {
      sandbox.dispose();
    }
    const display = relative(io.cwd, file) || file;
    const json = toRunJson(trace, text, display);
    io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatRunText(json));
    if (trace.error?.code === 'BadRequest') {
      io.err(`apigw-lens run: ${trace.error.message}\n`);
      return 2;
    }
    return trace.error ? 1 : 0;
  },
};

const WEBSOCKET_ONLY = ['message', 'event', 'headers', 'query'] as const;

/** A usage problem when flags of the other protocol are given (`--request` for a WebSocket API, `--message`… for HTTP). */
function flagsOfOtherProtocol(protocol: string | undefined, flags: Record<string, string | boolean>): string | undefined {
  if (protocol === 'HTTP') {
    const given = WEBSOCKET_ONLY.filter((f) => flags[f] !== undefined).map((f) => `--${f}`);
    if (given.length > 0) return `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for WebSocket APIs; describe an HTTP API request with --request '{"method": …, "path": …}'`;
  } else if (flags.request !== undefined) {
    return '--request is for HTTP APIs; send a WebSocket message with --message (and --event, --headers, --query)';
  }
  return undefined;
}

/**
 * With `--route`, inputs that are not given come from the sample the Run Route panel starts with: a message (WebSocket
 * message event) or request (HTTP) that selects that route, and a backend stub for non-MOCK integrations. Undefined
 * when nothing is filled in; otherwise the request and one notice per filled-in input.
 */
function routeSample(model: TemplateModel, apiId: string, routeId: string | undefined, request: SimRequest): { request: SimRequest; notice: string } | undefined {
  if (routeId === undefined) return undefined;
  const defaults = runDefaults(model, apiId, routeId);
  if (!defaults) return undefined;
  const note = defaults.messageNote ? ` (${defaults.messageNote})` : '';
  const filled: Record<string, unknown> = {};
  const notices: string[] = [];
  if (model.apigw.apis.find((a) => a.logicalId === apiId)?.protocol === 'HTTP') {
    if (request.http === undefined) {
      filled.http = JSON.parse(defaults.message);
      notices.push(`no --request given: sending ${defaults.message}, a request for route ${routeId}${note}`);
    }
  } else if (request.message === undefined && (request.event ?? defaults.event) === 'message') {
    filled.message = defaults.message;
    notices.push(`no --message given: sending ${defaults.message}, a message for route ${routeId}${note}`);
  }
  if (request.backend === undefined && defaults.backend !== undefined) {
    filled.backend = defaults.backend;
    notices.push(`no --backend given: the backend answers ${JSON.stringify(defaults.backend)}`);
  }
  if (notices.length === 0) return undefined;
  return { request: { ...request, ...filled }, notice: notices.join('\napigw-lens run: ') };
}

/** Reads `@file` arguments (relative to `cwd`); other values are returned as they are. */
function argText(value: string, cwd: string): string {
  if (!value.startsWith('@')) return value;
  try {
    return decodeText(readFileSync(resolve(cwd, value.slice(1))));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${value.slice(1)}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function jsonArg(flag: string, value: string | undefined, cwd: string, kind: 'object' | 'any'): unknown {
  if (value === undefined) return undefined;
  const text = argText(value, cwd);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new UsageError(`--${flag} must be JSON; ${JSON.stringify(shown)} is not valid JSON`);
  }
  if (kind === 'object' && (v === null || typeof v !== 'object' || Array.isArray(v))) throw new UsageError(`--${flag} must be a JSON object`);
  return flag === 'backend' || flag === 'request' ? withExactBody(text, v as Record<string, unknown>) : v;
}

/**
 * JSON.parse rounds integers beyond 2^53. When the `body` of a backend stub or HTTP request is a JSON object or list
 * holding such a number, the body is passed on as its exact source text (the simulator reads body text as it is).
 */
function withExactBody(text: string, value: Record<string, unknown>): Record<string, unknown> {
  if (value.body === null || typeof value.body !== 'object') return value;
  const root = parseJson(text).root;
  const entry = root?.kind === 'map' ? root.entries.findLast((e) => e.key.value === 'body') : undefined;
  if (!entry?.value) return value;
  const source = text.slice(entry.value.span.start, entry.value.span.end);
  return /\d{16,}/.test(source) ? { ...value, body: source } : value;
}

/** The SimRequest described by the command-line flags. Throws UsageError on malformed values. */
export function buildRequest(flags: Record<string, string | undefined>, cwd: string): SimRequest {
  const event = flags.event;
  if (event !== undefined && event !== 'connect' && event !== 'message' && event !== 'disconnect') throw new UsageError(`--event must be connect, message or disconnect (got "${event}")`);
  const out: Record<string, unknown> = {};
  if (event !== undefined) out.event = event;
  if (flags.message !== undefined) out.message = argText(flags.message, cwd);
  const fields: [string, string, 'object' | 'any'][] = [
    ['headers', 'headers', 'object'],
    ['query', 'query', 'object'],
    ['request', 'http', 'object'],
    ['stage-variables', 'stageVariables', 'object'],
    ['context', 'context', 'object'],
    ['backend', 'backend', 'object'],
  ];
  for (const [flag, key, kind] of fields) {
    const v = jsonArg(flag, flags[flag], cwd, kind);
    if (v !== undefined) out[key] = v;
  }
  if (flags.stage !== undefined) out.stage = flags.stage;
  return out as SimRequest;
}

/** The run as JSON with 1-based line/column locations in `text`. */
export function toRunJson(trace: RunTrace, text: string, file: string): RunJson {
  const at = positionIn(text);
  const loc = (s: { start: number; end: number } | undefined): CliLocation | undefined => (s ? { start: at(s.start), end: at(s.end) } : undefined);
  const { steps, error, ...fields } = trace;
  return {
    file,
    ...fields,
    error: error ? { code: error.code, message: error.message, ...(error.span ? { location: loc(error.span) as CliLocation } : {}) } : null,
    steps: steps.map(({ span, location: _unmapped, ...rest }) => (span ? { ...rest, location: loc(span) as CliLocation } : rest)),
  };
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const indent = (t: string, pad: string): string => t.split('\n').map((l) => pad + l).join('\n');

/** A readable trace: one block per stage, then what the client receives. */
export function formatRunText(r: RunJson): string {
  const lines: string[] = [];
  const head = r.protocol === 'HTTP' ? `${r.file}: HTTP API ${r.apiLogicalId}` : `${r.file}: WebSocket API ${r.apiLogicalId}, event ${r.event}`;
  lines.push(head);
  r.steps.forEach((s, i) => {
    const where = s.location ? ` (${r.file}:${s.location.start.line}:${s.location.start.column})` : '';
    lines.push(`${String(i + 1).padStart(2)}. ${s.stage} [${s.status}${s.inferred ? ', inferred' : ''}]${where}`);
    lines.push(indent(s.detail, '      '));
    if (s.output !== undefined && (typeof s.output === 'string' || s.stage.startsWith('render'))) lines.push(indent(`→ ${show(s.output)}`, '      '));
    for (const n of s.notes ?? []) lines.push(indent(`note: ${n}`, '      '));
  });
  if (r.error) lines.push(`Error: ${r.error.code}: ${r.error.message}`);
  lines.push(clientLine(r));
  return `${lines.join('\n')}\n`;
}

function clientLine(r: RunJson): string {
  if (r.protocol === 'HTTP') {
    if (!r.http) return 'Client receives: no HTTP response';
    const headers = Object.entries(r.http.headers).map(([k, v]) => `${k}: ${v}`);
    return `Client receives: HTTP ${r.http.status}\n${[...headers, '', r.http.body].map((l) => (l ? `  ${l}` : '')).join('\n')}`;
  }
  if (r.event === 'connect') return `Client receives: connection ${r.connectionAccepted ? 'accepted' : 'rejected'}`;
  if (r.clientReceives === null) return `Client receives: nothing${r.twoWay === false ? ' (one-way route)' : ''}`;
  return `Client receives: ${r.clientReceives === '' ? '(an empty frame)' : r.clientReceives}`;
}
