// Pure conversions for the Run Route panel: route info → panel session, panel input → SimRequest / scenario input, RunRouteResult → what the webview shows. No vscode import.
import type { RunApiInfo, RunRouteInfo, RunRouteResult, RunStep, ScenarioInputWire, SimHttpRequest, SimRequest } from '../../server/src/protocol';
import type { BackendPresetView, BlockView, LocationView, OutcomeView, RunInputView, RunView, SessionView, StepView } from './webviewMessages';

/** Longest text put into one block of the panel; longer texts are cut (the guard's limit is higher). */
export const MAX_BLOCK_TEXT = 200_000;

/** What the user chose to run: a Route, or (HTTP APIs) the Api itself. */
export interface RunTargetChoice {
  api: RunApiInfo;
  route: RunRouteInfo | undefined;
}

const STAGE_TITLES: Record<string, string> = {
  selectRoute: 'Route selection',
  connection: 'Connection ($connect)',
  resolveIntegration: 'Integration',
  selectRequestTemplate: 'Request template selection',
  renderRequest: 'Request mapping template',
  mapRequestParameters: 'Request parameter mapping',
  invokeIntegration: 'Integration call',
  selectIntegrationResponse: 'Integration response selection',
  selectResponseTemplate: 'Response template selection',
  renderResponse: 'Response mapping template',
  mapResponseParameters: 'Response parameter mapping',
  routeResponse: 'Route response',
};

/** Labels of a stage's `input` and `output` blocks. */
const BLOCK_LABELS: Record<string, [string, string]> = {
  selectRoute: ['Selection value', 'Route'],
  connection: ['Handshake', 'Connection'],
  resolveIntegration: ['Target', 'Integration'],
  selectRequestTemplate: ['Selection value', 'Template'],
  renderRequest: ['Template', 'Rendered request body'],
  mapRequestParameters: ['Parameters', 'Mapped request'],
  invokeIntegration: ['Integration request', 'Integration response'],
  selectIntegrationResponse: ['Selection value', 'Integration response'],
  selectResponseTemplate: ['Selection value', 'Template'],
  renderResponse: ['Template', 'Rendered response body'],
  mapResponseParameters: ['Parameters', 'Mapped response'],
  routeResponse: ['Response', 'Sent to the client'],
};

const pretty = (v: unknown) => JSON.stringify(v, null, 2) ?? 'undefined';

