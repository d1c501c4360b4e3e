// The one parser and evaluator of API Gateway V2 selection expressions (gateway-spec §1): parts with spans, per-kind problems, AWS evaluation. Pure; never throws.
import type { Span } from '../span';
import { compileJsonPath, evaluateJsonPath, type CompiledJsonPath } from '../jsonPath';
import { SOURCE_FACTS, selectionFactsFor, sourceFacts, type ApiProtocol, type ExpressionKind, type KnownSource, type SelectionKindFacts, type VariableSource } from './selectionFacts';

/** Literal text. `text` is the value (`\$` already turned into `$`); `span` covers the written characters. */
export interface LiteralPart {
  readonly kind: 'literal';
  readonly text: string;
  readonly span: Span;
}

/** A variable: `$source.path` or `${source.path}`. */
export interface VariablePart {
  readonly kind: 'variable';
  readonly source: VariableSource;
  /** Steps after the source: names (and indices as text) for simple paths; empty for the whole value or an indefinite JSONPath. */
  readonly path: readonly string[];
  /** The written text after the source (`.a.b[0]`, `.x-api-key`), empty when none. */
  readonly pathText: string;
  /** Span of `pathText`. */
  readonly pathSpan: Span;
  /** The whole variable as written, including `$` and braces. */
  readonly raw: string;
  /** The variable name as written (without `$` and braces), e.g. `request.body.action`. */
  readonly name: string;
  /** Span of `name`. */
  readonly nameSpan: Span;
  readonly span: Span;
  readonly braced: boolean;
  /** For JSONPath sources: the compiled path, when it compiled. */
  readonly jsonPath?: CompiledJsonPath;
}

export type SelectionPart = LiteralPart | VariablePart;

export type SelectionProblemCode =
  | 'unclosed-brace'
  | 'empty-variable'
  | 'empty-path'
  | 'missing-name'
  | 'unexpected-path'
  | 'invalid-jsonpath'
  | 'jsonpath-unsupported'
  | 'invalid-name'
  | 'unknown-source'
  | 'source-not-allowed'
  | 'unescaped-default'
  | 'ambiguous-unbraced'
  | 'fixed-value'
  | 'unsupported-property';

export interface SelectionProblem {
  readonly code: SelectionProblemCode;
  readonly severity: 'error' | 'warning' | 'info';
  /** True when the rule behind the problem is inferred, not documented (never an error then). */
  readonly inferred: boolean;
  readonly message: string;
  /** Offsets into the expression text. */
  readonly span: Span;
  /** A replacement for the text at `span` that fixes the problem, when there is exactly one. */
  readonly replacement?: string;
}

export interface ParsedSelection {
  readonly text: string;
  readonly kind: ExpressionKind;
  readonly protocol: ApiProtocol;
  readonly parts: readonly SelectionPart[];
  readonly problems: readonly SelectionProblem[];
}

/**
 * Characters an unbraced variable name may contain outside brackets (gateway-spec §1.1 lists `'"@?()` too, but outside
 * `[…]` they only occur in filters and function calls: brackets are read whole, and `()` only as a function call).
 */
const UNBRACED_CHAR = /[A-Za-z0-9_.\-*]/;

/** Sources, longest first, so that `integration.response.multivalueheader` wins over shorter prefixes. */
const SOURCES_LONGEST_FIRST: readonly KnownSource[] = [...SOURCE_FACTS].map((s) => s.source).sort((a, b) => b.length - a.length);

const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;

/** Parses `text` as a selection expression of `kind` on an API of `protocol`. */
export function parseSelectionExpression(text: string, kind: ExpressionKind, protocol: ApiProtocol): ParsedSelection {
  const facts = selectionFactsFor(kind, protocol);
  const { parts, problems } = tokenize(text);
  const all: SelectionProblem[] = [];
  if (facts.fixedValues) {
    if (!facts.fixedValues.includes(text)) all.push(fixedValueProblem(text, facts));
  } else {
    for (const p of problems) all.push(p); // not push(...problems): a hostile expression has more than the call stack holds
    if (facts.unsupported) {
      all.push({ code: 'unsupported-property', severity: 'warning', inferred: false, span: { start: 0, end: text.length }, message: `${facts.property} on ${shortType(facts.resourceType)} is documented as currently unsupported by API Gateway and has no effect; remove it.` });
    } else {
      for (const p of parts) if (p.kind === 'variable') all.push(...sourceProblems(p, facts));
    }
  }
  all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, kind, protocol, parts, problems: all };
}

