// The only importer of `velocityjs`: parses VTL with its jison parser and converts the result to our typed tree
// (ast.ts) with template offsets. velocityjs's renderer is not used (see interpreter.ts). Pure.
import { parse } from 'velocityjs';
import { span, type Span } from '../span';
import type { BinaryOp, VtlBranch, VtlExpr, VtlNode, VtlPathStep, VtlRef } from './ast';

/** A syntax error with a template-relative span. */
export interface VtlSyntaxError {
  readonly message: string;
  readonly span: Span;
}

export interface VtlParseResult {
  readonly nodes?: readonly VtlNode[];
  readonly error?: VtlSyntaxError;
}

/** Line starts as jison counts lines (`\r\n`, `\r`, `\n` each end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n?|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) starts.push(m.index + m[0].length);
  return starts;
}

interface JisonLoc {
  first_line: number;
  first_column: number;
  last_line: number;
  last_column: number;
}

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Readable names for jison token names in messages. */
const TOKEN_NAMES: Record<string, string> = {
  EOF: 'end of template',
  '1': 'end of template',
  CLOSE_PARENTHESIS: "')'",
  PARENTHESIS: "'('",
  DOLLAR: 'a $reference',
  ID: 'a name',
  MAP_BEGIN: "'{'",
  MAP_END: "'}'",
  MAP_SPLIT: "':'",
  BRACKET: "'['",
  CLOSE_BRACKET: "']'",
  COMMA: "','",
  EQUAL: "'='",
  DOT: "'.'",
  DECIMAL_POINT: "'.'",
  RANGE: "'..'",
  CONTENT: 'text',
  STRING: 'a string',
  EVAL_STRING: 'a string',
  INTEGER: 'a number',
  BOOL: 'true/false/null',
  SPACE: 'a space',
  VAR_END: "'}'",
  HASH: "'#'",
  IN: "'in'",
  RAW: 'a #[[raw]]# block',
  COMMENT: 'a comment',
  MACRO_BODY: '#@',
  '-': "'-'",
  '!': "'!'",
};

const tokenName = (t: string): string => TOKEN_NAMES[t.replace(/^'|'$/g, '')] ?? t;

/** Offset of a jison (line 1-based, column 0-based) position. */
function offsetAt(starts: readonly number[], line: number, column: number, textLength: number): number {
  const base = starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
  return Math.max(0, Math.min(base + column, textLength));
}

function locSpan(starts: readonly number[], loc: JisonLoc | undefined, textLength: number): Span {
  if (!loc) return span(0, Math.min(1, textLength));
  const start = offsetAt(starts, loc.first_line, loc.first_column, textLength);
  const end = offsetAt(starts, loc.last_line, loc.last_column, textLength);
  return span(start, Math.max(start, end));
}

