// Hover for ApiGatewayV2 templates: property docs, resource docs, route pipelines, selection expressions evaluated on the
// route's last sample message, `$input`/`$util`/`$context` members and directives, and the status codes an IntegrationResponseKey matches. Pure.
import type { RouteNode } from '../model/apigw';
import { asMap, getProp, scalarString } from '../model/cfnValue';
import type { Span } from '../span';
import { expressionKindOf, selectionFactsFor, sourceFacts, type ExpressionKind, type KnownSource } from '../expressions/selectionFacts';
import { evaluateSelection, parseSelectionExpression, variableAt, type SelectionInputs } from '../expressions/selection';
import { httpRequestFor } from '../runTargets';
import { compileJavaRegex } from '../javaRegex';
import { analyzeVtl, type VtlSegment } from '../vtl';
import { integrationInfo } from '../checks/util';
import type { TemplateModel } from '../model/template';
import { cursorContext, type ScalarAt } from './context';
import type { LanguageInput } from './completion';
import { appliesText, propertyFact, propertyMarkdown, resourceFact } from './resourceFacts';
import { lastSampleMessage, scenariosOf, type LanguageData } from './samples';
import { siteOf, type Site } from './site';
import { DIRECTIVES, INPUT_MEMBERS, UTIL_MEMBERS, WS_CONTEXT } from './vtlFacts';

export interface HoverInfo {
  /** Markdown. */
  readonly contents: string;
  readonly span: Span;
}

/** Hover at `offset`, or undefined. Never throws on user input. */
export function hover(input: LanguageInput, offset: number): HoverInfo | undefined {
  const { model } = input;
  const ctx = cursorContext(model.text, model.source.root, model.source.format, offset, model.source.problems);
  if (!ctx) return undefined;
  const data = input.data ?? {};
  if (ctx.position === 'key' && ctx.path.length === 1 && ctx.path[0] === 'Resources') return logicalIdHover(model, ctx.word.text, ctx.word.span, data);
  const site = siteOf(ctx, model, input.fallback);
  if (site.logicalId === undefined) return undefined;
  if (ctx.position === 'key') {
    if (!site.propPath || site.fn) return undefined;
    const fact = propertyFact(site.type, [...site.propPath, ctx.word.text]);
    return fact && site.type ? { contents: propertyMarkdown(site.type, fact), span: ctx.word.span } : undefined;
  }
  const scalar = ctx.scalar;
  if (!scalar) return undefined;
  if (site.rel.length === 1 && site.rel[0] === 'Type') {
    const fact = resourceFact(scalar.value);
    return fact ? { contents: `**${fact.type}**\n\n${fact.doc}\n\n${appliesText(fact.applies)}`, span: valueSpan(scalar) } : undefined;
  }
  if (site.fn === 'Ref' || (site.fn === 'Fn::GetAtt' && site.fnArg !== 1)) {
    const id = site.fn === 'Ref' ? scalar.value : scalar.value.split('.')[0] ?? '';
    return logicalIdHover(site.model, id, valueSpan(scalar, 0, id.length), data);
  }
  return site.propPath && !site.fn ? propertyValueHover(site, scalar, data) : undefined;
}

function valueSpan(scalar: ScalarAt, a = 0, b = scalar.value.length): Span {
  return { start: scalar.toSource(a), end: scalar.toSource(b) };
}

function propertyValueHover(site: Site, scalar: ScalarAt, data: LanguageData): HoverInfo | undefined {
  const path = site.propPath ?? [];
  const node = site.node;
  const [prop] = path;
  if (path.length === 2 && ((node?.kind === 'Integration' && prop === 'RequestTemplates') || (node?.kind === 'IntegrationResponse' && prop === 'ResponseTemplates'))) return vtlHover(site, scalar);
  const fact = propertyFact(site.type, path);
  if (!fact || !site.type) return undefined;
  const kind = path.length === 1 ? expressionKindOf(site.type, fact.name) : undefined;
  if (kind) return selectionHover(site, scalar, kind, data);
  if (fact.name === 'IntegrationResponseKey' && path.length === 1) return { contents: irKeyMarkdown(site, scalar.value), span: valueSpan(scalar) };
  if (fact.name === 'RouteKey' && node?.kind === 'Route') return { contents: routeSummary(site.model, node, data), span: valueSpan(scalar) };
  return { contents: propertyMarkdown(site.type, fact), span: valueSpan(scalar) };
}

// ---------------------------------------------------------------------------------------------------------------
// Resources and routes

