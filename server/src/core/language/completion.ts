// Completion proposals for ApiGatewayV2 templates: property names, enum values, logical ids, keys, selection expressions and VTL. Pure.
import type { TemplateModel } from '../model/template';
import type { ApiNode, GraphNode, IntegrationNode, RouteNode } from '../model/apigw';
import { asMap, getProp, scalarString } from '../model/cfnValue';
import type { ScalarStyle } from '../sourceNode';
import type { Span } from '../span';
import { expressionKindOf, selectionFactsFor, sourceFacts, type ExpressionKind, type KnownSource } from '../expressions/selectionFacts';
import { parseSelectionExpression } from '../expressions/selection';
import { matchesWhole } from '../javaRegex';
import { cursorContext, type CursorContext, type ScalarAt } from './context';
import { attributesOf, propertiesAt, propertyFact, propertyMarkdown, RESOURCE_FACTS, type PropertyFact, type RefKind } from './resourceFacts';
import { proposal, type Piece, type Proposal, type ProposalSpec } from './proposal';
import { apiMessages, requestPaths, responsePaths, valuesAt, type LanguageData } from './samples';
import { siteOf, type Site } from './site';
import { CONTEXT_CHILDREN, DIRECTIVES, INPUT_MEMBERS, UTIL_MEMBERS, WS_CONTEXT } from './vtlFacts';

/** What completion and hover work on: the current text and model, the last model that parsed, and outside data. */
export interface LanguageInput {
  readonly model: TemplateModel;
  /** The last model of this document that was a template (used when the current text does not parse at the cursor). */
  readonly fallback?: TemplateModel;
  readonly data?: LanguageData;
}

/** Proposals at `offset`; empty when nothing fits. Never throws on user input. */
export function complete(input: LanguageInput, offset: number): Proposal[] {
  const { model } = input;
  const ctx = cursorContext(model.text, model.source.root, model.source.format, offset, model.source.problems);
  if (!ctx) return [];
  const site = siteOf(ctx, model, input.fallback);
  const data = input.data ?? {};
  if (ctx.position === 'key') return keyProposals(site, data).filter(covers(offset));
  const values = valueProposals(site, data);
  if (ctx.scalar?.bare) return values.map(quoted).filter(covers(offset));
  return (ctx.flow && ctx.scalar?.style === 'plain' ? values.map(flowSafe) : values).filter(covers(offset));
}

/**
 * Editors require the replaced range to contain the cursor. It does not when the cursor sits where no value character
 * is (the indentation of a block scalar's line, inside an escape, after a lone CR that editors read as a line break):
 * nothing can be completed there.
 */
const covers = (offset: number) => (p: Proposal): boolean => p.span.start <= offset && offset <= p.span.end;

