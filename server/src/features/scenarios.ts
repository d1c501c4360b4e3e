// `apigw/saveScenario`: turns a run (inputs + the apigw/runRoute result) into a scenario and returns the new scenarios-file text.
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import { expectationsFromOutput, toJson, upsertScenario, type JsonObject, type Scenario } from '../core/scenarios';
import { SaveScenarioRequest, type SaveScenarioParams, type SaveScenarioResult } from '../protocol';
import type { Feature } from '../serverContext';

export const scenariosFeature: Feature = {
  name: 'scenarios',
  capabilities: () => ({}),
  register(ctx) {
    ctx.connection.onRequest<SaveScenarioResult, void>(SaveScenarioRequest.method, (params: unknown): SaveScenarioResult => {
      if (!isParams(params)) throw new ResponseError(ErrorCodes.InvalidParams, 'apigw/saveScenario: expected {name, input, output, scenariosText, templateName}');
      try {
        return saveScenario(params);
      } catch (e) {
        ctx.logError('saveScenario', e);
        return { ok: false, message: `Saving the scenario failed unexpectedly: ${e instanceof Error ? e.message : String(e)}` };
      }
    });
  },
};

/** The scenario of a run and the scenarios file text with it added (or replaced by name). Pure apart from its input. */
export function saveScenario(p: SaveScenarioParams): SaveScenarioResult {
  const input = toJson(p.input) as JsonObject;
  const scenario: Scenario = { ...(input as Omit<Scenario, 'name' | 'expect'>), name: p.name.trim(), expect: expectationsFromOutput(toJson(p.output) as JsonObject) };
  const result = upsertScenario(p.scenariosText ?? undefined, scenario, p.templateName);
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, text: result.text, replaced: result.replaced, expectedFields: Object.keys(scenario.expect) };
}

function isParams(v: unknown): v is SaveScenarioParams {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.name === 'string' &&
    p.name.trim().length > 0 &&
    !!p.input &&
    typeof p.input === 'object' &&
    !Array.isArray(p.input) &&
    !!p.output &&
    typeof p.output === 'object' &&
    (p.scenariosText === null || typeof p.scenariosText === 'string') &&
    typeof p.templateName === 'string'
  );
}
