// The sample WebSocket message Run Route starts a route with: the RouteSelectionExpression field plus the body fields the route's pipeline reads (template selection, $input.path/json), chosen deterministically. Pure.
import type { ApiNode, IntegrationNode, IntegrationResponseNode, RouteNode } from './model/apigw';
import { asMap, getProp, scalarString, type CfnValue } from './model/cfnValue';
import { parseSelectionExpression } from './expressions/selection';
import type { ExpressionKind } from './expressions/selectionFacts';
import { analyzeVtl } from './vtl';
import { matchesWhole } from './javaRegex';
import { toJsonValue } from './scenarios';
import { setOwn } from './ownProperty';

/** A sample message and why it holds what it holds. */
export interface SampleMessage {
  readonly message: string;
  readonly note: string | undefined;
}

type Body = Record<string, unknown>;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Longer expressions (hostile or broken templates) are not matched against route keys: the regex would be huge. */
const MAX_EXPRESSION = 4096;

const tooLarge = (routeKey: string): SampleMessage => ({
  message: JSON.stringify({ action: routeKey }),
  note: `The RouteSelectionExpression is too large to work out a matching message; edit the message so it selects ${routeKey}.`,
});

/**
 * A WebSocket message for which `expression` (a RouteSelectionExpression such as `$request.body.action`) evaluates
 * to `routeKey`. Each variable must be `request.body` followed by a dotted path of plain names; literal text around
 * variables must match the key.
 */
export function messageFor(expression: string | undefined, routeKey: string): SampleMessage {
  if (expression === undefined) return { message: '{}', note: 'The Api has no RouteSelectionExpression.' };
  if (expression.length > MAX_EXPRESSION) return tooLarge(routeKey);
  const parts = splitExpression(expression);
  if (!parts) return { message: JSON.stringify({ action: routeKey }), note: `The RouteSelectionExpression ${expression} could not be read; edit the message so it selects ${routeKey}.` };
  const variables = parts.filter((p): p is { path: string[] } => typeof p !== 'string');
  if (variables.length === 0) return { message: '{}', note: `The RouteSelectionExpression is the constant "${expression}": every message selects the same route key.` };
  // Literal text becomes an exact match, each variable a lazy group: the key is split among the variables.
  let m: RegExpExecArray | null;
  try {
    const pattern = new RegExp(`^${parts.map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '(.*?)')).join('')}$`, 's');
    m = pattern.exec(routeKey);
  } catch {
    // Hostile expressions (hundreds of KB of variables and text, found by fuzzing) exceed the regex engine's limits.
    return tooLarge(routeKey);
  }
  if (!m) return { message: '{}', note: `No message can make ${expression} evaluate to "${routeKey}".` };
  const body: Body = {};
  variables.forEach((v, i) => setPath(body, v.path, m[i + 1] ?? ''));
  return { message: JSON.stringify(body), note: undefined };
}

/**
 * The message a WebSocket route (not `$connect`/`$disconnect`) is first run with: the RouteSelectionExpression field
 * for its route key, then the fields its integration's template selection expressions read (set to a value that picks
 * an existing template), then the fields its request template reads with `$input.path`/`$input.json`.
 */
export function routeSample(route: RouteNode): SampleMessage {
  const key = route.routeKey;
  const base: SampleMessage =
    key === undefined || key === '$default'
      ? { message: '{}', note: key === '$default' ? 'Any message no other route matches goes to $default.' : undefined }
      : messageFor(scalarString(getProp(route.api?.props, 'RouteSelectionExpression')), key);
  const integration = route.integration;
  if (!integration) return base;
  let body: Body;
  try {
    const parsed: unknown = JSON.parse(base.message);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return base;
    body = parsed as Body;
  } catch {
    return base;
  }
  const added = [...selectionFields(integration, body), ...templateReads(route, integration, body)];
  if (added.length === 0) return base;
  const note = [base.note, `Added ${added.join('; ')}.`].filter(Boolean).join(' ');
  return { message: JSON.stringify(body), note };
}

// ---------------------------------------------------------------------------------------------------------------
// Template selection