/** Cuts `text` to MAX_BLOCK_TEXT characters, saying so. */
export function clip(text: string, max = MAX_BLOCK_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters not shown)`;
}

/** A value as panel text: JSON text and structured values pretty-printed, other strings as they are. */
export function displayValue(v: unknown): { text: string; language: 'json' | 'text' } {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return { text: clip(pretty(JSON.parse(t))), language: 'json' };
      } catch {
        // not JSON: shown as written
      }
    }
    return { text: clip(v), language: 'text' };
  }
  return { text: clip(pretty(v)), language: 'json' };
}

/** Stages whose `input` is a mapping template's source: shown exactly as written, never reformatted. */
const SOURCE_INPUT_STAGES = new Set(['renderRequest', 'renderResponse']);

function block(label: string, v: unknown, asWritten = false): BlockView {
  if (asWritten && typeof v === 'string') return { label, text: clip(v), language: 'text' };
  const d = displayValue(v);
  return { label, text: d.text, language: d.language };
}

function location(l: { uri: string; range: LocationView['range'] } | undefined): LocationView | undefined {
  return l ? { uri: l.uri, range: { start: { ...l.range.start }, end: { ...l.range.end } } } : undefined;
}

function stepView(s: RunStep): StepView {
  const [inLabel, outLabel] = BLOCK_LABELS[s.stage] ?? ['Input', 'Output'];
  const blocks: BlockView[] = [];
  if (s.input !== undefined) blocks.push(block(inLabel, s.input, SOURCE_INPUT_STAGES.has(s.stage)));
  if (s.output !== undefined) blocks.push(block(outLabel, s.output));
  if (s.notes?.length) blocks.push({ label: 'Notes', text: clip(s.notes.join('\n')), language: 'text' });
  return { stage: s.stage, title: STAGE_TITLES[s.stage] ?? s.stage, status: s.status, detail: clip(s.detail), inferred: s.inferred, location: location(s.location), blocks };
}

function outcome(r: RunRouteResult): OutcomeView {
  if (r.protocol === 'HTTP') {
    if (!r.http) return { kind: 'none', title: 'Client receives', text: null, language: 'text', note: 'No HTTP response was produced.' };
    const body = displayValue(r.http.body);
    const head = [`HTTP ${r.http.status}`, ...Object.entries(r.http.headers).map(([k, v]) => `${k}: ${v}`)].join('\n');
    if (r.http.body === '') return { kind: 'http', title: 'Client receives (HTTP response)', text: head, language: 'text', note: 'The body is empty.' };
    return { kind: 'http', title: 'Client receives (HTTP response)', text: clip(`${head}\n\n${body.text}`), language: 'text', note: body.language === 'json' && body.text !== r.http.body ? 'The body is pretty-printed here.' : '' };
  }
  if (r.event === 'connect') {
    const accepted = r.connectionAccepted;
    const note = accepted === true ? 'Accepted: the WebSocket connection opens.' : accepted === false ? 'Rejected: the client cannot connect.' : 'The connection outcome is unknown.';
    return { kind: 'connection', title: 'Connection', text: null, language: 'text', note };
  }
  if (r.clientReceives === null) {
    const note = r.event === 'disconnect' ? 'Nothing is sent: the connection is already closed.' : r.twoWay === false ? 'one-way: nothing is sent' : 'Nothing is sent to the client.';
    return { kind: 'none', title: 'Client receives', text: null, language: 'text', note };
  }
  if (r.clientReceives === '') return { kind: 'frame', title: 'Client receives', text: '', language: 'text', note: 'An empty frame is sent.' };
  const shown = displayValue(r.clientReceives);
  const exact = shown.text === r.clientReceives ? '' : r.clientReceives.length <= 200 ? `Pretty-printed. The frame is exactly: ${r.clientReceives}` : `Pretty-printed. The frame is ${r.clientReceives.length} characters long.`;
  return { kind: 'frame', title: 'Client receives', text: shown.text, language: shown.language, note: exact };
}

/** The panel's view of a run: headline, facts, every stage in order, the outcome and the error. */
export function toRunView(r: RunRouteResult): RunView {
  const facts: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined) facts.push({ label, value });
  };
  add('Route key', r.selectedRouteKey ?? 'none selected');
  add('Route', r.routeLogicalId);
  add('Integration', r.integrationLogicalId ? `${r.integrationLogicalId} (${r.integrationType ?? 'unknown type'})` : null);
  add('Request template', r.requestTemplateKey);
  add('MOCK status code', r.mockStatusCode === null ? null : String(r.mockStatusCode));
  add('Integration response', r.integrationResponseKey);
  add('Response template', r.responseTemplateKey);
  add('Path parameters', r.pathParameters ? JSON.stringify(r.pathParameters) : null);
  add('Two-way', r.twoWay === null ? null : r.twoWay ? 'yes: the route returns a frame' : 'no: one-way route');
  const o = outcome(r);
  const result = r.error ? `${r.error.code}` : o.kind === 'none' ? 'nothing sent' : o.kind === 'connection' ? (r.connectionAccepted ? 'connection accepted' : 'connection rejected') : o.kind === 'http' && r.http ? `HTTP ${r.http.status}` : 'frame sent';
  const headline = [r.protocol === 'HTTP' ? 'HTTP' : r.event, r.selectedRouteKey ?? 'no route', r.integrationType ?? 'no integration', result].join(' → ');
  return {
    headline,
    facts,
    steps: r.steps.map(stepView),
    outcome: o,
    error: r.error ? { code: r.error.code, message: clip(r.error.message), location: location(r.error.location) } : undefined,
  };
}

/** Stage variables as the panel shows them: a pretty JSON object. */
export function variablesText(v: Record<string, string>): string {
  return pretty(v);
}

/** The first input of a run of `choice`: the route's sample message and backend, the first stage and its variables. */
export function initialInput(choice: RunTargetChoice): RunInputView {
  const { api, route } = choice;
  const stage = api.stages[0];
  const http = route?.sampleRequest ?? api.sampleRequest;
  return {
    event: route?.event ?? 'message',
    message: api.protocol === 'HTTP' ? (http ? pretty(http) : '{\n  "method": "GET",\n  "path": "/"\n}') : (route?.sampleMessage ?? '{}'),
    headers: '',
    query: '',
    stage: stage?.name ?? '$default',
    stageVariables: variablesText(stage?.variables ?? {}),
    backend: firstBackend(choice),
  };
}

/**
 * The first backend stub of a run: the route's sample; for an HTTP "Send Request", the sample of the Api's first
 * route when all its routes with a backend call the same kind of backend (else empty: the server's default).
 */
function firstBackend({ api, route }: RunTargetChoice): string {
  if (route) return route.sampleBackend ? pretty(route.sampleBackend) : '';
  const called = api.routes.filter((r) => r.backendKind !== 'none' && r.sampleBackend);
  const kinds = new Set(called.map((r) => r.backendKind));
  return kinds.size === 1 && called[0]?.sampleBackend ? pretty(called[0].sampleBackend) : '';
}

/** Everything the webview needs to show before a run. */
export function toSession(choice: RunTargetChoice, templateUri: string, templateName: string, input: RunInputView, recent: string[]): SessionView {
  const { api, route } = choice;
  const backendKind = route?.backendKind ?? 'none';
  return {
    templateUri,
    templateName,
    protocol: api.protocol,
    apiId: api.logicalId,
    route: route ? { logicalId: route.logicalId, routeKey: route.routeKey ?? route.logicalId } : undefined,
    integrationType: route?.integrationType ?? '',
    messageNote: route?.sampleNote ?? (route ? '' : 'Routing picks the route from the request.'),
    // HTTP "Send Request" does not know the route in advance, so the stub is always offered there.
    needsBackend: route ? backendKind !== 'none' : true,
    backendHint: BACKEND_HINTS[route ? backendKind : 'any'],
    backendPresets: backendPresets(route ? backendKind : 'any'),
    stages: api.stages.map((s) => ({ name: s.name, variables: variablesText(s.variables) })),
    input,
    recent,
  };
}

const BACKEND_HINTS: Record<RunRouteInfo['backendKind'] | 'any', string> = {
  none: 'No backend is called (MOCK integration, or no integration).',
  http: 'What the HTTP backend answers: {"statusCode": 200, "headers": {…}, "body": "…"}.',
  lambda: 'What the Lambda function returns: {"lambdaResult": …}, or how it fails: {"lambdaError": {"errorMessage": "…", "errorType": "…"}}.',
  'lambda-proxy': 'What the Lambda function returns: {"lambdaResult": {"statusCode": 200, "body": "…"}}, or {"lambdaError": {"errorMessage": "…"}}.',
  any: 'What the backend answers, whichever route runs: {"lambdaResult": …} for Lambda, {"statusCode", "headers", "body"} for HTTP.',
};

const stub = (label: string, value: unknown): BackendPresetView => ({ label, text: pretty(value) });
const HTTP_PRESETS = [
  stub('200 OK (JSON)', { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }),
  stub('404 Not Found', { statusCode: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' }),
  stub('500 Server error', { statusCode: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }),
];
const LAMBDA_FAILS = stub('Lambda fails', { lambdaError: { errorMessage: 'Something went wrong', errorType: 'Error' } });
const PRESETS: Record<RunRouteInfo['backendKind'] | 'any', BackendPresetView[]> = {
  none: [],
  http: HTTP_PRESETS,
  lambda: [stub('Lambda returns an object', { lambdaResult: { ok: true } }), stub('Lambda returns a string', { lambdaResult: 'done' }), stub('Lambda returns null', { lambdaResult: null }), LAMBDA_FAILS],
  'lambda-proxy': [
    stub('Lambda returns 200', { lambdaResult: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' } }),
    stub('Lambda returns 400', { lambdaResult: { statusCode: 400, body: '{"message":"Bad Request"}' } }),
    LAMBDA_FAILS,
  ],
  any: [stub('Lambda returns 200', { lambdaResult: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' } }), LAMBDA_FAILS, ...HTTP_PRESETS],
};

/** Ready-made backend stubs the panel offers for an integration kind (`any`: HTTP "Send Request", whichever route runs). */
export function backendPresets(kind: RunRouteInfo['backendKind'] | 'any'): BackendPresetView[] {
  return PRESETS[kind].map((p) => ({ ...p }));
}

/** A mistake in the panel input, said in the user's terms. */
export interface InputError {
  field: 'message' | 'headers' | 'query' | 'stageVariables' | 'backend';
  message: string;
}

const FIELD_NAMES: Record<InputError['field'], string> = {
  message: 'Request',
  headers: 'Headers',
  query: 'Query string',
  stageVariables: 'Stage variables',
  backend: 'Backend stub',
};

function parseObject(field: InputError['field'], text: string): { value: Record<string, unknown> | undefined } | InputError {
  if (text.trim() === '') return { value: undefined };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { field, message: `${FIELD_NAMES[field]}: not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { field, message: `${FIELD_NAMES[field]}: must be a JSON object ({…}).` };
  return { value: v as Record<string, unknown> };
}

