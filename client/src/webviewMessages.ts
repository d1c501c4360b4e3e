// Messages between the Run Route panel (extension host) and its webview, with guards for both directions. Import-free: bundled into the webview too.

/** Protocol of the API a run belongs to. */
export type ApiProtocol = 'WEBSOCKET' | 'HTTP';
/** WebSocket lifecycle event a run simulates. */
export type WsEvent = 'connect' | 'message' | 'disconnect';
export type StepStatus = 'ok' | 'skipped' | 'error';

/** 0-based line and UTF-16 character, as in LSP. */
export interface PositionView {
  line: number;
  character: number;
}
export interface RangeView {
  start: PositionView;
  end: PositionView;
}
/** A spot in a template the user can jump to. */
export interface LocationView {
  uri: string;
  range: RangeView;
}

/**
 * What the user edits in the panel. Text fields hold the raw text typed by the user; the host parses the JSON ones
 * and reports mistakes back with a `failed` message, so nothing is lost while the user types.
 */
export interface RunInputView {
  /** WebSocket: the simulated event. Ignored for HTTP APIs. */
  event: WsEvent;
  /** WebSocket: the frame text sent by the client. HTTP: the request as JSON text `{method, path, headers, query, body}`. */
  message: string;
  /** WebSocket `$connect` only: request headers as a JSON object text, or empty. */
  headers: string;
  /** WebSocket `$connect` only: query string parameters as a JSON object text, or empty. */
  query: string;
  /** Stage name (one of `SessionView.stages`, or any name the user types). */
  stage: string;
  /** Stage variables as a JSON object text, or empty. */
  stageVariables: string;
  /** Backend stub as JSON text (`{statusCode, headers, body}` or `{lambdaResult}` / `{lambdaError}`), or empty for MOCK. */
  backend: string;
}

/** A ready-made backend stub the user can pick (e.g. "Lambda returns", "Lambda fails"); `text` is the stub as JSON text. */
export interface BackendPresetView {
  label: string;
  text: string;
}

/** A Stage of the API with its variables pre-formatted as JSON text. */
export interface StageView {
  name: string;
  variables: string;
}

/** Everything the panel shows before a run: which route, its inputs, the choices it offers. */
export interface SessionView {
  templateUri: string;
  /** File name of the template, for the title. */
  templateName: string;
  protocol: ApiProtocol;
  /** Logical id of the Api. */
  apiId: string;
  /** The route being run, or undefined when an HTTP API is sent a request and routing decides. */
  route: { logicalId: string; routeKey: string } | undefined;
  /** Integration type of the route (`MOCK`, `AWS_PROXY`…), or empty when unknown. */
  integrationType: string;
  /** Why the pre-filled message may not select the route (empty when it does). */
  messageNote: string;
  /** Whether a backend stub is used by this route (false for MOCK). */
  needsBackend: boolean;
  /** One line telling what the stub stands for. */
  backendHint: string;
  /** Ready-made stubs for this integration (empty when no backend is called). */
  backendPresets: BackendPresetView[];
  stages: StageView[];
  input: RunInputView;
  /** Recent messages for this route, newest first. */
  recent: string[];
}

/** A labelled piece of data shown under a step. `json` text is already pretty-printed by the host. */
export interface BlockView {
  label: string;
  text: string;
  language: 'json' | 'text';
}

/** One pipeline stage as the panel shows it. */
export interface StepView {
  /** Machine name of the stage (`selectRoute`, `renderRequest`…). */
  stage: string;
  /** Human title. */
  title: string;
  status: StepStatus;
  /** The decision and why. */
  detail: string;
  /** The behaviour simulated here is inferred, not documented by AWS. */
  inferred: boolean;
  location: LocationView | undefined;
  blocks: BlockView[];
}

