// Extracts the plain-data RouteSnapshot of one API from the template model (main thread), and maps template-relative spans back to the document. Pure.
import type { Span } from '../span';
import type { ScalarNode } from '../sourceNode';
import type { TemplateModel } from '../model/template';
import type { ApiNode, IntegrationNode, RouteNode } from '../model/apigw';
import { asMap, getEntry, getProp, scalarString, stringParts, type CfnMap, type CfnValue } from '../model/cfnValue';
import { scalarSourceMap } from '../parse/scalarMap';
import type { IntegrationResponseSnap, IntegrationSnap, ParamMapping, RouteSnap, RouteSnapshot, SnapText, StageSnap, TemplateText } from './types';
import { setOwn } from '../ownProperty';

/** A snapshot plus what only the main thread keeps: the scalar nodes of its templates, to map spans back. */
export interface PreparedApi {
  readonly snapshot: RouteSnapshot;
  /** Maps a span inside template `templateId` (value-relative offsets) to a document span; undefined when unknown. */
  mapTemplateSpan(templateId: string, span: Span): Span | undefined;
}

/** Why no snapshot could be built. */
export interface SnapshotProblem {
  readonly message: string;
}

const prepared = new WeakMap<TemplateModel, Map<string, PreparedApi>>();

/**
 * The APIs a run can target: Apis of the template with a known protocol (SAM Http/WebSocketApi resources
 * included, their own settings are then unknown).
 */
export function runnableApis(model: TemplateModel): ApiNode[] {
  return model.apigw.apis.filter((a) => a.protocol !== undefined);
}

/**
 * Picks the Api of a run: `apiLogicalId`, else the Api of `routeLogicalId`, else the first runnable Api.
 * Returns a problem message when none fits.
 */
export function pickApi(model: TemplateModel, apiLogicalId: string | undefined, routeLogicalId: string | undefined): ApiNode | SnapshotProblem {
  const apis = runnableApis(model);
  if (apiLogicalId !== undefined) {
    const api = apis.find((a) => a.logicalId === apiLogicalId);
    if (!api) return { message: `No AWS::ApiGatewayV2::Api with logical id "${apiLogicalId}" and a known ProtocolType in this template` };
    if (routeLogicalId !== undefined && !api.routes.some((r) => r.logicalId === routeLogicalId)) {
      return { message: `Route "${routeLogicalId}" does not belong to Api "${apiLogicalId}"` };
    }
    return api;
  }
  if (routeLogicalId !== undefined) {
    const route = model.apigw.routes.find((r) => r.logicalId === routeLogicalId);
    if (!route) return { message: `No AWS::ApiGatewayV2::Route with logical id "${routeLogicalId}" in this template` };
    if (!route.api?.protocol) return { message: `Route "${routeLogicalId}" does not belong to an Api of this template with a known ProtocolType` };
    return route.api;
  }
  const first = apis[0];
  return first ?? { message: 'The template declares no AWS::ApiGatewayV2::Api with a ProtocolType of WEBSOCKET or HTTP' };
}

/**
 * The snapshot of `api` (memoised per model and Api: models are immutable). Holds every route of the Api with its
 * integration, integration responses, route responses and template texts, and the Api's stages.
 */
export function prepareApi(model: TemplateModel, api: ApiNode): PreparedApi {
  let byApi = prepared.get(model);
  if (!byApi) {
    byApi = new Map();
    prepared.set(model, byApi);
  }
  const hit = byApi.get(api.logicalId);
  if (hit) return hit;
  const nodes = new Map<string, ScalarNode>();
  const ctx: Ctx = { text: model.text, nodes, integrations: new Map() };
  const snapshot: RouteSnapshot = {
    api: {
      logicalId: api.logicalId,
      keySpan: api.resource.keySpan,
      protocol: api.protocol ?? 'WEBSOCKET',
      routeSelectionExpression: snapText(ctx, getProp(api.props, 'RouteSelectionExpression')),
    },
    stages: api.stages.map((s): StageSnap => ({ logicalId: s.logicalId, name: s.stageName ?? s.logicalId, keySpan: s.resource.keySpan, variables: stringMap(getProp(s.props, 'StageVariables')) })),
    routes: api.routes.map((r) => routeSnap(ctx, r)),
  };
  const text = model.text;
  const maps = new Map<string, number[] | undefined>();
  const result: PreparedApi = {
    snapshot,
    mapTemplateSpan(templateId, s) {
      const node = nodes.get(templateId);
      if (!node) return undefined;
      if (!maps.has(templateId)) maps.set(templateId, scalarSourceMap(text, node));
      const map = maps.get(templateId);
      if (!map) return node.valueSpan;
      const clamp = (i: number) => Math.max(0, Math.min(i, map.length - 1));
      const start = map[clamp(s.start)] ?? node.valueSpan.start;
      const end = map[clamp(s.end)] ?? start;
      return { start, end: Math.max(start, end) };
    },
  };
  byApi.set(api.logicalId, result);
  return result;
}