/** Best position of a jison error: the offending token (searched from the last good token), or the caret of the message. */
function errorSpan(source: string, starts: readonly number[], error: unknown): Span {
  const hash = isObj(error) && isObj(error['hash']) ? error['hash'] : undefined;
  const loc = hash && isObj(hash['loc']) ? (hash['loc'] as unknown as JisonLoc) : undefined;
  const text = hash && typeof hash['text'] === 'string' ? hash['text'] : undefined;
  const token = hash ? String(hash['token']) : undefined;
  if (loc) {
    if (token === 'EOF' || token === '1' || text === '') {
      return span(Math.max(0, source.length - 1), source.length);
    }
    const last = locSpan(starts, loc, source.length);
    if (text !== undefined) {
      const at = source.indexOf(text, last.end);
      if (at >= 0 && at - last.end <= 200) return span(at, at + text.length);
      const within = source.indexOf(text, last.start);
      if (within >= 0) return span(within, within + text.length);
    }
    return last;
  }
  // Lexical errors carry no loc: use the caret line of the message ("…past text\n----^").
  const message = error instanceof Error ? error.message : '';
  const lines = message.split('\n');
  const caretLine = lines.find((l) => /^-*\^$/.test(l));
  const contextLine = lines[lines.indexOf(caretLine ?? '') - 1];
  if (caretLine !== undefined && contextLine !== undefined) {
    const caret = caretLine.length - 1;
    const past = contextLine.slice(0, caret).replace(/^\.\.\./, '');
    const flat: number[] = [];
    let flatText = '';
    for (let i = 0; i < source.length; i++) {
      if (source[i] === '\n') continue;
      flat.push(i);
      flatText += source[i];
    }
    const lineIdx = hash && typeof hash['line'] === 'number' ? hash['line'] : 0;
    const lineStart = starts[Math.min(lineIdx, starts.length - 1)] ?? 0;
    let from = 0;
    for (;;) {
      const at = flatText.indexOf(past, from);
      if (at < 0) break;
      const end = at + past.length;
      const offset = end < flat.length ? (flat[end] as number) : source.length;
      if (offset >= lineStart) return span(offset, Math.min(source.length, offset + 1));
      from = at + 1;
    }
  }
  const lineIdx = hash && typeof hash['line'] === 'number' ? hash['line'] : 0;
  const s = starts[Math.min(lineIdx, starts.length - 1)] ?? 0;
  return span(s, Math.min(source.length, s + 1));
}

function errorMessage(error: unknown): string {
  const hash = isObj(error) && isObj(error['hash']) ? error['hash'] : undefined;
  if (hash && Array.isArray(hash['expected'])) {
    const text = typeof hash['text'] === 'string' ? hash['text'] : '';
    const got = text.trim() ? `'${text.length > 20 ? `${text.slice(0, 20)}…` : text}'` : tokenName(String(hash['token']));
    const expected = [...new Set((hash['expected'] as unknown[]).map((e) => tokenName(String(e))))].filter((e) => e !== 'text' && e !== 'a space');
    const shown = expected.slice(0, 8).join(', ');
    return `Unexpected ${got}${expected.length ? `; expected ${shown}${expected.length > 8 ? ', …' : ''}` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/^Lexical error/.test(message)) return 'Unrecognised text (an unterminated string or an invalid character in a directive)';
  return `Syntax error: ${message.split('\n')[0] ?? message}`;
}

class SyntaxFail {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

/** Where velocityjs needs the template rewritten to parse valid Velocity (both found by scan.ts). */
interface VelocityRewrites {
  /** Offsets just after each bare `#stop`. */
  readonly stopDirectives?: readonly number[];
  /** Offsets of `{` that Velocity reads as text after a reference but velocityjs would take for `${` (`$p{}`). */
  readonly literalBraces?: readonly number[];
}

/**
 * A character velocityjs lexes as plain text where it expects more of a reference (it ends the reference), that does not
 * occur in `source`: a private-use code point, or undefined in the (absurd) case that all of them occur.
 */
function placeholderFor(source: string): string | undefined {
  for (let c = 0xe000; c <= 0xf8ff; c++) {
    const ch = String.fromCharCode(c);
    if (!source.includes(ch)) return ch;
  }
  return undefined;
}

/** Replaces the characters at `offsets` with `ch` (same length, so offsets stay valid). */
function replaceAt(text: string, offsets: readonly number[], ch: string): string {
  const chars = text.split('');
  for (const at of offsets) if (at >= 0 && at < chars.length) chars[at] = ch;
  return chars.join('');
}

/**
 * Parses a VTL template with velocityjs (Velocity 1.7 whitespace rules: a directive's trailing newline is dropped, and
 * the indentation before `#set` on its own line too). Never throws.
 */
export function parseVelocity(source: string, options: VelocityRewrites = {}): VtlParseResult {
  // velocityjs takes the `{` in `$p{}` for the start of a formal reference and fails; Velocity prints `$p`'s value and
  // then `{}`. Each such `{` is replaced by a placeholder character velocityjs lexes as text, and the placeholder is
  // turned back into `{` in every string taken from velocityjs's tree (Converter.restore). Same length: no offset moves.
  const braces = options.literalBraces ?? [];
  const placeholder = braces.length ? placeholderFor(source) : undefined;
  // velocityjs only knows `#stop()`; a bare `#stop` (valid Velocity) is rewritten to `#stop()` before parsing and all
  // offsets are mapped back. `stopDirectives` are the offsets just after each bare `#stop` (found by scan.ts).
  const inserts = [...(options.stopDirectives ?? [])].sort((a, b) => a - b);
  let text = placeholder ? replaceAt(source, braces, placeholder) : source;
  for (let k = inserts.length - 1; k >= 0; k--) {
    const at = inserts[k] as number;
    text = `${text.slice(0, at)}()${text.slice(at)}`;
  }
  const toOriginal = (t: number): number => {
    let shift = 0;
    for (let k = 0; k < inserts.length; k++) {
      const p = (inserts[k] as number) + 2 * k;
      if (t >= p + 2) shift += 2;
      else if (t > p) return inserts[k] as number;
      else break;
    }
    return t - shift;
  };
  const mapSpan = (s: Span): Span => (inserts.length ? span(toOriginal(s.start), toOriginal(s.end)) : s);
  const starts = lineStarts(text);
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return { error: { message: restore(errorMessage(e), placeholder), span: mapSpan(errorSpan(text, starts, e)) } };
  }
  try {
    const conv = new Converter(text, starts, mapSpan, placeholder);
    return { nodes: conv.list(Array.isArray(raw) ? raw : [], undefined) };
  } catch (e) {
    if (e instanceof SyntaxFail) return { error: { message: e.message, span: e.span } };
    if (e instanceof RangeError) return { error: { message: 'The template is nested too deeply', span: span(0, Math.min(1, source.length)) } };
    throw e;
  }
}

