// Custom LSP messages and settings shared by client and server: method names and plain JSON wire types only. Import-free.

/** Settings read from the client under the `apigwLens` section (also accepted as initializationOptions by other editors). */
export interface ApigwSettings {
  /** Analyse templates at all. */
  enable: boolean;
  /** Per diagnostic id: a severity, or 'off' to silence it. */
  rules: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  /** Files larger than this (in bytes) are not analysed; the user gets one diagnostic saying so. */
  maxFileSize: number;
  /** Milliseconds to wait after the last edit before analysing. */
  debounceMs: number;
  /** Time limit of one Run Route simulation in milliseconds (`apigwLens.run.timeoutMs`); a longer run ends with error `Timeout`. */
  runTimeoutMs: number;
}

export const DEFAULT_SETTINGS: ApigwSettings = {
  enable: true,
  rules: {},
  maxFileSize: 5 * 1024 * 1024,
  debounceMs: 75,
  runTimeoutMs: 1000,
};

/** Wire range: 0-based line and UTF-16 character, as in LSP. */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Wire location of something in a template. */
export interface WireLocation {
  uri: string;
  range: WireRange;
}

// ---------------------------------------------------------------------------------------------------------------
// Run Route: `apigw/listRoutes` and `apigw/runRoute` (client → server requests).
//
// A client (the VS Code Run Route panel, or any LSP editor) first asks `apigw/listRoutes` for what a template can run,
// then sends `apigw/runRoute` with a simulated request. The server runs the API Gateway pipeline in a sandboxed worker
// (templates are untrusted) and answers the trace. Every object below is plain JSON. Positions are LSP positions
// (0-based line, UTF-16 character). Errors: an unknown or closed document, or a `version` that is not the open
// document's current version, is answered with an LSP ResponseError (code -32801 ContentModified for a stale version,
// -32602 InvalidParams for an unknown document/api/route); everything the gateway itself does (including a template
// that runs too long) is a normal result with `error` set.

/**
 * Client command that the `▶ Run Route` / `▶ Send Request` code lenses invoke, with one RunRouteCommandArgs argument.
 * The VS Code extension registers it (and contributes it in package.json); other editors may implement it.
 */
export const RUN_ROUTE_COMMAND = 'apigwLens.runRoute';

/** Argument of RUN_ROUTE_COMMAND: which template, which Api, and which Route (absent: send a request to the HTTP Api). */
export interface RunRouteCommandArgs {
  uri: string;
  apiId: string;
  routeId?: string;
}

/** `apigw/listRoutes`: the APIs of a template, with their routes and sensible first inputs for a run. */
export const ListRoutesRequest = { method: 'apigw/listRoutes' } as const;

/** Parameters of `apigw/listRoutes`. */
export interface ListRoutesParams {
  /** Uri of an open document. */
  uri: string;
}

/** Result of `apigw/listRoutes`. A document that is not a CloudFormation template yields `apis: []`. */
export interface ListRoutesResult {
  /** Version of the document the answer was computed from (send it back in RunRouteParams.version). */
  version: number;
  /** Every AWS::ApiGatewayV2::Api (and SAM HttpApi/WebSocketApi) with a known protocol, in document order. */
  apis: RunApiInfo[];
}

/** WebSocket lifecycle event of a simulated request. HTTP runs always use `message`. */
export type RunEvent = 'connect' | 'message' | 'disconnect';

/** What a backend stub stands for, by integration: `none` (MOCK or no integration), `http` ({statusCode, headers, body}), `lambda` / `lambda-proxy` ({lambdaResult} or {lambdaError}). */
export type BackendKind = 'none' | 'http' | 'lambda' | 'lambda-proxy';

/** One API of the template. */
export interface RunApiInfo {
  /** Logical id of the Api resource. */
  logicalId: string;
  protocol: 'WEBSOCKET' | 'HTTP';
  /** The Api's `Name` property when it is a literal, else null. */
  name: string | null;
  /** The Api's RouteSelectionExpression as written (a literal), or null when absent or not a literal. */
  routeSelectionExpression: string | null;
  /** Where the Api's logical id is written. */
  location: WireLocation;
  /** Stages declared for the Api (AWS::ApiGatewayV2::Stage), in document order. */
  stages: RunStageInfo[];
  /** Routes of the Api, in document order. */
  routes: RunRouteInfo[];
  /** HTTP APIs only: a first request for "Send Request" (routing decides the route); null for WebSocket. */
  sampleRequest: SimHttpRequest | null;
}

