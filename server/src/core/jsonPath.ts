// JSONPath with Jayway ("JSONPath for Java") semantics; the only importer of `jsonpath-plus`. Pure; never throws.
//
// API Gateway evaluates `$input.path/json` and `${request.body.…}` selection expressions with Jayway JsonPath:
// a *definite* path (only names and single indices) yields one value (or nothing), an *indefinite* path (`[*]`, `..`,
// filters, slices, unions) yields the list of matches. This module parses Jayway syntax itself (for exact error offsets
// and the definite/indefinite split), walks definite paths directly, and hands indefinite traversal to jsonpath-plus
// through its public `JSONPath.cache` (the pre-parsed step list is registered under a private key, so jsonpath-plus never
// re-parses our path text). Filter expressions are NEVER given to jsonpath-plus's script evaluator: each filter becomes
// an opaque token that calls back into the small Jayway filter evaluator below, which only reads own properties of
// plain JSON data. Templates are untrusted.
import { JSONPath } from 'jsonpath-plus';
import { compileJavaRegex } from './javaRegex';

/** A JSONPath syntax problem: message and UTF-16 offset into the path text. */
export interface JsonPathProblem {
  readonly message: string;
  readonly offset: number;
  /** Valid Jayway that the simulator cannot evaluate (a function such as `max()`): not an error in the template. */
  readonly unsupported?: true;
}

/** One step of a parsed path. */
export type JsonPathSegment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'deep' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'indices'; readonly indices: readonly number[] }
  | { readonly kind: 'filter'; readonly source: string; readonly filter: FilterExpr };

/** A compiled path. `definite` is Jayway's notion: only single names and single indices. */
export interface CompiledJsonPath {
  readonly source: string;
  readonly segments: readonly JsonPathSegment[];
  readonly definite: boolean;
  /** Trailing Jayway function (`.length()` / `.size()`), applied to the result. */
  readonly fn?: 'length';
}

/** A location of a match: keys from the root (numbers for array indices). */
export type JsonPathLocation = readonly (string | number)[];

// ---------------------------------------------------------------------------------------------------------------
// Path parser

class PathError {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly unsupported = false,
  ) {}
}

const SUPPORTED_FUNCTIONS = new Set(['length', 'size']);
const JAYWAY_FUNCTIONS = new Set(['length', 'size', 'min', 'max', 'avg', 'stddev', 'sum', 'keys', 'concat', 'append', 'first', 'last', 'index']);

const CACHE_LIMIT = 512;
const compiledCache = new Map<string, { path?: CompiledJsonPath; problem?: JsonPathProblem }>();

/**
 * Parses a Jayway JSONPath. A path that starts with neither `$` nor `@` gets `$.` prepended, as Jayway does.
 * Never throws; a syntax error yields `problem` with an offset into `path`. Memoised (bounded).
 */
export function compileJsonPath(path: string): { path?: CompiledJsonPath; problem?: JsonPathProblem } {
  const hit = compiledCache.get(path);
  if (hit) return hit;
  let result: { path?: CompiledJsonPath; problem?: JsonPathProblem };
  try {
    result = { path: new PathParser(path).parse() };
  } catch (e) {
    if (e instanceof PathError) result = { problem: { message: e.message, offset: Math.max(0, Math.min(e.offset, path.length)), ...(e.unsupported ? { unsupported: true as const } : {}) } };
    else if (e instanceof RangeError) result = { problem: { message: 'JSONPath is nested too deeply', offset: 0 } };
    else throw e;
  }
  compiledCache.set(path, result);
  if (compiledCache.size > CACHE_LIMIT) compiledCache.delete(compiledCache.keys().next().value as string);
  return result;
}

class PathParser {
  private pos = 0;
  private readonly text: string;
  /** Offset correction when `$.` was prepended. */
  private readonly shift: number;

  constructor(private readonly original: string) {
    const lead = original.length - original.trimStart().length;
    const trimmed = original.trim();
    if (trimmed.startsWith('$') || trimmed.startsWith('@')) {
      this.text = trimmed;
      this.shift = -lead;
    } else {
      this.text = `$.${trimmed}`;
      this.shift = 2 - lead;
    }
  }

  private fail(message: string, at = this.pos, unsupported = false): never {
    throw new PathError(message, at - this.shift, unsupported);
  }