function logicalIdHover(model: TemplateModel, id: string, span: Span, data: LanguageData): HoverInfo | undefined {
  const node = model.apigw.byLogicalId.get(id);
  if (node?.kind === 'Route') return { contents: routeSummary(model, node, data), span };
  const fact = resourceFact(model.resourceById.get(id)?.type);
  return fact ? { contents: `**${id}** · ${fact.type}\n\n${fact.doc}`, span } : undefined;
}

const code = (s: string): string => `\`${s.replace(/`/g, 'ˋ')}\``;

/** The whole pipeline of a route in a few lines. */
function routeSummary(model: TemplateModel, route: RouteNode, data: LanguageData): string {
  const api = route.api;
  const lines = [`**Route ${code(route.routeKey ?? '?')}** · ${api?.protocol ?? 'unknown protocol'} API ${api ? code(api.logicalId) : '(Api not found)'}`];
  const auth = scalarString(getProp(route.props, 'AuthorizationType'));
  if (auth && auth !== 'NONE') lines.push(`- Authorization: ${code(auth)}`);
  const mse = scalarString(getProp(route.props, 'ModelSelectionExpression'));
  const models = asMap(getProp(route.props, 'RequestModels'))?.entries.map((e) => `${code(e.key)} → ${scalarString(e.value) ?? '…'}`) ?? [];
  if (mse || models.length) lines.push(`- Validation: ${mse ? code(mse) : 'no ModelSelectionExpression'} selects from ${models.length ? models.join(', ') : 'no RequestModels'}`);
  const integ = route.integration;
  if (!integ) {
    lines.push(route.target ? `- Target ${code(route.target.display)} does not resolve to an Integration of this template` : '- No Target: the route calls nothing');
  } else {
    const info = integrationInfo(model, integ.props);
    const proxy = info.proxy === true ? 'proxy — the request goes to the backend as is and its answer comes back unchanged' : info.proxy === false ? 'non-proxy — mapping templates shape the request, integration responses the answer' : 'unknown kind';
    lines.push(`- Integration ${code(integ.logicalId)}: ${code(info.type ?? '?')}${info.lambda ? ' (Lambda)' : ''}, ${proxy}`);
    if (info.proxy === false) {
      const tse = scalarString(getProp(integ.props, 'TemplateSelectionExpression'));
      const keys = asMap(getProp(integ.props, 'RequestTemplates'))?.entries.map((e) => code(e.key)) ?? [];
      const pass = scalarString(getProp(integ.props, 'PassthroughBehavior')) ?? 'WHEN_NO_MATCH';
      lines.push(`- Request templates: ${keys.length ? keys.join(', ') : 'none'}${tse ? ` chosen by ${code(tse)}` : ''}; unmatched: ${code(pass)}`);
      const irs = integ.responses.map((ir) => {
        const t = asMap(getProp(ir.props, 'ResponseTemplates'))?.entries.map((e) => code(e.key)) ?? [];
        const irTse = scalarString(getProp(ir.props, 'TemplateSelectionExpression'));
        return `${code(ir.key ?? '?')}${t.length ? ` (templates ${t.join(', ')}${irTse ? ` by ${code(irTse)}` : ''})` : ''}`;
      });
      lines.push(`- Integration responses: ${irs.length ? irs.join('; ') : 'none'}`);
    }
  }
  if (api?.protocol === 'WEBSOCKET') lines.push(`- ${direction(route)}`);
  const sample = lastSampleMessage(route, data);
  if (sample && sample.message) lines.push(`- Sample message (${sample.from}): ${code(sample.message)}`);
  return lines.join('\n');
}

function direction(route: RouteNode): string {
  const rrse = scalarString(getProp(route.props, 'RouteResponseSelectionExpression'));
  const rr = route.routeResponses.some((r) => r.key === '$default');
  if (rrse === '$default' && rr) return 'Two-way: the answer is sent back to the client (RouteResponseSelectionExpression and RouteResponse `$default`)';
  if (rrse || route.routeResponses.length) return `One-way: ${rrse ? 'RouteResponseSelectionExpression is set but no `$default` RouteResponse exists' : 'a RouteResponse exists but RouteResponseSelectionExpression is not `$default`'}, so nothing is sent back`;
  return 'One-way: nothing is sent back to the client';
}

// ---------------------------------------------------------------------------------------------------------------
// IntegrationResponseKey