/** Sets the fields read by the integration's and its responses' TemplateSelectionExpressions; returns what was added. */
function selectionFields(integration: IntegrationNode, body: Body): string[] {
  const out: string[] = [];
  const choose = (tse: CfnValue | undefined, kind: ExpressionKind, templates: CfnValue | undefined, owner: string, what: string) => {
    const path = singleBodyPath(scalarString(tse), kind);
    const templateKey = firstTemplateKey(templates);
    if (!path || templateKey === undefined) return;
    const value = /^-?(0|[1-9]\d{0,14})$/.test(templateKey) ? Number(templateKey) : templateKey;
    if (!setNew(body, path, value)) return;
    out.push(`${path.join('.')}: ${JSON.stringify(value)} so that ${owner}'s TemplateSelectionExpression ${scalarString(tse) ?? ''} selects the ${what} key "${templateKey}"`);
  };
  choose(getProp(integration.props, 'TemplateSelectionExpression'), 'IntegrationTemplateSelectionExpression', getProp(integration.props, 'RequestTemplates'), `integration ${integration.logicalId}`, 'RequestTemplates');
  for (const ir of responsesInOrder(integration.responses)) {
    choose(getProp(ir.props, 'TemplateSelectionExpression'), 'IntegrationResponseTemplateSelectionExpression', getProp(ir.props, 'ResponseTemplates'), `integration response ${ir.logicalId}`, 'ResponseTemplates');
  }
  return out;
}

/** Responses a successful call meets first: keys matching 200, then `$default`, then the rest (document order within each). */
function responsesInOrder(responses: readonly IntegrationResponseNode[]): IntegrationResponseNode[] {
  const rank = (r: IntegrationResponseNode): number => {
    const k = r.key ?? '';
    if (/^\/.*\/$/s.test(k) && matchesWhole(k.slice(1, -1), '200')) return 0;
    return k === '$default' ? 1 : 2;
  };
  return [...responses].sort((a, b) => rank(a) - rank(b));
}

/** The `request.body` path of an expression that is one such variable and nothing else. */
function singleBodyPath(expression: string | undefined, kind: ExpressionKind): string[] | undefined {
  if (expression === undefined) return undefined;
  const parsed = parseSelectionExpression(expression, kind, 'WEBSOCKET');
  const [only] = parsed.parts;
  if (parsed.parts.length !== 1 || only?.kind !== 'variable' || only.source !== 'request.body' || only.path.length === 0) return undefined;
  return only.path.every((s) => PLAIN_NAME.test(s)) ? [...only.path] : undefined;
}

function firstTemplateKey(templates: CfnValue | undefined): string | undefined {
  return asMap(templates)?.entries.find((e) => e.key !== '$default')?.key;
}

// ---------------------------------------------------------------------------------------------------------------
// Fields read by the request template

/** Sets each field the selected request template reads with `$input.path('$.x')`/`$input.json('$.x')`. */
function templateReads(route: RouteNode, integration: IntegrationNode, body: Body): string[] {
  const template = selectedRequestTemplate(integration, body);
  if (template === undefined) return [];
  const schema = requestSchema(route);
  const out: string[] = [];
  for (const ref of analyzeVtl(template).references) {
    const call = ref.segments[0];
    if (ref.root !== 'input' || call?.kind !== 'method' || (call.name !== 'path' && call.name !== 'json')) continue;
    const path = dottedJsonPath(call.args?.[0]?.literal);
    if (!path) continue;
    const fromSchema = schemaValue(schema, path);
    const value = fromSchema ?? path[path.length - 1];
    if (!setNew(body, path, value)) continue;
    out.push(`${path.join('.')}: ${JSON.stringify(value)} because the request template reads $input.${call.name}('$.${path.join('.')}')${fromSchema !== undefined ? ' (value from the request Model)' : ''}`);
  }
  return out;
}

/** The request template the integration's TemplateSelectionExpression picks for `body`, else `$default`, else the only one. */
function selectedRequestTemplate(integration: IntegrationNode, body: Body): string | undefined {
  const templates = asMap(getProp(integration.props, 'RequestTemplates'));
  if (!templates) return undefined;
  const path = singleBodyPath(scalarString(getProp(integration.props, 'TemplateSelectionExpression')), 'IntegrationTemplateSelectionExpression');
  const selected = path ? valueAt(body, path) : undefined;
  const entry =
    (selected !== undefined ? templates.entries.find((e) => e.key === String(selected)) : undefined) ??
    templates.entries.find((e) => e.key === '$default') ??
    (templates.entries.length === 1 ? templates.entries[0] : undefined);
  return scalarString(entry?.value);
}