  parse(): CompiledJsonPath {
    if (this.original.trim() === '') this.fail('Path must not be empty', 0);
    this.pos = 1; // $ or @
    const segments: JsonPathSegment[] = [];
    let fn: 'length' | undefined;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (fn) this.fail('A JSONPath function must be the last step');
      if (c === '.') {
        if (this.text[this.pos + 1] === '.') {
          this.pos += 2;
          segments.push({ kind: 'deep' });
          if (this.pos >= this.text.length) this.fail("Path must not end with a '.' or '..'");
          if (this.text[this.pos] === '[') {
            segments.push(this.parseBracket());
            continue;
          }
        } else {
          this.pos++;
          if (this.pos >= this.text.length) this.fail("Path must not end with a '.' or '..'");
        }
        if (this.text[this.pos] === '*') {
          this.pos++;
          segments.push({ kind: 'wildcard' });
          continue;
        }
        const start = this.pos;
        while (this.pos < this.text.length && !'.[( '.includes(this.text[this.pos] as string)) this.pos++;
        const name = this.text.slice(start, this.pos);
        if (name === '') this.fail('Property has no name', start);
        if (this.text[this.pos] === '(') {
          if (!JAYWAY_FUNCTIONS.has(name)) this.fail(`Unknown JSONPath function ${name}()`, start);
          if (!SUPPORTED_FUNCTIONS.has(name)) this.fail(`The JSONPath function ${name}() is not supported by the simulator`, start, true);
          if (this.text[this.pos + 1] !== ')') this.fail(`${name}() takes no arguments`, this.pos + 1);
          this.pos += 2;
          fn = 'length';
          continue;
        }
        segments.push({ kind: 'name', name });
      } else if (c === '[') {
        segments.push(this.parseBracket());
      } else if (c === ' ' || c === '\t') {
        this.fail('Unexpected whitespace in path');
      } else {
        this.fail(`Could not parse token starting at '${c}'`);
      }
    }
    const definite = segments.every((s) => s.kind === 'name' || s.kind === 'index');
    return fn ? { source: this.original, segments, definite, fn } : { source: this.original, segments, definite };
  }

  private skipWs(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private parseBracket(): JsonPathSegment {
    const open = this.pos;
    this.pos++; // [
    this.skipWs();
    const c = this.text[this.pos];
    if (c === undefined) this.fail("Unclosed '['", open);
    let seg: JsonPathSegment;
    if (c === '?') {
      seg = this.parseFilter(open);
    } else if (c === '*') {
      this.pos++;
      seg = { kind: 'wildcard' };
    } else if (c === "'" || c === '"') {
      const names: string[] = [this.parseQuoted()];
      this.skipWs();
      while (this.text[this.pos] === ',') {
        this.pos++;
        this.skipWs();
        const q = this.text[this.pos];
        if (q !== "'" && q !== '"') this.fail('Expected a quoted property name');
        names.push(this.parseQuoted());
        this.skipWs();
      }
      seg = names.length === 1 ? { kind: 'name', name: names[0] as string } : { kind: 'names', names };
    } else if (c === '(') {
      this.fail('Script expressions [(…)] are not supported by Jayway JsonPath');
    } else {
      const start = this.pos;
      const end = this.text.indexOf(']', start);
      if (end < 0) this.fail("Unclosed '['", open);
      const body = this.text.slice(start, end).trim();
      if (body.includes(':')) {
        const parts = body.split(':');
        if (parts.length > 3) this.fail('Invalid array slice', start);
        const num = (s: string | undefined, at: number): number | undefined => {
          const t = (s ?? '').trim();
          if (t === '') return undefined;
          if (!/^-?\d+$/.test(t)) this.fail(`Invalid array slice bound '${t}'`, at);
          return Number(t);
        };
        const slice: { kind: 'slice'; start?: number; end?: number; step?: number } = { kind: 'slice' };
        const s0 = num(parts[0], start);
        const s1 = num(parts[1], start);
        const s2 = num(parts[2], start);
        if (s0 !== undefined) slice.start = s0;
        if (s1 !== undefined) slice.end = s1;
        if (s2 !== undefined) {
          if (s2 <= 0) this.fail('Array slice step must be positive', start);
          slice.step = s2;
        }
        seg = slice;
      } else {
        const parts = body.split(',').map((p) => p.trim());
        const indices: number[] = [];
        let at = start;
        for (const p of parts) {
          if (!/^-?\d+$/.test(p)) this.fail(p === '' ? 'Empty array index' : `Invalid array index '${p}'`, at);
          indices.push(Number(p));
          at += p.length + 1;
        }
        seg = indices.length === 1 ? { kind: 'index', index: indices[0] as number } : { kind: 'indices', indices };
      }
      this.pos = end;
    }
    this.skipWs();
    if (this.text[this.pos] !== ']') this.fail("Expected ']'", this.pos);
    this.pos++;
    return seg;
  }

  private parseQuoted(): string {
    const q = this.text[this.pos] as string;
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.text.length && this.text[this.pos] !== q) {
      if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) {
        this.pos++;
      }
      out += this.text[this.pos];
      this.pos++;
    }
    if (this.text[this.pos] !== q) this.fail('Unterminated quoted property name', start);
    this.pos++;
    return out;
  }

  private parseFilter(open: number): JsonPathSegment {
    // [?( expr )]
    this.pos++; // ?
    this.skipWs();
    if (this.text[this.pos] !== '(') this.fail("Expected '(' after '?' in a filter", this.pos);
    const exprStart = this.pos + 1;
    // Find the matching ')' respecting quotes and regex literals.
    let depth = 0;
    let i = this.pos;
    let quote: string | undefined;
    for (; i < this.text.length; i++) {
      const ch = this.text[i] as string;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') {
        depth--;
        if (depth === 0) break;
      }
    }
    if (i >= this.text.length) this.fail('Unclosed filter expression', open);
    const source = this.text.slice(exprStart, i);
    const filter = new FilterParser(source, exprStart - this.shift).parse();
    this.pos = i + 1;
    return { kind: 'filter', source, filter };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Jayway filter expressions

