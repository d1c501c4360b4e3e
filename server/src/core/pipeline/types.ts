// Types of the gateway simulator: the simulated request, the backend stub, the plain-data RouteSnapshot a run needs, and the RunTrace it returns. Pure; imports only span.ts.
import type { Span } from '../span';

export type Protocol = 'WEBSOCKET' | 'HTTP';
/** WebSocket lifecycle event of a simulated request (HTTP runs use `message`). */
export type SimEvent = 'connect' | 'message' | 'disconnect';
/** Header / query values: a list stands for a repeated name. */
export type MultiMap = Readonly<Record<string, string | readonly string[]>>;

/** A simulated HTTP API request. `path` is after the stage, starts with `/`, and may carry a `?query`. */
export interface SimHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: MultiMap;
  readonly query?: MultiMap;
  /** Body text; non-string values are sent as their JSON text. */
  readonly body?: unknown;
  readonly isBase64Encoded?: boolean;
  /** `name=value` strings. */
  readonly cookies?: readonly string[];
}

/**
 * The simulated backend's answer: `{statusCode, headers, body}` for HTTP/AWS service backends, `{lambdaResult}` or
 * `{lambdaError: {errorMessage, errorType}}` for Lambda functions.
 */
export type BackendStub =
  | { readonly statusCode?: number; readonly headers?: MultiMap; readonly body?: unknown }
  | { readonly lambdaResult: unknown }
  | { readonly lambdaError: { readonly errorMessage: string; readonly errorType?: string; readonly stackTrace?: readonly string[] } };

/** A simulated request. See protocol.ts `SimRequest` for the wire description of each field. */
export interface SimRequest {
  readonly event?: SimEvent;
  /** WebSocket frame text. */
  readonly message?: string;
  /** WebSocket `$connect` handshake headers and query. */
  readonly headers?: MultiMap;
  readonly query?: MultiMap;
  readonly http?: SimHttpRequest;
  readonly stage?: string;
  readonly stageVariables?: Readonly<Record<string, string>>;
  /** Overrides of ids, times and identity (see `resolveContext`). */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly backend?: BackendStub;
}

/** Error codes of a run (documented on protocol.ts `RunErrorCode` and in the README's `apigw-lens run` section). */
export const RUN_ERROR_CODES = [
  'NoRoute',
  'Forbidden',
  'NoIntegration',
  'UnsupportedMediaType',
  'NoIntegrationResponse',
  'TemplateError',
  'Timeout',
  'LimitExceeded',
  'InternalServerError',
  'ConnectionRejected',
  'BadRequest',
] as const;

export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];

export type StageName =
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

/**
 * A location in the run's template: a document span, or a span inside one of the snapshot's templates
 * (`template` = TemplateText.id; offsets relative to the template text), mapped to the document by `finalizeTrace`.
 */
export type TraceLocation = { readonly span: Span } | { readonly template: string; readonly span: Span };

/** One stage of a run. */
export interface TraceStep {
  readonly stage: StageName;
  readonly status: 'ok' | 'skipped' | 'error';
  /** The decision and why, as a sentence. */
  readonly detail: string;
  /** The behaviour simulated here is inferred, not documented by AWS. */
  readonly inferred: boolean;
  readonly input?: unknown;
  readonly output?: unknown;
  /** Document span (UTF-16, half-open) of the deciding element, after `finalizeTrace`. */
  readonly span?: Span;
  /** Before `finalizeTrace`: where the deciding element is (may point inside a template). */
  readonly location?: TraceLocation;
  readonly notes?: readonly string[];
}

export interface RunError {
  readonly code: RunErrorCode;
  readonly message: string;
  readonly span?: Span;
  readonly location?: TraceLocation;
}