function shortType(resourceType: string): string {
  return resourceType.replace(/^AWS::ApiGatewayV2::/, '');
}

function fixedValueProblem(text: string, facts: SelectionKindFacts): SelectionProblem {
  const values = facts.fixedValues ?? [];
  const span = { start: 0, end: text.length };
  const near = values.find((v) => v.toLowerCase() === text.trim().toLowerCase() || v === text.replace(/\\\$/g, '$') || unbraced(v) === unbraced(text.trim()));
  const allowed = values.map((v) => `\`${v}\``).join(' or ');
  const escapedDefault = text.trim() === '\\$default' && values.includes('$default');
  return {
    code: 'fixed-value',
    severity: escapedDefault ? 'warning' : 'error',
    inferred: escapedDefault,
    span,
    message: escapedDefault
      ? `${facts.property} is documented unescaped: write \`$default\`, not \`\\$default\`.`
      : `${facts.property} "${shown(text)}" is not supported: the only accepted value${values.length > 1 ? 's are' : ' is'} ${allowed}. ${fixedValueAdvice(facts)}`,
    ...(near !== undefined ? { replacement: near } : values.length === 1 ? { replacement: values[0] as string } : {}),
  };
}

/** Text for a message, with line breaks and tabs made visible. */
function shown(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function fixedValueAdvice(facts: SelectionKindFacts): string {
  if (facts.kind === 'RouteSelectionExpression') return 'HTTP APIs always route on method and path; change it, or remove the property (that value is the default).';
  if (facts.kind === 'RouteResponseSelectionExpression') return 'Change it to `$default` to make the route two-way, or remove it for a one-way route.';
  return 'Change it to one of them.';
}

/** `${a.b}` → `$a.b` for comparing spellings of a single variable. */
function unbraced(s: string): string {
  return s.replace(/\$\{([^}]*)\}/g, '$$$1');
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

interface Tokens {
  parts: SelectionPart[];
  problems: SelectionProblem[];
}

function tokenize(text: string): Tokens {
  const parts: SelectionPart[] = [];
  const problems: SelectionProblem[] = [];
  let lit = '';
  let litStart = 0;
  const flush = (end: number): void => {
    if (end > litStart) parts.push({ kind: 'literal', text: lit, span: { start: litStart, end } });
    lit = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '$') {
      lit += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      lit += c;
      i++;
      continue;
    }
    const v = text[i + 1] === '{' ? readBraced(text, i, problems) : readUnbraced(text, i, problems);
    if (!v) {
      // A `$` that starts no variable stays literal text (the problem is already recorded).
      lit += '$';
      i++;
      continue;
    }
    flush(i);
    parts.push(v.part);
    i = v.part.span.end;
    litStart = i;
    if (v.stop) break;
  }
  flush(text.length);
  return { parts, problems };
}

function readBraced(text: string, start: number, problems: SelectionProblem[]): { part: VariablePart; stop: boolean } | undefined {
  const nameStart = start + 2;
  const close = findClosingBrace(text, nameStart);
  if (close < 0) {
    problems.push({ code: 'unclosed-brace', severity: 'error', inferred: false, span: { start, end: text.length }, message: '`${` is not closed: add `}` after the variable name, or write `\\${` for literal text.' });
    const part = buildVariable(text, start, nameStart, text.length, text.length, true, problems);
    return { part, stop: true };
  }
  if (close === nameStart) {
    problems.push({ code: 'empty-variable', severity: 'error', inferred: false, span: { start, end: close + 1 }, message: '`${}` names no variable: write a variable such as `${request.body.action}` inside the braces, or remove it.' });
  }
  return { part: buildVariable(text, start, nameStart, close, close + 1, true, problems), stop: false };
}

/** Index of the `}` closing a wrapped variable, skipping brackets and quoted text inside; -1 when there is none. */
function findClosingBrace(text: string, from: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (depth > 0 && (c === "'" || c === '"')) quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '}' && depth === 0) return i;
  }
  // An unbalanced `[` (a JSONPath error reported later) must not swallow the closing brace.
  return quote === undefined && depth === 0 ? -1 : text.indexOf('}', from);
}