/** A parsed filter expression (`[?(…)]`). */
export type FilterExpr =
  | { readonly t: 'or' | 'and'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly t: 'not'; readonly operand: FilterExpr }
  | { readonly t: 'cmp'; readonly op: string; readonly left: FilterOperand; readonly right: FilterOperand }
  | { readonly t: 'exists'; readonly operand: FilterOperand };

type FilterOperand =
  | { readonly t: 'path'; readonly root: '@' | '$'; readonly steps: readonly (string | number)[]; readonly length: boolean }
  | { readonly t: 'literal'; readonly value: unknown }
  | { readonly t: 'regex'; readonly regex: RegExp };

const CMP_OPS = ['==', '!=', '<=', '>=', '<', '>', '=~'];
const WORD_OPS = ['nin', 'in', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains'];

class FilterParser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly base: number,
  ) {}

  private fail(message: string, at = this.pos, unsupported = false): never {
    throw new PathError(message, this.base + at, unsupported);
  }

  private ws(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  parse(): FilterExpr {
    const e = this.parseOr();
    this.ws();
    if (this.pos < this.src.length) this.fail(`Unexpected '${this.src[this.pos]}' in filter`);
    return e;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    for (;;) {
      this.ws();
      if (!this.src.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { t: 'or', left, right: this.parseAnd() };
    }
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    for (;;) {
      this.ws();
      if (!this.src.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { t: 'and', left, right: this.parseUnary() };
    }
  }

  private parseUnary(): FilterExpr {
    this.ws();
    if (this.src[this.pos] === '!' && this.src[this.pos + 1] !== '=') {
      this.pos++;
      return { t: 'not', operand: this.parseUnary() };
    }
    if (this.src[this.pos] === '(') {
      this.pos++;
      const e = this.parseOr();
      this.ws();
      if (this.src[this.pos] !== ')') this.fail("Expected ')' in filter");
      this.pos++;
      return e;
    }
    const left = this.parseOperand();
    this.ws();
    const op = CMP_OPS.find((o) => this.src.startsWith(o, this.pos)) ?? WORD_OPS.find((o) => new RegExp(`^${o}\\b`).test(this.src.slice(this.pos)));
    if (!op) {
      if (left.t !== 'path') this.fail('A filter needs a comparison or a path');
      return { t: 'exists', operand: left };
    }
    this.pos += op.length;
    if (op === '=~') {
      this.ws();
      if (this.src[this.pos] !== '/') this.fail("Expected a /regex/ after '=~'");
      return { t: 'cmp', op, left, right: this.parseRegex() };
    }
    const right = this.parseOperand();
    return { t: 'cmp', op, left, right };
  }

  private parseRegex(): FilterOperand {
    const start = this.pos;
    this.pos++; // /
    let body = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '/') {
      if (this.src[this.pos] === '\\' && this.pos + 1 < this.src.length) {
        body += this.src[this.pos];
        this.pos++;
      }
      body += this.src[this.pos];
      this.pos++;
    }
    if (this.src[this.pos] !== '/') this.fail('Unterminated regex literal', start);
    this.pos++;
    const flags = /^[dimsuxU]*/.exec(this.src.slice(this.pos))?.[0] ?? '';
    this.pos += flags.length;
    const compiled = compileJavaRegex(flags ? `(?${flags})${body}` : body);
    if (compiled.error) this.fail(`Invalid regex: ${compiled.error.message}`, start + 1 + Math.max(0, compiled.error.offset - (flags ? flags.length + 3 : 0)));
    if (!compiled.regex) this.fail('This Java regex has no JavaScript equivalent in the simulator', start);
    return { t: 'regex', regex: new RegExp(`^(?:${compiled.regex.source})$`, 'v') };
  }

  private parseOperand(): FilterOperand {
    this.ws();
    const c = this.src[this.pos];
    if (c === '@' || c === '$') {
      this.pos++;
      const steps: (string | number)[] = [];
      let length = false;
      for (;;) {
        if (this.src[this.pos] === '.') {
          this.pos++;
          const m = /^[^\s.[\]()=!<>&|,]+/.exec(this.src.slice(this.pos));
          if (!m) this.fail('Property has no name');
          const name = m[0];
          this.pos += name.length;
          if (this.src.startsWith('()', this.pos)) {
            if (name !== 'length' && name !== 'size') {
              const at = this.pos - name.length;
              if (!JAYWAY_FUNCTIONS.has(name)) this.fail(`Unknown JSONPath function ${name}()`, at);
              this.fail(`The JSONPath function ${name}() is not supported by the simulator in filters`, at, true);
            }
            this.pos += 2;
            length = true;
            break;
          }
          steps.push(name);
        } else if (this.src[this.pos] === '[') {
          this.pos++;
          this.ws();
          const q = this.src[this.pos];
          if (q === "'" || q === '"') {
            steps.push(this.parseString());
          } else {
            const m = /^-?\d+/.exec(this.src.slice(this.pos));
            if (!m) this.fail('Expected a quoted name or an index');
            steps.push(Number(m[0]));
            this.pos += m[0].length;
          }
          this.ws();
          if (this.src[this.pos] !== ']') this.fail("Expected ']'");
          this.pos++;
        } else {
          break;
        }
      }
      return { t: 'path', root: c, steps, length };
    }
    if (c === "'" || c === '"') return { t: 'literal', value: this.parseString() };
    if (c === '[') return { t: 'literal', value: this.parseJsonArray() };
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true\b|false\b|null\b)/.exec(this.src.slice(this.pos));
    if (!m) this.fail(c === undefined ? 'Unexpected end of filter' : `Unexpected '${c}' in filter`);
    this.pos += m[0].length;
    return { t: 'literal', value: m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]) };
  }

  private parseString(): string {
    const q = this.src[this.pos] as string;
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== q) {
      if (this.src[this.pos] === '\\' && this.pos + 1 < this.src.length) this.pos++;
      out += this.src[this.pos];
      this.pos++;
    }
    if (this.src[this.pos] !== q) this.fail('Unterminated string in filter', start);
    this.pos++;
    return out;
  }

  private parseJsonArray(): unknown[] {
    this.pos++; // [
    const out: unknown[] = [];
    this.ws();
    if (this.src[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      const op = this.parseOperand();
      if (op.t !== 'literal') this.fail('Only literals are allowed in a filter list');
      out.push(op.value);
      this.ws();
      if (this.src[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.src[this.pos] !== ']') this.fail("Expected ']' in filter list");
      this.pos++;
      return out;
    }
  }
}

const hasOwn = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k);
const MISSING = Symbol('missing');

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function stepInto(value: unknown, key: string | number): unknown {
  if (Array.isArray(value)) {
    if (typeof key !== 'number') return MISSING;
    const i = key < 0 ? value.length + key : key;
    return i >= 0 && i < value.length ? value[i] : MISSING;
  }
  if (isPlainContainer(value)) {
    const k = String(key);
    return hasOwn(value, k) ? (value as Record<string, unknown>)[k] : MISSING;
  }
  return MISSING;
}