/** A Stage of an API. */
export interface RunStageInfo {
  /** `StageName` (e.g. `prod`, `$default`), or the logical id when the name is not a literal. */
  name: string;
  /** Logical id of the Stage resource. */
  logicalId: string;
  /** Literal `StageVariables` (name → value). */
  variables: Record<string, string>;
  /** Where the Stage's logical id is written. */
  location: WireLocation;
}

/** A Route of an API, with the inputs the panel pre-fills. */
export interface RunRouteInfo {
  /** Logical id of the Route resource. */
  logicalId: string;
  /** The RouteKey when it is a literal (`$connect`, `sendmessage`, `GET /pets/{id}`…), else null. */
  routeKey: string | null;
  /** Logical id of the Integration the Route targets, or null when it has none in this template. */
  integrationLogicalId: string | null;
  /** IntegrationType of that integration (`MOCK`, `AWS_PROXY`…), or null. */
  integrationType: string | null;
  /** Where the Route's logical id is written. */
  location: WireLocation;
  /** Event the route is run with: `connect` for `$connect`, `disconnect` for `$disconnect`, else `message`. */
  event: RunEvent;
  /**
   * WebSocket: a frame the Api's RouteSelectionExpression maps to this route key (e.g. `{"action":"message"}`), empty
   * for `$connect`/`$disconnect`. HTTP: the request as JSON text, same as `sampleRequest`.
   */
  sampleMessage: string;
  /** Why `sampleMessage` may not select this route (e.g. a constant expression), or null when it does. */
  sampleNote: string | null;
  /** HTTP only: a request that routing maps to this route (`GET /pets/{id}` → `GET /pets/id`); null for WebSocket. */
  sampleRequest: SimHttpRequest | null;
  /** What a backend stub stands for on this route. */
  backendKind: BackendKind;
  /** A first backend stub for this route, or null when no backend is called (MOCK, no integration). */
  sampleBackend: BackendStub | null;
  /** WebSocket only: true when the route is two-way (RouteResponseSelectionExpression `$default` and a `$default` RouteResponse); null for HTTP. */
  twoWay: boolean | null;
}

/**
 * A simulated HTTP request (HTTP APIs), as `apigw-lens run --request` takes it. Header names are matched
 * case-insensitively. A value given as a list stands for a repeated header / query parameter.
 */
export interface SimHttpRequest {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** Path after the stage, starting with `/`, without the query string (a `?query` suffix is also accepted and parsed). */
  path: string;
  /** Request headers (name → value or values). */
  headers?: Record<string, string | string[]>;
  /** Query string parameters (name → value or values), not URL-encoded. */
  query?: Record<string, string | string[]>;
  /** Request body as text; empty or absent for none. */
  body?: string;
  /** True when `body` is base64 of a binary payload. */
  isBase64Encoded?: boolean;
  /** Cookies as `name=value` strings (payload 2.0 `cookies`). */
  cookies?: string[];
}

/**
 * What the simulated backend answers. One of:
 * - `{statusCode, headers, body}` for HTTP / HTTP_PROXY / AWS service backends (statusCode defaults to 200, body to "");
 * - `{lambdaResult: any}` for Lambda (AWS custom or AWS_PROXY): the value the function returns;
 * - `{lambdaError: {errorMessage, errorType}}` for a Lambda function that fails.
 */
export type BackendStub =
  | { statusCode?: number; headers?: Record<string, string | string[]>; body?: unknown }
  | { lambdaResult: unknown }
  | { lambdaError: { errorMessage: string; errorType?: string; stackTrace?: string[] } };

/** A simulated request: a WebSocket event or an HTTP request, plus stage, context and backend. */
export interface SimRequest {
  /** WebSocket: `connect`, `message` (default) or `disconnect`. Ignored for HTTP APIs. */
  event?: RunEvent;
  /** WebSocket `message`: the frame text the client sends (JSON or not). */
  message?: string;
  /** WebSocket `connect`: handshake headers (name → value or values). */
  headers?: Record<string, string | string[]>;
  /** WebSocket `connect`: handshake query string parameters (name → value or values). */
  query?: Record<string, string | string[]>;
  /** HTTP APIs: the request. */
  http?: SimHttpRequest;
  /** Stage name used for `$context.stage` and to pick stage variables; defaults to the first Stage of the Api, else `$default`. */
  stage?: string;
  /** Stage variables; default: those of the chosen Stage in the template. Given variables replace them all. */
  stageVariables?: Record<string, string>;
  /**
   * Overrides of request context values so runs are reproducible: `connectionId`, `requestId`, `extendedRequestId`,
   * `messageId`, `apiId`, `domainName`, `requestTimeEpoch` (ms), `connectedAt` (ms), `sourceIp`, `userAgent`,
   * `accountId`, `authorizer` (object). Unset values have fixed defaults (never random, never the clock).
   */
  context?: Record<string, unknown>;
  /** The simulated backend's answer; default: HTTP 200 with an empty body, Lambda returning null. */
  backend?: BackendStub;
}