/** A plain YAML value inside a flow collection ends at `,[]{}`, `: ` and ` #`: such text is inserted in single quotes. */
function flowSafe(p: Proposal): Proposal {
  if (p.snippet || !/[,[\]{}]|:(\s|$)|\s#|^[!&*'"%@`|>?-]/.test(p.insertText) || /^!(Ref|Sub|GetAtt) /.test(p.insertText)) return p;
  const insertText = `'${p.insertText.replace(/'/g, "''")}'`;
  return { ...p, insertText, filterText: insertText };
}

/** A JSON value proposal where no string literal is written yet: it brings its quotes (booleans stay bare). */
function quoted(p: Proposal): Proposal {
  if ((p.kind === 'enum' && (p.label === 'true' || p.label === 'false')) || p.insertText.startsWith('{')) return p;
  return { ...p, insertText: `"${p.insertText}"`, filterText: `"${p.filterText}"` };
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

const RESOURCE_KEYS: readonly { name: string; block: boolean; doc: string }[] = [
  { name: 'Type', block: false, doc: 'The resource type, e.g. `AWS::ApiGatewayV2::Route`.' },
  { name: 'Properties', block: true, doc: 'The resource\'s properties.' },
  { name: 'DependsOn', block: false, doc: 'Logical ids CloudFormation must create first (a Deployment needs its Routes).' },
  { name: 'Condition', block: false, doc: 'Creates the resource only when this condition holds.' },
  { name: 'DeletionPolicy', block: false, doc: '`Delete`, `Retain` or `Snapshot` when the resource is removed.' },
  { name: 'UpdateReplacePolicy', block: false, doc: 'What happens to the old resource when an update replaces it.' },
  { name: 'Metadata', block: true, doc: 'Free-form data attached to the resource.' },
];

function keyProposals(site: Site, data: LanguageData): Proposal[] {
  const { ctx } = site;
  if (site.logicalId === undefined) return [];
  if (site.rel.length === 0) {
    return RESOURCE_KEYS.filter((k) => !ctx.siblings.includes(k.name)).map((k, i) => keyProposal(ctx, k.name, k.block ? 'object' : 'string', { kind: 'property', documentation: k.doc, rank: i }));
  }
  if (!site.propPath) return [];
  const special = specialKeys(site, data);
  if (special) return special.filter((k) => !ctx.siblings.includes(k.label)).map((k) => keyProposal(ctx, k.label, 'string', k));
  const props = propertiesAt(site.type, site.propPath);
  if (!props) return [];
  return props
    .filter((p) => !ctx.siblings.includes(p.name) && (!site.protocol || p.applies === 'both' || p.applies === site.protocol))
    .map((p) => keyProposal(ctx, p.name, p.shape, { kind: 'property', detail: p.required === true ? 'required' : p.shape, documentation: propertyMarkdown(site.type ?? '', p), rank: p.required === true ? 1 : p.required ? 2 : 3 }));
}

/** A key proposal written for the format: YAML `Name: ` (or a nested block), JSON `"Name": `. */
function keyProposal(ctx: CursorContext, name: string, shape: PropertyFact['shape'], spec: Omit<ProposalSpec, 'label' | 'pieces'>): Proposal {
  const block = shape === 'object' || shape === 'map' || shape === 'json';
  let pieces: Piece[];
  const yamlKey = /^[A-Za-z$/_][\w$/.\-{}+]*$/.test(name) && !/^\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  if (ctx.word.quoted) pieces = [name];
  else if (ctx.word.hasColon) pieces = [ctx.format === 'json' ? `"${name}"` : yamlKey];
  else if (ctx.word.unclosed) pieces = [`${name}": `];
  else if (ctx.flow) pieces = [`${yamlKey}: `, ...(block ? ['{ ', { stop: 0 }, ' }'] : shape === 'list' ? ['[', { stop: 0 }, ']'] : [])];
  else if (ctx.format === 'json') pieces = [`"${name}": `, ...(block ? ['{', { stop: 0 }, '}'] : shape === 'list' ? ['[', { stop: 0 }, ']'] : shape === 'string' ? ['"', { stop: 0 }, '"'] : [])];
  else {
    pieces = block ? [`${yamlKey}:\n${ctx.word.indent}  `, { stop: 0 }] : shape === 'list' ? [`${yamlKey}:\n${ctx.word.indent}  - `, { stop: 0 }] : [`${yamlKey}: `];
  }
  return { ...proposal({ ...spec, label: name, pieces }, ctx.word.span, 'plain'), filterText: name };
}

/** Keys of mappings whose keys are data: template keys, model keys, route-settings keys. */
function specialKeys(site: Site, data: LanguageData): ProposalSpec[] | undefined {
  const path = site.propPath ?? [];
  if (path.length !== 1) return undefined;
  const [prop] = path;
  const node = site.node;
  if (node?.kind === 'Integration' && prop === 'RequestTemplates') return templateKeys(getProp(node.props, 'TemplateSelectionExpression'), node.routes, undefined, data);
  if (node?.kind === 'IntegrationResponse' && prop === 'ResponseTemplates') return templateKeys(getProp(node.props, 'TemplateSelectionExpression'), node.integration?.routes ?? [], node.key, data);
  if (node?.kind === 'Route' && prop === 'RequestModels') return templateKeys(getProp(node.props, 'ModelSelectionExpression'), [node], undefined, data);
  if (node?.kind === 'Stage' && prop === 'RouteSettings') return (node.api?.routes ?? []).flatMap((r) => (r.routeKey ? [{ label: r.routeKey, kind: 'key' as const, detail: `route ${r.logicalId}` }] : []));
  return undefined;
}

const COMMON_STATUS = ['200', '201', '202', '204', '301', '302', '400', '401', '403', '404', '409', '415', '429', '500', '502', '503', '504'];

/** Keys a template/model selection expression can produce, plus `$default`. */
function templateKeys(tse: ReturnType<typeof getProp>, routes: readonly RouteNode[], irKey: string | undefined, data: LanguageData): ProposalSpec[] {
  const out: ProposalSpec[] = [{ label: '$default', kind: 'key', detail: 'catch-all', documentation: 'Used when the selection expression\'s value matches no other key (or there is no expression).', rank: 0 }];
  const text = scalarString(tse);
  if (text === undefined) {
    out.push({ label: 'application/json', kind: 'key', detail: 'content type', documentation: 'Without a selection expression a content-type key such as `application/json` may be selected.', rank: 1 });
    return out;
  }
  const parsed = parseSelectionExpression(text, 'IntegrationResponseTemplateSelectionExpression', 'WEBSOCKET');
  const vars = parsed.parts.filter((p) => p.kind === 'variable');
  if (vars.length !== 1 || parsed.parts.length !== 1) return out;
  const v = vars[0];
  if (v?.kind !== 'variable') return out;
  if (v.source === 'integration.response.statuscode') {
    const regex = irKey && /^\/.*\/$/s.test(irKey) ? irKey.slice(1, -1) : undefined;
    for (const code of COMMON_STATUS) if (!regex || matchesWhole(regex, code)) out.push({ label: code, kind: 'key', detail: 'status code', rank: 2 });
  } else if (v.source === 'request.body' && v.path.length) {
    for (const value of valuesAt(routes, v.path, data)) out.push({ label: value, kind: 'key', detail: `${v.raw} value`, rank: 2 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

function valueProposals(site: Site, data: LanguageData): Proposal[] {
  const { ctx } = site;
  const scalar = ctx.scalar;
  if (!scalar || site.logicalId === undefined) return [];
  const rel = site.rel;
  if (rel.length === 1 && rel[0] === 'Type') return typeProposals(scalar);
  if (rel[0] === 'DependsOn') return idProposals(site, scalar, undefined, 'plain');
  if (rel.length === 1 && rel[0] === 'Condition') return [...site.model.conditions.keys()].map((c) => proposal({ label: c, kind: 'reference' }, wordSpan(scalar, /[\w]/), scalar.style));
  if (!site.propPath || site.propPath.length === 0) return [];
  const path = site.propPath;
  const fact = propertyFact(site.type, path);
  if (site.fn) return intrinsicProposals(site, scalar, fact);
  const [prop] = path;
  const node = site.node;
  if (path.length === 2 && node?.kind === 'Integration' && prop === 'RequestTemplates') return vtlProposals(site, scalar, node, 'request', data);
  if (path.length === 2 && node?.kind === 'IntegrationResponse' && prop === 'ResponseTemplates') return vtlProposals(site, scalar, node.integration, 'response', data);
  if (path.length === 2 && node?.kind === 'Route' && prop === 'RequestModels') return (node.api?.models ?? []).flatMap((m) => (m.name ? [proposal({ label: m.name, kind: 'reference', detail: `Model ${m.logicalId}` }, wordSpan(scalar, /\w/), scalar.style)] : []));
  if (!fact) return [];
  if (fact.values && path.length > 1) return enumProposals(site, scalar, fact);
  if (path.length !== 1) return [];
  const kind = site.type ? expressionKindOf(site.type, fact.name) : undefined;
  if (kind) return selectionProposals(site, scalar, kind, data);
  if (fact.name === 'RouteKey' && node?.kind === 'Route') return routeKeyProposals(scalar, node, data);
  if (fact.name === 'IntegrationResponseKey') return irKeyProposals(scalar);
  if (fact.name === 'Target' && node?.kind === 'Route') return targetProposals(site, scalar);
  if (fact.ref) return refValueProposals(site, scalar, fact.ref);
  return enumProposals(site, scalar, fact);
}

/** Enum values (or true/false) of a property, replacing the whole value. */
function enumProposals(site: Site, scalar: ScalarAt, fact: PropertyFact): Proposal[] {
  if (fact.values) return fact.values.map((v) => proposal({ label: v, kind: 'enum', documentation: propertyMarkdown(site.type ?? '', fact) }, wholeSpan(scalar), scalar.style));
  if (fact.shape === 'boolean') return ['true', 'false'].map((v) => proposal({ label: v, kind: 'enum' }, wholeSpan(scalar), scalar.style));
  return [];
}

/** The span of the value characters around the cursor matching `re`, in source offsets. */
function wordSpan(scalar: ScalarAt, re: RegExp): Span {
  let a = scalar.cursor;
  let b = scalar.cursor;
  while (a > 0 && re.test(scalar.value[a - 1] ?? '')) a--;
  while (b < scalar.value.length && re.test(scalar.value[b] ?? '')) b++;
  return { start: scalar.toSource(a), end: scalar.toSource(b) };
}

/** The value's line holding the cursor (a one-line value is replaced entirely by an enum choice). */
function wholeSpan(scalar: ScalarAt): Span {
  const start = scalar.value.lastIndexOf('\n', scalar.cursor - 1) + 1;
  const nl = scalar.value.indexOf('\n', scalar.cursor);
  return { start: scalar.toSource(start), end: scalar.toSource(nl < 0 ? scalar.value.length : nl) };
}

function typeProposals(scalar: ScalarAt): Proposal[] {
  return RESOURCE_FACTS.map((f) => proposal({ label: f.type, kind: 'type', documentation: f.doc }, wordSpan(scalar, /[\w:]/), scalar.style));
}

const KIND_TYPES: Readonly<Record<RefKind, readonly string[]>> = {
  Api: ['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi', 'AWS::Serverless::WebSocketApi'],
  Route: ['AWS::ApiGatewayV2::Route'],
  Integration: ['AWS::ApiGatewayV2::Integration'],
  Deployment: ['AWS::ApiGatewayV2::Deployment'],
  Authorizer: ['AWS::ApiGatewayV2::Authorizer'],
  DomainName: ['AWS::ApiGatewayV2::DomainName'],
  Stage: ['AWS::ApiGatewayV2::Stage'],
  VpcLink: ['AWS::ApiGatewayV2::VpcLink'],
};

/** Logical ids, of `kind` when given (same Api first), with how each is inserted. */
function idProposals(site: Site, scalar: ScalarAt, kind: RefKind | undefined, form: 'plain' | 'ref' | 'json-ref' | 'getatt', attrs = false): Proposal[] {
  const model = site.model;
  const types = kind ? KIND_TYPES[kind] : undefined;
  const out: Proposal[] = [];
  const span = wordSpan(scalar, attrs ? /[\w.]/ : /\w/);
  for (const r of model.resources) {
    if (r.logicalId === site.logicalId) continue;
    if (types && !(r.type && types.includes(r.type))) continue;
    const node = model.apigw.byLogicalId.get(r.logicalId);
    const sameApi = site.api && node && apiOf(node) === site.api;
    const rank = sameApi ? 1 : 3;
    const detail = r.type ?? 'resource';
    if (attrs) {
      for (const a of attributesOf(r.type)) out.push(proposal({ label: `${r.logicalId}.${a}`, kind: 'reference', detail, rank }, span, scalar.style));
      continue;
    }
    const label = r.logicalId;
    const pieces = form === 'ref' ? [`!Ref ${label}`] : form === 'json-ref' ? [`{"Ref": "${label}"}`] : [label];
    out.push(proposal({ label, kind: 'reference', detail, rank, pieces }, span, scalar.style));
  }
  if (!kind && !attrs) for (const p of model.parameters.keys()) out.push(proposal({ label: p, kind: 'reference', detail: 'parameter', rank: 4 }, span, scalar.style));
  return out;
}

function apiOf(node: GraphNode): ApiNode | undefined {
  if (node.kind === 'Api') return node;
  return node.api ?? (node.kind === 'IntegrationResponse' ? node.integration?.api : node.kind === 'RouteResponse' ? node.route?.api : undefined);
}

/** A property that references another resource, with no intrinsic written yet: `!Ref Id` in YAML, `{"Ref": "Id"}` for a JSON value not yet written. */
function refValueProposals(site: Site, scalar: ScalarAt, kind: RefKind): Proposal[] {
  // A JSON object is inserted as written, not as string content.
  if (site.ctx.format === 'json') return scalar.bare ? idProposals(site, { ...scalar, style: 'plain' }, kind, 'json-ref') : [];
  return scalar.style === 'plain' ? idProposals(site, scalar, kind, 'ref') : [];
}

function intrinsicProposals(site: Site, scalar: ScalarAt, fact: PropertyFact | undefined): Proposal[] {
  switch (site.fn) {
    case 'Ref':
      // `Target: !Join ['', ['integrations/', !Ref ‸]]`: the joined id is an Integration's.
      return idProposals(site, scalar, fact?.ref ?? (site.propPath?.[0] === 'Target' && site.node?.kind === 'Route' ? 'Integration' : undefined), 'plain');
    case 'Fn::GetAtt':
      // `Fn::GetAtt: [Id, Attribute]`: ids in the first item, that resource's attributes in the second.
      if (site.fnArg === 0) return idProposals(site, scalar, fact?.ref, 'plain');
      if (site.fnArg === 1) return attributeProposals(site, scalar);
      return idProposals(site, scalar, fact?.ref, 'getatt', true);
    case 'Fn::Sub':
      return subProposals(site, scalar);
    default:
      return [];
  }
}

/** Attributes of the resource named in the first item of a list-form `Fn::GetAtt`. */
function attributeProposals(site: Site, scalar: ScalarAt): Proposal[] {
  const type = site.fnFirst === undefined ? undefined : site.model.resourceById.get(site.fnFirst)?.type;
  return attributesOf(type).map((a) => proposal({ label: a, kind: 'reference', detail: `${site.fnFirst} attribute` }, wordSpan(scalar, /\w/), scalar.style));
}

/** Inside a Sub string: logical ids after `${`; on a route Target the whole `integrations/${Id}`. */
function subProposals(site: Site, scalar: ScalarAt): Proposal[] {
  const before = scalar.value.slice(0, scalar.cursor);
  const open = /\$\{([\w.]*)$/.exec(before);
  if (open) {
    const target = site.propPath?.[0] === 'Target' ? 'Integration' : undefined;
    return idProposals(site, scalar, target, 'plain');
  }
  if (site.propPath?.[0] === 'Target') return integrationTargets(site, scalar, (id) => [`integrations/\${${id}}`]);
  return [];
}

function integrationTargets(site: Site, scalar: ScalarAt, pieces: (id: string) => Piece[]): Proposal[] {
  const integrations = site.model.apigw.integrations;
  const span = { start: scalar.toSource(0), end: scalar.toSource(scalar.value.length) };
  return integrations.map((i) => proposal({ label: `integrations/\${${i.logicalId}}`, kind: 'reference', detail: `${i.integrationType ?? 'Integration'} ${i.logicalId}`, rank: i.api === site.api ? 1 : 3, pieces: pieces(i.logicalId) }, span, scalar.style));
}

function targetProposals(site: Site, scalar: ScalarAt): Proposal[] {
  if (site.ctx.format === 'json') return scalar.bare ? integrationTargets(site, { ...scalar, style: 'plain' }, (id) => [`{"Fn::Sub": "integrations/\${${id}}"}`]) : [];
  return scalar.style === 'plain' ? integrationTargets(site, scalar, (id) => [`!Sub integrations/\${${id}}`]) : [];
}

const IR_KEYS: readonly { label: string; doc: string }[] = [
  { label: '$default', doc: 'Catch-all: used when no regex key matches. Non-proxy integrations need it.' },
  { label: '/2\\d\\d/', doc: 'Any 2xx status code.' },
  { label: '/4\\d\\d/', doc: 'Any 4xx status code.' },
  { label: '/5\\d\\d/', doc: 'Any 5xx status code.' },
];

function irKeyProposals(scalar: ScalarAt): Proposal[] {
  return IR_KEYS.map((k, i) => proposal({ label: k.label, kind: 'snippet', documentation: k.doc, rank: i }, wholeSpan(scalar), scalar.style));
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

function routeKeyProposals(scalar: ScalarAt, route: RouteNode, data: LanguageData): Proposal[] {
  const span = wholeSpan(scalar);
  const api = route.api;
  const taken = new Set((api?.routes ?? []).filter((r) => r !== route).map((r) => r.routeKey));
  const specs: ProposalSpec[] = [];
  if (api?.protocol === 'HTTP') {
    specs.push({ label: '$default', kind: 'keyword', documentation: 'Catches every request no other route matches.', rank: 0 });
    for (const m of HTTP_METHODS) specs.push({ label: `${m} /`, kind: 'snippet', pieces: [`${m} /`, { stop: 1, placeholder: 'path' }], rank: 2 });
    const paths = new Set((api.routes ?? []).map((r) => /^[A-Z]+\s+(\/\S*)$/.exec(r.routeKey ?? '')?.[1]).filter((p): p is string => Boolean(p)));
    for (const p of paths) for (const m of HTTP_METHODS) if (!taken.has(`${m} ${p}`)) specs.push({ label: `${m} ${p}`, kind: 'value', rank: 1 });
  } else {
    specs.push({ label: '$connect', kind: 'keyword', documentation: 'Runs while a client connects; can authorize and reject the connection.', rank: 0 });
    specs.push({ label: '$disconnect', kind: 'keyword', documentation: 'Runs after the connection closed (best effort); cannot answer.', rank: 0 });
    specs.push({ label: '$default', kind: 'keyword', documentation: 'Takes every message no other route key matches, and messages that are not JSON.', rank: 0 });
    for (const v of selectionFieldValues(api, data)) specs.push({ label: v, kind: 'value', detail: 'seen in messages', rank: 1 });
  }
  return specs.filter((s) => !taken.has(s.label)).map((s) => proposal(s, span, scalar.style));
}

/** Values the WebSocket RouteSelectionExpression field takes in saved messages and model enums. */
function selectionFieldValues(api: ApiNode | undefined, data: LanguageData): string[] {
  const rse = scalarString(getProp(api?.props, 'RouteSelectionExpression'));
  if (!api || !rse) return [];
  const parsed = parseSelectionExpression(rse, 'RouteSelectionExpression', 'WEBSOCKET');
  const v = parsed.parts.find((p) => p.kind === 'variable');
  if (v?.kind !== 'variable' || v.source !== 'request.body' || !v.path.length) return [];
  return valuesAt(api.routes, v.path, data, apiMessages(api, data));
}

// ---------------------------------------------------------------------------------------------------------------
// Selection expressions

/** The routes whose messages an expression reads. */
function routesFor(site: Site): RouteNode[] {
  const n = site.node;
  if (!n) return [];
  if (n.kind === 'Api') return n.routes;
  if (n.kind === 'Route') return [n];
  if (n.kind === 'Integration') return n.routes;
  if (n.kind === 'IntegrationResponse') return n.integration?.routes ?? [];
  return [];
}

const SOURCE_STARTERS: Readonly<Partial<Record<KnownSource, readonly Piece[]>>> = {
  'request.body': ['${request.body.', { stop: 1 }, '}'],
  'integration.response.statuscode': ['${integration.response.statuscode}'],
  'integration.response.header': ['${integration.response.header.', { stop: 1, placeholder: 'Content-Type' }, '}'],
  'integration.response.multivalueheader': ['${integration.response.multivalueheader.', { stop: 1, placeholder: 'Set-Cookie' }, '}'],
};

function selectionProposals(site: Site, scalar: ScalarAt, kind: ExpressionKind, data: LanguageData): Proposal[] {
  const protocol = site.protocol ?? 'WEBSOCKET';
  const facts = selectionFactsFor(kind, protocol);
  const before = scalar.value.slice(0, scalar.cursor);
  const style = scalar.style;
  if (facts.fixedValues) return facts.fixedValues.map((v) => proposal({ label: v, kind: 'value', documentation: facts.doc }, wholeSpan(scalar), style));
  const variable = /(\\?)\$(\{?)([A-Za-z0-9_.\-[\]'"*@]*)$/.exec(before);
  const tse = kind !== 'RouteSelectionExpression';
  if (variable && !variable[1]) {
    const braced = variable[2] === '{';
    const name = variable[3] ?? '';
    const bodyPath = /^request\.body(?:\.|(?=\[))(.*)$/.exec(name);
    if (bodyPath && facts.allowedSources.includes('request.body')) {
      const typed = bodyPath[1] ?? '';
      const after = /^[A-Za-z0-9_\-.[\]'"*@]*/.exec(scalar.value.slice(scalar.cursor))?.[0] ?? '';
      const span = { start: scalar.toSource(scalar.cursor - typed.length), end: scalar.toSource(scalar.cursor + after.length) };
      const close = braced && scalar.value[scalar.cursor + after.length] !== '}' ? '}' : '';
      return requestPaths(site.model, site.api, routesFor(site), data).map((p) => proposal({ label: p, kind: 'path', detail: 'request.body', pieces: [p + close] }, span, style));
    }
    // A source being typed after `$` / `${`.
    const start = scalar.cursor - name.length - (braced ? 2 : 1);
    const span = { start: scalar.toSource(start), end: scalar.toSource(scalar.cursor) };
    return facts.allowedSources.flatMap((src) => starter(src, braced)).map((s) => proposal(s, span, style));
  }
  if (variable?.[1] && tse) {
    const start = scalar.cursor - (variable[0]?.length ?? 0);
    return [proposal(defaultKey(), { start: scalar.toSource(start), end: scalar.toSource(scalar.cursor) }, style)];
  }
  // The token before the cursor: scanned backwards (the regex `[^\s}]*$` is quadratic on a long value without spaces).
  let tokenStart = before.length;
  while (tokenStart > 0 && !/[\s}]/.test(before[tokenStart - 1] as string)) tokenStart--;
  const span = { start: scalar.toSource(tokenStart), end: scalar.toSource(scalar.cursor) };
  const specs: ProposalSpec[] = facts.allowedSources.flatMap((src) => starter(src, true));
  if (facts.allowedSources.includes('request.body')) specs.unshift({ label: '$request.body.', kind: 'variable', documentation: sourceFacts('request.body').doc, rank: 1, retrigger: true });
  if (tse) specs.push(defaultKey());
  return specs.map((s) => proposal(s, span, style));
}

function starter(src: KnownSource, braced: boolean): ProposalSpec[] {
  const pieces = SOURCE_STARTERS[src];
  if (!pieces) return [];
  const doc = sourceFacts(src).doc;
  if (braced) return [{ label: src === 'request.body' ? '${request.body.}' : `\${${src}${src.endsWith('statuscode') ? '}' : '.}'}`, kind: 'variable', pieces, documentation: doc, rank: 2, retrigger: src === 'request.body' }];
  return [{ label: `$${src}${src.endsWith('statuscode') ? '' : '.'}`, kind: 'variable', documentation: doc, rank: 2, retrigger: src === 'request.body' }];
}

function defaultKey(): ProposalSpec {
  return { label: '\\$default', kind: 'keyword', documentation: 'The literal key `$default` (escaped so it is not read as a variable): always selects the `$default` entry.', rank: 3 };
}

// ---------------------------------------------------------------------------------------------------------------
// VTL mapping templates

function vtlProposals(site: Site, scalar: ScalarAt, integration: IntegrationNode | undefined, role: 'request' | 'response', data: LanguageData): Proposal[] {
  const before = scalar.value.slice(0, scalar.cursor);
  const style: ScalarStyle = scalar.style;
  const at = (a: number, b = scalar.cursor): Span => ({ start: scalar.toSource(a), end: scalar.toSource(b) });
  const routes = integration?.routes ?? [];
  const jsonPath = /\$!?\{?input\.(?:path|json)\(\s*(['"])([^'"]*)$/.exec(before);
  if (jsonPath) {
    const typed = jsonPath[2] ?? '';
    const quote = jsonPath[1] ?? "'";
    const after = /^[^'"\s)]*/.exec(scalar.value.slice(scalar.cursor))?.[0] ?? '';
    // Half-typed `$input.json('$.` gets its closing quote and parenthesis.
    const close = scalar.value[scalar.cursor + after.length] === quote ? '' : `${quote})`;
    const paths = role === 'request' ? requestPaths(site.model, site.api, routes, data) : responsePaths(site.model, integration, data);
    const note = role === 'response' && integration?.integrationType === 'MOCK' ? 'A MOCK integration answers with an empty body: response templates cannot read the request here.' : undefined;
    const all = ['$', ...paths.map((p) => (p.startsWith('[') ? `$${p}` : `$.${p}`))];
    const span = at(scalar.cursor - typed.length, scalar.cursor + after.length);
    return all.map((p, i) => proposal({ label: p, kind: 'path', rank: i === 0 ? 1 : 2, pieces: [p + close], ...(note ? { documentation: note } : {}) }, span, style));
  }
  // A name completed in the middle of a word replaces the whole word; before an existing `(` only the name goes in.
  const rest = /^[A-Za-z0-9_]*/.exec(scalar.value.slice(scalar.cursor))?.[0] ?? '';
  const called = scalar.value[scalar.cursor + rest.length] === '(';
  const child = /\$!?\{?context\.([A-Za-z]+)\.([A-Za-z]*)$/.exec(before);
  if (child) {
    const names = CONTEXT_CHILDREN[child[1] ?? ''] ?? [];
    return names.map((n) => proposal({ label: n, kind: 'variable', detail: `$context.${child[1]}.${n}` }, at(scalar.cursor - (child[2] ?? '').length, scalar.cursor + rest.length), style));
  }
  const member = /\$!?\{?(input|util|context|stageVariables)\.([A-Za-z0-9_]*)$/.exec(before);
  if (member) {
    const span = at(scalar.cursor - (member[2] ?? '').length, scalar.cursor + rest.length);
    return memberProposals(member[1] ?? '', site, integration, role).map((s) => proposal(called ? { ...s, pieces: [s.label.replace(/\(.*$/, '')] } : s, span, style));
  }
  const root = /\$!?\{?([A-Za-z]*)$/.exec(before);
  if (root) {
    const span = at(scalar.cursor - (root[1] ?? '').length);
    return ROOTS.map((r) => proposal(r, span, style));
  }
  const directive = /(^|[^\\$\w])#\{?([a-z]*)$/.exec(before);
  if (directive) {
    const span = at(scalar.cursor - (directive[2] ?? '').length);
    return DIRECTIVES.map((d) => ({ ...proposal({ label: d.name, kind: 'keyword', documentation: d.doc, rank: 1 }, span, style), insertText: snippetFor(d.snippet, style), snippet: true }));
  }
  return [];
}

/** Directive snippets are written for plain text; quote/backslash escaping applies to their literal parts only. */
function snippetFor(snippet: string, style: ScalarStyle): string {
  if (style === 'plain' || style === 'literal' || style === 'folded') return snippet;
  if (style === 'single') return snippet.replace(/'/g, "''");
  return snippet.replace(/\n/g, '\\\\n').replace(/"/g, '\\"');
}

const ROOTS: readonly ProposalSpec[] = [
  { label: 'input', kind: 'variable', documentation: 'The payload: `$input.body`, `$input.json(\'$.x\')`, `$input.path(\'$.x\')`, `$input.params()`.', rank: 1 },
  { label: 'util', kind: 'variable', documentation: 'Six helper functions: escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode.', rank: 1 },
  { label: 'context', kind: 'variable', documentation: 'Facts about the request and connection: `$context.connectionId`, `$context.routeKey`, …', rank: 1 },
  { label: 'stageVariables', kind: 'variable', documentation: 'Variables of the stage serving the request.', rank: 1 },
];

function memberProposals(root: string, site: Site, integration: IntegrationNode | undefined, role: 'request' | 'response'): ProposalSpec[] {
  switch (root) {
    case 'input': {
      const connect = role === 'request' && (integration?.routes ?? []).some((r) => r.routeKey === '$connect');
      return INPUT_MEMBERS.filter((m) => m.name !== 'params' || connect).flatMap((m) => inputMember(m.name, m.signature, m.doc));
    }
    case 'util':
      return UTIL_MEMBERS.map((m) => ({ label: m.name, kind: 'function' as const, detail: m.signature, documentation: m.doc, pieces: [`${m.name}(`, { stop: 1 }, ')'] }));
    case 'context':
      return site.protocol === 'HTTP' ? [] : WS_CONTEXT.map((c) => ({ label: c.name, kind: 'variable' as const, documentation: c.doc, rank: c.loggingOnly ? 4 : 1, ...(CONTEXT_CHILDREN[c.name] ? { pieces: [`${c.name}.`], retrigger: true } : {}) }));
    case 'stageVariables': {
      const names = new Set<string>();
      for (const s of site.api?.stages ?? []) for (const e of asMap(getProp(s.props, 'StageVariables'))?.entries ?? []) names.add(e.key);
      return [...names].map((n) => ({ label: n, kind: 'variable' as const, detail: 'stage variable' }));
    }
    default:
      return [];
  }
}

function inputMember(name: string, signature: string, doc: string): ProposalSpec[] {
  switch (name) {
    case 'body':
      return [{ label: 'body', kind: 'variable', detail: signature, documentation: doc }];
    case 'params':
      return [
        { label: 'params()', kind: 'function', detail: 'all parameters', documentation: doc, pieces: ['params()'] },
        { label: "params('name')", kind: 'function', detail: 'one parameter', documentation: doc, pieces: ["params('", { stop: 1, placeholder: 'name' }, "')"] },
      ];
    default:
      return [{ label: `${name}('$.')`, kind: 'function', detail: signature, documentation: doc, pieces: [`${name}('$.`, { stop: 1 }, "')"], retrigger: true }];
  }
}