const MATH_OPS: Record<string, BinaryOp> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '&&': '&&',
  '||': '||',
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** `text` with each `placeholder` turned back into the `{` it stands for. */
function restore(text: string, placeholder: string | undefined): string {
  return placeholder && text.includes(placeholder) ? text.split(placeholder).join('{') : text;
}

class Converter {
  constructor(
    private readonly source: string,
    private readonly starts: readonly number[],
    private readonly mapSpan: (s: Span) => Span = (s) => s,
    /** Stands for `{` in the parsed text (see parseVelocity). */
    private readonly placeholder?: string,
  ) {}

  private restore(text: string): string {
    return restore(text, this.placeholder);
  }

  /** Text of a node's own (unmapped) position in the parsed text. */
  private textOf(n: Raw): string | undefined {
    const pos = n['pos'];
    if (!isObj(pos)) return undefined;
    const s = locSpan(this.starts, pos as unknown as JisonLoc, this.source.length);
    return this.restore(this.source.slice(s.start, s.end));
  }

  private spanOf(n: Raw, fallback: Span | undefined): Span {
    const pos = n['pos'];
    if (isObj(pos)) return this.mapSpan(locSpan(this.starts, pos as unknown as JisonLoc, this.source.length));
    return fallback ?? span(0, 0);
  }

  /** Converts a statement list; applies the Velocity 1.7 `#set` indentation gobbling. */
  list(items: readonly unknown[], parentSpan: Span | undefined): VtlNode[] {
    const out: VtlNode[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = typeof items[i] === 'string' ? this.restore(items[i] as string) : items[i];
      if (typeof item === 'string') {
        if (item === '') continue;
        const next = items[i + 1];
        // Velocity 1.x drops the spaces/tabs before a #set that starts a line.
        if (isObj(next) && next['type'] === 'set') {
          const m = /(^|\n|\r)[ \t]+$/.exec(item);
          const atStart = out.length === 0 && i === 0 && parentSpan === undefined;
          if (m || (atStart && /^[ \t]+$/.test(item))) {
            const trimmed = item.replace(/[ \t]+$/, '');
            if (trimmed) out.push({ k: 'text', text: trimmed });
            continue;
          }
        }
        out.push({ k: 'text', text: item });
        continue;
      }
      if (Array.isArray(item)) {
        const node = this.block(item, parentSpan);
        if (node) out.push(node);
        continue;
      }
      if (!isObj(item)) continue;
      const node = this.statement(item, parentSpan);
      if (node) out.push(node);
    }
    return out;
  }