function isStringMap(v: Record<string, unknown>, lists: boolean): boolean {
  return Object.values(v).every((x) => typeof x === 'string' || (lists && Array.isArray(x) && x.every((i) => typeof i === 'string')));
}

/**
 * The request the panel input describes, or what is wrong with it. Stage variables equal to the chosen Stage's in
 * the template are left out, so the server (and a saved scenario) uses the template's own.
 */
export function toSimRequest(input: RunInputView, choice: RunTargetChoice): { request: SimRequest } | InputError {
  const request: SimRequest = {};
  if (choice.api.protocol === 'HTTP') {
    const http = parseObject('message', input.message);
    if ('field' in http) return http;
    const h = http.value;
    if (!h || typeof h.method !== 'string' || typeof h.path !== 'string') return { field: 'message', message: 'Request: give at least {"method": "GET", "path": "/…"}.' };
    request.http = h as unknown as SimHttpRequest;
  } else {
    request.event = input.event;
    if (input.event === 'message') request.message = input.message;
    if (input.event === 'connect') {
      for (const field of ['headers', 'query'] as const) {
        const r = parseObject(field, input[field]);
        if ('field' in r) return r;
        if (r.value && !isStringMap(r.value, true)) return { field, message: `${FIELD_NAMES[field]}: values must be strings (or lists of strings).` };
        if (r.value) request[field] = r.value as Record<string, string | string[]>;
      }
    }
  }
  if (input.stage) request.stage = input.stage;
  const vars = parseObject('stageVariables', input.stageVariables);
  if ('field' in vars) return vars;
  if (vars.value && !isStringMap(vars.value, false)) return { field: 'stageVariables', message: 'Stage variables: values must be strings.' };
  const templateVars = choice.api.stages.find((s) => s.name === input.stage)?.variables ?? {};
  if (vars.value && !sameStrings(vars.value as Record<string, string>, templateVars)) request.stageVariables = vars.value as Record<string, string>;
  const backend = parseObject('backend', input.backend);
  if ('field' in backend) return backend;
  if (backend.value) request.backend = backend.value as SimRequest['backend'];
  return { request };
}

