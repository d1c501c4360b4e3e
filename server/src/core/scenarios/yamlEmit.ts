// A small YAML emitter for scenario files: block style, readable strings (single quotes, literal blocks), output that the yaml adapter reads back to the same JSON value. Pure.
import type { JsonValue } from './json';

/** Plain scalars that YAML (1.1 or 1.2) could read as something other than a string. */
const AMBIGUOUS = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.?[0-9][0-9_.:eE+-]*|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$/;
/** Conservative plain-scalar alphabet: starts with a letter, `_`, `$` or `/`; no indicators, no `: ` or ` #`. */
const PLAIN = /^[A-Za-z_$/][A-Za-z0-9_ ./()$-]*$/;
/** Characters a single-quoted scalar cannot carry literally (C0 controls except tab, DEL, C1, line/paragraph separators, BOM, lone surrogates are handled by JSON escaping). */
const NEEDS_ESCAPE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string as a YAML scalar on one line: plain when unambiguous, single-quoted when printable, else JSON double-quoted. */
export function inlineString(s: string): string {
  if (s.length > 0 && s.length <= 200 && PLAIN.test(s) && !AMBIGUOUS.test(s) && !s.endsWith(' ') && !s.includes(' #')) return s;
  if (!NEEDS_ESCAPE.test(s) && !s.includes('\t')) return `'${s.replace(/'/g, "''")}'`;
  // JSON escapes are YAML double-quoted escapes; YAML also wants DEL, C1 controls, separators and the BOM escaped.
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A map key: plain when safe, else quoted like a string. */
export function yamlKey(k: string): string {
  if (k.length > 0 && /^[A-Za-z_$][A-Za-z0-9_$./-]*$/.test(k) && !AMBIGUOUS.test(k)) return k;
  return inlineString(k);
}

/**
 * A multi-line string as a literal block (`|`, `|-`, `|+`, with an indentation indicator when the first line
 * starts with a space), or undefined when a literal block cannot carry it exactly.
 */
function literalBlock(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || s.includes('\r') || NEEDS_ESCAPE.test(s.replace(/\n/g, ''))) return undefined;
  const body = s.replace(/\n+$/, '');
  if (body.length === 0) return undefined;
  const trailing = s.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = s.slice(0, trailing > 1 ? s.length - 1 : body.length).split('\n');
  // Leading whitespace on the first non-empty line would be taken as indentation: then state the indentation (2) explicitly.
  const first = lines.find((l) => l.length > 0) ?? '';
  const indicator = /^[ \t]/.test(first) ? '2' : '';
  return `|${indicator}${chomp}\n${lines.map((l) => (l.length ? `${indent}  ${l}` : '')).join('\n')}`;
}

/**
 * The YAML text of `value` as the value of a mapping key or sequence item at indentation `indent`
 * (the text that follows `key:` or `-`; begins with a space or a line break).
 */
function valueText(value: JsonValue, indent: string): string {
  if (value === null) return ' null';
  if (typeof value === 'boolean') return ` ${value}`;
  if (typeof value === 'number') return ` ${Number.isFinite(value) ? String(value) : 'null'}`;
  if (typeof value === 'string') {
    if (value.includes('\n')) {
      const block = literalBlock(value, indent);
      if (block) return ` ${block}`;
    }
    return ` ${inlineString(value)}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? ' []' : `\n${emitSeq(value, indent + '  ')}`;
  const keys = Object.keys(value);
  return keys.length === 0 ? ' {}' : `\n${emitMap(value, indent + '  ')}`;
}

/** A block mapping, every line starting with `indent`; no trailing newline. */
export function emitMap(map: { [key: string]: JsonValue }, indent: string): string {
  return Object.keys(map)
    .map((k) => `${indent}${yamlKey(k)}:${valueText(map[k] as JsonValue, indent)}`)
    .join('\n');
}

/** A block sequence, every `-` at `indent`; no trailing newline. */
export function emitSeq(items: readonly JsonValue[], indent: string): string {
  return items.map((item) => `${indent}-${itemText(item, indent)}`).join('\n');
}

/** The text after `-` for one sequence item: maps continue on the dash line, their further keys aligned under the first. */
function itemText(item: JsonValue, indent: string): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
    return ` ${emitMap(item, indent + '  ').slice(indent.length + 2)}`;
  }
  if (Array.isArray(item) && item.length > 0) return ` ${emitSeq(item, indent + '  ').slice(indent.length + 2)}`;
  return valueText(item, indent);
}

/** One sequence item as it appears after `- ` at `indent` (continuation lines indented by `indent` + 2). */
export function emitItem(item: JsonValue, indent: string): string {
  return itemText(item, indent).replace(/^ /, '');
}