/** Result of a run. Field meanings are documented on protocol.ts `RunRouteResult`. */
export interface RunTrace {
  readonly protocol: Protocol;
  readonly apiLogicalId: string;
  readonly event: SimEvent;
  readonly selectedRouteKey: string | null;
  readonly routeLogicalId: string | null;
  readonly integrationLogicalId: string | null;
  readonly integrationType: string | null;
  readonly requestTemplateKey: string | null;
  readonly integrationRequestBody: string | null;
  readonly mockStatusCode: number | null;
  readonly backendRequest: unknown;
  readonly integrationResponseKey: string | null;
  readonly responseTemplateKey: string | null;
  readonly twoWay: boolean | null;
  readonly clientReceives: string | null;
  readonly connectionAccepted: boolean | null;
  readonly http: { readonly status: number; readonly headers: Record<string, string>; readonly body: string } | null;
  readonly pathParameters: Record<string, string> | null;
  readonly error: RunError | null;
  readonly steps: readonly TraceStep[];
}

// ---------------------------------------------------------------------------------------------------------------
// RouteSnapshot: everything one run needs, as plain structured-clonable data (sent to the sandbox worker).

/** A string property value as written (a literal, or a Fn::Sub/Join rendered with `${Name}` placeholders) and where. */
export interface SnapText {
  readonly text: string;
  readonly span: Span;
  /** True when the value is not a plain literal (built by an intrinsic function): the simulated text is approximate. */
  readonly computed?: boolean;
}

/** One entry of RequestTemplates / ResponseTemplates. */
export interface TemplateText {
  /** Unique within the snapshot; used to map spans inside the template back to the document. */
  readonly id: string;
  readonly key: string;
  readonly keySpan: Span;
  /** The template source (a VTL mapping template). */
  readonly source: string;
  /** Span of the value in the document. */
  readonly span: Span;
  readonly computed?: boolean;
}

/** One parameter mapping entry (`Destination: Source`). */
export interface ParamMapping {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

export interface IntegrationResponseSnap {
  readonly logicalId: string;
  readonly keySpan: Span;
  /** IntegrationResponseKey (`$default` or `/regex/`). */
  readonly key: SnapText | undefined;
  readonly templateSelectionExpression: SnapText | undefined;
  readonly responseTemplates: readonly TemplateText[] | undefined;
}

export interface IntegrationSnap {
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly type: SnapText | undefined;
  readonly uri: SnapText | undefined;
  readonly method: string | undefined;
  readonly subtype: string | undefined;
  readonly payloadFormatVersion: SnapText | undefined;
  readonly passthroughBehavior: SnapText | undefined;
  readonly templateSelectionExpression: SnapText | undefined;
  /** undefined: the property is absent. */
  readonly requestTemplates: readonly TemplateText[] | undefined;
  readonly requestParameters: readonly ParamMapping[];
  /** HTTP APIs: ResponseParameters keyed by status code. */
  readonly responseParameters: readonly { readonly statusCode: string; readonly span: Span; readonly mappings: readonly ParamMapping[] }[];
  /** An AWS integration whose IntegrationUri is a Lambda invocation (Lambda custom integration). */
  readonly lambda: boolean;
  readonly responses: readonly IntegrationResponseSnap[];
}

export interface RouteResponseSnap {
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly key: SnapText | undefined;
}

export interface RouteSnap {
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly routeKey: SnapText | undefined;
  readonly routeResponseSelectionExpression: SnapText | undefined;
  readonly routeResponses: readonly RouteResponseSnap[];
  readonly integration: IntegrationSnap | undefined;
  /** Why `integration` is undefined: no Target, an integration outside the template, a dangling reference… */
  readonly integrationProblem: { readonly message: string; readonly span: Span; readonly external: boolean } | undefined;
}

export interface StageSnap {
  readonly logicalId: string;
  readonly name: string;
  readonly keySpan: Span;
  readonly variables: Readonly<Record<string, string>>;
}

/** Everything a run of one API needs; built on the main thread by `prepareApi` (snapshot.ts), run anywhere by `runRoute` (run.ts). */
export interface RouteSnapshot {
  readonly api: {
    readonly logicalId: string;
    readonly keySpan: Span;
    readonly protocol: Protocol;
    readonly routeSelectionExpression: SnapText | undefined;
  };
  readonly stages: readonly StageSnap[];
  readonly routes: readonly RouteSnap[];
}