  private statement(n: Raw, parentSpan: Span | undefined): VtlNode | undefined {
    const sp = this.spanOf(n, parentSpan);
    switch (n['type']) {
      case 'references':
        return { k: 'out', ref: this.ref(n, sp), span: sp };
      case 'set': {
        const eq = n['equal'];
        if (!Array.isArray(eq) || !isObj(eq[0])) throw new SyntaxFail('Malformed #set', sp);
        const target = this.ref(eq[0], sp);
        return { k: 'set', target, value: this.expr(eq[1], sp), span: sp };
      }
      case 'break':
        return { k: 'break', span: sp };
      case 'comment':
        return undefined;
      case 'raw':
        return { k: 'text', text: this.restore(String(n['value'] ?? '')) };
      case 'macro_call': {
        const args = Array.isArray(n['args']) ? n['args'].map((a) => this.expr(a, sp)) : [];
        return { k: 'call', name: String(n['id'] ?? ''), args, span: sp, text: this.textOf(n) ?? '' };
      }
      case 'content':
        return { k: 'text', text: this.restore(String(n['value'] ?? '')) };
      case 'else':
      case 'elseif':
      case 'end':
        // Only reachable when blocks are unbalanced; the block checker reports those before rendering.
        throw new SyntaxFail(`#${String(n['type'])} without a matching block`, sp);
      default:
        throw new SyntaxFail(`Unsupported construct (${String(n['type'])})`, sp);
    }
  }

  private block(items: readonly unknown[], parentSpan: Span | undefined): VtlNode | undefined {
    const head = items[0];
    if (!isObj(head)) return { k: 'block', body: this.list(items, parentSpan) };
    const sp = this.spanOf(head, parentSpan);
    const rest = items.slice(1);
    switch (head['type']) {
      case 'if': {
        const branches: VtlBranch[] = [];
        let cond: VtlExpr | undefined = this.expr(head['condition'], sp);
        let branchSpan = sp;
        let body: unknown[] = [];
        const flush = (): void => {
          const b = this.list(body, branchSpan);
          branches.push(cond === undefined ? { body: b, span: branchSpan } : { cond, body: b, span: branchSpan });
        };
        for (const it of rest) {
          if (isObj(it) && (it['type'] === 'elseif' || it['type'] === 'else')) {
            flush();
            branchSpan = this.spanOf(it, sp);
            cond = it['type'] === 'elseif' ? this.expr(it['condition'], branchSpan) : undefined;
            body = [];
          } else {
            body.push(it);
          }
        }
        flush();
        return { k: 'if', branches, span: sp };
      }
      case 'foreach':
        return { k: 'foreach', varName: String(head['to'] ?? ''), iterable: this.expr(head['from'], sp), body: this.list(rest, sp), span: sp };
      case 'macro': {
        const params = Array.isArray(head['args']) ? head['args'].filter(isObj).map((a) => String(a['id'] ?? '')) : [];
        return { k: 'macro', name: String(head['id'] ?? ''), params, body: this.list(rest, sp), span: sp };
      }
      case 'define':
        return { k: 'define', name: String(head['id'] ?? ''), body: this.list(rest, sp), span: sp };
      case 'noescape':
        return { k: 'block', body: this.list(rest, sp) };
      case 'macro_body': {
        const args = Array.isArray(head['args']) ? head['args'].map((a) => this.expr(a, sp)) : [];
        return { k: 'call', name: String(head['id'] ?? ''), args, body: this.list(rest, sp), span: sp, text: this.textOf(head) ?? '' };
      }
      default:
        return { k: 'block', body: this.list(items, parentSpan) };
    }
  }