interface Ctx {
  readonly text: string;
  readonly nodes: Map<string, ScalarNode>;
  readonly integrations: Map<string, IntegrationSnap>;
}

function routeSnap(ctx: Ctx, r: RouteNode): RouteSnap {
  const integration = r.integration ? integrationSnap(ctx, r.integration) : undefined;
  return {
    logicalId: r.logicalId,
    keySpan: r.resource.keySpan,
    routeKey: snapText(ctx, getProp(r.props, 'RouteKey')),
    routeResponseSelectionExpression: snapText(ctx, getProp(r.props, 'RouteResponseSelectionExpression')),
    routeResponses: r.routeResponses.map((rr) => ({ logicalId: rr.logicalId, keySpan: rr.resource.keySpan, key: snapText(ctx, getProp(rr.props, 'RouteResponseKey')) })),
    integration,
    integrationProblem: integration ? undefined : integrationProblem(r),
  };
}

function integrationProblem(r: RouteNode): RouteSnap['integrationProblem'] {
  const t = r.target;
  if (!t) return { message: `Route ${r.logicalId} has no Target, so it has no integration`, span: r.resource.keySpan, external: false };
  const link = t.link;
  if (!t.wellFormed) return { message: `The Target "${t.display}" is not of the form integrations/<IntegrationId>`, span: t.value.span, external: false };
  if (!link || link.status === 'external') return { message: `The Target "${t.display}" points to an integration outside this template; it cannot be simulated`, span: t.value.span, external: true };
  if (link.status === 'dangling') return { message: `The Target "${t.display}" references ${link.ref?.logicalId ?? 'a resource'}, which is not in this template`, span: t.value.span, external: false };
  return { message: `The Target "${t.display}" does not reference an AWS::ApiGatewayV2::Integration`, span: t.value.span, external: false };
}

function integrationSnap(ctx: Ctx, n: IntegrationNode): IntegrationSnap {
  const hit = ctx.integrations.get(n.logicalId);
  if (hit) return hit;
  const p = n.props;
  const uri = snapText(ctx, getProp(p, 'IntegrationUri'));
  const type = snapText(ctx, getProp(p, 'IntegrationType'));
  const snap: IntegrationSnap = {
    logicalId: n.logicalId,
    keySpan: n.resource.keySpan,
    type,
    uri,
    method: scalarString(getProp(p, 'IntegrationMethod')),
    subtype: scalarString(getProp(p, 'IntegrationSubtype')),
    payloadFormatVersion: snapText(ctx, getProp(p, 'PayloadFormatVersion')),
    passthroughBehavior: snapText(ctx, getProp(p, 'PassthroughBehavior')),
    templateSelectionExpression: snapText(ctx, getProp(p, 'TemplateSelectionExpression')),
    requestTemplates: templates(ctx, n.logicalId, 'RequestTemplates', getProp(p, 'RequestTemplates')),
    requestParameters: paramMappings(ctx, getProp(p, 'RequestParameters')),
    responseParameters: responseParameters(ctx, getProp(p, 'ResponseParameters')),
    lambda: isLambdaCustom(type?.text, uri?.text),
    responses: n.responses.map((ir): IntegrationResponseSnap => ({
      logicalId: ir.logicalId,
      keySpan: ir.resource.keySpan,
      key: snapText(ctx, getProp(ir.props, 'IntegrationResponseKey')),
      templateSelectionExpression: snapText(ctx, getProp(ir.props, 'TemplateSelectionExpression')),
      responseTemplates: templates(ctx, ir.logicalId, 'ResponseTemplates', getProp(ir.props, 'ResponseTemplates')),
    })),
  };
  ctx.integrations.set(n.logicalId, snap);
  return snap;
}

