// Property values: enums, required properties, numeric ranges (TimeoutInMillis, authorizer TTL), documented length
// limits and name patterns of ApiGatewayV2 resources (gateway-spec §8, §10). Literal values only; intrinsics are unknown. Pure.
import { asMap, getProp, type CfnMap, type CfnValue } from '../model/cfnValue';
import type { ApiNode, GraphNode, Protocol } from '../model/apigw';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import { replaceScalarIn } from '../edits';
import type { Check, Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { closestUnique, literal, rawText, scalarSpan } from './util';

export const invalidEnumValue: Rule = {
  id: 'apigw/invalid-enum-value',
  severity: 'error',
  title: 'A property that takes one of a fixed set of values (ProtocolType, IntegrationType, AuthorizationType, …) has another value.',
};

export const missingRequiredProperty: Rule = {
  id: 'apigw/missing-required-property',
  severity: 'error',
  title: 'A property CloudFormation requires for this ApiGatewayV2 resource is missing.',
};

export const valueOutOfRange: Rule = {
  id: 'apigw/value-out-of-range',
  severity: 'error',
  title: 'A number outside its documented range (TimeoutInMillis 50–29000 on WebSocket, 50–30000 on HTTP; AuthorizerResultTtlInSeconds 0–3600).',
};

export const lengthLimit: Rule = {
  id: 'apigw/length-limit',
  severity: 'error',
  title: 'A string longer than the API Gateway API model allows (names 128, Description 1024, IntegrationUri 2048, …).',
};

export const invalidName: Rule = {
  id: 'apigw/invalid-name',
  severity: 'error',
  title: 'A StageName, Model Name, or stage variable name or value with characters API Gateway does not allow.',
};

export const apiQuota: Rule = {
  id: 'apigw/api-quota',
  severity: 'warning',
  title: 'An Api with more routes, integrations (300), stages or authorizers (10) than the default API Gateway quotas allow.',
};

/** Allowed values per resource kind and property path (gateway-spec §8, from the service API model). */
/** Exported for the test that keeps it in step with language/resourceFacts.ts (completion and hover read those). */
export const ENUMS: readonly { kind: GraphNode['kind']; path: readonly string[]; values: readonly string[]; protocol?: Protocol }[] = [
  { kind: 'Api', path: ['ProtocolType'], values: ['WEBSOCKET', 'HTTP'] },
  { kind: 'Api', path: ['IpAddressType'], values: ['ipv4', 'dualstack'] },
  { kind: 'Integration', path: ['IntegrationType'], values: ['AWS', 'HTTP', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY'] },
  { kind: 'Integration', path: ['PassthroughBehavior'], values: ['WHEN_NO_MATCH', 'NEVER', 'WHEN_NO_TEMPLATES'] },
  { kind: 'Integration', path: ['ContentHandlingStrategy'], values: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] },
  { kind: 'Integration', path: ['ConnectionType'], values: ['INTERNET', 'VPC_LINK'] },
  { kind: 'IntegrationResponse', path: ['ContentHandlingStrategy'], values: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] },
  { kind: 'Route', path: ['AuthorizationType'], values: ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'] },
  { kind: 'Authorizer', path: ['AuthorizerType'], values: ['REQUEST', 'JWT'] },
  { kind: 'Stage', path: ['DefaultRouteSettings', 'LoggingLevel'], values: ['ERROR', 'INFO', 'OFF'] },
  { kind: 'Stage', path: ['RouteSettings', '*', 'LoggingLevel'], values: ['ERROR', 'INFO', 'OFF'] },
];

/** Required properties per kind (CloudFormation reference), with the conditions under which they are not required. */
const REQUIRED: Readonly<Record<string, readonly { name: string; unless?: (props: CfnMap | undefined) => boolean }[]>> = {
  Api: [
    { name: 'Name', unless: (p) => has(p, 'Body') || has(p, 'BodyS3Location') },
    { name: 'ProtocolType', unless: (p) => has(p, 'Body') || has(p, 'BodyS3Location') },
  ],
  Route: [{ name: 'ApiId' }, { name: 'RouteKey' }],
  RouteResponse: [{ name: 'ApiId' }, { name: 'RouteId' }, { name: 'RouteResponseKey' }],
  Integration: [{ name: 'ApiId' }, { name: 'IntegrationType' }],
  IntegrationResponse: [{ name: 'ApiId' }, { name: 'IntegrationId' }, { name: 'IntegrationResponseKey' }],
  Stage: [{ name: 'ApiId' }, { name: 'StageName' }],
  Deployment: [{ name: 'ApiId' }],
  Model: [{ name: 'ApiId' }, { name: 'Name' }, { name: 'Schema' }],
  Authorizer: [{ name: 'ApiId' }, { name: 'AuthorizerType' }, { name: 'Name' }],
};

/** Documented string length limits [APIMODEL] (gateway-spec §10). */
const LENGTHS: readonly { kind: GraphNode['kind']; name: string; max: number }[] = [
  { kind: 'Api', name: 'Name', max: 128 },
  { kind: 'Api', name: 'Description', max: 1024 },
  { kind: 'Api', name: 'Version', max: 64 },
  { kind: 'Route', name: 'Target', max: 128 },
  { kind: 'Route', name: 'OperationName', max: 64 },
  { kind: 'Integration', name: 'Description', max: 1024 },
  { kind: 'Integration', name: 'IntegrationUri', max: 2048 },
  { kind: 'Integration', name: 'IntegrationMethod', max: 64 },
  { kind: 'Integration', name: 'IntegrationSubtype', max: 128 },
  { kind: 'Integration', name: 'PayloadFormatVersion', max: 64 },
  { kind: 'Stage', name: 'StageName', max: 128 },
  { kind: 'Stage', name: 'Description', max: 1024 },
  { kind: 'Deployment', name: 'Description', max: 1024 },
  { kind: 'Model', name: 'Name', max: 128 },
  { kind: 'Model', name: 'Description', max: 1024 },
  { kind: 'Model', name: 'Schema', max: 32768 },
  { kind: 'Authorizer', name: 'Name', max: 128 },
];

const STAGE_VARIABLE_MAX = 2048;
/** Access log format limit: 3 KB (gateway-spec §10). */
const ACCESS_LOG_FORMAT_MAX_BYTES = 3 * 1024;
/** Default per-Api quotas (gateway-spec §10): routes and integrations are adjustable, stages and authorizers are not. */
const QUOTAS: readonly { what: 'routes' | 'integrations' | 'stages' | 'authorizers'; max: number; adjustable: boolean }[] = [
  { what: 'routes', max: 300, adjustable: true },
  { what: 'integrations', max: 300, adjustable: true },
  { what: 'stages', max: 10, adjustable: false },
  { what: 'authorizers', max: 10, adjustable: false },
];

export const valuesCheck: Check = {
  name: 'values',
  rules: [invalidEnumValue, missingRequiredProperty, valueOutOfRange, lengthLimit, invalidName, apiQuota],
  run(model, emit) {
    const nodes = [...model.apigw.byLogicalId.values()].filter((n) => !(n.kind === 'Api' && n.external));
    for (const n of nodes) {
      // Reads the resource's own block, and the protocol of its Api (authorizers).
      perResource(n.resource, 'values', n.kind === 'Authorizer' ? `${n.api?.protocol}` : '', emit, (e) => {
        checkRequired(n, e);
        checkEnums(model, n, e);
        checkLengths(model, n, e);
      });
    }
    for (const integ of model.apigw.integrations) checkTimeout(model, integ.props, integ.api?.protocol, emit);
    for (const a of model.apigw.authorizers) checkRange(model, getProp(a.props, 'AuthorizerResultTtlInSeconds'), 0, 3600, 'AuthorizerResultTtlInSeconds', 'seconds (0 turns caching off)', emit);
    for (const s of model.apigw.stages) checkStage(model, s.props, emit);
    for (const m of model.apigw.models) checkModelName(model, m.props, emit);
    for (const api of model.apigw.apis) checkQuotas(api, emit);
  },
};

function has(props: CfnMap | undefined, name: string): boolean {
  return getProp(props, name) !== undefined;
}

function checkRequired(n: GraphNode, emit: Emit): void {
  const required = REQUIRED[n.kind];
  const written = getProp(n.resource.body, 'Properties');
  // Properties built by an intrinsic (Fn::If, Fn::Transform) or extended by an AWS::Include transform are unknown.
  if (!required || (written && written.kind !== 'map') || has(n.props, 'Fn::Transform')) return;
  const missing = required.filter((r) => !has(n.props, r.name) && !r.unless?.(n.props)).map((r) => r.name);
  // HTTP API Lambda (REQUEST) authorizers also need AuthorizerPayloadFormatVersion; JWT authorizers a JwtConfiguration.
  // (JWT on a WebSocket API is reported by apigw/jwt-on-websocket instead.)
  if (n.kind === 'Authorizer') {
    const authorizerType = literal(getProp(n.props, 'AuthorizerType'))?.text;
    const protocol = n.api?.protocol;
    if (authorizerType === 'REQUEST' && protocol === 'HTTP' && !has(n.props, 'AuthorizerPayloadFormatVersion')) missing.push('AuthorizerPayloadFormatVersion');
    if (authorizerType === 'JWT' && protocol !== 'WEBSOCKET' && !has(n.props, 'JwtConfiguration')) missing.push('JwtConfiguration');
  }
  if (missing.length === 0) return;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  emit(missingRequiredProperty, n.resource.typeSpan ?? n.resource.keySpan, `${n.logicalId} (AWS::ApiGatewayV2::${n.kind}) is missing ${list}, which CloudFormation requires${missing.length > 1 ? '' : ' for this resource'}: the stack fails with a validation error. Add ${missing.length > 1 ? 'them' : 'it'} under Properties.`);
}

/** Values at a property path (`*` = every entry of a map). */
function valuesAt(props: CfnMap | undefined, path: readonly string[]): CfnValue[] {
  let current: CfnValue[] = props ? [props] : [];
  for (const step of path) {
    const next: CfnValue[] = [];
    for (const v of current) {
      if (v.kind !== 'map') continue;
      if (step === '*') for (const e of v.entries) e.value && next.push(e.value);
      else {
        const p = getProp(v, step);
        if (p) next.push(p);
      }
    }
    current = next;
  }
  return current;
}

function checkEnums(model: TemplateModel, n: GraphNode, emit: Emit): void {
  for (const e of ENUMS) {
    if (e.kind !== n.kind) continue;
    for (const v of valuesAt(n.props, e.path).flatMap(literalBranches)) {
      if (e.values.includes(v.text)) continue;
      const best = enumSuggestion(v.text, e.values);
      const fixes: QuickFix[] = best ? [{ title: `Change to \`${best}\``, edits: [replaceScalarIn(model.source.format, v.node, best)], preferred: true }] : [];
      const name = e.path[e.path.length - 1];
      emit(invalidEnumValue, scalarSpan(model.text, v.node), `${name} "${v.text}" is not a valid value: use one of ${e.values.join(', ')} (values are case-sensitive).${best ? ` Did you mean \`${best}\`?` : ''}`, { fixes });
    }
  }
}

/** A value differing only in case, or a longer word with a typo (never a short, possibly different value such as IPv6 → ipv4). */
function enumSuggestion(text: string, values: readonly string[]): string | undefined {
  const ci = values.find((x) => x.toLowerCase() === text.toLowerCase());
  if (ci) return ci;
  return text.length >= 6 ? closestUnique(text, values) : undefined;
}

/** The literal values a property can take: the value itself, or each literal branch of an `Fn::If` (nested too). */
function literalBranches(v: CfnValue): NonNullable<ReturnType<typeof literal>>[] {
  if (v.kind === 'intrinsic' && v.fn === 'Fn::If' && v.arg?.kind === 'list' && v.arg.items.length === 3) {
    return v.arg.items.slice(1).flatMap(literalBranches);
  }
  const l = literal(v);
  return l ? [l] : [];
}

function checkLengths(model: TemplateModel, n: GraphNode, emit: Emit): void {
  for (const l of LENGTHS) {
    if (l.kind !== n.kind) continue;
    const value = getProp(n.props, l.name);
    const v = value?.kind === 'scalar' && value.value !== null ? value : undefined;
    if (!v) continue;
    const text = l.name === 'Schema' ? String(v.value) : rawText(model, v);
    // Only the maximum: CloudFormation drops some empty strings (CDK synthesizes `IntegrationUri: ""` for MOCK integrations).
    if (text.length <= l.max) continue;
    emit(lengthLimit, scalarSpan(model.text, v.node), `${l.name} of ${n.logicalId} has ${text.length} characters; API Gateway allows at most ${l.max}. Shorten it.`);
  }
}

function checkTimeout(model: TemplateModel, props: CfnMap | undefined, protocol: Protocol | undefined, emit: Emit): void {
  const max = protocol === 'WEBSOCKET' ? 29000 : protocol === 'HTTP' ? 30000 : undefined;
  if (max === undefined) return;
  checkRange(model, getProp(props, 'TimeoutInMillis'), 50, max, 'TimeoutInMillis', `milliseconds on ${protocol === 'HTTP' ? 'HTTP' : 'WebSocket'} APIs`, emit);
}

function checkRange(model: TemplateModel, value: CfnValue | undefined, min: number, max: number, name: string, unit: string, emit: Emit): void {
  const v = literal(value);
  if (!v) return;
  const n = Number(v.text);
  if (v.text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) return;
  const clamp = Number.isInteger(n) ? (n < min ? min : max) : undefined;
  const fixes: QuickFix[] = [];
  if (clamp !== undefined) {
    const edit = typeof v.scalar.value === 'number' ? { span: v.node.span, newText: String(clamp) } : replaceScalarIn(model.source.format, v.node, String(clamp));
    fixes.push({ title: `Change to ${clamp}`, edits: [edit], preferred: true });
  }
  const what = Number.isInteger(n) ? `${v.text} is out of range` : `"${v.text}" is not a whole number`;
  emit(valueOutOfRange, scalarSpan(model.text, v.node), `${name} ${what}: it must be an integer from ${min} to ${max} ${unit}.${clamp !== undefined ? ` Use ${clamp}.` : ''}`, { fixes });
}

function checkStage(model: TemplateModel, props: CfnMap | undefined, emit: Emit): void {
  const name = literal(getProp(props, 'StageName'));
  if (name && name.text !== '$default' && name.text.length > 0 && !/^[A-Za-z0-9_-]+$/.test(name.text)) {
    emit(invalidName, scalarSpan(model.text, name.node), `StageName "${name.text}" may only contain letters, digits, \`-\` and \`_\` (or be exactly \`$default\`). Rename the stage, for example to \`${name.text.replace(/[^A-Za-z0-9_-]/g, '-')}\`.`);
  }
  const format = literal(getProp(asMap(getProp(props, 'AccessLogSettings')), 'Format'));
  if (format && utf8Length(format.text) > ACCESS_LOG_FORMAT_MAX_BYTES) {
    emit(lengthLimit, scalarSpan(model.text, format.node), `The access log Format has ${utf8Length(format.text)} bytes; API Gateway allows at most ${ACCESS_LOG_FORMAT_MAX_BYTES} (3 KB). Shorten it: log fewer $context variables.`);
  }
  const vars = getProp(props, 'StageVariables');
  if (vars?.kind !== 'map') return;
  for (const e of vars.entries) {
    if (!/^[A-Za-z0-9_]+$/.test(e.key)) {
      emit(invalidName, e.keyNode.span, `Stage variable name "${e.key}" may only contain letters, digits and \`_\`. Rename it, for example to \`${e.key.replace(/[^A-Za-z0-9_]/g, '_')}\`, and update the \`$stageVariables\` references.`);
    }
    const v = literal(e.value);
    if (!v) continue;
    if (v.text.length > STAGE_VARIABLE_MAX) {
      emit(lengthLimit, scalarSpan(model.text, v.node), `Stage variable ${e.key} has ${v.text.length} characters; API Gateway allows at most ${STAGE_VARIABLE_MAX}. Shorten it.`);
    } else if (!/^[A-Za-z0-9\-._~:/?#&=,]+$/.test(v.text)) {
      emit(invalidName, scalarSpan(model.text, v.node), `The value of stage variable ${e.key} may only contain letters, digits and \`-._~:/?#&=,\` (no spaces, no other punctuation), and must not be empty. Encode or drop the other characters.`);
    }
  }
}

/** UTF-8 length of a string (the access log limit is in bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function checkQuotas(api: ApiNode, emit: Emit): void {
  for (const q of QUOTAS) {
    const count = api[q.what].filter((n) => !n.maybe).length;
    if (count <= q.max) continue;
    const advice = q.adjustable ? 'Request a quota increase before deploying, or split the API.' : 'This quota cannot be raised: split the API or remove some.';
    emit(apiQuota, api.resource.keySpan, `Api ${api.logicalId} has ${count} ${q.what}; the default API Gateway quota is ${q.max} per API. ${advice}`);
  }
}

function checkModelName(model: TemplateModel, props: CfnMap | undefined, emit: Emit): void {
  const name = literal(getProp(props, 'Name'));
  if (!name || name.text.length === 0 || /^[A-Za-z0-9]+$/.test(name.text)) return;
  emit(invalidName, scalarSpan(model.text, name.node), `Model Name "${name.text}" must be alphanumeric (letters and digits only). Rename it, for example to \`${name.text.replace(/[^A-Za-z0-9]/g, '') || 'MyModel'}\`, and update the RequestModels/ResponseModels that name it.`);
}