  ref(n: Raw, sp: Span): VtlRef {
    const path: VtlPathStep[] = [];
    for (const p of Array.isArray(n['path']) ? n['path'] : []) {
      if (!isObj(p)) continue;
      if (p['type'] === 'property') path.push({ k: 'prop', name: String(p['id'] ?? '') });
      else if (p['type'] === 'method') path.push({ k: 'method', name: String(p['id'] ?? ''), args: Array.isArray(p['args']) ? p['args'].map((a) => this.expr(a, sp)) : [] });
      else if (p['type'] === 'index') path.push({ k: 'index', index: this.expr(p['id'], sp) });
    }
    const text = this.textOf(n) ?? this.restore(refText(n));
    const ref: VtlRef = { name: String(n['id'] ?? ''), quiet: n['leader'] === '$!', path, text, span: sp };
    if (Array.isArray(n['args'])) return { ...ref, directArgs: n['args'].map((a) => this.expr(a, sp)) };
    return ref;
  }

  expr(n: unknown, sp: Span): VtlExpr {
    if (typeof n === 'string') {
      // Range bounds arrive as raw digit strings.
      return /^-?\d+$/.test(n) ? { k: 'int', value: toInt(n) } : { k: 'str', value: n };
    }
    if (typeof n === 'number') return Number.isInteger(n) ? { k: 'int', value: n } : { k: 'float', value: n };
    if (!isObj(n)) return { k: 'null' };
    switch (n['type']) {
      case 'references':
        return { k: 'ref', ref: this.ref(n, sp) };
      case 'string': {
        // The interpolation is parsed from the text velocityjs saw (placeholders included), then restored.
        const value = String(n['value'] ?? '');
        if (n['isEval'] === true && (value.includes('$') || value.includes('#'))) return { k: 'interp', nodes: this.interpolation(value, sp), raw: this.restore(value) };
        return { k: 'str', value: this.restore(value) };
      }
      case 'integer': {
        const v = n['value'];
        return { k: 'int', value: typeof v === 'number' ? v : toInt(String(v)) };
      }
      case 'decimal':
        return { k: 'float', value: Number(n['value']) };
      case 'bool':
        return n['value'] === 'null' ? { k: 'null' } : { k: 'bool', value: n['value'] === 'true' };
      case 'array': {
        const value = Array.isArray(n['value']) ? n['value'] : [];
        if (n['isRange'] === true) return { k: 'range', from: this.expr(value[0], sp), to: this.expr(value[1], sp) };
        return { k: 'list', items: value.map((x) => this.expr(x, sp)) };
      }
      case 'map': {
        const value = isObj(n['value']) ? n['value'] : {};
        const entries: (readonly [string, VtlExpr])[] = Object.keys(value).map((key) => [this.restore(key), this.expr(value[key], sp)] as const);
        // velocityjs builds maps with `obj[key] = …`, so a "__proto__" key became the object's prototype; recover it.
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && isObj(proto)) entries.unshift(['__proto__', this.expr(proto, sp)]);
        return { k: 'map', entries };
      }
      case 'math':
        return this.math(n, sp);
      case 'runt':
        return { k: 'word', word: this.restore(String(n['value'] ?? '')) };
      default:
        return { k: 'null' };
    }
  }

  private math(n: Raw, sp: Span): VtlExpr {
    const e = Array.isArray(n['expression']) ? n['expression'] : [];
    const op = String(n['operator'] ?? '');
    if (op === 'parenthesis') return this.expr(e[0], sp);
    if (op === 'not') return { k: 'not', operand: this.expr(e[0], sp) };
    if (op === 'minus') return { k: 'neg', operand: this.expr(e[0], sp) };
    const bop = MATH_OPS[op];
    if (!bop) throw new SyntaxFail(`Unknown operator ${op}`, sp);
    return { k: 'bin', op: bop, left: this.expr(e[0], sp), right: this.expr(e[1], sp) };
  }

  /** Parses the contents of a double-quoted string literal (Velocity interpolates `$ref` and directives in it). */
  private interpolation(value: string, sp: Span): VtlNode[] {
    let raw: unknown;
    try {
      raw = parse(value);
    } catch (e) {
      const shown = this.restore(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      throw new SyntaxFail(`In the string "${shown}": ${this.restore(errorMessage(e))}`, sp);
    }
    const inner = new Converter(value, lineStarts(value), undefined, this.placeholder);
    // Offsets inside the string are relative to the string; report them at the enclosing statement.
    return inner.listWithin(Array.isArray(raw) ? raw : [], sp);
  }

  listWithin(items: readonly unknown[], sp: Span): VtlNode[] {
    const fix = (nodes: readonly VtlNode[]): VtlNode[] => nodes.map((nd) => respan(nd, sp));
    return fix(this.list(items, sp));
  }
}

