// The ApiGatewayV2 graph: Apis with their Routes, Integrations, IntegrationResponses, RouteResponses, Stages, Deployments, Models, Authorizers. Pure.
import { follow, type Anchored, type MovableSpan, type Span } from '../span';
import { directRef, getProp, mergeLiterals, scalarString, stringParts, type CfnMap, type CfnValue, type LogicalRef } from './cfnValue';
import type { Resource, TemplateModel } from './template';
import { APIGW_TYPE } from './resourceTypes';

export type Protocol = 'WEBSOCKET' | 'HTTP';

/** How a property that should point at another resource was resolved. */
export interface Link<T> {
  /** The property value as written. */
  readonly value: CfnValue;
  /** The logical id referenced, when the value is a Ref/GetAtt/Sub of one. */
  readonly ref: LogicalRef | undefined;
  /** The referenced resource in this template, if any. */
  readonly resource: Resource | undefined;
  /** The graph node the link resolved to (undefined when dangling, of another type, or external). */
  readonly target: T | undefined;
  /** `external`: points outside the template (a parameter, an import, a literal id) — not checkable. */
  readonly status: 'ok' | 'dangling' | 'wrong-type' | 'external';
}

interface Node {
  readonly resource: Resource;
  readonly logicalId: string;
  /** Created under a Condition: may not exist at deploy time. */
  readonly maybe: boolean;
  readonly props: CfnMap | undefined;
}

export interface ApiNode extends Node {
  readonly kind: 'Api';
  readonly protocol: Protocol | undefined;
  /** A SAM AWS::Serverless::HttpApi/WebSocketApi or similar: routes may attach to it but its own settings are not modelled. */
  readonly external: boolean;
  readonly routes: RouteNode[];
  readonly integrations: IntegrationNode[];
  readonly stages: StageNode[];
  readonly deployments: DeploymentNode[];
  readonly models: ModelNode[];
  readonly authorizers: AuthorizerNode[];
}

interface ChildNode extends Node {
  readonly apiLink: Link<ApiNode> | undefined;
  readonly api: ApiNode | undefined;
}

export interface RouteNode extends ChildNode {
  readonly kind: 'Route';
  readonly routeKey: string | undefined;
  readonly target: TargetLink | undefined;
  readonly integration: IntegrationNode | undefined;
  readonly routeResponses: RouteResponseNode[];
  readonly authorizerLink: Link<AuthorizerNode> | undefined;
}

export interface TargetLink {
  readonly value: CfnValue;
  /** `integrations/<Ref>` form recognised. */
  readonly wellFormed: boolean;
  readonly link: Link<IntegrationNode> | undefined;
  /** Text of the literal prefix when not `integrations/` (for messages). */
  readonly display: string;
}

export interface IntegrationNode extends ChildNode {
  readonly kind: 'Integration';
  readonly integrationType: string | undefined;
  readonly routes: RouteNode[];
  readonly responses: IntegrationResponseNode[];
}

export interface IntegrationResponseNode extends ChildNode {
  readonly kind: 'IntegrationResponse';
  readonly integrationLink: Link<IntegrationNode> | undefined;
  readonly integration: IntegrationNode | undefined;
  readonly key: string | undefined;
}

export interface RouteResponseNode extends ChildNode {
  readonly kind: 'RouteResponse';
  readonly routeLink: Link<RouteNode> | undefined;
  readonly route: RouteNode | undefined;
  readonly key: string | undefined;
}

export interface StageNode extends ChildNode {
  readonly kind: 'Stage';
  readonly stageName: string | undefined;
  readonly deploymentLink: Link<DeploymentNode> | undefined;
}

export interface DeploymentNode extends ChildNode {
  readonly kind: 'Deployment';
}

export interface ModelNode extends ChildNode {
  readonly kind: 'Model';
  readonly name: string | undefined;
}

export interface AuthorizerNode extends ChildNode {
  readonly kind: 'Authorizer';
}

export type GraphNode = ApiNode | RouteNode | IntegrationNode | IntegrationResponseNode | RouteResponseNode | StageNode | DeploymentNode | ModelNode | AuthorizerNode;