/** `$.a.b` → ['a', 'b']; undefined for the root and for paths with indices, wildcards or quoted names. */
function dottedJsonPath(text: string | undefined): string[] | undefined {
  const m = /^\$((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$/.exec(text?.trim() ?? '');
  return m?.[1] ? m[1].slice(1).split('.') : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Request Model schema

/** The JSON schema of the route's request Model (`$default`, else the first RequestModels entry). */
function requestSchema(route: RouteNode): unknown {
  const entries = asMap(getProp(route.props, 'RequestModels'))?.entries ?? [];
  const name = scalarString((entries.find((e) => e.key === '$default') ?? entries[0])?.value);
  return name === undefined ? undefined : schemaJson(modelSchemaProp(route.api, name));
}

/** The Schema property of the Model of `api` that `name` designates (its Name, as RequestModels writes it, or its logical id). */
export function modelSchemaProp(api: ApiNode | undefined, name: string): CfnValue | undefined {
  return getProp(api?.models.find((m) => m.name === name || m.logicalId === name)?.props, 'Schema');
}

/** A Model Schema as JSON: a mapping converted, a JSON string parsed; undefined otherwise. */
export function schemaJson(schema: CfnValue | undefined): unknown {
  if (schema?.kind === 'map') return toJsonValue(schema.node);
  const text = scalarString(schema);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A value for `path` from the schema: its example, first enum value, or a placeholder of its type. */
function schemaValue(schema: unknown, path: readonly string[]): unknown {
  let s = schema;
  for (const seg of path) {
    const props = field(s, 'properties');
    s = props && typeof props === 'object' && Object.prototype.hasOwnProperty.call(props, seg) ? (props as Record<string, unknown>)[seg] : undefined;
    if (!s || typeof s !== 'object') return undefined;
  }
  const example = field(s, 'example') ?? (Array.isArray(field(s, 'examples')) ? (field(s, 'examples') as unknown[])[0] : undefined);
  if (example !== undefined) return example;
  const en = field(s, 'enum');
  if (Array.isArray(en) && en.length > 0) return en[0];
  const type = field(s, 'type');
  const first = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  switch (first) {
    case 'string':
      return path[path.length - 1];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return undefined;
  }
}

function field(o: unknown, name: string): unknown {
  return o && typeof o === 'object' && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, name) ? (o as Record<string, unknown>)[name] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Body helpers

function valueAt(body: Body, path: readonly string[]): unknown {
  let at: unknown = body;
  for (const seg of path) at = field(at, seg);
  return at;
}

/** Sets `path` to `value` when neither it nor a non-object prefix of it is set already; true when it was set. */
function setNew(body: Body, path: readonly string[], value: unknown): boolean {
  let at: unknown = body;
  for (const seg of path) {
    if (at === undefined) break;
    if (!at || typeof at !== 'object' || Array.isArray(at)) return false;
    at = field(at, seg);
  }
  if (at !== undefined) return false;
  setPath(body, path, value);
  return true;
}

function setPath(target: Body, path: readonly string[], value: unknown): void {
  let at = target;
  path.forEach((seg, idx) => {
    if (idx === path.length - 1) {
      setOwn(at, seg, value);
      return;
    }
    const next = Object.prototype.hasOwnProperty.call(at, seg) ? at[seg] : undefined;
    if (next && typeof next === 'object') at = next as Body;
    else {
      const child: Body = {};
      setOwn<unknown>(at, seg, child);
      at = child;
    }
  });
}

/**
 * Splits a selection expression into literal text and `request.body` paths (the one selection-expression parser);
 * undefined when it has problems or a variable is not `request.body` followed by plain names.
 */
function splitExpression(expression: string): (string | { path: string[] })[] | undefined {
  const parsed = parseSelectionExpression(expression, 'RouteSelectionExpression', 'WEBSOCKET');
  if (parsed.problems.some((p) => p.severity === 'error')) return undefined;
  const out: (string | { path: string[] })[] = [];
  for (const part of parsed.parts) {
    if (part.kind === 'literal') {
      out.push(part.text);
      continue;
    }
    if (part.source !== 'request.body' || part.path.length === 0 || !part.path.every((s) => PLAIN_NAME.test(s))) return undefined;
    out.push({ path: [...part.path] });
  }
  return out;
}
