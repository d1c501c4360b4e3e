// The ApiGatewayV2 graph: Apis with their Routes, Integrations, IntegrationResponses, RouteResponses, Stages, Deployments, Models, Authorizers. Pure.
import type { Span } from '../span';
import { directRef, getProp, mergeLiterals, scalarString, stringParts, type CfnMap, type CfnValue, type LogicalRef } from './cfnValue';
import type { Resource, TemplateModel } from './template';

export const APIGWV2 = 'AWS::ApiGatewayV2::';
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

// Resource type names, built once (a template literal in a `case` is rebuilt every time it is compared).
const TYPE = {
  Api: `${APIGWV2}Api`,
  Integration: `${APIGWV2}Integration`,
  Deployment: `${APIGWV2}Deployment`,
  Model: `${APIGWV2}Model`,
  Authorizer: `${APIGWV2}Authorizer`,
  Route: `${APIGWV2}Route`,
  IntegrationResponse: `${APIGWV2}IntegrationResponse`,
  RouteResponse: `${APIGWV2}RouteResponse`,
  Stage: `${APIGWV2}Stage`,
} as const;

type ModelParts = Pick<TemplateModel, 'resources' | 'resourceById' | 'text' | 'parameters'>;

export function buildApiGraph(model: ModelParts): ApiGraph {
  const text = model.text;
  const byLogicalId = new Map<string, GraphNode>();
  const apis: ApiNode[] = [];
  const base = (r: Resource): Node => ({ resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties });
  for (const r of model.resources) {
    const ext = r.type ? EXTERNAL_API_TYPES.get(r.type) : undefined;
    if (r.type === TYPE.Api || ext) {
      const protocol = ext ?? protocolOf(scalarString(getProp(r.properties, 'ProtocolType')));
      const api: ApiNode = { ...base(r), kind: 'Api', protocol, external: Boolean(ext), routes: [], integrations: [], stages: [], deployments: [], models: [], authorizers: [] };
      apis.push(api);
      byLogicalId.set(r.logicalId, api);
    }
  }
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
  const link = <T extends GraphNode>(value: CfnValue | undefined, kind: T['kind']): Link<T> | undefined =>
    value ? linkRef<T>(value, directRef(value, text), kind) : undefined;
  const apiOf = (r: Resource): { apiLink: Link<ApiNode> | undefined; api: ApiNode | undefined } => {
    const l = link<ApiNode>(getProp(r.properties, 'ApiId'), 'Api');
    return { apiLink: l, api: l?.target };
  };
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
  for (const r of model.resources) {
    switch (r.type) {
      case TYPE.Integration: {
        const a = apiOf(r);
        const n: IntegrationNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'Integration', integrationType: scalarString(getProp(r.properties, 'IntegrationType')), routes: [], responses: [] };
        integrations.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.integrations.push(n);
        break;
      }
      case TYPE.Deployment: {
        const a = apiOf(r);
        const n: DeploymentNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'Deployment' };
        deployments.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.deployments.push(n);
        break;
      }
      case TYPE.Model: {
        const a = apiOf(r);
        const n: ModelNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'Model', name: scalarString(getProp(r.properties, 'Name')) };
        models.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.models.push(n);
        break;
      }
      case TYPE.Authorizer: {
        const a = apiOf(r);
        const n: AuthorizerNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'Authorizer' };
        authorizers.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.authorizers.push(n);
        break;
      }
    }
  }
  // Second pass: routes (link to integrations, authorizers).
  for (const r of model.resources) {
    if (r.type !== TYPE.Route) continue;
    const targetValue = getProp(r.properties, 'Target');
    const target = targetValue ? resolveTarget(targetValue, text, (v, ref) => linkRef<IntegrationNode>(v, ref, 'Integration')) : undefined;
    const a = apiOf(r);
    const n: RouteNode = {
      resource: r,
      logicalId: r.logicalId,
      maybe: r.condition !== undefined,
      props: r.properties,
      apiLink: a.apiLink,
      api: a.api,
      kind: 'Route',
      routeKey: scalarString(getProp(r.properties, 'RouteKey')),
      target,
      integration: target?.link?.target,
      routeResponses: [],
      authorizerLink: link<AuthorizerNode>(getProp(r.properties, 'AuthorizerId'), 'Authorizer'),
    };
    routes.push(n);
    byLogicalId.set(r.logicalId, n);
    n.api?.routes.push(n);
    n.integration?.routes.push(n);
  }
  // Third pass: responses and stages.
  for (const r of model.resources) {
    switch (r.type) {
      case TYPE.IntegrationResponse: {
        const l = link<IntegrationNode>(getProp(r.properties, 'IntegrationId'), 'Integration');
        const a = apiOf(r);
        const n: IntegrationResponseNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'IntegrationResponse', integrationLink: l, integration: l?.target, key: scalarString(getProp(r.properties, 'IntegrationResponseKey')) };
        integrationResponses.push(n);
        byLogicalId.set(r.logicalId, n);
        n.integration?.responses.push(n);
        break;
      }
      case TYPE.RouteResponse: {
        const l = link<RouteNode>(getProp(r.properties, 'RouteId'), 'Route');
        const a = apiOf(r);
        const n: RouteResponseNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'RouteResponse', routeLink: l, route: l?.target, key: scalarString(getProp(r.properties, 'RouteResponseKey')) };
        routeResponses.push(n);
        byLogicalId.set(r.logicalId, n);
        n.route?.routeResponses.push(n);
        break;
      }
      case TYPE.Stage: {
        const a = apiOf(r);
        const n: StageNode = { resource: r, logicalId: r.logicalId, maybe: r.condition !== undefined, props: r.properties, apiLink: a.apiLink, api: a.api, kind: 'Stage', stageName: scalarString(getProp(r.properties, 'StageName')), deploymentLink: link<DeploymentNode>(getProp(r.properties, 'DeploymentId'), 'Deployment') };
        stages.push(n);
        byLogicalId.set(r.logicalId, n);
        n.api?.stages.push(n);
        break;
      }
    }
  }
  return { apis, routes, integrations, integrationResponses, routeResponses, stages, deployments, models, authorizers, byLogicalId };
}

function protocolOf(s: string | undefined): Protocol | undefined {
  return s === 'WEBSOCKET' || s === 'HTTP' ? s : undefined;
}

/** Recognises `integrations/<id>` built by a literal, Sub or Join. */
function resolveTarget(value: CfnValue, text: string, link: (v: CfnValue, ref: LogicalRef) => Link<IntegrationNode>): TargetLink {
  const parts = mergeLiterals(stringParts(value, text));
  const display = parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'ref' ? `\${${p.ref.logicalId}}` : '…')).join('');
  const [first, second, ...rest] = parts;
  if (first?.kind === 'literal' && first.text === 'integrations/' && second?.kind === 'ref' && rest.length === 0) {
    return { value, wellFormed: true, link: link(value, second.ref), display };
  }
  if (first?.kind === 'literal' && /^integrations\/[A-Za-z0-9]+$/.test(first.text) && !second) {
    return { value, wellFormed: true, link: { value, ref: undefined, resource: undefined, target: undefined, status: 'external' }, display };
  }
  const opaque = parts.some((p) => p.kind === 'opaque');
  return { value, wellFormed: opaque, link: undefined, display };
}

/** Spans helper: the span of a property's value, or of the resource key when absent. */
export function propSpan(node: { props: CfnMap | undefined; resource: Resource }, name: string): Span {
  return getProp(node.props, name)?.span ?? node.resource.keySpan;
}
