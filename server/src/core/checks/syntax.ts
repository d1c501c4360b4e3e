// Parse-level problems (YAML/JSON syntax, duplicate keys, unknown tags, size limits) as rules with stable ids. Pure.
import type { Check, Rule } from './types';

export const yamlSyntax: Rule = { id: 'apigw/yaml-syntax', severity: 'error', title: 'The YAML text cannot be parsed.' };
export const jsonSyntax: Rule = { id: 'apigw/json-syntax', severity: 'error', title: 'The JSON text cannot be parsed.' };
export const duplicateKey: Rule = { id: 'apigw/duplicate-key', severity: 'warning', title: 'A mapping has the same key twice (most parsers keep the last value silently).' };
export const unknownTag: Rule = { id: 'apigw/unknown-tag', severity: 'warning', title: 'A YAML tag that is not a CloudFormation intrinsic function.' };
export const tooLarge: Rule = { id: 'apigw/too-large', severity: 'warning', title: 'The document is too large or too deeply nested to analyse completely.' };

const BY_CODE: Record<string, Rule> = {
  'yaml-syntax': yamlSyntax,
  'flow-indent': yamlSyntax,
  'json-syntax': jsonSyntax,
  'duplicate-key': duplicateKey,
  'unknown-tag': unknownTag,
  'too-large': tooLarge,
  'too-deep': tooLarge,
};

export const syntaxCheck: Check = {
  name: 'syntax',
  rules: [yamlSyntax, jsonSyntax, duplicateKey, unknownTag, tooLarge],
  run(model, emit) {
    for (const p of model.source.problems) {
      const rule = BY_CODE[p.code] ?? (model.source.format === 'json' ? jsonSyntax : yamlSyntax);
      emit(rule, p.span, p.message, { severity: p.severity === 'warning' && rule.severity === 'error' ? 'warning' : rule.severity });
    }
  },
};