function irKeyMarkdown(site: Site, key: string): string {
  const integ = site.node?.kind === 'IntegrationResponse' ? site.node.integration : undefined;
  const info = integ ? integrationInfo(site.model, integ.props) : undefined;
  const against = info?.selection === 'lambda-error' ? 'the Lambda `errorMessage` (whole string)' : info?.selection === 'none' ? 'nothing: proxy integrations have no integration responses' : 'the integration\'s status code (whole string)';
  if (key === '$default') return `**IntegrationResponseKey \`$default\`**\n\nThe catch-all: used when no \`/regex/\` key of the integration matches ${against}.`;
  const m = /^\/(.*)\/$/s.exec(key);
  if (!m) return '**IntegrationResponseKey**\n\nMust be `$default` or a Java regex between slashes, such as `/2\\d\\d/`.';
  const compiled = compileJavaRegex(m[1] ?? '');
  if (!compiled.regex) return `**IntegrationResponseKey ${code(key)}**\n\nThe regex does not compile: ${compiled.error?.message ?? 'invalid pattern'}.`;
  if (info?.selection === 'lambda-error') return `**IntegrationResponseKey ${code(key)}** — Java regex matched against ${against}: it selects this response when a Lambda call fails with a matching message. A successful call has no errorMessage, so only \`$default\` catches it.`;
  const codes: number[] = [];
  try {
    const whole = new RegExp(`^(?:${compiled.regex.source})$`, compiled.regex.flags);
    for (let c = 100; c <= 599; c++) if (whole.test(String(c))) codes.push(c);
  } catch {
    // A pattern can compile and still exhaust the regex engine's stack (thousands of anchors, found by fuzzing).
    return `**IntegrationResponseKey ${code(key)}** — Java regex matched against ${against}.\n\nThe regex is too complex to evaluate here.`;
  }
  const list = codes.length ? ranges(codes) : 'none of 100–599';
  return `**IntegrationResponseKey ${code(key)}** — Java regex matched against ${against}.\n\nStatus codes it matches: ${list}.`;
}

/** `200–299, 404` style compact list of sorted numbers. */
export function ranges(nums: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < nums.length) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === (nums[j] ?? 0) + 1) j++;
    out.push(j > i ? `${nums[i]}–${nums[j]}` : String(nums[i]));
    i = j + 1;
  }
  return out.join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Selection expressions

function selectionHover(site: Site, scalar: ScalarAt, kind: ExpressionKind, data: LanguageData): HoverInfo {
  const protocol = site.protocol ?? 'WEBSOCKET';
  const facts = selectionFactsFor(kind, protocol);
  const parsed = parseSelectionExpression(scalar.value, kind, protocol);
  const part = variableAt(parsed, scalar.cursor);
  const lines: string[] = [];
  let span = valueSpan(scalar);
  if (part?.kind === 'variable') {
    span = valueSpan(scalar, part.span.start, part.span.end);
    lines.push(`**${code(part.raw)}**`);
    if (part.source !== 'unknown') lines.push(sourceFacts(part.source as KnownSource).doc);
  } else {
    lines.push(`**${facts.property}** — selects ${facts.selects}`, facts.doc);
  }
  const readsIntegration = parsed.parts.some((p) => p.kind === 'variable' && p.source.startsWith('integration.'));
  for (const route of routesOf(site).slice(0, 3)) {
    const sample = sampleInputs(route, data);
    if (!sample) continue;
    const status = lastBackendStatus(route, data);
    if (readsIntegration && status === undefined) {
      lines.push(`Route ${code(route.routeKey ?? route.logicalId)}: the integration's status and headers are known only when the route runs (save a Run Route scenario with a backend stub to see a value here).`);
      continue;
    }
    const result = evaluateSelection(parsed, { ...sample.inputs, ...(status !== undefined ? { integrationStatus: status } : {}) });
    const step = part?.kind === 'variable' ? result.steps.find((s) => s.span.start === part.span.start) : undefined;
    const what = step ? `${code(step.raw)} = ${code(step.value)}${step.found ? '' : ' (not found: empty)'}; the expression gives ${code(result.value)}` : `gives ${code(result.value)}`;
    lines.push(`Route ${code(route.routeKey ?? route.logicalId)}, ${sample.what}: ${what}${result.bodyNotJson ? ' — the message is not JSON' : ''}.`);
  }
  return { contents: lines.join('\n\n'), span };
}

/** What a route's selection expressions are evaluated with: the last WebSocket message, or the HTTP request Run Route sends. */
function sampleInputs(route: RouteNode, data: LanguageData): { inputs: SelectionInputs; what: string } | undefined {
  if (route.api?.protocol === 'HTTP') {
    const req = httpRequestFor(route.routeKey);
    return { inputs: { method: req.method, path: req.path, body: req.body }, what: `the Run Route sample request ${code(`${req.method} ${req.path}`)}` };
  }
  const sample = lastSampleMessage(route, data);
  return sample ? { inputs: { body: sample.message }, what: `${sample.from} ${code(sample.message)}` } : undefined;
}

