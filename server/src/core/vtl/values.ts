// Runtime values of the VTL engine, modelled on the Java objects API Gateway's Velocity sees, and their Java printing,
// equality and JSON serialisation. Pure; imports nothing outside vtl/.
//
// Java model → representation:
//   null → null · String → string · Boolean → boolean
//   Integer/Long/BigInteger → number (safe integers only) or bigint (beyond 2^53, kept exact)
//   Double → JDouble (so 1.0 prints "1.0" and stays distinct from Integer 1)
//   LinkedHashMap (JSON objects, VTL map literals) → JMap (insertion order)
//   JSONArray (JSON arrays) / ArrayList (VTL lists) / Set (keySet) / Collection (values()) / String[] (split) → JList
//   Map.Entry → JEntry · $foreach → JForeach · $input / $util → host objects (tagged classes, never plain objects)

/** A Java `Double`. */
export class JDouble {
  constructor(readonly value: number) {}
}

/** Which Java class a list stands for: decides printing (`json` prints as JSON text like json-smart's JSONArray). */
export type ListKind = 'json' | 'list' | 'set' | 'collection' | 'array';

/** A Java `List`/`Set`/array. `items` is mutable (Java collections are). */
export class JList {
  constructor(
    readonly items: Value[],
    readonly kind: ListKind,
  ) {}
}

/** A Java `LinkedHashMap`; keys are canonicalised so `1` and `"1"` stay distinct, as in Java. */
export class JMap {
  private readonly entries = new Map<string, { key: Value; value: Value }>();

  get size(): number {
    return this.entries.size;
  }

  get(key: Value): Value {
    return this.entries.get(keyId(key))?.value ?? null;
  }

  has(key: Value): boolean {
    return this.entries.has(keyId(key));
  }

  /** Java `put`: returns the previous value (null when absent); an existing key keeps its insertion position. */
  put(key: Value, value: Value): Value {
    const id = keyId(key);
    const prev = this.entries.get(id);
    if (prev) {
      const old = prev.value;
      prev.value = value;
      return old;
    }
    this.entries.set(id, { key, value });
    return null;
  }

  remove(key: Value): Value {
    const id = keyId(key);
    const prev = this.entries.get(id);
    if (!prev) return null;
    this.entries.delete(id);
    return prev.value;
  }

  clear(): void {
    this.entries.clear();
  }

  keys(): Value[] {
    return [...this.entries.values()].map((e) => e.key);
  }