/** `apigw/runRoute`: runs the gateway pipeline for one request and answers the trace. */
export const RunRouteRequest = { method: 'apigw/runRoute' } as const;

/** Parameters of `apigw/runRoute`. */
export interface RunRouteParams {
  /** Uri of an open document. */
  uri: string;
  /** Document version the client saw (from ListRoutesResult or didChange); a different current version is an error. Omit to run the current text. */
  version?: number;
  /** Which Api to run; default: the Api of `routeLogicalId`, else the first Api of the template. */
  apiLogicalId?: string;
  /**
   * The Route the user asked to run. It picks the Api, and for WebSocket `$connect`/`$disconnect` routes the default
   * event. Routing itself is simulated faithfully: the request decides the route that actually runs, and the trace
   * says when that is not this one.
   */
  routeLogicalId?: string;
  request: SimRequest;
  /** Time limit for the whole run in milliseconds (default 1000, at most 30000); a run over it ends with error code `Timeout`. */
  timeoutMs?: number;
}

/** Error codes of a run. */
export type RunErrorCode =
  /** HTTP API: no route matches and there is no `$default` route (404 `{"message":"Not Found"}`); or the Api has no routes. */
  | 'NoRoute'
  /** WebSocket: no route matches and there is no `$default` route: the client gets a Forbidden error frame. */
  | 'Forbidden'
  /** The selected route has no integration (Target missing or not resolvable in this template). */
  | 'NoIntegration'
  /** No request template matched and the PassthroughBehavior rejects the request (415 semantics). */
  | 'UnsupportedMediaType'
  /** No IntegrationResponse key matches and there is no `$default` one: the client gets an Internal server error frame. */
  | 'NoIntegrationResponse'
  /** A mapping template failed to parse or render (the location points into the template). */
  | 'TemplateError'
  /** The run took longer than the time limit (e.g. a runaway `#foreach`). */
  | 'Timeout'
  /** The run exceeded the sandbox memory or output limits. */
  | 'LimitExceeded'
  /** The integration failed (Lambda error on a proxy/HTTP API integration, MOCK without a parsable statusCode…). */
  | 'InternalServerError'
  /** WebSocket `$connect` was rejected (non-2xx integration result). */
  | 'ConnectionRejected'
  /** The simulated request or backend stub is malformed (e.g. an HTTP API request without a path). */
  | 'BadRequest';

/** Stage names of trace steps, in pipeline order. */
export type RunStageName =
  | 'selectRoute'
  | 'connection'
  | 'resolveIntegration'
  | 'selectRequestTemplate'
  | 'renderRequest'
  | 'mapRequestParameters'
  | 'invokeIntegration'
  | 'selectIntegrationResponse'
  | 'selectResponseTemplate'
  | 'renderResponse'
  | 'mapResponseParameters'
  | 'routeResponse';

/** One pipeline stage of a run. */
export interface RunStep {
  /** Machine name of the stage. */
  stage: RunStageName;
  /** `ok`: the stage ran; `skipped`: it does not apply (reason in `detail`); `error`: the run stopped here. */
  status: 'ok' | 'skipped' | 'error';
  /** One or two sentences: the decision taken and why (which key matched, which template was used…). */
  detail: string;
  /** True when the behaviour simulated in this stage is inferred (not documented by AWS); see the gateway spec. */
  inferred: boolean;
  /** What the stage read (e.g. the selection value, the template source, the event), plain JSON; absent when nothing notable. */
  input?: unknown;
  /** What the stage produced (e.g. the rendered body, the backend response), plain JSON; absent when nothing. */
  output?: unknown;
  /** Where in the template the deciding element is written (RouteKey, template value, IntegrationResponseKey…). */
  location?: WireLocation;
  /** Extra remarks, e.g. VTL engine notes (numbers beyond 2^53, AppSync-only functions that render nothing). */
  notes?: string[];
}