export interface ApiGraph {
  readonly apis: readonly ApiNode[];
  readonly routes: readonly RouteNode[];
  readonly integrations: readonly IntegrationNode[];
  readonly integrationResponses: readonly IntegrationResponseNode[];
  readonly routeResponses: readonly RouteResponseNode[];
  readonly stages: readonly StageNode[];
  readonly deployments: readonly DeploymentNode[];
  readonly models: readonly ModelNode[];
  readonly authorizers: readonly AuthorizerNode[];
  readonly byLogicalId: ReadonlyMap<string, GraphNode>;
}

/** Resource types that stand for an API other than AWS::ApiGatewayV2::Api (routes may reference them). */
const EXTERNAL_API_TYPES: ReadonlyMap<string, Protocol> = new Map([
  ['AWS::Serverless::HttpApi', 'HTTP'],
  ['AWS::Serverless::WebSocketApi', 'WEBSOCKET'],
]);

// Resource types are canonical literals (model/resourceTypes.ts): comparing them is a pointer comparison.
const TYPE = APIGW_TYPE;

type ModelParts = Pick<TemplateModel, 'resources' | 'resourceById' | 'text' | 'parameters'>;

/** A property that may point at another resource, as read from the resource's own text. */
interface RefFact {
  readonly value: CfnValue;
  readonly ref: LogicalRef | undefined;
}

/** How a Route's Target was read: `ref` is the integration of an `integrations/<id>` target built from a reference. */
interface TargetFact {
  readonly value: CfnValue;
  readonly wellFormed: boolean;
  readonly display: string;
  readonly form: 'ref' | 'literal-id' | 'other';
  readonly ref: LogicalRef | undefined;
}

/**
 * What the graph reads from one resource's own text. It depends on nothing outside the resource, so it is kept on the
 * Resource: the incremental model re-uses the Resource of an unchanged resource across versions (moving its spans in
 * place), and the graph is rebuilt from these facts without reading the properties again. The facts' references
 * carry their own span objects, moved along (`at`, `spans`) when the resource is asked for at another offset.
 */
interface GraphFacts extends Anchored {
  readonly apiId: RefFact | undefined;
  readonly protocolType: string | undefined;
  readonly integrationType: string | undefined;
  readonly routeKey: string | undefined;
  readonly target: TargetFact | undefined;
  readonly authorizerId: RefFact | undefined;
  readonly integrationId: RefFact | undefined;
  readonly integrationResponseKey: string | undefined;
  readonly routeId: RefFact | undefined;
  readonly routeResponseKey: string | undefined;
  readonly stageName: string | undefined;
  readonly deploymentId: RefFact | undefined;
  readonly name: string | undefined;
}

const GRAPH_FACTS = Symbol('graphFacts');

function graphFacts(r: Resource, text: string): GraphFacts {
  const holder = r as { [GRAPH_FACTS]?: GraphFacts };
  const known = holder[GRAPH_FACTS];
  if (known) {
    follow(known, r.span.start);
    return known;
  }
  const facts = readFacts(r, text);
  Object.defineProperty(r, GRAPH_FACTS, { value: facts, enumerable: false });
  return facts;
}

function readFacts(r: Resource, text: string): GraphFacts {
  const spans: MovableSpan[] = [];
  /** A copy of `ref` with a span of its own (see GraphFacts). */
  const own = (ref: LogicalRef | undefined): LogicalRef | undefined => {
    if (!ref) return undefined;
    const span = { start: ref.span.start, end: ref.span.end };
    spans.push(span);
    return { ...ref, span };
  };
  const refFact = (name: string): RefFact | undefined => {
    const value = getProp(r.properties, name);
    return value ? { value, ref: own(directRef(value, text)) } : undefined;
  };
  const str = (name: string) => scalarString(getProp(r.properties, name));
  const t = r.type;
  const targetValue = t === TYPE.Route ? getProp(r.properties, 'Target') : undefined;
  const target = targetValue ? readTarget(targetValue, text, own) : undefined;
  return {
    at: r.span.start,
    spans,
    apiId: refFact('ApiId'),
    protocolType: t === TYPE.Api ? str('ProtocolType') : undefined,
    integrationType: t === TYPE.Integration ? str('IntegrationType') : undefined,
    routeKey: t === TYPE.Route ? str('RouteKey') : undefined,
    target,
    authorizerId: t === TYPE.Route ? refFact('AuthorizerId') : undefined,
    integrationId: t === TYPE.IntegrationResponse ? refFact('IntegrationId') : undefined,
    integrationResponseKey: t === TYPE.IntegrationResponse ? str('IntegrationResponseKey') : undefined,
    routeId: t === TYPE.RouteResponse ? refFact('RouteId') : undefined,
    routeResponseKey: t === TYPE.RouteResponse ? str('RouteResponseKey') : undefined,
    stageName: t === TYPE.Stage ? str('StageName') : undefined,
    deploymentId: t === TYPE.Stage ? refFact('DeploymentId') : undefined,
    name: t === TYPE.Model ? str('Name') : undefined,
  };
}

