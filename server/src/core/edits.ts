// Building text edits that replace a scalar's value while keeping its quoting style valid. Pure.
import type { TextEdit } from './problem';
import type { ScalarNode } from './sourceNode';

/**
 * An edit that makes `node` hold the string `value`. Quoted scalars keep their quotes (with escaping);
 * plain YAML scalars stay plain when that is safe, else become single-quoted; JSON non-strings become strings.
 */
function replaceScalar(node: ScalarNode, value: string): TextEdit {
  switch (node.style) {
    case 'json':
    case 'double':
      return { span: node.valueSpan, newText: JSON.stringify(value).slice(1, -1) };
    case 'single':
      return { span: node.valueSpan, newText: value.replace(/'/g, "''") };
    case 'plain':
      return { span: node.span, newText: safePlain(value) ? value : `'${value.replace(/'/g, "''")}'` };
    default:
      // Block scalars: replace the whole node with a quoted flow scalar.
      return { span: node.span, newText: `'${value.replace(/'/g, "''")}'` };
  }
}

/** Like replaceScalar, but a non-string literal in a JSON document becomes a JSON string. */
export function replaceScalarIn(format: 'yaml' | 'json', node: ScalarNode, value: string): TextEdit {
  if (format === 'json' && node.style !== 'json') return { span: node.span, newText: JSON.stringify(value) };
  return replaceScalar(node, value);
}

function safePlain(s: string): boolean {
  if (s === '' || /^[\s]|[\s]$/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/: |\s#/.test(s)) return false;
  // Would resolve to a non-string in the core schema.
  if (/^(true|false|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i.test(s)) return false;
  return true;
}
