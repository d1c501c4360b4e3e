// The scenarios file (`<template>.apigw-scenarios.yaml`, docs/scenarios.md): its types and a parser that reports positioned problems instead of throwing. Pure.
import { parseSource } from '../parse';
import type { MapNode, SourceNode } from '../sourceNode';
import type { Span } from '../span';
import { isJsonObject, toJsonValue, type JsonObject, type JsonValue } from './json';

/** Version written to and accepted from scenario files. */
export const SCENARIOS_VERSION = 1;
/** File name suffix of scenario files. */
export const SCENARIOS_SUFFIX = '.apigw-scenarios.yaml';

export type ScenarioEvent = 'connect' | 'message' | 'disconnect';

/**
 * The inputs of one run: the same options as `apigw-lens run`, one field per flag
 * (`--api`, `--event`, `--message`, `--headers`, `--query`, `--request`, `--stage`, `--stage-variables`, `--context`, `--backend`).
 */
export interface ScenarioInput {
  /** Logical id of the Api; needed only when the template declares several. */
  api?: string;
  /** WebSocket lifecycle event (default `message`). */
  event?: ScenarioEvent;
  /** WebSocket frame text. A mapping or list written in YAML is sent as its compact JSON text. */
  message?: string;
  /** WebSocket `$connect` request headers. */
  headers?: JsonObject;
  /** WebSocket `$connect` query string parameters. */
  query?: JsonObject;
  /** HTTP API request `{method, path, headers, query, body}`. */
  request?: JsonObject;
  stage?: string;
  stageVariables?: JsonObject;
  /** Overrides of `$context` values (e.g. a fixed `connectionId`). */
  context?: JsonObject;
  /** Backend stub: `{statusCode, headers, body}` for HTTP/AWS, `{lambdaResult}` or `{lambdaError: {errorMessage, errorType}}` for Lambda. */
  backend?: JsonObject;
}

export interface Scenario extends ScenarioInput {
  name: string;
  /** Fields of the `apigw-lens run --format json` output and their expected values; only these are compared. */
  expect: JsonObject;
}

/** A scenario with the spans a report needs. */
export interface PositionedScenario {
  readonly scenario: Scenario;
  /** The whole list item. */
  readonly span: Span;
  readonly nameSpan: Span;
  /** Span of each `expect` field's value, by field name. */
  readonly expectSpans: ReadonlyMap<string, Span>;
}

export interface ScenarioProblem {
  readonly message: string;
  readonly span: Span;
}

export interface ScenarioFile {
  /** The `template` field: the template file name, relative to the scenarios file. */
  readonly template: string | undefined;
  readonly scenarios: readonly PositionedScenario[];
  /** Syntax problems and invalid fields; a scenario with a problem is left out of `scenarios`. */
  readonly problems: readonly ScenarioProblem[];
}

const INPUT_OBJECT_FIELDS = ['headers', 'query', 'request', 'stageVariables', 'context', 'backend'] as const;
const KNOWN_FIELDS = new Set(['name', 'api', 'event', 'message', 'stage', 'expect', ...INPUT_OBJECT_FIELDS]);
const TOP_FIELDS = new Set(['version', 'template', 'scenarios']);

/** Parses a scenarios file. Never throws: everything wrong is a positioned problem. */
export function parseScenarios(text: string): ScenarioFile {
  const source = parseSource(text, 'yaml');
  const problems: ScenarioProblem[] = source.problems.filter((p) => p.severity === 'error' || p.code === 'duplicate-key').map((p) => ({ message: p.message, span: p.span }));
  // With a syntax error the structure is unreliable: report only what the parser found.
  if (problems.length > 0) return { template: undefined, scenarios: [], problems };
  const root = source.root;
  if (!root || root.kind !== 'map') {
    const empty = !root || (root.kind === 'scalar' && root.value === null);
    if (!empty) problems.push({ message: 'A scenarios file is a mapping with `version`, `template` and `scenarios` (see docs/scenarios.md).', span: root.span });
    return { template: undefined, scenarios: [], problems };
  }
  for (const e of root.entries) {
    if (!TOP_FIELDS.has(String(e.key.value))) problems.push({ message: `Unknown field "${String(e.key.value)}": a scenarios file has only version, template and scenarios.`, span: e.key.span });
  }
  const version = entry(root, 'version');
  if (version && !(version.kind === 'scalar' && version.value === SCENARIOS_VERSION)) {
    problems.push({ message: `Unsupported scenarios file version: this apigw-lens reads version ${SCENARIOS_VERSION}.`, span: version.span });
  }
  const templateNode = entry(root, 'template');
  let template: string | undefined;
  if (templateNode) {
    if (templateNode.kind === 'scalar' && typeof templateNode.value === 'string' && templateNode.value.length > 0) template = templateNode.value;
    else problems.push({ message: '`template` must be the template file name, relative to this file.', span: templateNode.span });
  }
  const list = entry(root, 'scenarios');
  const scenarios: PositionedScenario[] = [];
  if (list && !(list.kind === 'seq' || (list.kind === 'scalar' && list.value === null))) {
    problems.push({ message: '`scenarios` must be a list of scenarios.', span: list.span });
  } else if (list?.kind === 'seq') {
    const seen = new Map<string, Span>();
    for (const item of list.items) {
      const parsed = parseScenario(item, problems);
      if (!parsed) continue;
      const earlier = seen.get(parsed.scenario.name);
      if (earlier) {
        problems.push({ message: `Another scenario is already named "${parsed.scenario.name}": names must be unique.`, span: parsed.nameSpan });
        continue;
      }
      seen.set(parsed.scenario.name, parsed.nameSpan);
      scenarios.push(parsed);
    }
  }
  return { template, scenarios, problems: problems.sort((a, b) => a.span.start - b.span.start) };
}