/** Result of `apigw/runRoute` (and, with `location` as line/column, the JSON of `apigw-lens run --format json`). */
export interface RunRouteResult {
  /** Version of the document that was run. */
  version: number;
  protocol: 'WEBSOCKET' | 'HTTP';
  /** Logical id of the Api that was run. */
  apiLogicalId: string;
  /** WebSocket event simulated; `message` for HTTP. */
  event: RunEvent;
  /** Route key that routing selected (`$default` included), or null when none. */
  selectedRouteKey: string | null;
  /** Logical id of the selected Route, or null. */
  routeLogicalId: string | null;
  /** Logical id of the Integration that ran, or null. */
  integrationLogicalId: string | null;
  /** IntegrationType of that integration, or null. */
  integrationType: string | null;
  /** Key of the request template used (e.g. `$default`, `application/json`); null = passthrough or proxy. */
  requestTemplateKey: string | null;
  /** Body sent to the integration (rendered template or passed-through message); null when none was built. */
  integrationRequestBody: string | null;
  /** MOCK: status code extracted from the rendered request; null otherwise. */
  mockStatusCode: number | null;
  /** What the backend receives: `{method, url, headers, body}` for HTTP, the event for Lambda (incl. proxy events); null when no backend is called. */
  backendRequest: unknown;
  /** IntegrationResponseKey that was selected (`$default`, `/2\d\d/`…), or null. */
  integrationResponseKey: string | null;
  /** Key of the response template used, or null when the body passed through unchanged. */
  responseTemplateKey: string | null;
  /** WebSocket: whether the route returns a frame to the client; null for HTTP or when no route ran. */
  twoWay: boolean | null;
  /** WebSocket: exact text of the frame the client receives (`""` for an empty frame), or null when nothing is sent. */
  clientReceives: string | null;
  /** WebSocket `connect`: whether the connection is accepted; null for other events and HTTP. */
  connectionAccepted: boolean | null;
  /** HTTP APIs: the response the client receives; null for WebSocket. */
  http: { status: number; headers: Record<string, string>; body: string } | null;
  /** HTTP APIs: path parameters of the matched route (e.g. `{"id":"1"}`), or null. */
  pathParameters: Record<string, string> | null;
  /** Why the run stopped or failed, or null when the gateway handled the request normally. */
  error: { code: RunErrorCode; message: string; location?: WireLocation } | null;
  /** One record per stage, in order. */
  steps: RunStep[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Run Route panel: saving a run as a scenario (docs/scenarios.md). Served by server/src/features/scenarios.ts.
// The client runs the request with `apigw/runRoute` first, then sends the inputs and that result here; the server
// turns them into a scenario and returns the new text of the scenarios file for the client to write.

/** `apigw/saveScenario`: adds (or replaces, by name) one scenario in a scenarios file's text. */
export const SaveScenarioRequest = { method: 'apigw/saveScenario' } as const;

/**
 * Inputs of a scenario: the fields of SimRequest in scenario-file form (`request` instead of `http`), plus the Api.
 * Fields left out use the template's defaults when the scenario is replayed (first Stage, its variables…).
 */
export interface ScenarioInputWire {
  api?: string;
  event?: RunEvent;
  message?: string;
  headers?: Record<string, string | string[]>;
  query?: Record<string, string | string[]>;
  request?: SimHttpRequest;
  stage?: string;
  stageVariables?: Record<string, string>;
  context?: Record<string, unknown>;
  backend?: BackendStub;
}

/** Parameters of `apigw/saveScenario`. */
export interface SaveScenarioParams {
  /** Scenario name (non-blank, unique in the file: an existing scenario of that name is replaced). */
  name: string;
  input: ScenarioInputWire;
  /** The result `apigw/runRoute` gave for `input`: its comparable fields become the expectations. */
  output: RunRouteResult;
  /** Current text of the scenarios file (the open editor's text, else the file on disk), or null when it does not exist. */
  scenariosText: string | null;
  /** File name of the template, written into a new scenarios file (`template:`). */
  templateName: string;
}

/** Result of `apigw/saveScenario`: the whole new text of the scenarios file, or why it cannot be written. */
export type SaveScenarioResult =
  | { ok: true; text: string; replaced: boolean; expectedFields: string[] }
  | { ok: false; message: string };