/** Re-anchors a node converted from a string literal to the enclosing statement's span. */
function respan(n: VtlNode, sp: Span): VtlNode {
  switch (n.k) {
    case 'text':
      return n;
    case 'out':
      return { ...n, span: sp, ref: { ...n.ref, span: sp } };
    case 'set':
      return { ...n, span: sp };
    case 'if':
      return { ...n, span: sp, branches: n.branches.map((b) => ({ ...b, span: sp, body: b.body.map((x) => respan(x, sp)) })) };
    case 'foreach':
    case 'macro':
    case 'define':
      return { ...n, span: sp, body: n.body.map((x) => respan(x, sp)) };
    case 'call':
      return n.body ? { ...n, span: sp, body: n.body.map((x) => respan(x, sp)) } : { ...n, span: sp };
    case 'break':
      return { ...n, span: sp };
    case 'block':
      return { ...n, body: n.body.map((x) => respan(x, sp)) };
  }
}

function toInt(s: string): number | bigint {
  const b = BigInt(s);
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** Source-like text of a reference without a position (as velocityjs's getRefText does). */
function refText(n: Raw): string {
  let s = `${String(n['leader'] ?? '$')}${n['isWraped'] ? '{' : ''}${String(n['id'] ?? '')}`;
  if (Array.isArray(n['args'])) s += `(${n['args'].map(literalText).join(', ')})`;
  for (const p of Array.isArray(n['path']) ? n['path'] : []) {
    if (!isObj(p)) continue;
    if (p['type'] === 'property') s += `.${String(p['id'] ?? '')}`;
    else if (p['type'] === 'method') s += `.${String(p['id'] ?? '')}(${Array.isArray(p['args']) ? p['args'].map(literalText).join(', ') : ''})`;
    else if (p['type'] === 'index') s += `[${literalText(p['id'])}]`;
  }
  return s + (n['isWraped'] ? '}' : '');
}

function literalText(n: unknown): string {
  if (typeof n === 'string' || typeof n === 'number') return String(n);
  if (!isObj(n)) return '';
  switch (n['type']) {
    case 'references':
      return refText(n);
    case 'string':
      return n['isEval'] ? `"${String(n['value'])}"` : `'${String(n['value'])}'`;
    case 'integer':
    case 'decimal':
    case 'bool':
    case 'runt':
      return String(n['value']);
    case 'array':
      return Array.isArray(n['value']) ? (n['isRange'] ? `[${literalText(n['value'][0])}..${literalText(n['value'][1])}]` : `[${n['value'].map(literalText).join(', ')}]`) : '[]';
    case 'map':
      return '{…}';
    default:
      return '…';
  }
}