  values(): Value[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  pairs(): Array<readonly [Value, Value]> {
    return [...this.entries.values()].map((e) => [e.key, e.value] as const);
  }
}

/** A Java `Map.Entry` (from `entrySet()`). */
export class JEntry {
  constructor(
    readonly key: Value,
    readonly value: Value,
  ) {}
}

/** Velocity 1.7 `$foreach` scope. */
export class JForeach {
  constructor(
    readonly index: number,
    readonly hasNext: boolean,
    readonly parent: JForeach | null,
  ) {}
}

/** Host objects: `$input`, `$util`. Behaviour lives in the interpreter's dispatch tables, not on these objects. */
export class HostObject {
  constructor(readonly host: 'input' | 'util') {}
}

export type Value = null | string | boolean | number | bigint | JDouble | JMap | JList | JEntry | JForeach | HostObject;

// Identity keys for objects used as map keys (Java identity hash semantics); weak, so nothing is retained.
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function keyId(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return `s:${v}`;
    case 'boolean':
      return `b:${v}`;
    case 'number':
      return `i:${v}`;
    case 'bigint':
      return `i:${v}`;
    default:
      break;
  }
  if (v instanceof JDouble) return `d:${v.value}`;
  let id = objectIds.get(v);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(v, id);
  }
  return `o:${id}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** Normalises an integer: safe integers as number, others as bigint. */
export function intValue(v: bigint | number): number | bigint {
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export const isInt = (v: Value): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
export const isNumeric = (v: Value): v is number | bigint | JDouble => isInt(v) || v instanceof JDouble;

export function toNumber(v: number | bigint | JDouble): number {
  return v instanceof JDouble ? v.value : Number(v);
}

/** Java `Double.toString`. */
function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const [mant = '0', expStr = '0'] = Math.abs(d).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing (Java toString) and JSON

/** Thrown when printing a structure nests too deeply (Java would throw StackOverflowError). */
export class PrintDepthError extends Error {}

const MAX_PRINT_DEPTH = 200;

/** A stable fake identity hash for Java objects without a content `toString` (arrays). */
function fakeIdentityHash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** Java `String.valueOf(v)` (`null` → "null"); collections print Java-style, JSON arrays print as JSON. */
export function javaToString(v: Value, depth = 0): string {
  if (depth > MAX_PRINT_DEPTH) throw new PrintDepthError('java.lang.StackOverflowError while printing a nested value');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    default:
      break;
  }
  if (v instanceof JDouble) return javaDoubleToString(v.value);
  if (v instanceof JMap) {
    const parts = v.pairs().map(([k, val]) => {
      const ks = k === v ? '(this Map)' : javaToString(k, depth + 1);
      const vs = val === v ? '(this Map)' : javaToString(val, depth + 1);
      return `${ks}=${vs}`;
    });
    return `{${parts.join(', ')}}`;
  }
  if (v instanceof JList) {
    if (v.kind === 'json') return toJson(v, depth);
    if (v.kind === 'array') return `[Ljava.lang.String;@${fakeIdentityHash(v.items.map((x) => javaToString(x, depth + 1)).join('\u0000'))}`;
    return `[${v.items.map((x) => (x === v ? '(this Collection)' : javaToString(x, depth + 1))).join(', ')}]`;
  }
  if (v instanceof JEntry) return `${javaToString(v.key, depth + 1)}=${javaToString(v.value, depth + 1)}`;
  if (v instanceof JForeach) return 'org.apache.velocity.runtime.directive.ForeachScope';
  // Host objects ($input, $util) have no documented text form.
  return '';
}

/** JSON string literal with the escapes json-smart and Jackson both produce (control characters, quote, backslash). */
function jsonQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\b') out += '\\b';
      else if (ch === '\f') out += '\\f';
      else out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Compact JSON text of a value (no spaces), as `$input.json` and JSON-array printing produce. */
export function toJson(v: Value, depth = 0): string {
  if (depth > MAX_PRINT_DEPTH) throw new PrintDepthError('java.lang.StackOverflowError while serialising a nested value');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonQuote(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    default:
      break;
  }
  if (v instanceof JDouble) return Number.isFinite(v.value) ? javaDoubleToString(v.value) : 'null';
  if (v instanceof JMap) return `{${v.pairs().map(([k, val]) => `${jsonQuote(javaToString(k, depth + 1))}:${toJson(val, depth + 1)}`).join(',')}}`;
  if (v instanceof JList) return `[${v.items.map((x) => toJson(x, depth + 1)).join(',')}]`;
  if (v instanceof JEntry) return `{${jsonQuote(javaToString(v.key, depth + 1))}:${toJson(v.value, depth + 1)}}`;
  return jsonQuote(javaToString(v, depth + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Equality

/** Java `a.equals(b)` for the modelled types (collections compare element-wise, as AbstractList/AbstractMap do). */
export function javaEquals(a: Value, b: Value, depth = 0): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (depth > MAX_PRINT_DEPTH) return false;
  if (isInt(a) && isInt(b)) return BigInt(a) === BigInt(b);
  if (a instanceof JDouble && b instanceof JDouble) return Object.is(a.value, b.value) || a.value === b.value;
  if (a instanceof JMap && b instanceof JMap) {
    if (a.size !== b.size) return false;
    return a.pairs().every(([k, v]) => b.has(k) && javaEquals(v, b.get(k), depth + 1));
  }
  if (a instanceof JList && b instanceof JList) {
    if (a.kind === 'array' || b.kind === 'array') return false;
    if (a.kind === 'set' || b.kind === 'set') {
      if (a.kind !== b.kind) return false;
      return a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => javaEquals(x, y, depth + 1)));
    }
    if (a.kind === 'collection' || b.kind === 'collection') return false;
    return a.items.length === b.items.length && a.items.every((x, i) => javaEquals(x, b.items[i] ?? null, depth + 1));
  }
  if (a instanceof JEntry && b instanceof JEntry) return javaEquals(a.key, b.key, depth + 1) && javaEquals(a.value, b.value, depth + 1);
  return false;
}

/** Coarse Java class family, used by Velocity's `==` (same family → equals, else compare toString). */
function family(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (isNumeric(v)) return 'number';
  if (v instanceof JMap) return 'map';
  if (v instanceof JList) return v.kind === 'set' ? 'set' : v.kind === 'array' ? 'array' : 'list';
  if (v instanceof JEntry) return 'entry';
  return 'object';
}

/** Numeric comparison; -1/0/1. */
export function compareNumbers(a: number | bigint | JDouble, b: number | bigint | JDouble): number {
  if (a instanceof JDouble || b instanceof JDouble) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Velocity `==` as API Gateway shows it: numbers compare numerically, values of the same Java class with `equals`,
 * different classes by their `toString()` (Velocity 1.7). A null (missing) operand equals null and also `""` — the
 * behaviour LocalStack recorded on AWS for missing `$input.path` values (gateway spec §6.1).
 */
export function velocityEquals(a: Value, b: Value): boolean {
  if (a === null || b === null) {
    if (a === null && b === null) return true;
    const other = a === null ? b : a;
    return other === '';
  }
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b) === 0;
  if (family(a) === family(b)) return javaEquals(a, b);
  return javaToString(a) === javaToString(b);
}

/** Java class name, for messages. */
export function javaClassName(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Math.abs(v) <= 2147483647 ? 'Integer' : 'Long';
  if (typeof v === 'bigint') return 'BigInteger';
  if (v instanceof JDouble) return 'Double';
  if (v instanceof JMap) return 'LinkedHashMap';
  if (v instanceof JList) return v.kind === 'json' ? 'JSONArray' : v.kind === 'set' ? 'Set' : v.kind === 'array' ? 'String[]' : v.kind === 'collection' ? 'Collection' : 'ArrayList';
  if (v instanceof JEntry) return 'Map.Entry';
  if (v instanceof JForeach) return 'ForeachScope';
  return v.host === 'input' ? '$input' : '$util';
}
