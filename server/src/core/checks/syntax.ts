// Parse-level problems (YAML/JSON syntax, duplicate keys, unknown tags, size limits) as rules with stable ids. Pure.
import type { Check, Rule } from './types';

export const yamlSyntax: Rule = { id: 'apigw/yaml-syntax', severity: 'error', title: 'The YAML text cannot be parsed.' };
export const jsonSyntax: Rule = { id: 'apigw/json-syntax', severity: 'error', title: 'The JSON text cannot be parsed.' };
export const duplicateKey: Rule = { id: 'apigw/duplicate-key', severity: 'warning', title: 'A mapping has the same key twice (most parsers keep the last value silently).' };
export const unknownTag: Rule = { id: 'apigw/unknown-tag', severity: 'warning', title: 'A YAML tag that is not a CloudFormation intrinsic function.' };
export const aliasExpansion: Rule = { id: 'apigw/yaml-alias-expansion', severity: 'error', title: 'YAML aliases form a cycle or expand the document beyond what can be analysed (an alias bomb).' };
export const tooLarge: Rule = { id: 'apigw/too-large', severity: 'warning', title: 'The document is too large or too deeply nested to analyse completely.' };

const BY_CODE: Record<string, Rule> = {
  'yaml-syntax': yamlSyntax,
  'flow-indent': yamlSyntax,
  'json-syntax': jsonSyntax,
  'duplicate-key': duplicateKey,
  'unknown-tag': unknownTag,
  'too-large': tooLarge,
  'too-deep': tooLarge,
  'alias-expansion': aliasExpansion,
};

/** How to fix, appended to parser messages (which only say what is wrong). */
const ADVICE: Record<string, string> = {
  'yaml-syntax': 'Fix the YAML at this position (check indentation, quotes and brackets).',
  'flow-indent': '',
  'json-syntax': 'Fix the JSON at this position (check commas, quotes and brackets).',
  'duplicate-key': 'Remove or rename one of the two entries; only the last one takes effect.',
  'unknown-tag': 'Remove the tag, or write the intrinsic function you meant (such as !Ref or !Sub).',
  'too-large': 'Split the template (nested stacks) to have it analysed completely.',
  'too-deep': 'Flatten the nesting to have it analysed.',
  'alias-expansion': '',
};

function withAdvice(code: string, message: string): string {
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`;
  const advice = ADVICE[code];
  return advice ? `${sentence} ${advice}` : sentence;
}

export const syntaxCheck: Check = {
  name: 'syntax',
  rules: [yamlSyntax, jsonSyntax, duplicateKey, unknownTag, tooLarge, aliasExpansion],
  run(model, emit) {
    for (const p of model.source.problems) {
      const rule = BY_CODE[p.code] ?? (model.source.format === 'json' ? jsonSyntax : yamlSyntax);
      emit(rule, p.span, withAdvice(p.code, p.message), { severity: p.severity === 'warning' && rule.severity === 'error' ? 'warning' : rule.severity });
    }
  },
};