/** What the client finally gets. `text` is null when nothing is sent; `note` then says why. */
export interface OutcomeView {
  kind: 'frame' | 'none' | 'http' | 'connection';
  title: string;
  text: string | null;
  language: 'json' | 'text';
  note: string;
}

export interface ErrorView {
  code: string;
  message: string;
  location: LocationView | undefined;
}

/** A finished run, ready to display. */
export interface RunView {
  headline: string;
  facts: { label: string; value: string }[];
  steps: StepView[];
  outcome: OutcomeView;
  error: ErrorView | undefined;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'session'; session: SessionView }
  | { type: 'running'; reason: RunReason }
  | { type: 'result'; run: RunView; reason: RunReason }
  | { type: 'failed'; message: string; location: LocationView | undefined }
  | { type: 'notice'; text: string }
  | { type: 'recent'; recent: string[] };

/** Why a run happened: the user asked, or the template changed while the panel was open. */
export type RunReason = 'user' | 'template-changed';

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'run'; input: RunInputView }
  | { type: 'reveal'; location: LocationView }
  | { type: 'save'; name: string; input: RunInputView }
  | { type: 'pickRoute' };

/** Longest accepted message, stub or template text, in UTF-16 code units. */
export const MAX_TEXT = 1_000_000;
/** Longest accepted short string (names, uris, labels). */
export const MAX_SHORT = 4096;
/** Largest line or character number accepted in a range. */
export const MAX_POSITION = 10_000_000;
/** Most entries accepted in any list. */
export const MAX_ITEMS = 1000;

type Guard<T> = (v: unknown) => v is T;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (max: number): Guard<string> => (v): v is string => typeof v === 'string' && v.length <= max;
const isShort = text(MAX_SHORT);
const isLong = text(MAX_TEXT);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const oneOf =
  <T extends string>(...values: T[]): Guard<T> =>
  (v): v is T =>
    typeof v === 'string' && (values as string[]).includes(v);
const listOf =
  <T>(item: Guard<T>): Guard<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.length <= MAX_ITEMS && v.every(item);
const optional =
  <T>(g: Guard<T>): Guard<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || g(v);

/** An object with exactly the listed own keys (optional ones may be absent), each passing its guard. */
function shape<T>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const entries = Object.entries(fields) as [string, Guard<unknown>][];
  const allowed = new Set(entries.map(([k]) => k));
  return (v): v is T => {
    if (!isRecord(v)) return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k of Object.keys(v)) if (!allowed.has(k)) return false;
    return entries.every(([k, g]) => g(Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined));
  };
}

const isCoordinate = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_POSITION;
const isPosition = shape<PositionView>({ line: isCoordinate, character: isCoordinate });
const isRangeShape = shape<RangeView>({ start: isPosition, end: isPosition });
const isRange = (v: unknown): v is RangeView =>
  isRangeShape(v) && (v.start.line < v.end.line || (v.start.line === v.end.line && v.start.character <= v.end.character));
/** A location: a non-empty uri of at most MAX_SHORT characters and a well-ordered range. */
export const isLocationView = shape<LocationView>({ uri: (v): v is string => isShort(v) && v.length > 0, range: isRange });

const isEvent = oneOf<WsEvent>('connect', 'message', 'disconnect');
/** A run input with every field present and within size limits. */
export const isRunInputView = shape<RunInputView>({
  event: isEvent,
  message: isLong,
  headers: isLong,
  query: isLong,
  stage: isShort,
  stageVariables: isLong,
  backend: isLong,
});

const isStageView = shape<StageView>({ name: isShort, variables: isLong });
const isSessionView = shape<SessionView>({
  templateUri: isShort,
  templateName: isShort,
  protocol: oneOf<ApiProtocol>('WEBSOCKET', 'HTTP'),
  apiId: isShort,
  route: optional(shape<{ logicalId: string; routeKey: string }>({ logicalId: isShort, routeKey: isShort })),
  integrationType: isShort,
  messageNote: isLong,
  needsBackend: isBool,
  backendHint: isShort,
  backendPresets: listOf(shape<BackendPresetView>({ label: isShort, text: isLong })),
  stages: listOf(isStageView),
  input: isRunInputView,
  recent: listOf(isLong),
});