/** The backend status code of the route's last saved scenario with one. */
function lastBackendStatus(route: RouteNode, data: LanguageData): number | undefined {
  const withStatus = scenariosOf(route, data).filter((s) => typeof s.backend?.statusCode === 'number');
  const st = withStatus[withStatus.length - 1]?.backend?.statusCode;
  return typeof st === 'number' ? st : undefined;
}

function routesOf(site: Site): RouteNode[] {
  const n = site.node;
  if (!n) return [];
  if (n.kind === 'Api') return n.routes.filter((r) => r.routeKey !== '$connect' && r.routeKey !== '$disconnect');
  if (n.kind === 'Route') return [n];
  if (n.kind === 'Integration') return n.routes;
  if (n.kind === 'IntegrationResponse') return n.integration?.routes ?? [];
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// VTL

function vtlHover(site: Site, scalar: ScalarAt): HoverInfo | undefined {
  const analysis = analyzeVtl(scalar.value);
  const c = scalar.cursor;
  const directive = analysis.directives.find((d) => c >= d.span.start && c <= d.span.start + d.name.length + 1);
  if (directive) {
    const fact = DIRECTIVES.find((d) => d.name === directive.name);
    return fact ? { contents: `**#${fact.name}**\n\n${fact.doc}`, span: valueSpan(scalar, directive.span.start, directive.span.start + directive.name.length + 1) } : undefined;
  }
  // The innermost reference: `$util.urlEncode($input.json('$'))` has one inside another.
  const ref = analysis.references.filter((r) => c >= r.span.start && c <= r.span.end).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
  if (!ref) return undefined;
  const segIndex = ref.segments.findIndex((s) => c >= s.span.start && c <= s.span.end);
  const seg = segIndex >= 0 ? ref.segments[segIndex] : undefined;
  const span = seg ? memberSpan(scalar, ref.span.start, seg) : valueSpan(scalar, ref.rootSpan.start, ref.rootSpan.end);
  const doc = memberDoc(site, ref.root, seg && segIndex <= 1 ? ref.segments.slice(0, segIndex + 1).map((s) => s.name) : []);
  return doc ? { contents: doc, span } : undefined;
}

/**
 * The member a hover is about, from the reference's `$` to the end of the member's name (`$util.escapeJavaScript`,
 * not its arguments); the whole call when the cursor is in the arguments (between nested references).
 */
function memberSpan(scalar: ScalarAt, refStart: number, seg: VtlSegment): Span {
  const nameEnd = seg.span.start + seg.name.length;
  if (seg.kind === 'index' || scalar.cursor > nameEnd) return valueSpan(scalar, seg.span.start, seg.span.end);
  return valueSpan(scalar, refStart, nameEnd);
}

function memberDoc(site: Site, root: string, names: readonly string[]): string | undefined {
  const [first, second] = names;
  switch (root) {
    case 'input': {
      if (!first) return '**$input** — the payload: `body`, `json(path)`, `path(path)`, `params()`.';
      const m = INPUT_MEMBERS.find((x) => x.name === first);
      return m ? `**$input.${m.signature}**\n\n${m.doc}` : undefined;
    }
    case 'util': {
      if (!first) return `**$util** — exactly six functions in API Gateway: ${UTIL_MEMBERS.map((m) => m.name).join(', ')}. AppSync helpers such as \`toJson\` do not exist here.`;
      const m = UTIL_MEMBERS.find((x) => x.name === first);
      return m ? `**$util.${m.signature}**\n\n${m.doc}` : `**$util.${first}** is not one of API Gateway's six $util functions; it renders nothing.`;
    }
    case 'context': {
      if (site.protocol === 'HTTP') return undefined;
      if (!first) return '**$context** — facts about the request and connection (WebSocket): connectionId, routeKey, eventType, requestId, stage, identity.*, authorizer.*, …';
      const f = WS_CONTEXT.find((x) => x.name === first);
      if (!f) return `**$context.${first}** is not a WebSocket \`$context\` variable; it probably renders empty.`;
      return `**$context.${first}${second ? `.${second}` : ''}**\n\n${f.doc}`;
    }
    case 'stageVariables': {
      if (!first) return '**$stageVariables** — variables of the stage serving the request.';
      const values = (site.api?.stages ?? []).flatMap((s) => {
        const v = scalarString(getProp(asMap(getProp(s.props, 'StageVariables')), first));
        return v === undefined ? [] : [`${code(s.stageName ?? s.logicalId)}: ${code(v)}`];
      });
      return `**$stageVariables.${first}**\n\n${values.length ? `Per stage: ${values.join(', ')}` : 'No Stage of this Api defines it: it renders empty.'}`;
    }
    default:
      return undefined;
  }
}
