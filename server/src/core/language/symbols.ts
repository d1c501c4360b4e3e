// Document outline (Api → routes → integration → responses, plus parameters, conditions, other resources, outputs) and workspace symbols. Pure.
import type { ApiNode, GraphNode, IntegrationNode, RouteNode } from '../model/apigw';
import { asMap, getEntry, type CfnEntry } from '../model/cfnValue';
import type { Resource, TemplateModel } from '../model/template';
import type { Span } from '../span';

export type OutlineKind =
  | 'api'
  | 'route'
  | 'integration'
  | 'integrationResponse'
  | 'routeResponse'
  | 'stage'
  | 'deployment'
  | 'model'
  | 'authorizer'
  | 'resource'
  | 'parameter'
  | 'condition'
  | 'output'
  | 'group';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  /** Everything the symbol covers: its own entry and the entries of its children. */
  readonly span: Span;
  /** The name to reveal (a logical id key, or a section key). Always inside `span`. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

/** A flat symbol for workspace-wide search. */
export interface WorkspaceSymbolEntry {
  readonly name: string;
  readonly kind: OutlineKind;
  /** Where it lives: the resource type, or the Api and logical id of a route. */
  readonly container: string;
  readonly span: Span;
}

const PROTOCOL_LABEL = { WEBSOCKET: 'WebSocket API', HTTP: 'HTTP API' } as const;

/** The outline of a template; empty for files that are not templates. */
export function documentSymbols(model: TemplateModel): OutlineSymbol[] {
  if (!model.isTemplate || !model.root) return [];
  const placed = new Set<string>();
  const out: OutlineSymbol[] = [];
  const section = (key: string, kind: OutlineKind) => {
    const entry = getEntry(model.root, key);
    const items = asMap(entry?.value)?.entries ?? [];
    if (entry && items.length) out.push(sectionSymbol(entry, items.map((e) => entrySymbol(e, kind))));
  };
  section('Parameters', 'parameter');
  section('Conditions', 'condition');
  for (const api of model.apigw.apis) out.push(apiSymbol(api, placed));
  const others = model.resources.filter((r) => !placed.has(r.logicalId)).map((r) => resourceSymbol(r, 'resource', r.logicalId, r.type ?? 'no Type', []));
  if (others.length) out.push(groupSymbol('Other resources', `${others.length}`, others));
  section('Outputs', 'output');
  return out;
}

/** Logical ids, parameters, conditions and route keys of one template whose name matches `query` (case-insensitive, in order). */
export function workspaceSymbols(model: TemplateModel, query: string): WorkspaceSymbolEntry[] {
  if (!model.isTemplate || !model.root) return [];
  const out: WorkspaceSymbolEntry[] = [];
  for (const r of model.resources) out.push({ name: r.logicalId, kind: nodeKind(model.apigw.byLogicalId.get(r.logicalId)), container: r.type ?? '', span: r.keySpan });
  for (const p of model.parameters.values()) out.push({ name: p.logicalId, kind: 'parameter', container: 'Parameters', span: p.keySpan });
  for (const [name, span] of model.conditions) out.push({ name, kind: 'condition', container: 'Conditions', span });
  for (const route of model.apigw.routes) {
    if (route.routeKey) out.push({ name: route.routeKey, kind: 'route', container: `${route.api?.logicalId ?? '?'} · ${route.logicalId}`, span: route.resource.keySpan });
  }
  return out.filter((s) => matchesQuery(s.name, query));
}

/** True when every character of `query` appears in `name` in order, ignoring case (how editors filter symbols). */
export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let i = 0;
  for (const c of query.toLowerCase()) {
    if (c === ' ') continue;
    i = n.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}

