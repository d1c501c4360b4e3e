// Wiring: route Target form, links into another Api, integration/route responses per integration type and two-way routes,
// unused integrations, Deployment DependsOn, Stage RouteSettings keys, AutoDeploy with DeploymentId. Pure.
import { collectRefs, getEntry, getProp, scalarString, type CfnValue } from '../model/cfnValue';
import type { ApiNode, DeploymentNode, IntegrationNode, Link, RouteNode, StageNode } from '../model/apigw';
import type { TemplateModel } from '../model/template';
import type { QuickFix, TextEdit } from '../problem';
import type { Span } from '../span';
import { contains } from '../span';
import { replaceScalarIn } from '../edits';
import { matchesWhole } from '../javaRegex';
import type { Check, Emit, Rule } from './types';
import { copySource, freshLogicalId, insertResourceAfter, refSource, stringSource } from './newResource';
import { appendToList, closestUnique, insertEntry, integrationInfo, literal, removeEntry, scalarSpan, spanOfValue } from './util';

export const routeTargetFormat: Rule = {
  id: 'apigw/route-target-format',
  severity: 'error',
  title: 'A route Target is not of the form `integrations/<IntegrationId>`.',
};

export const crossApiReference: Rule = {
  id: 'apigw/cross-api-reference',
  severity: 'error',
  title: 'A route, integration response, route response, authorizer or deployment link points into another Api.',
};

export const integrationResponseOnProxy: Rule = {
  id: 'apigw/integration-response-on-proxy',
  severity: 'warning',
  title: 'An IntegrationResponse is attached to a proxy integration, which has no integration responses.',
};

export const missingIntegrationResponse: Rule = {
  id: 'apigw/missing-integration-response',
  severity: 'error',
  title: 'A non-proxy integration used by a two-way route has no IntegrationResponse.',
};

export const missingDefaultIntegrationResponse: Rule = {
  id: 'apigw/missing-default-integration-response',
  severity: 'warning',
  title: 'A non-proxy integration used by a two-way route has no `$default` IntegrationResponse to catch unmatched responses.',
};

export const oneWayIntegrationResponse: Rule = {
  id: 'apigw/one-way-integration-response',
  severity: 'info',
  title: 'An IntegrationResponse belongs to an integration whose routes are all one-way, so its output is never sent.',
};

export const twoWayIncomplete: Rule = {
  id: 'apigw/two-way-incomplete',
  severity: 'warning',
  title: 'A route has a RouteResponseSelectionExpression but no RouteResponse, or a RouteResponse but no RouteResponseSelectionExpression.',
};

export const unusedIntegration: Rule = {
  id: 'apigw/unused-integration',
  severity: 'warning',
  title: 'An Integration that no route targets.',
};

export const deploymentDependsOn: Rule = {
  id: 'apigw/deployment-depends-on',
  severity: 'warning',
  title: 'A Deployment does not DependsOn the routes of its Api, so it may be created before them.',
};

export const routeSettingsUnknownRoute: Rule = {
  id: 'apigw/route-settings-unknown-route',
  severity: 'error',
  title: 'A Stage RouteSettings key is not the RouteKey of any route of the Api.',
};

export const autoDeployWithDeploymentId: Rule = {
  id: 'apigw/auto-deploy-with-deployment-id',
  severity: 'error',
  title: 'A Stage sets both AutoDeploy: true and a DeploymentId.',
};

