// Facade of the scenarios module: the file format, editing it, and comparing expectations with run outputs. Pure.
export {
  parseScenarios,
  scenarioInput,
  SCENARIOS_SUFFIX,
  SCENARIOS_VERSION,
  type PositionedScenario,
  type Scenario,
  type ScenarioEvent,
  type ScenarioFile,
  type ScenarioInput,
  type ScenarioProblem,
} from './format';
export { upsertScenario, scenarioToJson, newScenariosFileHeader, type UpsertResult } from './edit';
export { comparableOutput, compareExpectations, expectationsFromOutput, formatDifference, lineDiff, EXPECT_FIELDS, type FieldDifference } from './compare';
export { jsonEqual, toJson, toJsonValue, prettyJsonText, type JsonObject, type JsonValue } from './json';
export { scenarioRequest, judgeScenario, type ScenarioVerdict } from './replay';

/**
 * The scenarios file of a template: the template's name with its extension (.yaml, .yml, .json, .template) replaced by
 * `.apigw-scenarios.yaml`, in the same folder. Works on file names and on paths with `/` or `\` separators.
 */
export function scenariosPathFor(templatePath: string): string {
  return templatePath.replace(/\.(ya?ml|json|template)$/i, '') + '.apigw-scenarios.yaml';
}