function readUnbraced(text: string, start: number, problems: SelectionProblem[]): { part: VariablePart; stop: boolean } | undefined {
  const nameStart = start + 1;
  let i = nameStart;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '[') {
      i = skipBracket(text, i);
      continue;
    }
    if (c === '(' && text[i + 1] === ')') {
      i += 2;
      continue;
    }
    if (!UNBRACED_CHAR.test(c)) break;
    i++;
  }
  if (i === nameStart) {
    problems.push({ code: 'empty-variable', severity: 'warning', inferred: true, span: { start, end: start + 1 }, message: '`$` is not followed by a variable name: write `\\$` for a literal dollar sign, or add a variable such as `$request.body.action`.' });
    return undefined;
  }
  const part = buildVariable(text, start, nameStart, i, i, false, problems);
  const next = text[i];
  if (next !== undefined && !/\s/.test(next) && part.source !== 'unknown') {
    problems.push({ code: 'ambiguous-unbraced', severity: 'info', inferred: true, span: part.span, message: `The variable \`${part.raw}\` is followed directly by literal text, which makes its end ambiguous: wrap it in braces, \`\${${part.name}}\`.`, replacement: `\${${part.name}}` });
  }
  return { part, stop: false };
}

/** Index just after the `]` matching the `[` at `open` (quotes respected), or the end of the text. */
function skipBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return i + 1;
  }
  return text.length;
}

/** Builds a variable from its name text [nameStart, nameEnd); records syntax problems of its path. */
function buildVariable(text: string, start: number, nameStart: number, nameEnd: number, end: number, braced: boolean, problems: SelectionProblem[]): VariablePart {
  const name = text.slice(nameStart, nameEnd);
  const source = SOURCES_LONGEST_FIRST.find((s) => name === s || name.startsWith(`${s}.`) || name.startsWith(`${s}[`));
  const base = { kind: 'variable' as const, raw: text.slice(start, end), name, nameSpan: { start: nameStart, end: nameEnd }, span: { start, end }, braced };
  if (!source) {
    if (name !== '') problems.push(unknownSourceProblem(name, { start: nameStart, end: nameEnd }));
    return { ...base, source: 'unknown', path: [], pathText: '', pathSpan: { start: nameEnd, end: nameEnd } };
  }
  const pathStart = nameStart + source.length;
  const pathText = name.slice(source.length);
  const pathSpan = { start: pathStart, end: nameEnd };
  const facts = sourceFacts(source);
  const { path, jsonPath } = readPath(source, facts.pathKind, facts.pathNoun, pathText, pathSpan, base.nameSpan, problems);
  return { ...base, source, path, pathText, pathSpan, ...(jsonPath ? { jsonPath } : {}) };
}

function unknownSourceProblem(name: string, span: Span): SelectionProblem {
  const lower = name.toLowerCase();
  const near = SOURCES_LONGEST_FIRST.find((s) => lower === s.toLowerCase() || lower.startsWith(`${s.toLowerCase()}.`) || lower.startsWith(`${s.toLowerCase()}[`));
  const hint = near ? ` Sources are case-sensitive: did you mean \`${near}\`?` : ' Known sources are `request.body`, `request.header`, `request.querystring`, `context`, `stageVariables` and `integration.response.*`.';
  return { code: 'unknown-source', severity: 'error', inferred: false, span, message: `\`${name}\` is not a selection-expression variable.${hint}`, ...(near ? { replacement: near + name.slice(near.length) } : {}) };
}