/** Whether an integration is Lambda custom (non-proxy): type AWS and an IntegrationUri naming a Lambda invocation path. */
export function isLambdaCustom(type: string | undefined, uri: string | undefined): boolean {
  return type?.toUpperCase() === 'AWS' && uri !== undefined && /:lambda:path\/|functions\//.test(uri);
}

/** An intrinsic's string value with `${Name}` / `${Name.Attr}` placeholders for references and `${…}` for the rest. */
export function placeholderText(v: CfnValue, documentText: string): string {
  return stringParts(v, documentText)
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'ref' ? `\${${p.ref.logicalId}${p.ref.attribute ? `.${p.ref.attribute}` : ''}}` : '${…}'))
    .join('');
}

/** A property value as text: literals as written, Sub/Join with `${Name}` placeholders for references (computed). */
function snapText(ctx: Ctx, v: CfnValue | undefined): SnapText | undefined {
  if (!v) return undefined;
  if (v.kind === 'scalar') return v.value === null ? undefined : { text: String(v.value), span: v.span };
  if (v.kind === 'intrinsic') return { text: placeholderText(v, ctx.text), span: v.span, computed: true };
  return { text: JSON.stringify(plain(v)), span: v.span, computed: true };
}

function templates(ctx: Ctx, owner: string, prop: string, v: CfnValue | undefined): TemplateText[] | undefined {
  const map = asMap(v);
  if (!map) return v ? [] : undefined;
  const out: TemplateText[] = [];
  for (const e of map.entries) {
    const id = `${owner}/${prop}/${e.key}`;
    const value = e.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string') ctx.nodes.set(id, value.node);
    const t = snapText(ctx, value);
    out.push({ id, key: e.key, keySpan: e.keyNode.span, source: t?.text ?? '', span: value?.span ?? e.keyNode.span, ...(t?.computed ? { computed: true } : {}) });
  }
  return out;
}

function paramMappings(ctx: Ctx, v: CfnValue | undefined): ParamMapping[] {
  const out: ParamMapping[] = [];
  for (const e of asMap(v)?.entries ?? []) {
    const t = snapText(ctx, e.value);
    if (t) out.push({ key: e.key, value: t.text, span: { start: e.keyNode.span.start, end: t.span.end } });
  }
  return out;
}

/**
 * HTTP API ResponseParameters: `{"500": {"overwrite:statuscode": "403"}}` (API form) or CloudFormation's
 * `{"500": {"ResponseParameters": [{"Source": "403", "Destination": "overwrite:statuscode"}]}}`.
 */
function responseParameters(ctx: Ctx, v: CfnValue | undefined): IntegrationSnap['responseParameters'] {
  const out: { statusCode: string; span: Span; mappings: ParamMapping[] }[] = [];
  for (const e of asMap(v)?.entries ?? []) {
    const inner = asMap(e.value);
    const list = getEntry(inner, 'ResponseParameters');
    let mappings: ParamMapping[];
    if (list?.value?.kind === 'list') {
      mappings = [];
      for (const item of list.value.items) {
        const m = asMap(item);
        const dest = snapText(ctx, getProp(m, 'Destination'));
        const src = snapText(ctx, getProp(m, 'Source'));
        if (dest && src) mappings.push({ key: dest.text, value: src.text, span: item.span });
      }
    } else {
      mappings = paramMappings(ctx, inner);
    }
    out.push({ statusCode: e.key, span: e.keyNode.span, mappings });
  }
  return out;
}

function stringMap(v: CfnValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of asMap(v)?.entries ?? []) {
    const s = scalarString(e.value);
    if (s !== undefined) setOwn(out, e.key, s);
  }
  return out;
}

/** A CfnValue as plain JSON (intrinsics as their long form). */
function plain(v: CfnValue | undefined, depth = 0): unknown {
  if (!v || depth > 64) return null;
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'list':
      return v.items.map((i) => plain(i, depth + 1));
    case 'map':
      return mapToPlain(v, depth);
    case 'intrinsic':
      return { [v.fn]: plain(v.arg, depth + 1) };
  }
}

function mapToPlain(m: CfnMap, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of m.entries) setOwn(out, e.key, plain(e.value, depth + 1));
  return out;
}
