// Parsing facade: picks the YAML or JSON adapter and returns a ParsedSource. Pure.
import type { ParsedSource } from '../sourceNode';
import { parseJson } from './jsonAdapter';
import { parseYaml } from './yamlAdapter';
import { ParseBudget } from './budget';

export type FormatHint = 'yaml' | 'json' | undefined;

/**
 * Parses a template. With no hint, text starting with `{` is tried as JSON first and falls back to YAML
 * when it is not valid JSON but is valid YAML (a flow-mapping YAML file).
 */
export function parseSource(text: string, hint?: FormatHint): ParsedSource {
  const budget = new ParseBudget();
  if (hint === 'json' || (hint === undefined && /^\s*[{[]/.test(text))) {
    const json = parseJson(text, 0, budget);
    if (hint === 'json' || json.problems.every((p) => p.severity !== 'error')) {
      return { format: 'json', root: json.root, problems: withBudget(json.problems, budget), text };
    }
    const yamlBudget = new ParseBudget();
    const yaml = parseYaml(text, 0, yamlBudget);
    if (yaml.problems.every((p) => p.severity !== 'error')) return { format: 'yaml', root: yaml.root, problems: withBudget(yaml.problems, yamlBudget), text };
    return { format: 'json', root: json.root, problems: withBudget(json.problems, budget), text };
  }
  const yaml = parseYaml(text, 0, budget);
  return { format: 'yaml', root: yaml.root, problems: withBudget(yaml.problems, budget), text };
}

function withBudget<T extends { code: string }>(problems: T[], budget: ParseBudget): T[] {
  if (!budget.exhausted) return problems;
  return [...problems, { code: 'too-large', severity: 'warning', message: `The document has more than ${budget.limit} nodes; only the first ${budget.limit} are analysed.`, span: { start: 0, end: 0 } } as unknown as T];
}

export { scalarSourceMap, sourceOffsetToValue, valueOffsetToSource } from './scalarMap';