function readPath(
  source: KnownSource,
  pathKind: string,
  noun: string,
  pathText: string,
  span: Span,
  nameSpan: Span,
  problems: SelectionProblem[],
): { path: string[]; jsonPath?: CompiledJsonPath } {
  const emptyStep = (): void => {
    problems.push({ code: 'empty-path', severity: 'error', inferred: false, span, message: `\`${source}${pathText}\` has an empty path: write a ${noun || 'JSONPath'} after \`${source}.\`, e.g. \`${sourceFacts(source).example}\`.` });
  };
  switch (pathKind) {
    case 'jsonpath': {
      if (pathText === '') return { path: [] };
      if (pathText === '.' || pathText.endsWith('.') && !pathText.endsWith('..')) {
        emptyStep();
        return { path: [] };
      }
      const compiled = compileJsonPath(`$${pathText}`);
      if (compiled.problem?.unsupported) {
        const at = span.start + Math.max(0, compiled.problem.offset - 1);
        problems.push({ code: 'jsonpath-unsupported', severity: 'info', inferred: false, span: { start: Math.min(at, span.end), end: span.end }, message: `${compiled.problem.message}: it is valid Jayway JSONPath (the syntax API Gateway uses), but Run Route and hover cannot evaluate it and treat it as not found.` });
        return { path: [] };
      }
      if (!compiled.path) {
        const at = span.start + Math.max(0, (compiled.problem?.offset ?? 1) - 1);
        problems.push({ code: 'invalid-jsonpath', severity: 'error', inferred: false, span: { start: Math.min(at, span.end), end: span.end }, message: `The JSONPath after \`${source}\` is invalid: ${compiled.problem?.message ?? 'syntax error'}. Write a path such as \`${source}.action\` or \`${source}.items[0].id\`.` });
        return { path: [] };
      }
      const definite = compiled.path.definite && !compiled.path.fn ? compiled.path.segments.map((s) => (s.kind === 'name' ? s.name : s.kind === 'index' ? String(s.index) : '')) : [];
      return { path: definite, jsonPath: compiled.path };
    }
    case 'name':
    case 'optional-name':
    case 'dotted-name': {
      if (pathText === '') {
        if (pathKind !== 'optional-name') problems.push({ code: 'missing-name', severity: 'error', inferred: false, span: nameSpan, message: `\`${source}\` needs a ${noun}: write \`${sourceFacts(source).example}\`.` });
        return { path: [] };
      }
      if (!pathText.startsWith('.')) {
        problems.push({ code: 'invalid-name', severity: 'error', inferred: false, span, message: `After \`${source}\` write \`.\` and a ${noun}, e.g. \`${sourceFacts(source).example}\`.` });
        return { path: [] };
      }
      const rest = pathText.slice(1);
      const steps = pathKind === 'dotted-name' ? rest.split('.') : [rest];
      if (steps.some((s) => s === '')) {
        emptyStep();
        return { path: [] };
      }
      if (source === 'stageVariables' && !STAGE_VARIABLE_NAME.test(rest)) {
        problems.push({ code: 'invalid-name', severity: 'warning', inferred: false, span, message: `Stage variable names contain only letters, digits and \`_\`; "${rest}" cannot name one.` });
      }
      return { path: steps };
    }
    default: {
      if (pathText !== '') problems.push({ code: 'unexpected-path', severity: 'error', inferred: false, span, message: `\`${source}\` takes no path; remove \`${pathText}\`.`, replacement: '' });
      return { path: [] };
    }
  }
}

/** Problems of a variable's source for the kind being written. */
function sourceProblems(p: VariablePart, facts: SelectionKindFacts): SelectionProblem[] {
  if (p.source === 'unknown') return [];
  if (p.source === 'default') {
    if (facts.unescapedDefault === 'info' && p.raw === '$default') {
      return [{ code: 'unescaped-default', severity: 'info', inferred: true, span: p.span, message: `\`$default\` here is read as a variable; the documented spelling of the literal key is \`\\$default\`.`, replacement: '\\$default' }];
    }
    if (facts.unescapedDefault === 'info') return [];
    return [{ code: 'source-not-allowed', severity: 'error', inferred: false, span: p.span, message: `\`${p.raw}\` cannot be used in ${facts.property} of ${shortType(facts.resourceType)}: ${allowedText(facts)}.` }];
  }
  if (facts.allowedSources.includes(p.source)) return [];
  const inferred = facts.otherSourceSeverity === 'warning';
  return [{
    code: 'source-not-allowed',
    severity: inferred ? 'warning' : 'error',
    inferred,
    span: { start: p.nameSpan.start, end: p.pathSpan.start },
    message: `\`${p.source}\` is not available in ${facts.property} of ${shortType(facts.resourceType)}: ${allowedText(facts)}.`,
  }];
}