function operandValue(op: FilterOperand, current: unknown, root: unknown): unknown {
  if (op.t === 'literal') return op.value;
  if (op.t === 'regex') return op.regex;
  let v: unknown = op.root === '@' ? current : root;
  for (const s of op.steps) {
    v = stepInto(v, s);
    if (v === MISSING) return MISSING;
  }
  if (op.length) {
    if (Array.isArray(v) || typeof v === 'string') return v.length;
    if (isPlainContainer(v)) return Object.keys(v).length;
    return MISSING;
  }
  return v;
}

function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  if (isPlainContainer(a) && isPlainContainer(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && jsonEquals(a[k], b[k]));
  }
  return false;
}

function evalFilter(e: FilterExpr, current: unknown, root: unknown): boolean {
  switch (e.t) {
    case 'or':
      return evalFilter(e.left, current, root) || evalFilter(e.right, current, root);
    case 'and':
      return evalFilter(e.left, current, root) && evalFilter(e.right, current, root);
    case 'not':
      return !evalFilter(e.operand, current, root);
    case 'exists':
      return operandValue(e.operand, current, root) !== MISSING;
    case 'cmp': {
      const l = operandValue(e.left, current, root);
      const r = operandValue(e.right, current, root);
      if (l === MISSING || r === MISSING) return false;
      switch (e.op) {
        case '==':
          return jsonEquals(l, r);
        case '!=':
          return !jsonEquals(l, r);
        case '<':
        case '<=':
        case '>':
        case '>=': {
          if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) return false;
          return e.op === '<' ? l < r : e.op === '<=' ? l <= r : e.op === '>' ? l > r : l >= r;
        }
        case '=~':
          return typeof l === 'string' && r instanceof RegExp && r.test(l);
        case 'in':
          return Array.isArray(r) && r.some((x) => jsonEquals(l, x));
        case 'nin':
          return Array.isArray(r) && !r.some((x) => jsonEquals(l, x));
        case 'subsetof':
          return Array.isArray(l) && Array.isArray(r) && l.every((x) => r.some((y) => jsonEquals(x, y)));
        case 'anyof':
          return Array.isArray(l) && Array.isArray(r) && l.some((x) => r.some((y) => jsonEquals(x, y)));
        case 'noneof':
          return Array.isArray(l) && Array.isArray(r) && !l.some((x) => r.some((y) => jsonEquals(x, y)));
        case 'contains':
          return (typeof l === 'string' && typeof r === 'string' && l.includes(r)) || (Array.isArray(l) && l.some((x) => jsonEquals(x, r)));
        case 'size':
          return typeof r === 'number' && (Array.isArray(l) || typeof l === 'string') && l.length === r;
        case 'empty': {
          const isEmpty = (Array.isArray(l) || typeof l === 'string') && l.length === 0;
          return typeof r === 'boolean' && (Array.isArray(l) || typeof l === 'string') && isEmpty === r;
        }
        default:
          return false;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** Filters registered for jsonpath-plus callbacks: token → filter. Tokens are stable per filter text. */
const filterRegistry = new Map<string, FilterExpr>();
const filterTokens = new Map<string, string>();
const FILTER_REGISTRY_LIMIT = 10_000;

function filterToken(seg: Extract<JsonPathSegment, { kind: 'filter' }>): string | undefined {
  let token = filterTokens.get(seg.source);
  if (token === undefined) {
    if (filterTokens.size >= FILTER_REGISTRY_LIMIT) return undefined;
    token = `F${filterTokens.size}`;
    filterTokens.set(seg.source, token);
    filterRegistry.set(token, seg.filter);
  }
  return token;
}

/** The only "eval" jsonpath-plus ever gets: a lookup of a pre-parsed Jayway filter, run on plain data. */
function evalCallback(code: string, context: object): boolean {
  const filter = filterRegistry.get(code);
  if (!filter) return false;
  // jsonpath-plus puts the current item and the root into its sandbox object under these names.
  const sandbox = context as Record<string, unknown>;
  return evalFilter(filter, sandbox['_$_v'], sandbox['_$_root']);
}

function toTraceStep(seg: JsonPathSegment): string | number | undefined {
  switch (seg.kind) {
    case 'name':
      return `\`${seg.name}`;
    case 'index':
      return seg.index >= 0 ? seg.index : `${seg.index}:${seg.index === -1 ? '' : seg.index + 1}`;
    case 'wildcard':
      return '*';
    case 'deep':
      return '..';
    case 'slice':
      return `${seg.start ?? ''}:${seg.end ?? ''}${seg.step !== undefined ? `:${seg.step}` : ''}`;
    case 'names':
      return seg.names.some((n) => n.includes(',')) ? undefined : seg.names.map((n) => `\`${n}`).join(',');
    case 'indices':
      return seg.indices.map((i) => (i >= 0 ? String(i) : `${i}:${i === -1 ? '' : i + 1}`)).join(',');
    case 'filter': {
      const t = filterToken(seg);
      return t === undefined ? undefined : `?(${t})`;
    }
  }
}

function decodePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Private key under which a pre-parsed step list is registered in jsonpath-plus's parse cache (sync use only). */
const TRACE_KEY = '\u0000apigw-lens:pre-parsed-path';

/**
 * Locations of all matches of an indefinite path in plain JSON data (objects, arrays, primitives), in Jayway order
 * (document order for wildcards, pre-order for `..`). Keys are strings; the caller decides from its own data whether a
 * key addresses an array element. Never throws.
 */
export function locateJsonPath(root: unknown, path: CompiledJsonPath): { locations: JsonPathLocation[]; problem?: JsonPathProblem } {
  if (path.definite) {
    let v: unknown = root;
    const loc: (string | number)[] = [];
    for (const seg of path.segments) {
      const key = seg.kind === 'name' ? seg.name : (seg as { index: number }).index;
      const normalized = typeof key === 'number' && key < 0 && Array.isArray(v) ? v.length + key : key;
      v = stepInto(v, key);
      if (v === MISSING) return { locations: [] };
      loc.push(normalized);
    }
    return { locations: [loc] };
  }
  const steps: (string | number)[] = ['$'];
  for (const seg of path.segments) {
    const s = toTraceStep(seg);
    if (s === undefined) return { locations: [], problem: { message: 'This JSONPath step is not supported by the simulator', offset: 0, unsupported: true } };
    steps.push(s);
  }
  if (root === null || typeof root !== 'object') return { locations: [] };
  // Register the pre-parsed step list in jsonpath-plus's public parse cache under a private key.
  const key = TRACE_KEY;
  const cache = JSONPath.cache as Record<string, unknown>;
  cache[key] = steps;
  try {
    const pointers = JSONPath({ path: key, json: root as object, resultType: 'pointer', wrap: true, eval: evalCallback }) as unknown;
    if (!Array.isArray(pointers)) return { locations: [] };
    return { locations: pointers.map((p) => decodePointer(String(p))) };
  } catch (e) {
    return { locations: [], problem: { message: `JSONPath evaluation failed: ${e instanceof Error ? e.message : String(e)}`, offset: 0 } };
  } finally {
    delete cache[key];
  }
}

/**
 * Evaluates a Jayway JSONPath on plain JSON data (e.g. the output of `JSON.parse`).
 * Definite path → `value` is the value or `undefined` when missing (`found` false). Indefinite path → `value` is the
 * array of matches (possibly empty). A trailing `.length()` turns the result into a count. Never throws.
 */
export function evaluateJsonPath(
  root: unknown,
  path: string | CompiledJsonPath,
): { value?: unknown; found: boolean; definite: boolean; problem?: JsonPathProblem } {
  let compiled: CompiledJsonPath;
  if (typeof path === 'string') {
    const c = compileJsonPath(path);
    if (!c.path) return { found: false, definite: true, ...(c.problem ? { problem: c.problem } : {}) };
    compiled = c.path;
  } else {
    compiled = path;
  }
  const { locations, problem } = locateJsonPath(root, compiled);
  if (problem) return { found: false, definite: compiled.definite, problem };
  const values = locations.map((loc) => {
    let v: unknown = root;
    for (const k of loc) {
      v = stepInto(v, Array.isArray(v) && typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k);
    }
    return v;
  });
  if (compiled.definite) {
    if (values.length === 0) return { found: false, definite: true };
    const v = values[0];
    if (compiled.fn) {
      const n = Array.isArray(v) || typeof v === 'string' ? v.length : isPlainContainer(v) ? Object.keys(v).length : undefined;
      return n === undefined ? { found: false, definite: true } : { value: n, found: true, definite: true };
    }
    return { value: v, found: true, definite: true };
  }
  if (compiled.fn) return { value: values.length, found: true, definite: false };
  return { value: values, found: true, definite: false };
}
