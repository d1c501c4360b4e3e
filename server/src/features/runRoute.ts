// `apigw/listRoutes` (what a template can run, with first inputs) and `apigw/runRoute` (one simulated request through the gateway pipeline, in the sandbox worker).
import { join } from 'node:path';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TemplateModel } from '../core';
import { getProp, scalarString } from '../core/model/cfnValue';
import type { ApiNode } from '../core/model/apigw';
import { pickApi, prepareApi, runnableApis } from '../core/pipeline/snapshot';
import type { RunTrace, SimRequest as CoreSimRequest } from '../core/pipeline/types';
import { runDefaults } from '../core/runTargets';
import { twoWayOf } from '../core/pipeline/websocket';
import type { Span } from '../core/span';
import { toRange } from '../lspConvert';
import {
  ListRoutesRequest,
  RunRouteRequest,
  type BackendStub,
  type ListRoutesResult,
  type RunApiInfo,
  type RunRouteInfo,
  type RunRouteParams,
  type RunRouteResult,
  type SimHttpRequest,
  type WireLocation,
} from '../protocol';
import { clampTimeout, runRouteSandboxed } from '../sandbox/runRoute';
import { Sandbox } from '../sandbox/sandbox';
import type { Feature, ServerContext } from '../serverContext';

export const runRouteFeature: Feature = {
  name: 'runRoute',
  capabilities: () => ({}),
  register(ctx) {
    let sandbox: Sandbox | undefined;
    const getSandbox = () => (sandbox ??= new Sandbox({ workerPath: join(ctx.distDir, 'vtlWorker.js') }));
    ctx.connection.onRequest(ListRoutesRequest.method, (params: unknown): ListRoutesResult => {
      const doc = openDocument(ctx, params, 'apigw/listRoutes');
      try {
        const entry = ctx.modelFor(doc.uri);
        if (!entry) return { version: doc.version, apis: [] };
        return { version: entry.analysed.version, apis: listApis(doc, entry.analysed.model) };
      } catch (e) {
        ctx.logError('listRoutes', e);
        return { version: doc.version, apis: [] };
      }
    });
    ctx.connection.onRequest(RunRouteRequest.method, (params: unknown) => logFailures(ctx, 'runRoute', () => runRouteRequest(params)));
    const runRouteRequest = async (params: unknown): Promise<RunRouteResult> => {
      const doc = openDocument(ctx, params, 'apigw/runRoute');
      const p = params as RunRouteParams;
      if (typeof p.version === 'number' && p.version !== doc.version) {
        throw new ResponseError(LSPErrorCodes.ContentModified, `apigw/runRoute: the document is at version ${doc.version}, not ${p.version}`);
      }
      if (!p.request || typeof p.request !== 'object' || Array.isArray(p.request)) throw new ResponseError(ErrorCodes.InvalidParams, 'apigw/runRoute: request must be an object');
      const entry = ctx.modelFor(doc.uri);
      if (!entry) throw new ResponseError(ErrorCodes.InvalidParams, `apigw/runRoute: ${doc.uri} is not an analysed CloudFormation template`);
      const apiId = typeof p.apiLogicalId === 'string' ? p.apiLogicalId : undefined;
      const routeId = typeof p.routeLogicalId === 'string' ? p.routeLogicalId : undefined;
      const api = pickApi(entry.analysed.model, apiId, routeId);
      if (!('logicalId' in api)) throw new ResponseError(ErrorCodes.InvalidParams, `apigw/runRoute: ${api.message}`);
      const prepared = prepareApi(entry.analysed.model, api);
      const timeoutMs = clampTimeout(p.timeoutMs, ctx.settings().runTimeoutMs);
      const trace = await runRouteSandboxed(getSandbox(), prepared, p.request as CoreSimRequest, routeId !== undefined ? { requestedRouteLogicalId: routeId } : {}, timeoutMs);
      return toRunRouteResult(doc, entry.analysed.version, trace);
    };
  },
};