const isLanguage = oneOf<'json' | 'text'>('json', 'text');
const isBlockView = shape<BlockView>({ label: isShort, text: isLong, language: isLanguage });
const isStepView = shape<StepView>({
  stage: isShort,
  title: isShort,
  status: oneOf<StepStatus>('ok', 'skipped', 'error'),
  detail: isLong,
  inferred: isBool,
  location: optional(isLocationView),
  blocks: listOf(isBlockView),
});
const isOutcomeView = shape<OutcomeView>({
  kind: oneOf<OutcomeView['kind']>('frame', 'none', 'http', 'connection'),
  title: isShort,
  text: (v): v is string | null => v === null || isLong(v),
  language: isLanguage,
  note: isLong,
});
const isErrorView = shape<ErrorView>({ code: isShort, message: isLong, location: optional(isLocationView) });
const isFact = shape<{ label: string; value: string }>({ label: isShort, value: isLong });
const isRunView = shape<RunView>({
  headline: isLong,
  facts: listOf(isFact),
  steps: listOf(isStepView),
  outcome: isOutcomeView,
  error: optional(isErrorView),
});
const isReason = oneOf<RunReason>('user', 'template-changed');

const HOST_GUARDS: { [K in HostMessage['type']]: Guard<Extract<HostMessage, { type: K }>> } = {
  session: shape<Extract<HostMessage, { type: 'session' }>>({ type: oneOf('session'), session: isSessionView }),
  running: shape<Extract<HostMessage, { type: 'running' }>>({ type: oneOf('running'), reason: isReason }),
  result: shape<Extract<HostMessage, { type: 'result' }>>({ type: oneOf('result'), run: isRunView, reason: isReason }),
  failed: shape<Extract<HostMessage, { type: 'failed' }>>({ type: oneOf('failed'), message: isLong, location: optional(isLocationView) }),
  notice: shape<Extract<HostMessage, { type: 'notice' }>>({ type: oneOf('notice'), text: isLong }),
  recent: shape<Extract<HostMessage, { type: 'recent' }>>({ type: oneOf('recent'), recent: listOf(isLong) }),
};

const WEBVIEW_GUARDS: { [K in WebviewMessage['type']]: Guard<Extract<WebviewMessage, { type: K }>> } = {
  ready: shape<Extract<WebviewMessage, { type: 'ready' }>>({ type: oneOf('ready') }),
  run: shape<Extract<WebviewMessage, { type: 'run' }>>({ type: oneOf('run'), input: isRunInputView }),
  reveal: shape<Extract<WebviewMessage, { type: 'reveal' }>>({ type: oneOf('reveal'), location: isLocationView }),
  save: shape<Extract<WebviewMessage, { type: 'save' }>>({
    type: oneOf('save'),
    name: (v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 200,
    input: isRunInputView,
  }),
  pickRoute: shape<Extract<WebviewMessage, { type: 'pickRoute' }>>({ type: oneOf('pickRoute') }),
};

function dispatch<M extends { type: string }>(guards: Record<string, Guard<unknown>>, v: unknown): v is M {
  if (!isRecord(v) || typeof v.type !== 'string' || !Object.prototype.hasOwnProperty.call(guards, v.type)) return false;
  const g = guards[v.type];
  return g !== undefined && g(v);
}

/** True when `v` is exactly one of the messages the webview may send the host (no extra keys, sizes within limits). */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  return dispatch<WebviewMessage>(WEBVIEW_GUARDS, v);
}

/** True when `v` is exactly one of the messages the host may send the webview. */
export function isHostMessage(v: unknown): v is HostMessage {
  return dispatch<HostMessage>(HOST_GUARDS, v);
}
