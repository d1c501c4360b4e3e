// Sample data for completion and hover: JSON property paths and values of messages a route receives (Model schemas,
// saved Run Route scenarios, paths used elsewhere in the Api) and of backend answers. Per-model work is cached. Pure.
import type { TemplateModel } from '../model/template';
import type { ApiNode, IntegrationNode, RouteNode } from '../model/apigw';
import { asMap, getProp, scalarString, type CfnValue } from '../model/cfnValue';
import type { Scenario } from '../scenarios';
import { modelSchemaProp, routeSample, schemaJson } from '../sampleMessage';

/** What the server knows besides the template: the saved scenarios of `<template>.apigw-scenarios.yaml`. */
export interface LanguageData {
  readonly scenarios?: readonly Scenario[];
}

const MAX_PATHS = 300;
const MAX_DEPTH = 8;

/** Per-Api facts that need a walk over its resources: computed once per model. */
interface ApiIndex {
  /** `request.body` paths written in the Api's selection expressions and request templates. */
  readonly requestPaths: readonly string[];
  /** Paths read by `$input.path/json` in the Api's response templates. */
  readonly responsePaths: readonly string[];
}

const apiIndexes = new WeakMap<TemplateModel, Map<string, ApiIndex>>();

function apiIndex(model: TemplateModel, api: ApiNode): ApiIndex {
  let perModel = apiIndexes.get(model);
  if (!perModel) apiIndexes.set(model, (perModel = new Map()));
  let index = perModel.get(api.logicalId);
  if (!index) perModel.set(api.logicalId, (index = buildApiIndex(api)));
  return index;
}

