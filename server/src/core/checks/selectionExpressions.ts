// Selection expressions of every ApiGatewayV2 resource (and Authorizer IdentitySource entries), validated by the one expression parser and reported at the exact characters in the document. Pure.
import { getProp, type CfnMap, type CfnValue } from '../model/cfnValue';
import type { Resource, TemplateModel } from '../model/template';
import type { ApiNode } from '../model/apigw';
import type { QuickFix } from '../problem';
import { replaceScalarIn } from '../edits';
import { parseSelectionExpression, type ParsedSelection, type SelectionProblem } from '../expressions/selection';
import { selectionFactsFor, type ApiProtocol, type ExpressionKind } from '../expressions/selectionFacts';
import type { Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { literal, scalarSpan, spanInScalar } from './util';
import { authorizerIdentitySource, checkIdentitySources } from './identitySource';

export const httpRouteSelectionExpression: Rule = {
  id: 'apigw/http-route-selection-expression',
  severity: 'error',
  title: 'An HTTP API RouteSelectionExpression other than `${request.method} ${request.path}`.',
};

export const routeResponseSelectionExpression: Rule = {
  id: 'apigw/route-response-selection-expression',
  severity: 'error',
  title: 'A RouteResponseSelectionExpression other than `$default` (the only supported value).',
};

export const apiKeySelectionExpression: Rule = {
  id: 'apigw/api-key-selection-expression',
  severity: 'error',
  title: 'An ApiKeySelectionExpression other than `$request.header.x-api-key` or `$context.authorizer.usageIdentifierKey`.',
};

export const selectionExpressionSyntax: Rule = {
  id: 'apigw/selection-expression-syntax',
  severity: 'error',
  title: 'A selection expression that cannot be read: unclosed `${`, empty `${}`, empty or invalid path after a variable source.',
};

export const selectionExpressionUnknownVariable: Rule = {
  id: 'apigw/selection-expression-unknown-variable',
  severity: 'error',
  title: 'A selection-expression variable that starts with no known source (`$message.x`, `$Request.body.x`).',
};

export const selectionExpressionSource: Rule = {
  id: 'apigw/selection-expression-source',
  severity: 'error',
  title: 'A variable source the expression kind cannot read (e.g. `$request.header` in a WebSocket RouteSelectionExpression).',
};

export const selectionExpressionUnescapedDefault: Rule = {
  id: 'apigw/selection-expression-unescaped-default',
  severity: 'info',
  title: 'An unescaped `$default` where a template or model key is selected; the documented spelling is `\\$default`.',
};

export const selectionExpressionAmbiguous: Rule = {
  id: 'apigw/selection-expression-ambiguous',
  severity: 'info',
  title: 'An unbraced variable followed directly by literal text; braces make its end unambiguous.',
};

export const selectionExpressionUnsupported: Rule = {
  id: 'apigw/selection-expression-unsupported',
  severity: 'warning',
  title: 'A RouteResponse ModelSelectionExpression, documented as currently unsupported.',
};

export const selectionExpressionWhitespace: Rule = {
  id: 'apigw/selection-expression-whitespace',
  severity: 'warning',
  title: 'A selection expression with leading or trailing whitespace (often the line break a `|` block scalar keeps).',
};

export const selectionExpressionRules: readonly Rule[] = [
  httpRouteSelectionExpression,
  routeResponseSelectionExpression,
  apiKeySelectionExpression,
  selectionExpressionSyntax,
  selectionExpressionUnknownVariable,
  selectionExpressionSource,
  selectionExpressionUnescapedDefault,
  selectionExpressionAmbiguous,
  selectionExpressionUnsupported,
  selectionExpressionWhitespace,
  authorizerIdentitySource,
];

/** One selection-expression property to validate. */
interface ExpressionSite {
  readonly resource: Resource;
  readonly kind: ExpressionKind;
  readonly value: CfnValue | undefined;
  readonly api: ApiNode | undefined;
}

/** The selection-expression properties of each kind of ApiGatewayV2 resource. */
const API_SITES: readonly ExpressionKind[] = ['RouteSelectionExpression', 'ApiKeySelectionExpression'];
const ROUTE_SITES: readonly ExpressionKind[] = ['RouteResponseSelectionExpression', 'ModelSelectionExpression'];
const PROPERTY: Partial<Record<ExpressionKind, string>> = {
  RouteResponseModelSelectionExpression: 'ModelSelectionExpression',
  IntegrationTemplateSelectionExpression: 'TemplateSelectionExpression',
  IntegrationResponseTemplateSelectionExpression: 'TemplateSelectionExpression',
};

/** Every ApiGatewayV2 resource that can hold selection expressions, with the kinds it holds and its Api, in report order. */
function holders(model: TemplateModel): { resource: Resource; props: CfnMap | undefined; kinds: readonly ExpressionKind[]; api: ApiNode | undefined }[] {
  const g = model.apigw;
  const out: { resource: Resource; props: CfnMap | undefined; kinds: readonly ExpressionKind[]; api: ApiNode | undefined }[] = [];
  for (const api of g.apis) if (!api.external) out.push({ resource: api.resource, props: api.props, kinds: API_SITES, api });
  for (const r of g.routes) out.push({ resource: r.resource, props: r.props, kinds: ROUTE_SITES, api: r.api });
  for (const rr of g.routeResponses) out.push({ resource: rr.resource, props: rr.props, kinds: ['RouteResponseModelSelectionExpression'], api: rr.api ?? rr.route?.api });
  for (const i of g.integrations) out.push({ resource: i.resource, props: i.props, kinds: ['IntegrationTemplateSelectionExpression'], api: i.api });
  for (const ir of g.integrationResponses) out.push({ resource: ir.resource, props: ir.props, kinds: ['IntegrationResponseTemplateSelectionExpression'], api: ir.api ?? ir.integration?.api });
  return out;
}

/**
 * The protocol to validate an expression against, or undefined to skip it: the RouteSelectionExpression needs a known
 * protocol; WebSocket-only properties on an HTTP API are the protocol-fit check's finding, not this one's.
 */
function protocolFor(site: ExpressionSite): ApiProtocol | undefined {
  const protocol = site.api?.protocol;
  if (site.kind === 'RouteSelectionExpression') return protocol;
  const facts = selectionFactsFor(site.kind, protocol ?? 'WEBSOCKET');
  if (protocol !== undefined && facts.appliesTo !== 'both' && facts.appliesTo !== protocol) return undefined;
  return protocol ?? 'WEBSOCKET';
}

export function checkSelectionExpressions(model: TemplateModel, emit: Emit): void {
  for (const h of holders(model)) {
    // Reads the resource's own expressions; the protocol comes from the Api.
    perResource(h.resource, 'selection-expressions', `${h.api?.protocol}`, emit, (out) => {
      for (const kind of h.kinds) {
        const value = getProp(h.props, PROPERTY[kind] ?? kind);
        if (value !== undefined) checkSite(model, { resource: h.resource, kind, value, api: h.api }, out);
      }
    });
  }
  checkIdentitySources(model, emit);
}

function checkSite(model: TemplateModel, site: ExpressionSite, emit: Emit): void {
  const protocol = protocolFor(site);
  const v = literal(site.value);
  // Intrinsics (a parameter, !Sub, !If) have no known value here.
  if (!protocol || !v || typeof v.scalar.value !== 'string') return;
  const parsed = parsedSelection(v.text, site.kind, protocol);
  for (const p of parsed.problems) report(model, emit, site, protocol, v, p);
  reportWhitespace(model, emit, v, parsed.problems.length > 0);
}

/** Parsed expressions by kind, protocol and text: large templates repeat a few expressions many times. */
const parsedExpressions = new Map<string, ParsedSelection>();
const PARSED_EXPRESSIONS_KEPT = 4096;

function parsedSelection(text: string, kind: ExpressionKind, protocol: ApiProtocol): ParsedSelection {
  const key = `${kind}\u0000${protocol}\u0000${text}`;
  let parsed = parsedExpressions.get(key);
  if (!parsed) {
    if (parsedExpressions.size >= PARSED_EXPRESSIONS_KEPT) parsedExpressions.clear();
    parsed = parseSelectionExpression(text, kind, protocol);
    parsedExpressions.set(key, parsed);
  }
  return parsed;
}

type Literal = NonNullable<ReturnType<typeof literal>>;

function report(model: TemplateModel, emit: Emit, site: ExpressionSite, protocol: ApiProtocol, v: Literal, p: SelectionProblem): void {
  const rule = ruleFor(site.kind, protocol, p);
  const whole = p.span.start === 0 && p.span.end === v.text.length;
  const span = whole ? scalarSpan(model.text, v.node) : spanInScalar(model.text, v.node, p.span.start, p.span.end);
  const fixes: QuickFix[] = [];
  if (p.replacement !== undefined) {
    const fixed = v.text.slice(0, p.span.start) + p.replacement + v.text.slice(p.span.end);
    const title = p.replacement === '' ? `Remove \`${v.text.slice(p.span.start, p.span.end)}\`` : whole ? `Change to \`${p.replacement}\`` : `Write \`${p.replacement}\``;
    fixes.push({ title, edits: [replaceScalarIn(model.source.format, v.node, fixed)], ...(p.code === 'fixed-value' || p.code === 'unknown-source' ? { preferred: true } : {}) });
  }
  emit(rule, span, p.message, { fixes, severity: p.severity, ...(p.inferred ? { inferred: true } : {}) });
}

function ruleFor(kind: ExpressionKind, protocol: ApiProtocol, p: SelectionProblem): Rule {
  switch (p.code) {
    case 'fixed-value':
      if (kind === 'RouteResponseSelectionExpression') return routeResponseSelectionExpression;
      if (kind === 'ApiKeySelectionExpression') return apiKeySelectionExpression;
      return protocol === 'HTTP' ? httpRouteSelectionExpression : selectionExpressionSource;
    case 'unknown-source':
      return selectionExpressionUnknownVariable;
    case 'source-not-allowed':
      return selectionExpressionSource;
    case 'unescaped-default':
      return selectionExpressionUnescapedDefault;
    case 'ambiguous-unbraced':
      return selectionExpressionAmbiguous;
    case 'unsupported-property':
      return selectionExpressionUnsupported;
    default:
      return selectionExpressionSyntax;
  }
}

/** Leading or trailing whitespace is part of the evaluated value, so keys written without it never match. */
function reportWhitespace(model: TemplateModel, emit: Emit, v: Literal, hasOtherProblems: boolean): void {
  const trimmed = v.text.trim();
  if (hasOtherProblems || trimmed === v.text || trimmed === '') return;
  const block = v.node.style === 'literal' || v.node.style === 'folded';
  const why = block && /\n$/.test(v.text) ? 'the block scalar keeps its final line break (use `|-` or a plain scalar)' : 'the spaces are part of the value';
  emit(selectionExpressionWhitespace, scalarSpan(model.text, v.node), `The selection expression "${JSON.stringify(v.text).slice(1, -1)}" has leading or trailing whitespace: ${why}, so the evaluated value never equals a key written without it. Remove the whitespace.`, {
    fixes: [{ title: 'Remove the whitespace', edits: [replaceScalarIn(model.source.format, v.node, trimmed)], preferred: true }],
    inferred: true,
  });
}
