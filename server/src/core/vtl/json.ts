// JSON text ↔ VTL values, keeping what JavaScript's JSON.parse loses: integer vs float (1 vs 1.0), exact integers
// beyond 2^53, and key order (JS objects move integer-like keys first). Pure.
import { JDouble, JList, JMap, intValue, toNumber, type Value } from './values';
import { setOwn } from '../ownProperty';

/** Why a JSON text could not be parsed: message and UTF-16 offset. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
}

export interface ParsedJson {
  readonly value?: Value;
  readonly error?: JsonSyntaxError;
  /** Integer literals whose magnitude exceeds 2^53 (kept exact here; JS tools and JS numbers lose precision). */
  readonly largeNumbers: readonly string[];
}

/** Nesting cap; deeper documents are rejected instead of overflowing the stack. */
const MAX_JSON_DEPTH = 512;

/** Parses strict JSON (RFC 8259) into VTL values: objects → JMap, arrays → JList('json'), numbers → int/JDouble. */
export function parseJsonToValue(text: string): ParsedJson {
  const p = new JsonParser(text);
  try {
    p.ws();
    const value = p.value(0);
    p.ws();
    if (p.pos < text.length) p.fail(`Unexpected character '${text[p.pos]}' after the JSON value`);
    return { value, largeNumbers: p.large };
  } catch (e) {
    if (e instanceof JsonFail) return { error: { message: e.message, offset: e.offset }, largeNumbers: p.large };
    throw e;
  }
}

class JsonFail {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const TWO_53 = 2n ** 53n;

class JsonParser {
  pos = 0;
  readonly large: string[] = [];
  constructor(private readonly s: string) {}

  fail(message: string, at = this.pos): never {
    throw new JsonFail(message, at);
  }

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  value(depth: number): Value {
    if (depth > MAX_JSON_DEPTH) this.fail(`JSON nesting deeper than ${MAX_JSON_DEPTH} levels`);
    const c = this.s[this.pos];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case undefined:
        return this.fail('Unexpected end of JSON input');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.fail(`Unexpected character '${c}'`);
    }
  }

  private literal(word: string, v: Value): Value {
    if (!this.s.startsWith(word, this.pos)) this.fail(`Unexpected character '${this.s[this.pos] ?? ''}'`);
    this.pos += word.length;
    return v;
  }

  private object(depth: number): JMap {
    const map = new JMap();
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return map;
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('Expected a double-quoted property name');
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail("Expected ':' after a property name");
      this.pos++;
      this.ws();
      map.put(key, this.value(depth + 1));
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return map;
      }
      this.fail(c === undefined ? 'Unexpected end of JSON input' : "Expected ',' or '}'");
    }
  }

  private array(depth: number): JList {
    const items: Value[] = [];
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return new JList(items, 'json');
    }
    for (;;) {
      this.ws();
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return new JList(items, 'json');
      }
      this.fail(c === undefined ? 'Unexpected end of JSON input' : "Expected ',' or ']'");
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    const s = this.s;
    for (;;) {
      if (this.pos >= s.length) this.fail('Unterminated string', start);
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += s.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('Control character in string');
      if (c === 0x5c) {
        out += s.slice(chunk, this.pos);
        const e = s[this.pos + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = s.slice(this.pos + 2, this.pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.fail('Invalid escape in string');
        }
        this.pos += 2;
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private number(): Value {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 400));
    if (!m) this.fail('Invalid number');
    const text = m[0];
    this.pos += text.length;
    if (m[2] === undefined && m[3] === undefined) {
      const big = BigInt(text);
      if (big > TWO_53 || big < -TWO_53) this.large.push(text);
      return intValue(big);
    }
    return new JDouble(Number(text));
  }
}

/**
 * Converts plain data (objects, arrays, strings, numbers, booleans, null; e.g. `$context`) to VTL values. Integral
 * numbers become integers, others Doubles; unsupported leaves (functions, symbols, undefined) become null.
 */
export function plainToValue(v: unknown, depth = 0): Value {
  if (depth > MAX_JSON_DEPTH) return null;
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isInteger(v) ? intValue(v) : new JDouble(v);
    case 'bigint':
      return intValue(v);
    case 'object': {
      if (Array.isArray(v)) return new JList(v.map((x) => plainToValue(x, depth + 1)), 'list');
      const map = new JMap();
      for (const k of Object.keys(v)) map.put(k, plainToValue((v as Record<string, unknown>)[k], depth + 1));
      return map;
    }
    default:
      return null;
  }
}

/** A plain-JS mirror (objects/arrays/numbers) for JSONPath traversal; Doubles and big integers become JS numbers. */
export function valueToPlain(v: Value, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof JDouble) return toNumber(v);
  if (v instanceof JMap) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v.pairs()) {
      setOwn(o, typeof k === 'string' ? k : String(k), valueToPlain(val, depth + 1));
    }
    return o;
  }
  if (v instanceof JList) return v.items.map((x) => valueToPlain(x, depth + 1));
  return null;
}

/** Deep copy of JSON-shaped values (maps and lists); scalars are shared. */
export function cloneValue(v: Value, depth = 0): Value {
  if (depth > MAX_JSON_DEPTH) return null;
  if (v instanceof JMap) {
    const m = new JMap();
    for (const [k, val] of v.pairs()) m.put(k, cloneValue(val, depth + 1));
    return m;
  }
  if (v instanceof JList) return new JList(v.items.map((x) => cloneValue(x, depth + 1)), v.kind);
  return v;
}