function entry(map: MapNode, key: string): SourceNode | undefined {
  for (const e of map.entries) if (String(e.key.value) === key) return e.value ?? { kind: 'scalar', value: null, style: 'plain', span: e.key.span, valueSpan: e.key.span };
  return undefined;
}

function parseScenario(node: SourceNode, problems: ScenarioProblem[]): PositionedScenario | undefined {
  if (node.kind !== 'map') {
    problems.push({ message: 'Each scenario is a mapping with at least `name` and `expect`.', span: node.span });
    return undefined;
  }
  const before = problems.length;
  const fail = (message: string, span: Span) => problems.push({ message, span });
  for (const e of node.entries) {
    const k = String(e.key.value);
    if (!KNOWN_FIELDS.has(k)) fail(`Unknown scenario field "${k}". Known fields: ${[...KNOWN_FIELDS].join(', ')}.`, e.key.span);
  }
  const nameNode = entry(node, 'name');
  const name = nameNode?.kind === 'scalar' && nameNode.value !== null && String(nameNode.value).trim() !== '' ? String(nameNode.value) : undefined;
  if (!name) fail('A scenario needs a non-empty `name`.', nameNode?.span ?? node.span);
  const scenario: Scenario = { name: name ?? '', expect: {} };
  const api = entry(node, 'api');
  if (api) {
    if (api.kind === 'scalar' && typeof api.value === 'string') scenario.api = api.value;
    else fail('`api` is the logical id of an AWS::ApiGatewayV2::Api.', api.span);
  }
  const event = entry(node, 'event');
  if (event) {
    if (event.kind === 'scalar' && (event.value === 'connect' || event.value === 'message' || event.value === 'disconnect')) scenario.event = event.value;
    else fail('`event` is one of connect, message, disconnect.', event.span);
  }
  const message = entry(node, 'message');
  if (message) {
    if (message.kind === 'scalar' && typeof message.value === 'string') scenario.message = message.value;
    else if (message.kind === 'scalar' && message.value !== null) scenario.message = String(message.value);
    else if (message.kind !== 'scalar') scenario.message = JSON.stringify(toJsonValue(message));
    else fail('`message` is the text of the frame (use quotes for JSON, or write it as a YAML mapping).', message.span);
  }
  const stage = entry(node, 'stage');
  if (stage) {
    if (stage.kind === 'scalar' && stage.value !== null) scenario.stage = String(stage.value);
    else fail('`stage` is a stage name.', stage.span);
  }
  for (const field of INPUT_OBJECT_FIELDS) {
    const v = entry(node, field);
    if (!v) continue;
    const value = toJsonValue(v);
    if (isJsonObject(value)) scenario[field] = value;
    else fail(`\`${field}\` must be a mapping.`, v.span);
  }
  const expectSpans = new Map<string, Span>();
  const expect = entry(node, 'expect');
  if (!expect) fail(`Scenario "${name ?? ''}" has no \`expect\`: add the fields of the run output to compare (save the run from the Run Route panel to get them).`, nameNode?.span ?? node.span);
  else if (expect.kind !== 'map') fail('`expect` must be a mapping from output fields to their expected values.', expect.span);
  else {
    const value = toJsonValue(expect) as JsonObject;
    scenario.expect = value;
    for (const e of expect.entries) expectSpans.set(String(e.key.value), e.value?.span ?? e.key.span);
  }
  if (problems.length > before) return undefined;
  return { scenario, span: node.span, nameSpan: nameNode?.span ?? node.span, expectSpans };
}

/** The scenario's inputs only (without name and expectations). */
export function scenarioInput(s: Scenario): ScenarioInput {
  const { name: _name, expect: _expect, ...input } = s;
  return input;
}

export type { JsonObject, JsonValue };
