// Replaying a scenario: its inputs as the simulator's SimRequest, and the verdict of comparing a run output with its expectations. Pure.
import type { SimRequest } from '../pipeline/types';
import { compareExpectations, type FieldDifference } from './compare';
import type { Scenario, ScenarioInput } from './format';
import type { JsonObject } from './json';

/**
 * The simulated request a scenario stands for: each input field is the `apigw-lens run` option of the same name
 * (`request` is the HTTP request). Values are passed on as written; the simulator reports malformed ones as a
 * `BadRequest` run error, which the scenario's expectations then show.
 */
export function scenarioRequest(input: ScenarioInput): SimRequest {
  const r: { -readonly [K in keyof SimRequest]: SimRequest[K] } = {};
  if (input.event !== undefined) r.event = input.event;
  if (input.message !== undefined) r.message = input.message;
  if (input.headers !== undefined) r.headers = input.headers as SimRequest['headers'];
  if (input.query !== undefined) r.query = input.query as SimRequest['query'];
  if (input.request !== undefined) r.http = input.request as unknown as SimRequest['http'];
  if (input.stage !== undefined) r.stage = input.stage;
  if (input.stageVariables !== undefined) r.stageVariables = input.stageVariables as SimRequest['stageVariables'];
  if (input.context !== undefined) r.context = input.context;
  if (input.backend !== undefined) r.backend = input.backend as unknown as SimRequest['backend'];
  return r;
}

/** The outcome of one scenario. */
export type ScenarioVerdict =
  | { readonly name: string; readonly status: 'passed' }
  | { readonly name: string; readonly status: 'failed'; readonly differences: readonly FieldDifference[] }
  /** The scenario could not be run at all (e.g. its `api` is not in the template). */
  | { readonly name: string; readonly status: 'error'; readonly message: string };

/** Compares the output of running `scenario` with its expectations. */
export function judgeScenario(scenario: Scenario, output: JsonObject): ScenarioVerdict {
  const differences = compareExpectations(scenario.expect, output);
  return differences.length === 0 ? { name: scenario.name, status: 'passed' } : { name: scenario.name, status: 'failed', differences };
}
