// Entry of the gateway simulator: runRoute(snapshot, request) runs one simulated request through the WebSocket or HTTP API pipeline and returns its trace; finalizeTrace maps template-relative locations to document spans. Pure.
import type { Span } from '../span';
import type { VtlLimits } from '../vtl';
import { normalizeRequest, type NormalizedRequest } from './request';
import type { PreparedApi } from './snapshot';
import { TraceBuilder } from './trace';
import type { RouteSnapshot, RunErrorCode, RunTrace, SimEvent, SimRequest, StageSnap, TraceLocation, TraceStep } from './types';
import { runWebSocket } from './websocket';
import { runHttp } from './http';

/** Options of one run. */
export interface RunOptions {
  /** Limits of each mapping-template render (default: API Gateway's 1000 `#foreach` iterations, see vtl DEFAULT_LIMITS). */
  readonly vtlLimits?: VtlLimits;
  /**
   * Logical id of the Route the user asked to run. For WebSocket `$connect`/`$disconnect` routes it sets the default
   * event; when routing selects another route the trace says so. Routing itself always follows the request.
   */
  readonly requestedRouteLogicalId?: string;
}

/** What every stage module gets: the snapshot, the normalised request, the chosen stage and the trace builder. */
export interface RunState {
  readonly snapshot: RouteSnapshot;
  readonly request: NormalizedRequest;
  /** Stage name (`$context.stage`): the request's, else the Api's first Stage, else `$default`. */
  readonly stage: string;
  /** Stage variables: the request's, else those of the chosen Stage. */
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly trace: TraceBuilder;
  readonly options: RunOptions;
}

/**
 * Runs `request` through the pipeline of the snapshot's Api (WebSocket or HTTP) and returns the trace. Locations in
 * the trace may point inside templates until {@link finalizeTrace} maps them. Never throws: malformed requests end
 * with error `BadRequest`, everything the gateway does is a normal result.
 */
export function runRoute(snapshot: RouteSnapshot, request: SimRequest, options: RunOptions = {}): RunTrace {
  const raw = withDefaultEvent(snapshot, request, options.requestedRouteLogicalId);
  const normalized = normalizeRequest(raw);
  const event: SimEvent = snapshot.api.protocol === 'HTTP' ? 'message' : normalized.event;
  const trace = new TraceBuilder(snapshot.api.protocol, snapshot.api.logicalId, event);
  try {
    if (normalized.problems.length) {
      trace.fail('selectRoute', 'BadRequest', `The simulated request is malformed: ${normalized.problems.join('; ')}.`, { input: request });
      return trace.result();
    }
    const { stage, stageVariables, stageSnap } = chooseStage(snapshot, normalized);
    const state: RunState = { snapshot, request: normalized, stage, stageVariables, trace, options };
    if (normalized.stage !== undefined && !stageSnap && snapshot.stages.length) {
      trace.noteNextStep(`Stage "${normalized.stage}" is not declared for ${snapshot.api.logicalId}; the run uses that name with the given stage variables.`);
    }
    if (snapshot.api.protocol === 'HTTP') runHttp(state);
    else runWebSocket(state);
  } catch (e) {
    // A bug in a stage must not take the caller down: report it as the run's error.
    trace.fail('routeResponse', 'InternalServerError', `The simulator failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
  return trace.result();
}

/** `$connect` / `$disconnect` routes asked for by id run as connect / disconnect unless the request says otherwise. */
function withDefaultEvent(snapshot: RouteSnapshot, request: SimRequest, routeId: string | undefined): SimRequest {
  if (!request || typeof request !== 'object' || request.event !== undefined || routeId === undefined || snapshot.api.protocol !== 'WEBSOCKET') return request;
  const key = snapshot.routes.find((r) => r.logicalId === routeId)?.routeKey?.text;
  if (key === '$connect') return { ...request, event: 'connect' };
  if (key === '$disconnect') return { ...request, event: 'disconnect' };
  return request;
}

function chooseStage(snapshot: RouteSnapshot, req: NormalizedRequest): { stage: string; stageVariables: Readonly<Record<string, string>>; stageSnap: StageSnap | undefined } {
  const stageSnap = req.stage !== undefined ? snapshot.stages.find((s) => s.name === req.stage) : snapshot.stages[0];
  const stage = req.stage ?? stageSnap?.name ?? '$default';
  return { stage, stageVariables: req.stageVariables ?? stageSnap?.variables ?? {}, stageSnap };
}

/**
 * A trace for a run that produced no result of its own (the sandbox stopped it: time or memory limit, crash): no
 * steps, only the given error.
 */
export function failedRun(snapshot: RouteSnapshot, request: SimRequest, code: RunErrorCode, message: string): RunTrace {
  const event: SimEvent = snapshot.api.protocol === 'HTTP' ? 'message' : request?.event === 'connect' || request?.event === 'disconnect' ? request.event : 'message';
  return { ...new TraceBuilder(snapshot.api.protocol, snapshot.api.logicalId, event).result(), error: { code, message } };
}

/**
 * Maps every location of `trace` to a document span (`span`), using the template maps of `prepared`; `location` is
 * dropped. Call on the main thread after a run in the sandbox.
 */
export function finalizeTrace(trace: RunTrace, prepared: Pick<PreparedApi, 'mapTemplateSpan'>): RunTrace {
  const toSpan = (l: TraceLocation | undefined): Span | undefined => {
    if (!l) return undefined;
    if ('template' in l) return prepared.mapTemplateSpan(l.template, l.span);
    return l.span;
  };
  const steps = trace.steps.map((s): TraceStep => {
    const { location, ...rest } = s;
    const span = s.span ?? toSpan(location);
    return span ? { ...rest, span } : rest;
  });
  let error = trace.error;
  if (error) {
    const { location, ...rest } = error;
    const span = error.span ?? toSpan(location);
    error = span ? { ...rest, span } : rest;
  }
  return { ...trace, steps, error };
}