function buildApiIndex(api: ApiNode): ApiIndex {
  const request = new Set<string>();
  const response = new Set<string>();
  const expr = (v: CfnValue | undefined) => {
    const s = scalarString(v);
    if (s) for (const m of s.matchAll(/\$\{?request\.body\.([A-Za-z0-9_\-.[\]'"]+)/g)) addPath(request, cleanPath(m[1]));
  };
  const templates = (v: CfnValue | undefined, into: Set<string>) => {
    for (const e of asMap(v)?.entries ?? []) {
      const s = scalarString(e.value);
      if (s) for (const m of s.matchAll(/\$input\.(?:path|json)\(\s*['"]\$\.?([^'"]*)['"]/g)) addPath(into, cleanPath(m[1]));
    }
  };
  expr(getProp(api.props, 'RouteSelectionExpression'));
  for (const r of api.routes) expr(getProp(r.props, 'ModelSelectionExpression'));
  for (const i of api.integrations) {
    expr(getProp(i.props, 'TemplateSelectionExpression'));
    templates(getProp(i.props, 'RequestTemplates'), request);
    for (const ir of i.responses) {
      expr(getProp(ir.props, 'TemplateSelectionExpression'));
      templates(getProp(ir.props, 'ResponseTemplates'), response);
    }
  }
  return { requestPaths: [...request], responsePaths: [...response] };
}

function cleanPath(p: string | undefined): string {
  return (p ?? '').replace(/^\.+/, '').replace(/[.}]+$/, '');
}

function addPath(out: Set<string>, p: string): void {
  if (p && out.size < MAX_PATHS) out.add(p);
}

/** JSON paths (`a`, `a.b`, `items[0].id`, `['odd key']`) of every property in a parsed JSON value. */
function pathsOfValue(v: unknown, out = new Set<string>(), prefix = '', depth = 0): Set<string> {
  if (depth > MAX_DEPTH || out.size >= MAX_PATHS || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) {
    if (v.length > 0) {
      const p = `${prefix}[0]`;
      addPath(out, p);
      pathsOfValue(v[0], out, p, depth + 1);
    }
    return out;
  }
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    const p = joinKey(prefix, k);
    addPath(out, p);
    pathsOfValue(child, out, p, depth + 1);
  }
  return out;
}

function joinKey(prefix: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return prefix ? `${prefix}.${key}` : key;
  return `${prefix}['${key.replace(/'/g, "\\'")}']`;
}

/** Property paths declared by a JSON schema (properties, nested objects, array items as `[0]`), with enum values per path. */
function pathsOfSchema(schema: unknown, out = new Map<string, readonly string[]>(), prefix = '', depth = 0): Map<string, readonly string[]> {
  if (depth > MAX_DEPTH || out.size >= MAX_PATHS || !schema || typeof schema !== 'object' || Array.isArray(schema)) return out;
  const s = schema as Record<string, unknown>;
  const props = s.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [k, child] of Object.entries(props as Record<string, unknown>)) {
      const p = joinKey(prefix, k);
      const en = child && typeof child === 'object' ? (child as Record<string, unknown>).enum : undefined;
      out.set(p, Array.isArray(en) ? en.filter((x): x is string | number | boolean => x !== null && typeof x !== 'object').map(String) : []);
      pathsOfSchema(child, out, p, depth + 1);
    }
  }
  if (s.items && typeof s.items === 'object') {
    const p = `${prefix}[0]`;
    if (prefix) out.set(p, []);
    pathsOfSchema(s.items, out, p, depth + 1);
  }
  return out;
}

const schemaCache = new WeakMap<object, Map<string, readonly string[]>>();

/** The schema paths of a Model resource (Schema as a mapping or a JSON string); cached per Schema node. */
function modelSchemaPaths(name: string, api: ApiNode): Map<string, readonly string[]> {
  const schema = modelSchemaProp(api, name);
  if (!schema) return new Map();
  const hit = schemaCache.get(schema);
  if (hit) return hit;
  const paths = pathsOfSchema(schemaJson(schema));
  schemaCache.set(schema, paths);
  return paths;
}

/** Schema paths of every model a route's RequestModels names. */
function routeSchemaPaths(route: RouteNode): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  if (!route.api) return out;
  for (const e of asMap(getProp(route.props, 'RequestModels'))?.entries ?? []) {
    const name = scalarString(e.value);
    if (name) for (const [p, v] of modelSchemaPaths(name, route.api)) out.set(p, [...(out.get(p) ?? []), ...v]);
  }
  return out;
}

/** Scenarios that ran `route` (by the selected route key they expect), in file order. */
export function scenariosOf(route: RouteNode, data: LanguageData): Scenario[] {
  return (data.scenarios ?? []).filter((s) => (s.api === undefined || s.api === route.api?.logicalId) && s.expect.selectedRouteKey === route.routeKey);
}

const samples = new WeakMap<RouteNode, string | undefined>();

/** The message Run Route starts a WebSocket route with (the same as runDefaults, without its per-call lookups); cached per route. */
function generatedSample(route: RouteNode): string | undefined {
  if (samples.has(route)) return samples.get(route);
  const key = route.routeKey;
  let message: string | undefined;
  if (route.api?.protocol === 'WEBSOCKET' && key !== '$connect' && key !== '$disconnect') {
    message = routeSample(route).message;
  }
  samples.set(route, message);
  return message;
}

/** Messages a route is known to receive: its saved scenarios' messages, then the generated Run Route sample. */
function routeMessages(route: RouteNode, data: LanguageData): string[] {
  const out = scenariosOf(route, data).map((s) => s.message).filter((m): m is string => typeof m === 'string');
  const sample = generatedSample(route);
  if (sample) out.push(sample);
  return out;
}

/** The message hover evaluates expressions with: the last saved scenario of the route, else the Run Route sample. */
export function lastSampleMessage(route: RouteNode, data: LanguageData): { message: string; from: string } | undefined {
  const saved = scenariosOf(route, data).filter((s) => typeof s.message === 'string');
  const last = saved[saved.length - 1];
  if (last?.message !== undefined) return { message: last.message, from: `scenario "${last.name}"` };
  const sample = generatedSample(route);
  return sample !== undefined ? { message: sample, from: 'the Run Route sample message' } : undefined;
}

const routePaths = new WeakMap<RouteNode, { readonly scenarios: LanguageData['scenarios']; readonly paths: readonly string[] }>();

/**
 * Paths of one route's schema and saved messages; cached per route and scenarios list. (The generated Run Route sample
 * holds only paths the Api's expressions and request templates read, which the Api index already has.)
 */
function pathsOfRoute(route: RouteNode, data: LanguageData): readonly string[] {
  const hit = routePaths.get(route);
  if (hit && hit.scenarios === data.scenarios) return hit.paths;
  const out = new Set<string>();
  for (const p of routeSchemaPaths(route).keys()) addPath(out, p);
  for (const s of scenariosOf(route, data)) if (typeof s.message === 'string') pathsOfValue(parseJson(s.message), out);
  const paths = [...out];
  routePaths.set(route, { scenarios: data.scenarios, paths });
  return paths;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `request.body` paths for messages reaching `routes` of `api` (all of the Api's routes when `routes` is empty). */
export function requestPaths(model: TemplateModel, api: ApiNode | undefined, routes: readonly RouteNode[], data: LanguageData): string[] {
  const out = new Set<string>();
  const rs = routes.length ? routes : (api?.routes ?? []);
  for (const r of rs) for (const p of pathsOfRoute(r, data)) addPath(out, p);
  if (api) for (const p of apiIndex(model, api).requestPaths) addPath(out, p);
  return [...out];
}

/** Paths of backend answers an integration's response templates read: scenario backend stubs and paths used in the Api. */
export function responsePaths(model: TemplateModel, integration: IntegrationNode | undefined, data: LanguageData): string[] {
  const out = new Set<string>();
  for (const r of integration?.routes ?? []) {
    for (const s of scenariosOf(r, data)) {
      const b = s.backend;
      if (!b) continue;
      if (b.lambdaResult !== undefined) pathsOfValue(b.lambdaResult, out);
      if (typeof b.body === 'string') pathsOfValue(parseJson(b.body), out);
      if (b.lambdaError !== undefined) pathsOfValue(b.lambdaError, out);
    }
  }
  if (integration?.api) for (const p of apiIndex(model, integration.api).responsePaths) addPath(out, p);
  return [...out];
}

/** Saved scenario messages of an Api, whatever route they ran. */
export function apiMessages(api: ApiNode, data: LanguageData): string[] {
  return (data.scenarios ?? []).filter((s) => s.api === undefined || s.api === api.logicalId).map((s) => s.message).filter((m): m is string => typeof m === 'string');
}

/** Values seen for a `request.body` path in messages (and schema enums of `routes`), for keys a selection expression produces. */
export function valuesAt(routes: readonly RouteNode[], path: readonly string[], data: LanguageData, extraMessages: readonly string[] = []): string[] {
  const out = new Set<string>();
  const dotted = path.join('.');
  const messages = [...extraMessages];
  for (const r of routes) {
    for (const v of routeSchemaPaths(r).get(dotted) ?? []) out.add(v);
    messages.push(...routeMessages(r, data));
  }
  for (const m of messages) {
    let at: unknown = parseJson(m);
    for (const seg of path) at = at && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>)[seg] : undefined;
    if (typeof at === 'string' || typeof at === 'number' || typeof at === 'boolean') out.add(String(at));
  }
  return [...out];
}
