// Wiring: ApiId / RouteId / IntegrationId / AuthorizerId / DeploymentId / Target pointing to nothing or to the wrong type. Pure.
import type { Link } from '../model/apigw';
import { collectRefs } from '../model/cfnValue';
import type { Check, Emit, Rule } from './types';
import { logicalIdsToken, perResource } from './resourceMemo';
import { editDistance } from './util';
import { GATEWAY_VARIABLE_ROOTS } from './expressions';

export const danglingReference: Rule = {
  id: 'apigw/dangling-reference',
  severity: 'error',
  title: 'A Ref, GetAtt or Sub variable names a logical id that is not in the template.',
};

export const wrongReferenceType: Rule = {
  id: 'apigw/wrong-reference-type',
  severity: 'error',
  title: 'A wiring property (ApiId, RouteId, IntegrationId, Target, …) references a resource of the wrong type.',
};

const PSEUDO = /^AWS::/;

export const referencesCheck: Check = {
  name: 'references',
  rules: [danglingReference, wrongReferenceType],
  run(model, emit) {
    const g = model.apigw;
    const wiring = (l: Link<unknown> | undefined, prop: string, owner: string, expected: string) => report(emit, l, prop, owner, expected);
    for (const n of [...g.routes, ...g.integrations, ...g.integrationResponses, ...g.routeResponses, ...g.stages, ...g.deployments, ...g.models, ...g.authorizers]) {
      wiring(n.apiLink, 'ApiId', n.logicalId, 'AWS::ApiGatewayV2::Api');
    }
    for (const r of g.routes) {
      if (r.target?.link) wiring(r.target.link, 'Target', r.logicalId, 'AWS::ApiGatewayV2::Integration');
      wiring(r.authorizerLink, 'AuthorizerId', r.logicalId, 'AWS::ApiGatewayV2::Authorizer');
    }
    for (const ir of g.integrationResponses) wiring(ir.integrationLink, 'IntegrationId', ir.logicalId, 'AWS::ApiGatewayV2::Integration');
    for (const rr of g.routeResponses) wiring(rr.routeLink, 'RouteId', rr.logicalId, 'AWS::ApiGatewayV2::Route');
    for (const s of g.stages) wiring(s.deploymentLink, 'DeploymentId', s.logicalId, 'AWS::ApiGatewayV2::Deployment');

    // Any other Ref/GetAtt/Sub variable inside an ApiGatewayV2 resource that names nothing.
    // Reads the resource's own block and the template's logical ids (each reference's span lies in its own resource).
    const ids = logicalIdsToken(model);
    for (const n of g.byLogicalId.values()) {
      if (n.kind === 'Api' && n.external) continue;
      perResource(n.resource, 'dangling-references', ids, emit, (out) => {
        const reported = new Set<number>();
        for (const ref of collectRefs(n.resource.body, model.text)) {
          if (reported.has(ref.span.start) || PSEUDO.test(ref.logicalId)) continue;
          if (model.resourceById.has(ref.logicalId) || model.parameters.has(ref.logicalId)) continue;
          // `${request.body.x}` inside Fn::Sub is reported (with its fix) by apigw/sub-unescaped-variable.
          if (ref.via === 'Sub' && GATEWAY_VARIABLE_ROOTS.has(ref.logicalId)) continue;
          reported.add(ref.span.start);
          out(danglingReference, ref.span, `"${ref.logicalId}" is not a resource or parameter of this template. Check the spelling, or declare it under Resources or Parameters.`, closest(ref.logicalId, [...model.resourceById.keys(), ...model.parameters.keys()], ref.span));
        }
      });
    }
  },
};

function report(emit: Emit, l: Link<unknown> | undefined, prop: string, owner: string, expected: string): void {
  if (!l || !l.ref) return;
  if (l.status === 'wrong-type') {
    emit(wrongReferenceType, l.ref.span, `${prop} of ${owner} references ${l.ref.logicalId}, which is ${l.resource?.type ? `an ${l.resource.type}` : "another kind of resource"}; it must reference an ${expected}. Point it at the right resource.`);
  }
  // Dangling ids are reported once by the generic walk above.
}

function closest(id: string, candidates: string[], span: { start: number; end: number }) {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(id.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (!best || bestD > Math.max(2, Math.floor(id.length / 4))) return undefined;
  return { fixes: [{ title: `Change to ${best}`, edits: [{ span, newText: best }], preferred: true }] };
}