/** Recognises `integrations/<id>` built by a literal, Sub or Join. */
function readTarget(value: CfnValue, text: string, own: (ref: LogicalRef | undefined) => LogicalRef | undefined): TargetFact {
  const parts = mergeLiterals(stringParts(value, text));
  const display = parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'ref' ? `\${${p.ref.logicalId}}` : '…')).join('');
  const [first, second, ...rest] = parts;
  if (first?.kind === 'literal' && first.text === 'integrations/' && second?.kind === 'ref' && rest.length === 0) {
    return { value, wellFormed: true, display, form: 'ref', ref: own(second.ref) };
  }
  if (first?.kind === 'literal' && /^integrations\/[A-Za-z0-9]+$/.test(first.text) && !second) {
    return { value, wellFormed: true, display, form: 'literal-id', ref: undefined };
  }
  const opaque = parts.some((p) => p.kind === 'opaque');
  return { value, wellFormed: opaque, display, form: 'other', ref: undefined };
}

export function buildApiGraph(model: ModelParts): ApiGraph {
  const text = model.text;
  const byLogicalId = new Map<string, GraphNode>();
  const apis: ApiNode[] = [];
  const facts = model.resources.map((r) => graphFacts(r, text));
  model.resources.forEach((r, i) => {
    const ext = r.type ? EXTERNAL_API_TYPES.get(r.type) : undefined;
    if (r.type === TYPE.Api || ext) {
      const protocol = ext ?? protocolOf((facts[i] as GraphFacts).protocolType);
      const api: ApiNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, kind: 'Api', protocol, external: Boolean(ext), routes: [], integrations: [], stages: [], deployments: [], models: [], authorizers: [] };
      apis.push(api);
      byLogicalId.set(r.logicalId, api);
    }
  });
  const linkRef = <T extends GraphNode>(value: CfnValue, ref: LogicalRef | undefined, kind: T['kind']): Link<T> => {
    if (!ref) return { value, ref: undefined, resource: undefined, target: undefined, status: 'external' };
    const resource = model.resourceById.get(ref.logicalId);
    if (!resource) {
      const status = model.parameters.has(ref.logicalId) || ref.logicalId.startsWith('AWS::') ? 'external' : 'dangling';
      return { value, ref, resource: undefined, target: undefined, status };
    }
    const node = byLogicalId.get(ref.logicalId);
    if (node && node.kind === kind) return { value, ref, resource, target: node as T, status: 'ok' };
    return { value, ref, resource, target: undefined, status: node || resource.type?.startsWith('AWS::') || resource.type?.startsWith('Custom::') ? 'wrong-type' : 'external' };
  };
  const link = <T extends GraphNode>(fact: RefFact | undefined, kind: T['kind']): Link<T> | undefined => (fact ? linkRef<T>(fact.value, fact.ref, kind) : undefined);
  // Nodes are written out field by field: `{ ...common, more }` is many times slower in V8, and graphs have thousands of nodes.

  const integrations: IntegrationNode[] = [];
  const routes: RouteNode[] = [];
  const integrationResponses: IntegrationResponseNode[] = [];
  const routeResponses: RouteResponseNode[] = [];
  const stages: StageNode[] = [];
  const deployments: DeploymentNode[] = [];
  const models: ModelNode[] = [];
  const authorizers: AuthorizerNode[] = [];

  // First pass: nodes that others link to.
  model.resources.forEach((r, i) => {
    const f = facts[i] as GraphFacts;
    switch (r.type) {
      case TYPE.Integration: {
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: IntegrationNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'Integration', integrationType: f.integrationType, routes: [], responses: [] };
        integrations.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.integrations.push(n);
        break;
      }
      case TYPE.Deployment: {
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: DeploymentNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'Deployment' };
        deployments.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.deployments.push(n);
        break;
      }
      case TYPE.Model: {
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: ModelNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'Model', name: f.name };
        models.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.models.push(n);
        break;
      }
      case TYPE.Authorizer: {
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: AuthorizerNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'Authorizer' };
        authorizers.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.authorizers.push(n);
        break;
      }
    }
  });
  // Second pass: routes (link to integrations, authorizers).
  model.resources.forEach((r, i) => {
    if (r.type !== TYPE.Route) return;
    const f = facts[i] as GraphFacts;
    const target = f.target ? targetLink(f.target, (v, ref) => linkRef<IntegrationNode>(v, ref, 'Integration')) : undefined;
    const apiLink = link<ApiNode>(f.apiId, 'Api');
    const n: RouteNode = {
      resource: r,
      logicalId: r.logicalId,
      maybe: r.condition !== undefined,
      props: r.properties,
      apiLink,
      api: apiLink?.target,
      kind: 'Route',
      routeKey: f.routeKey,
      target,
      integration: target?.link?.target,
      routeResponses: [],
      authorizerLink: link<AuthorizerNode>(f.authorizerId, 'Authorizer'),
    };
    routes.push(n);
    byLogicalId.set(r.logicalId, n);
    n.api?.routes.push(n);
    n.integration?.routes.push(n);
  });
  // Third pass: responses and stages.
  model.resources.forEach((r, i) => {
    const f = facts[i] as GraphFacts;
    switch (r.type) {
      case TYPE.IntegrationResponse: {
        const l = link<IntegrationNode>(f.integrationId, 'Integration');
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: IntegrationResponseNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'IntegrationResponse', integrationLink: l, integration: l?.target, key: f.integrationResponseKey };
        integrationResponses.push(n);
        byLogicalId.set(r.logicalId, n);
        n.integration?.responses.push(n);
        break;
      }
      case TYPE.RouteResponse: {
        const l = link<RouteNode>(f.routeId, 'Route');
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: RouteResponseNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'RouteResponse', routeLink: l, route: l?.target, key: f.routeResponseKey };
        routeResponses.push(n);
        byLogicalId.set(r.logicalId, n);
        n.route?.routeResponses.push(n);
        break;
      }
      case TYPE.Stage: {
        const apiLink = link<ApiNode>(f.apiId, 'Api');
        const n: StageNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink, api: apiLink?.target, kind: 'Stage', stageName: f.stageName, deploymentLink: link<DeploymentNode>(f.deploymentId, 'Deployment') };
        stages.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.stages.push(n);
        break;
      }
    }
  });
  return { apis, routes, integrations, integrationResponses, routeResponses, stages, deployments, models, authorizers, byLogicalId };
}

function protocolOf(s: string | undefined): Protocol | undefined {
  return s === 'WEBSOCKET' || s === 'HTTP' ? s : undefined;
}

/** The TargetLink of a Route in this version of the graph. */
function targetLink(t: TargetFact, link: (v: CfnValue, ref: LogicalRef) => Link<IntegrationNode>): TargetLink {
  const { value, wellFormed, display } = t;
  if (t.form === 'ref' && t.ref) return { value, wellFormed, link: link(value, t.ref), display };
  if (t.form === 'literal-id') return { value, wellFormed, link: { value, ref: undefined, resource: undefined, target: undefined, status: 'external' }, display };
  return { value, wellFormed, link: undefined, display };
}

/** Spans helper: the span of a property's value, or of the resource key when absent. */
export function propSpan(node: { props: CfnMap | undefined; resource: Resource }, name: string): Span {
  return getProp(node.props, name)?.span ?? node.resource.keySpan;
}