/** Runs a request handler; an unexpected failure (not a deliberate ResponseError) is logged and answered as InternalError. */
async function logFailures<T>(ctx: ServerContext, where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    ctx.logError(where, e);
    throw new ResponseError(ErrorCodes.InternalError, `apigw/${where} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The open document named by `params.uri`, or an InvalidParams error. */
function openDocument(ctx: ServerContext, params: unknown, method: string): TextDocument {
  const uri = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${method}: expected {uri: string, …}`);
  const doc = ctx.documents.get(uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${uri} is not an open document`);
  return doc;
}

const wire = (doc: TextDocument, span: Span): WireLocation => ({ uri: doc.uri, range: toRange(doc, span) });

/** Every runnable Api of the template with its stages, routes and first inputs. */
export function listApis(doc: TextDocument, model: TemplateModel): RunApiInfo[] {
  return runnableApis(model).map((api) => apiInfo(doc, model, api));
}

function apiInfo(doc: TextDocument, model: TemplateModel, api: ApiNode): RunApiInfo {
  const protocol = api.protocol ?? 'WEBSOCKET';
  const apiDefaults = protocol === 'HTTP' ? runDefaults(model, api.logicalId, undefined) : undefined;
  return {
    logicalId: api.logicalId,
    protocol,
    name: scalarString(getProp(api.props, 'Name')) ?? null,
    routeSelectionExpression: scalarString(getProp(api.props, 'RouteSelectionExpression')) ?? null,
    location: wire(doc, api.resource.keySpan),
    stages: prepareApi(model, api).snapshot.stages.map((s) => ({ name: s.name, logicalId: s.logicalId, variables: { ...s.variables }, location: wire(doc, s.keySpan) })),
    routes: api.routes.map((r) => routeInfo(doc, model, api, r.logicalId)).filter((r): r is RunRouteInfo => r !== undefined),
    sampleRequest: apiDefaults ? parseSample(apiDefaults.message) : null,
  };
}

function routeInfo(doc: TextDocument, model: TemplateModel, api: ApiNode, routeId: string): RunRouteInfo | undefined {
  const route = api.routes.find((r) => r.logicalId === routeId);
  const d = runDefaults(model, api.logicalId, routeId);
  if (!route || !d) return undefined;
  const snap = prepareApi(model, api).snapshot.routes.find((r) => r.logicalId === routeId);
  const http = api.protocol === 'HTTP';
  return {
    logicalId: route.logicalId,
    routeKey: route.routeKey ?? null,
    integrationLogicalId: route.integration?.logicalId ?? null,
    integrationType: d.integrationType ?? null,
    location: wire(doc, route.resource.keySpan),
    event: d.event,
    sampleMessage: d.message,
    sampleNote: d.messageNote ?? null,
    sampleRequest: http ? parseSample(d.message) : null,
    backendKind: d.backendKind,
    sampleBackend: (d.backend as BackendStub | undefined) ?? null,
    twoWay: http || !snap ? null : twoWayOf(snap).twoWay,
  };
}

function parseSample(text: string): SimHttpRequest | null {
  try {
    return JSON.parse(text) as SimHttpRequest;
  } catch {
    return null;
  }
}

/** The wire form of a finalized trace: spans become `{uri, range}` locations of `doc`. */
export function toRunRouteResult(doc: TextDocument, version: number, trace: RunTrace): RunRouteResult {
  const { steps, error, ...fields } = trace;
  return {
    version,
    ...fields,
    error: error ? { code: error.code, message: error.message, ...(error.span ? { location: wire(doc, error.span) } : {}) } : null,
    steps: steps.map(({ span, location: _unmapped, notes, ...rest }) => ({ ...rest, ...(notes ? { notes: [...notes] } : {}), ...(span ? { location: wire(doc, span) } : {}) })),
  };
}