function allowedText(facts: SelectionKindFacts): string {
  if (facts.allowedSources.length === 0) return 'it takes no variables';
  const list = facts.allowedSources.map((s) => `\`${sourceFacts(s).example}\``).join(', ');
  return `use ${list}${facts.kind === 'AuthorizerIdentitySource' ? '' : ' or static text'}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Cursor lookup

/** The part under `offset` (an offset into the expression); a variable wins over literal text at a shared boundary. */
export function variableAt(parsed: ParsedSelection, offset: number): SelectionPart | undefined {
  const touching = parsed.parts.filter((p) => offset >= p.span.start && offset <= p.span.end);
  return touching.find((p) => p.kind === 'variable') ?? touching[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** A header or query value: one value or all values of a repeated name. */
export type MultiValue = string | readonly string[];

/** What a selection expression can read. Every field is optional; what is missing evaluates to the empty string. */
export interface SelectionInputs {
  /** The original client message text (`request.body`). */
  readonly body?: string;
  /** The message parsed as JSON; parsed from `body` when absent. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, MultiValue>>;
  readonly query?: Readonly<Record<string, MultiValue>>;
  readonly method?: string;
  readonly path?: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly basePath?: string;
  /** `$context` values, nested (`{authorizer: {principalId}}`) or flat (`{'authorizer.principalId': …}`). */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly stageVariables?: Readonly<Record<string, string>>;
  readonly integrationStatus?: number | string;
  readonly integrationHeaders?: Readonly<Record<string, MultiValue>>;
  /** The integration response body text (`integration.response.body`, `response.body`). */
  readonly integrationBody?: string;
}

/** How one variable was evaluated. */
export interface EvaluationStep {
  readonly raw: string;
  readonly span: Span;
  readonly value: string;
  /** False when the variable had no value (it became the empty string). */
  readonly found: boolean;
  /** Why the value is empty or how it was stringified, for traces. */
  readonly note?: string;
}

export interface SelectionEvaluation {
  readonly value: string;
  readonly steps: readonly EvaluationStep[];
  /** Raw text of the variables that had no value. */
  readonly unresolved: readonly string[];
  /** True when a `request.body` variable was read but the message is not JSON (route selection then uses `$default`). */
  readonly bodyNotJson: boolean;
}

const NOT_JSON = Symbol('not-json');

/** Evaluates a parsed expression with AWS semantics (gateway-spec §1.3). Single pass; never throws. */
export function evaluateSelection(parsed: ParsedSelection, inputs: SelectionInputs): SelectionEvaluation {
  let requestJson: unknown | typeof NOT_JSON | undefined;
  let integrationJson: unknown | typeof NOT_JSON | undefined;
  const bodyJson = (): unknown => (requestJson ??= 'json' in inputs ? inputs.json : parseJson(inputs.body));
  const integrationBodyJson = (): unknown => (integrationJson ??= parseJson(inputs.integrationBody));
  let value = '';
  let bodyNotJson = false;
  const steps: EvaluationStep[] = [];
  const unresolved: string[] = [];
  for (const part of parsed.parts) {
    if (part.kind === 'literal') {
      value += part.text;
      continue;
    }
    const step = evaluateVariable(part, inputs, bodyJson, integrationBodyJson);
    if (step.notJson && part.source === 'request.body') bodyNotJson = true;
    steps.push({ raw: part.raw, span: part.span, value: step.value, found: step.found, ...(step.note ? { note: step.note } : {}) });
    if (!step.found) unresolved.push(part.raw);
    value += step.value;
  }
  return { value, steps, unresolved, bodyNotJson };
}

interface VariableValue {
  value: string;
  found: boolean;
  note?: string;
  notJson?: boolean;
}

const missing = (note: string): VariableValue => ({ value: '', found: false, note });

function evaluateVariable(p: VariablePart, inputs: SelectionInputs, bodyJson: () => unknown, integrationJson: () => unknown): VariableValue {
  switch (p.source) {
    case 'request.body':
      return fromJson(p, inputs.body === undefined && !('json' in inputs) ? undefined : bodyJson(), 'the message');
    case 'integration.response.body':
    case 'response.body':
      return fromJson(p, inputs.integrationBody === undefined ? undefined : integrationJson(), 'the integration response body');
    case 'request.header':
      return fromMulti(lookupHeader(inputs.headers, p.path[0]), false, 'header');
    case 'request.querystring':
      return fromMulti(inputs.query?.[p.path[0] ?? ''], false, 'query-string parameter');
    case 'integration.response.header':
    case 'response.header':
      return fromMulti(lookupHeader(inputs.integrationHeaders, p.path[0]), false, 'integration response header');
    case 'integration.response.multivalueheader':
      return fromMulti(lookupHeader(inputs.integrationHeaders, p.path[0]), true, 'integration response header');
    case 'integration.response.statuscode':
    case 'response.statuscode':
      return inputs.integrationStatus === undefined ? missing('no integration status code') : { value: String(inputs.integrationStatus), found: true };
    case 'request.method':
      return inputs.method === undefined ? missing('no request method') : { value: inputs.method, found: true };
    case 'request.path':
      if (p.path.length === 0) return inputs.path === undefined ? missing('no request path') : { value: inputs.path, found: true };
      return fromMulti(inputs.pathParameters?.[p.path[0] ?? ''], false, 'path parameter');
    case 'request.basepath':
      return inputs.basePath === undefined ? missing('no base path') : { value: inputs.basePath, found: true };
    case 'context':
      return fromUnknown(lookupContext(inputs.context, p.path), `context variable ${p.path.join('.')}`);
    case 'stageVariables':
      return fromMulti(inputs.stageVariables?.[p.path[0] ?? ''], false, 'stage variable');
    case 'default':
      // `$default` selects the catch-all entry; evaluating it to its own text has the same effect (gateway-spec §12.4).
      return { value: '$default', found: true };
    case 'unknown':
      return missing(`unknown variable ${p.name}`);
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function fromJson(p: VariablePart, root: unknown, what: string): VariableValue {
  if (root === undefined) return missing(`${what} is not available`);
  if (root === NOT_JSON) return { value: '', found: false, note: `${what} is not JSON`, notJson: true };
  if (p.pathText === '') return { value: stringify(root), found: true };
  if (!p.jsonPath) return missing('the JSONPath cannot be evaluated (see the expression\'s problems)');
  const r = evaluateJsonPath(root, p.jsonPath);
  if (r.problem) return missing(r.problem.message);
  if (!r.found || r.value === undefined) return missing(`${p.pathText.replace(/^\./, '')} not found in ${what}`);
  if (!r.definite && Array.isArray(r.value) && r.value.length === 0) return missing(`${p.pathText.replace(/^\./, '')} matches nothing in ${what}`);
  if (r.value === null) return { value: '', found: false, note: 'the value is null' };
  return { value: stringify(r.value), found: true, ...(typeof r.value === 'object' ? { note: 'stringified (inferred format)' } : {}) };
}

function fromMulti(v: MultiValue | undefined, asList: boolean, what: string): VariableValue {
  if (v === undefined) return missing(`no such ${what}`);
  if (typeof v === 'string') return { value: asList ? `[${v}]` : v, found: true };
  if (asList) return { value: `[${v.join(', ')}]`, found: true };
  return v.length === 0 ? missing(`no such ${what}`) : { value: v.join(','), found: true };
}

function fromUnknown(v: unknown, what: string): VariableValue {
  if (v === undefined || v === null) return missing(`no ${what}`);
  return { value: stringify(v), found: true };
}

function lookupHeader(headers: Readonly<Record<string, MultiValue>> | undefined, name: string | undefined): MultiValue | undefined {
  if (!headers || name === undefined) return undefined;
  if (Object.hasOwn(headers, name)) return headers[name];
  const lower = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

function lookupContext(context: Readonly<Record<string, unknown>> | undefined, path: readonly string[]): unknown {
  if (!context) return undefined;
  const flat = path.join('.');
  if (Object.hasOwn(context, flat)) return context[flat];
  let v: unknown = context;
  for (const step of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, step)) return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

/**
 * Text of a selected value: strings as they are, numbers and booleans as text, lists like Java's `List.toString`
 * (`[a, b]`, documented), objects like Java's `Map.toString` (`{k=v}`, inferred), null as `null` inside collections.
 */
export function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(stringify).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${stringify(x)}`).join(', ')}}`;
  return String(v);
}