export const wiringCheck: Check = {
  name: 'wiring',
  rules: [
    routeTargetFormat,
    crossApiReference,
    integrationResponseOnProxy,
    missingIntegrationResponse,
    missingDefaultIntegrationResponse,
    oneWayIntegrationResponse,
    twoWayIncomplete,
    unusedIntegration,
    deploymentDependsOn,
    routeSettingsUnknownRoute,
    autoDeployWithDeploymentId,
  ],
  run(model, emit) {
    const integrations = new Set(model.apigw.integrations.map((i) => i.logicalId));
    for (const r of model.apigw.routes) checkTarget(model, r, integrations, emit);
    checkCrossApi(model, emit);
    checkResponses(model, emit);
    checkTwoWay(model, emit);
    checkUnusedIntegrations(model, emit);
    for (const d of model.apigw.deployments) checkDeployment(model, d, emit);
    for (const s of model.apigw.stages) checkStage(model, s, emit);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Target

function checkTarget(model: TemplateModel, route: RouteNode, integrations: ReadonlySet<string>, emit: Emit): void {
  const t = route.target;
  if (!t) return;
  const fixes: QuickFix[] = [];
  const subFix = (id: string, span: Span): QuickFix => ({ title: `Change to \`integrations/\${${id}}\` (Fn::Sub)`, edits: [subEdit(model, span, `integrations/\${${id}}`)], preferred: true });
  const v = t.value;
  if (t.wellFormed) {
    // A literal `integrations/<LogicalId>`: the id must be the integration's generated id, not its logical id.
    const lit = literal(v);
    const m = lit ? /^integrations\/(.+)$/.exec(lit.text) : null;
    if (lit && m?.[1] && integrations.has(m[1])) {
      emit(routeTargetFormat, scalarSpan(model.text, lit.node), `Target "${lit.text}" uses the logical id ${m[1]} literally; API Gateway needs the integration's generated id. Write \`!Sub integrations/\${${m[1]}}\` or \`!Join ['/', [integrations, !Ref ${m[1]}]]\`.`, {
        fixes: [subFix(m[1], v.span)],
      });
    }
    return;
  }
  let message = `Target "${t.display}" must have the form \`integrations/<IntegrationId>\`, for example \`!Sub integrations/\${MyIntegration}\`.`;
  if (v.kind === 'intrinsic' && (v.fn === 'Ref' || v.fn === 'Fn::GetAtt') && t.display.startsWith('${')) {
    const id = t.display.slice(2, t.display.indexOf('}')).split('.')[0] ?? '';
    if (integrations.has(id)) {
      message = `Target must be \`integrations/<IntegrationId>\`, not the bare integration id: write \`!Sub integrations/\${${id}}\`.`;
      fixes.push(subFix(id, v.span));
    }
  } else if (v.kind === 'scalar' && typeof v.value === 'string') {
    const m = /^\$\{([A-Za-z0-9]+)\}$/.exec(v.value) ?? /^integrations\/\$\{([A-Za-z0-9]+)\}$/.exec(v.value);
    if (m?.[1] && integrations.has(m[1])) {
      message = `Target "${v.value}" is a literal string: without Fn::Sub, \`\${${m[1]}}\` is not replaced by the integration id. Write \`!Sub integrations/\${${m[1]}}\`.`;
      fixes.push(subFix(m[1], v.span));
    }
  } else if (v.kind === 'intrinsic' && v.fn === 'Fn::Sub') {
    const m = /^(.*?)\$\{([A-Za-z0-9]+)\}$/.exec(t.display);
    if (m?.[2] && integrations.has(m[2]) && m[1] !== 'integrations/') {
      message = `Target "${t.display}" must start with exactly \`integrations/\`${m[1] ? ` (not \`${m[1]}\`)` : ''}.`;
      fixes.push(subFix(m[2], v.span));
    }
  }
  emit(routeTargetFormat, spanOfValue(model.text, v), message, { fixes });
}

/** Replaces a value with a Fn::Sub of `template` (short form in YAML, long form in JSON). */
function subEdit(model: TemplateModel, span: Span, template: string): TextEdit {
  if (model.source.format === 'json') return { span, newText: `{ "Fn::Sub": ${JSON.stringify(template)} }` };
  return { span, newText: `!Sub ${template}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Links into another Api

function checkCrossApi(model: TemplateModel, emit: Emit): void {
  const g = model.apigw;
  const report = (owner: { api: ApiNode | undefined; logicalId: string }, link: Link<{ api: ApiNode | undefined; logicalId: string }> | undefined, prop: string) => {
    const target = link?.target;
    if (!owner.api || !target?.api || owner.api === target.api || !link?.ref) return;
    emit(crossApiReference, link.ref.span, `${prop} of ${owner.logicalId} references ${target.logicalId}, which belongs to Api ${target.api.logicalId}, but ${owner.logicalId} belongs to Api ${owner.api.logicalId}: API Gateway only links resources of one Api. Point ${prop} at a resource of ${owner.api.logicalId}, or move ${owner.logicalId} to ${target.api.logicalId}.`);
  };
  for (const r of g.routes) {
    report(r, r.target?.link, 'Target');
    report(r, r.authorizerLink, 'AuthorizerId');
  }
  for (const ir of g.integrationResponses) report(ir, ir.integrationLink, 'IntegrationId');
  for (const rr of g.routeResponses) report(rr, rr.routeLink, 'RouteId');
  for (const s of g.stages) report(s, s.deploymentLink, 'DeploymentId');
}

// ---------------------------------------------------------------------------------------------------------------
// Integration responses and two-way routes

const isTwoWay = (r: RouteNode) => getProp(r.props, 'RouteResponseSelectionExpression') !== undefined || r.routeResponses.length > 0;

function checkResponses(model: TemplateModel, emit: Emit): void {
  const g = model.apigw;
  // Integration responses whose IntegrationId cannot be resolved might belong to any integration.
  const unresolvedResponses = g.integrationResponses.some((ir) => ir.integrationLink?.status === 'external');
  for (const integ of g.integrations) {
    const info = integrationInfo(model, integ.props);
    if (info.proxy === true) {
      // On HTTP APIs, apigw/websocket-only-resource reports these.
      for (const ir of integ.api?.protocol === 'HTTP' ? [] : integ.responses) {
        emit(integrationResponseOnProxy, ir.resource.keySpan, `${ir.logicalId} is attached to ${integ.logicalId}, an ${info.type} (proxy) integration: proxy integrations pass the backend response through and have no integration responses. Remove it, or make the integration non-proxy.`, { unnecessary: true });
      }
      continue;
    }
    if (info.proxy !== false || integ.api?.protocol === 'HTTP') continue;
    const routes = integ.routes;
    const twoWay = routes.filter(isTwoWay);
    if (twoWay.length === 0) {
      if (routes.length > 0 && routes.every((r) => r.api?.protocol === 'WEBSOCKET')) {
        for (const ir of integ.responses) {
          emit(oneWayIntegrationResponse, ir.resource.keySpan, `${ir.logicalId} shapes the response of ${integ.logicalId}, but every route using it (${routes.map((r) => r.logicalId).join(', ')}) is one-way, so nothing is sent to the client. Add \`RouteResponseSelectionExpression: $default\` and a \`$default\` RouteResponse to the route to make it two-way.`);
        }
      }
      continue;
    }
    if (unresolvedResponses) continue;
    const related = twoWay.map((r) => ({ span: r.resource.keySpan, message: `Two-way route ${r.logicalId}` }));
    if (integ.responses.length === 0) {
      emit(missingIntegrationResponse, integ.resource.keySpan, `${integ.logicalId} is a non-proxy ${info.type} integration used by the two-way route ${twoWay.map((r) => r.logicalId).join(', ')}, but no IntegrationResponse is attached to it: non-proxy integrations need at least one (usually \`IntegrationResponseKey: $default\`) or the client receives an error instead of a response.`, { related, fixes: defaultResponseFix(model, integ) });
      continue;
    }
    const keys = integ.responses.map((ir) => getProp(ir.props, 'IntegrationResponseKey'));
    // A key given by an intrinsic may be `$default`; a malformed key is reported (with its fix) by the keys check.
    if (keys.some((k) => k === undefined || k.kind !== 'scalar' || String(k.value) === '$default' || !/^\/.+\/$/s.test(String(k.value)))) continue;
    if (info.type === 'MOCK' && mockStatusesCovered(integ, keys.map((k) => scalarString(k) ?? ''))) continue;
    const why =
      info.selection === 'lambda-error'
        ? 'for a Lambda custom integration a successful invocation has no errorMessage, so only `$default` can match it'
        : 'a response that matches none of the keys makes the route fail with "Internal server error"';
    emit(missingDefaultIntegrationResponse, integ.resource.keySpan, `${integ.logicalId} has integration responses (${keys.map((k) => scalarString(k)).join(', ')}) but none with key \`$default\`: ${why}. Add an IntegrationResponse with \`IntegrationResponseKey: $default\`.`, {
      related,
      fixes: defaultResponseFix(model, integ),
      ...(info.selection === 'lambda-error' ? {} : { inferred: true }),
    });
  }
}

/** Adds an IntegrationResponse with key `$default` to an integration. */
function defaultResponseFix(model: TemplateModel, integ: IntegrationNode): QuickFix[] {
  return newChildFix(model, integ, 'IntegrationResponse', [
    { key: 'IntegrationId', source: refSource(model, integ.logicalId) },
    { key: 'IntegrationResponseKey', source: stringSource(model, '$default') },
  ]);
}

/** A fix adding `<Parent><Type>` (same ApiId as the parent) right after the parent resource, or none when it cannot be written safely. */
function newChildFix(model: TemplateModel, parent: IntegrationNode | RouteNode, type: 'IntegrationResponse' | 'RouteResponse', props: readonly { key: string; source: string }[]): QuickFix[] {
  const apiId = copySource(model, getProp(parent.props, 'ApiId'));
  if (!apiId) return [];
  const id = freshLogicalId(model, `${parent.logicalId}${type === 'IntegrationResponse' ? 'DefaultResponse' : 'Response'}`);
  const edit = insertResourceAfter(model, parent.resource, id, `AWS::ApiGatewayV2::${type}`, [{ key: 'ApiId', source: apiId }, ...props]);
  return edit ? [{ title: `Add ${type} ${id} with key \`$default\``, edits: [edit], preferred: true }] : [];
}

/** A MOCK whose request templates all set literal status codes, each matched by some IntegrationResponseKey, needs no `$default`. */
function mockStatusesCovered(integ: IntegrationNode, keys: readonly string[]): boolean {
  const templates = getProp(integ.props, 'RequestTemplates');
  if (templates?.kind !== 'map' || templates.entries.length === 0) return false;
  for (const e of templates.entries) {
    const t = e.value?.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : undefined;
    if (t === undefined) return false;
    const codes = [...t.matchAll(/["']?statusCode["']?\s*:\s*"?(\d{3})\b/g)].map((m) => m[1] ?? '');
    const mentions = (t.match(/statusCode/g) ?? []).length;
    if (codes.length === 0 || codes.length !== mentions) return false;
    for (const code of codes) {
      if (!keys.some((k) => k.length >= 2 && k.startsWith('/') && k.endsWith('/') && matchesWhole(k.slice(1, -1), code) === true)) return false;
    }
  }
  return true;
}

function checkTwoWay(model: TemplateModel, emit: Emit): void {
  const g = model.apigw;
  const unresolvedRouteResponses = g.routeResponses.some((rr) => rr.routeLink?.status === 'external');
  for (const route of g.routes) {
    if (route.api?.protocol !== 'WEBSOCKET') continue;
    const rrse = getProp(route.props, 'RouteResponseSelectionExpression');
    if (rrse && route.routeResponses.length === 0 && !unresolvedRouteResponses) {
      emit(twoWayIncomplete, spanOfValue(model.text, rrse), `${route.logicalId} has a RouteResponseSelectionExpression but no RouteResponse, so API Gateway sends nothing back to the client. Add an AWS::ApiGatewayV2::RouteResponse with \`RouteId: !Ref ${route.logicalId}\` and \`RouteResponseKey: $default\`, or remove the expression.`, {
        inferred: true,
        fixes: newChildFix(model, route, 'RouteResponse', [
          { key: 'RouteId', source: refSource(model, route.logicalId) },
          { key: 'RouteResponseKey', source: stringSource(model, '$default') },
        ]),
      });
    }
    if (!rrse) {
      for (const rr of route.routeResponses) {
        const fixes: QuickFix[] = [];
        const edit = route.props ? insertEntry(model, route.props, 'RouteResponseSelectionExpression', '$default', 'RouteKey') : undefined;
        if (edit) fixes.push({ title: `Add \`RouteResponseSelectionExpression: $default\` to ${route.logicalId}`, edits: [edit], preferred: true });
        emit(twoWayIncomplete, rr.routeLink?.ref?.span ?? rr.resource.keySpan, `${rr.logicalId} is attached to ${route.logicalId}, which has no RouteResponseSelectionExpression: the route stays one-way and this response is never sent. Set \`RouteResponseSelectionExpression: $default\` on the route.`, { inferred: true, fixes });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Unused integrations

function checkUnusedIntegrations(model: TemplateModel, emit: Emit): void {
  const g = model.apigw;
  if (g.integrations.length === 0) return;
  // Routes whose Target cannot be resolved statically may point at any integration of their Api.
  const opaqueTargets = g.routes.filter((r) => r.target && !r.target.link && r.target.wellFormed);
  // References to an integration from outside integration responses and itself (Outputs, Api quick-create Target, …);
  // collected only when some integration has no route.
  let refs: Map<string, Span[]> | undefined;
  for (const integ of g.integrations) {
    if (integ.routes.length > 0) continue;
    if (opaqueTargets.some((r) => !r.api || !integ.api || r.api === integ.api)) continue;
    refs ??= refsOutsideIntegrationResponses(model);
    if ((refs.get(integ.logicalId) ?? []).some((span) => !contains(integ.resource.span, span))) continue;
    emit(unusedIntegration, integ.resource.keySpan, `No route targets ${integ.logicalId}, so API Gateway never calls it. Point a route's Target at it (\`!Sub integrations/\${${integ.logicalId}}\`) or remove it.`, { unnecessary: true });
  }
}

/** Spans of every Ref/GetAtt/Sub reference by logical id, leaving out those inside integration responses. */
function refsOutsideIntegrationResponses(model: TemplateModel): Map<string, Span[]> {
  const irSpans = model.apigw.integrationResponses.map((ir) => ir.resource.span).sort((a, b) => a.start - b.start);
  const insideIr = (span: Span): boolean => {
    let lo = 0;
    let hi = irSpans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = irSpans[mid] as Span;
      if (s.start > span.start) hi = mid - 1;
      else if (contains(s, span)) return true;
      else lo = mid + 1;
    }
    return false;
  };
  const out = new Map<string, Span[]>();
  for (const ref of collectRefs(model.root, model.text)) {
    if (insideIr(ref.span)) continue;
    const list = out.get(ref.logicalId);
    if (list) list.push(ref.span);
    else out.set(ref.logicalId, [ref.span]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Deployments and stages

/** Api settings that define routes outside Route resources (OpenAPI body, quick create). */
function routesDefinedElsewhere(api: ApiNode): boolean {
  return ['Body', 'BodyS3Location', 'Target', 'RouteKey'].some((p) => getProp(api.props, p) !== undefined);
}

function checkDeployment(model: TemplateModel, d: DeploymentNode, emit: Emit): void {
  const api = d.api;
  if (!api || api.external || routesDefinedElsewhere(api) || api.routes.length === 0) return;
  const closure = new Set<string>();
  const stack = d.resource.dependsOn.map((x) => x.logicalId);
  while (stack.length) {
    const id = stack.pop() as string;
    if (closure.has(id)) continue;
    closure.add(id);
    for (const x of model.resourceById.get(id)?.dependsOn ?? []) stack.push(x.logicalId);
  }
  const missing = api.routes.filter((r) => !closure.has(r.logicalId) && !r.maybe);
  const any = api.routes.some((r) => closure.has(r.logicalId));
  if (missing.length === 0) return;
  const names = missing.map((r) => r.logicalId);
  const dep = getProp(d.resource.body, 'DependsOn');
  const fixes: QuickFix[] = [];
  const edit = dep ? appendToList(model, dep, names) : d.resource.body ? insertEntry(model, d.resource.body, 'DependsOn', names, 'Type') : undefined;
  if (edit) fixes.push({ title: `Add ${names.join(', ')} to DependsOn`, edits: [edit], preferred: true });
  const message = any
    ? `Deployment ${d.logicalId} does not DependsOn ${names.join(', ')}: CloudFormation may create it before these routes, and they are then missing from the deployed API. Add them to DependsOn.`
    : `Deployment ${d.logicalId} does not DependsOn any route of ${api.logicalId}: CloudFormation may create it first, and API Gateway fails with "At least one route is required before deploying the Api" (or deploys without the routes). Add the routes to DependsOn.`;
  emit(deploymentDependsOn, dep?.span ?? d.resource.keySpan, message, { fixes });
}

function checkStage(model: TemplateModel, s: StageNode, emit: Emit): void {
  const autoDeploy = getProp(s.props, 'AutoDeploy');
  const depEntry = getEntry(s.props, 'DeploymentId');
  if (autoDeploy?.kind === 'scalar' && String(autoDeploy.value).toLowerCase() === 'true' && depEntry && s.props) {
    const fixes: QuickFix[] = [];
    const remove = removeEntry(model, s.props, depEntry);
    if (remove) fixes.push({ title: 'Remove DeploymentId', edits: [remove] });
    fixes.push({ title: 'Set AutoDeploy to false', edits: [replaceBool(model, autoDeploy)] });
    emit(autoDeployWithDeploymentId, depEntry.value ? spanOfValue(model.text, depEntry.value) : depEntry.keyNode.span, `Stage ${s.logicalId} sets both \`AutoDeploy: true\` and a DeploymentId: with AutoDeploy, API Gateway creates the deployments itself and rejects a DeploymentId. Remove one of the two.`, { fixes });
  }
  const settings = getProp(s.props, 'RouteSettings');
  const api = s.api;
  if (settings?.kind !== 'map' || !api || api.external || getProp(api.props, 'Body') || getProp(api.props, 'BodyS3Location')) return;
  const keys = new Set<string>();
  for (const r of api.routes) {
    const k = getProp(r.props, 'RouteKey');
    if (!k || k.kind !== 'scalar') return; // a key given by an intrinsic: unknown
    keys.add(String(k.value));
  }
  if (getProp(api.props, 'Target')) keys.add(scalarString(getProp(api.props, 'RouteKey')) ?? '$default');
  // Routes whose ApiId cannot be resolved might belong to this Api.
  if (model.apigw.routes.some((r) => !r.api && r.apiLink?.status !== 'dangling')) return;
  for (const e of settings.entries) {
    if (keys.has(e.key)) continue;
    const best = closestUnique(e.key, [...keys]);
    const fixes: QuickFix[] = best ? [{ title: `Change to \`${best}\``, edits: [replaceScalarIn(model.source.format, e.keyNode, best)], preferred: true }] : [];
    emit(routeSettingsUnknownRoute, e.keyNode.span, `RouteSettings key "${e.key}" is not the RouteKey of any route of ${api.logicalId}${keys.size ? ` (${[...keys].join(', ')})` : ''}: the stage fails with "Unable to find Route by key ${e.key} within the provided RouteSettings".${best ? ` Did you mean \`${best}\`?` : ' Use the RouteKey of an existing route, or remove the entry.'}`, { fixes });
  }
}

function replaceBool(model: TemplateModel, v: CfnValue): TextEdit {
  if (v.kind === 'scalar' && typeof v.value === 'string') return replaceScalarIn(model.source.format, v.node, 'false');
  return { span: v.span, newText: 'false' };
}