function apiSymbol(api: ApiNode, placed: Set<string>): OutlineSymbol {
  placed.add(api.logicalId);
  const routed = new Set<string>();
  const children: OutlineSymbol[] = [];
  for (const route of api.routes) {
    children.push(routeSymbol(route, placed));
    if (route.integration) routed.add(route.integration.logicalId);
  }
  for (const integration of api.integrations) if (!routed.has(integration.logicalId)) children.push(integrationSymbol(integration, placed));
  for (const s of api.stages) children.push(leaf(s, 'stage', s.stageName, placed));
  for (const d of api.deployments) children.push(leaf(d, 'deployment', undefined, placed));
  for (const m of api.models) children.push(leaf(m, 'model', m.name, placed));
  for (const a of api.authorizers) children.push(leaf(a, 'authorizer', undefined, placed));
  const label = api.protocol ? PROTOCOL_LABEL[api.protocol] : 'API (no ProtocolType)';
  return resourceSymbol(api.resource, 'api', api.logicalId, api.external ? `${label} (${api.resource.type ?? ''})` : label, children);
}

function routeSymbol(route: RouteNode, placed: Set<string>): OutlineSymbol {
  placed.add(route.logicalId);
  const children: OutlineSymbol[] = [];
  if (route.integration) children.push(integrationSymbol(route.integration, placed));
  for (const rr of route.routeResponses) children.push(leaf(rr, 'routeResponse', rr.key, placed));
  return resourceSymbol(route.resource, 'route', route.routeKey || route.logicalId, route.routeKey ? route.logicalId : 'no RouteKey', children);
}

function integrationSymbol(integration: IntegrationNode, placed: Set<string>): OutlineSymbol {
  placed.add(integration.logicalId);
  const children = integration.responses.map((ir) => leaf(ir, 'integrationResponse', ir.key, placed));
  return resourceSymbol(integration.resource, 'integration', integration.logicalId, integration.integrationType ?? 'no IntegrationType', children);
}

/** A graph node with no children, named by `label` (a key or name) when it has one, else by its logical id. */
function leaf(node: GraphNode, kind: OutlineKind, label: string | undefined, placed: Set<string>): OutlineSymbol {
  placed.add(node.logicalId);
  return resourceSymbol(node.resource, kind, label || node.logicalId, label ? node.logicalId : (node.resource.type ?? ''), []);
}

function resourceSymbol(r: Resource, kind: OutlineKind, name: string, detail: string, children: OutlineSymbol[]): OutlineSymbol {
  return { name, detail, kind, span: cover(r.span, children), selectionSpan: r.keySpan, children };
}

function entrySymbol(e: CfnEntry, kind: OutlineKind): OutlineSymbol {
  return { name: e.key || '""', detail: '', kind, span: { start: e.keyNode.span.start, end: e.value ? e.value.span.end : e.keyNode.span.end }, selectionSpan: e.keyNode.span, children: [] };
}

function sectionSymbol(entry: CfnEntry, children: OutlineSymbol[]): OutlineSymbol {
  const own = { start: entry.keyNode.span.start, end: entry.value ? entry.value.span.end : entry.keyNode.span.end };
  return { name: entry.key, detail: `${children.length}`, kind: 'group', span: cover(own, children), selectionSpan: entry.keyNode.span, children };
}

/** A group with no entry of its own: it spans its children and reveals the first. */
function groupSymbol(name: string, detail: string, children: OutlineSymbol[]): OutlineSymbol {
  const first = children[0];
  const span = cover(first ? first.span : { start: 0, end: 0 }, children);
  return { name, detail, kind: 'group', span, selectionSpan: first ? first.selectionSpan : span, children };
}

/** The smallest span holding `own` and every child's span (editors find the symbol at the cursor by containment). */
function cover(own: Span, children: readonly OutlineSymbol[]): Span {
  let { start, end } = own;
  for (const c of children) {
    start = Math.min(start, c.span.start);
    end = Math.max(end, c.span.end);
  }
  return { start, end };
}

function nodeKind(node: GraphNode | undefined): OutlineKind {
  switch (node?.kind) {
    case 'Api':
      return 'api';
    case 'Route':
      return 'route';
    case 'Integration':
      return 'integration';
    case 'IntegrationResponse':
      return 'integrationResponse';
    case 'RouteResponse':
      return 'routeResponse';
    case 'Stage':
      return 'stage';
    case 'Deployment':
      return 'deployment';
    case 'Model':
      return 'model';
    case 'Authorizer':
      return 'authorizer';
    default:
      return 'resource';
  }
}