function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/**
 * The scenario-file form of a request: `http` becomes `request`, the Api is named only when the template has several,
 * the event only when it is not `message`, the stage only when it is not the Api's first.
 */
export function toScenarioInput(request: SimRequest, choice: RunTargetChoice, apiCount: number): ScenarioInputWire {
  const out: ScenarioInputWire = {};
  if (apiCount > 1) out.api = choice.api.logicalId;
  if (request.event && request.event !== 'message') out.event = request.event;
  if (request.message !== undefined) out.message = request.message;
  if (request.headers) out.headers = request.headers;
  if (request.query) out.query = request.query;
  if (request.http) out.request = request.http;
  const defaultStage = choice.api.stages[0]?.name ?? '$default';
  if (request.stage !== undefined && request.stage !== defaultStage) out.stage = request.stage;
  if (request.stageVariables) out.stageVariables = request.stageVariables;
  if (request.context) out.context = request.context;
  if (request.backend) out.backend = request.backend;
  return out;
}

/** Recent messages after running `message`: newest first, without duplicates, at most `max`. */
export function rememberRecent(recent: readonly string[], message: string, max = 10): string[] {
  if (message.trim() === '') return [...recent];
  return [message, ...recent.filter((m) => m !== message)].slice(0, max);
}

/** Every location a run result mentions (steps and error), the only places a `reveal` may go. */
export function locationsOf(r: RunRouteResult): LocationView[] {
  const out: LocationView[] = [];
  for (const s of r.steps) if (s.location) out.push(s.location);
  if (r.error?.location) out.push(r.error.location);
  return out;
}

/** Routes (and HTTP Apis) a user can pick, in document order. */
export function runChoices(apis: readonly RunApiInfo[]): RunTargetChoice[] {
  const out: RunTargetChoice[] = [];
  for (const api of apis) {
    if (api.protocol === 'HTTP') out.push({ api, route: undefined });
    for (const route of api.routes) out.push({ api, route });
  }
  return out;
}

/**
 * The route (or HTTP Api) whose resource contains 0-based `line`: the last target whose logical-id line is at or
 * above it, as long as no line between them is indented as little as that key (which would start another resource).
 */
export function choiceAtLine(lines: readonly string[], line: number, choices: readonly RunTargetChoice[]): RunTargetChoice | undefined {
  let best: RunTargetChoice | undefined;
  let bestLine = -1;
  for (const c of choices) {
    const keyLine = (c.route?.location ?? c.api.location).range.start.line;
    if (keyLine <= line && keyLine > bestLine) {
      best = c;
      bestLine = keyLine;
    }
  }
  if (!best) return undefined;
  const indent = (s: string) => s.length - s.trimStart().length;
  const keyIndent = indent(lines[bestLine] ?? '');
  for (let l = bestLine + 1; l <= line && l < lines.length; l++) {
    const text = lines[l] ?? '';
    const t = text.trim();
    if (t === '' || t.startsWith('#')) continue;
    // A closing bracket at the key's own indentation still belongs to it (pretty-printed JSON).
    if (indent(text) <= keyIndent && !(indent(text) === keyIndent && /^[}\]],?$/.test(t))) return undefined;
  }
  return best;
}
