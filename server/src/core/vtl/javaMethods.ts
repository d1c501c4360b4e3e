// Whitelisted Java methods and properties of the value types (String, numbers, Boolean, Map, List, Map.Entry,
// $foreach), implemented on our value model. Nothing here ever looks up a property of a host (JS) object by name:
// every method is a case in a switch, so templates cannot reach `constructor`, `__proto__` or Node. Pure.
import { compileJavaRegex, javaReplace, javaSplit } from '../javaRegex';
import { JDouble, JEntry, JForeach, JList, JMap, compareNumbers, intValue, isInt, isNumeric, javaEquals, javaToString, toNumber, type Value } from './values';

/** Services the method tables need from the running interpreter. */
export interface MethodContext {
  /** Charges `n` steps (throws StepLimit when exhausted). */
  tick(n?: number): void;
  /** Raises a Java exception: the render fails with a TemplateError carrying this message. */
  fail(message: string): never;
  /** Records a note for the render result (deduplicated). */
  note(text: string): void;
  /** Checks a produced string against the output cap (throws OutputLimit) and returns it. */
  str(s: string): string;
}

/** Returned when no Java method matches name and argument types (Velocity then yields null). */
export const NO_METHOD: unique symbol = Symbol('no-method');
export type MethodResult = Value | typeof NO_METHOD;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A Java `int` argument: an integer value within int range (Velocity 1.7 does not convert strings or Longs). */
function asInt(v: Value | undefined): number | undefined {
  if (typeof v === 'number' && v >= INT_MIN && v <= INT_MAX) return v;
  return undefined;
}

const isStr = (v: Value | undefined): v is string => typeof v === 'string';

/** Java `String.hashCode`. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

function regexOrFail(pattern: string, ctx: MethodContext): ReturnType<typeof compileJavaRegex> {
  const r = compileJavaRegex(pattern);
  if (r.error) ctx.fail(`java.util.regex.PatternSyntaxException: ${r.error.message} near index ${r.error.offset}\n${pattern}`);
  if (!r.regex) ctx.fail(`The Java regex ${JSON.stringify(pattern)} uses syntax the simulator cannot reproduce`);
  if (r.approximated) ctx.note(`approximated: the Java regex ${JSON.stringify(pattern)} is emulated approximately in JavaScript`);
  return r;
}

function stringMethod(s: string, name: string, args: Value[], ctx: MethodContext): MethodResult {
  const [a, b] = args;
  const n = args.length;
  const sioobe = (detail: string): never => ctx.fail(`java.lang.StringIndexOutOfBoundsException: ${detail}`);
  switch (name) {
    case 'length':
      return n === 0 ? s.length : NO_METHOD;
    case 'isEmpty':
      return n === 0 ? s.length === 0 : NO_METHOD;
    case 'toString':
    case 'intern':
      return n === 0 ? s : NO_METHOD;
    case 'hashCode':
      return n === 0 ? javaStringHash(s) : NO_METHOD;
    case 'toLowerCase':
      return n === 0 ? s.toLowerCase() : NO_METHOD;
    case 'toUpperCase':
      return n === 0 ? s.toUpperCase() : NO_METHOD;
    case 'trim':
      return n === 0 ? javaTrim(s) : NO_METHOD;
    case 'equals':
      return n === 1 ? a === s : NO_METHOD;
    case 'equalsIgnoreCase':
      if (n !== 1 || !(isStr(a) || a === null)) return NO_METHOD;
      return a !== null && a.length === s.length && (a.toUpperCase() === s.toUpperCase() || a.toLowerCase() === s.toLowerCase());
    case 'compareTo':
      if (n !== 1 || !isStr(a)) return n === 1 && a === null ? ctx.fail('java.lang.NullPointerException') : NO_METHOD;
      return compareStrings(s, a);
    case 'compareToIgnoreCase':
      if (n !== 1 || !isStr(a)) return NO_METHOD;
      return compareStrings(s.toUpperCase().toLowerCase(), a.toUpperCase().toLowerCase());
    case 'contains':
      if (n !== 1) return NO_METHOD;
      if (a === null) return ctx.fail('java.lang.NullPointerException');
      return isStr(a) ? s.includes(a) : NO_METHOD;
    case 'startsWith': {
      if (n === 1 && isStr(a)) return s.startsWith(a);
      const off = asInt(b);
      if (n === 2 && isStr(a) && off !== undefined) return off >= 0 && off <= s.length && s.startsWith(a, off);
      if (n >= 1 && a === null) return ctx.fail('java.lang.NullPointerException');
      return NO_METHOD;
    }
    case 'endsWith':
      if (n === 1 && isStr(a)) return s.endsWith(a);
      if (n === 1 && a === null) return ctx.fail('java.lang.NullPointerException');
      return NO_METHOD;
    case 'indexOf':
    case 'lastIndexOf': {
      const last = name === 'lastIndexOf';
      const from = n === 2 ? asInt(b) : undefined;
      if (n === 2 && from === undefined) return NO_METHOD;
      if (n !== 1 && n !== 2) return NO_METHOD;
      let needle: string;
      if (isStr(a)) needle = a;
      else if (asInt(a) !== undefined) needle = String.fromCodePoint(Math.max(0, Math.min(0x10ffff, asInt(a) as number)));
      else if (a === null) return ctx.fail('java.lang.NullPointerException');
      else return NO_METHOD;
      if (last) return from === undefined ? s.lastIndexOf(needle) : from < 0 ? -1 : s.lastIndexOf(needle, from);
      return from === undefined ? s.indexOf(needle) : s.indexOf(needle, Math.max(0, from));
    }
    case 'charAt': {
      const i = asInt(a);
      if (n !== 1 || i === undefined) return NO_METHOD;
      if (i < 0 || i >= s.length) sioobe(`index ${i}, length ${s.length}`);
      return s[i] as string;
    }
    case 'substring':
    case 'subSequence': {
      const begin = asInt(a);
      if (begin === undefined || (n === 2 && asInt(b) === undefined) || n < 1 || n > 2) return NO_METHOD;
      const end = n === 2 ? (asInt(b) as number) : s.length;
      if (begin < 0 || end > s.length || begin > end) sioobe(`begin ${begin}, end ${end}, length ${s.length}`);
      return s.slice(begin, end);
    }
    case 'concat':
      if (n !== 1) return NO_METHOD;
      if (a === null) return ctx.fail('java.lang.NullPointerException');
      return isStr(a) ? ctx.str(s + a) : NO_METHOD;
    case 'replace': {
      if (n !== 2) return NO_METHOD;
      if (a === null || b === null) return ctx.fail('java.lang.NullPointerException');
      if (!isStr(a) || !isStr(b)) return NO_METHOD;
      ctx.tick(Math.ceil(s.length / 64));
      if (a === '') {
        // Java inserts the replacement between every char and at both ends.
        return ctx.str(b + [...s].join(b) + (s.length ? b : ''));
      }
      return ctx.str(s.split(a).join(b));
    }
    case 'replaceAll':
    case 'replaceFirst': {
      if (n !== 2) return NO_METHOD;
      if (a === null || b === null) return ctx.fail('java.lang.NullPointerException');
      if (!isStr(a) || !isStr(b)) return NO_METHOD;
      ctx.tick(Math.ceil(s.length / 64));
      const re = regexOrFail(a, ctx);
      const r = javaReplace(re, s, b, name === 'replaceAll');
      if ('exception' in r) return ctx.fail(r.exception);
      return ctx.str(r.value);
    }
    case 'matches': {
      if (n !== 1) return NO_METHOD;
      if (a === null) return ctx.fail('java.lang.NullPointerException');
      if (!isStr(a)) return NO_METHOD;
      ctx.tick(Math.ceil(s.length / 64));
      const re = regexOrFail(a, ctx);
      return new RegExp(`^(?:${(re.regex as RegExp).source})$`, 'v').test(s);
    }
    case 'split': {
      const limit = n === 2 ? asInt(b) : 0;
      if ((n !== 1 && n !== 2) || limit === undefined) return NO_METHOD;
      if (a === null) return ctx.fail('java.lang.NullPointerException');
      if (!isStr(a)) return NO_METHOD;
      ctx.tick(Math.ceil(s.length / 16));
      const re = regexOrFail(a, ctx);
      const r = javaSplit(re, s, limit);
      if ('exception' in r) return ctx.fail(r.exception);
      return new JList(r.value, 'array');
    }
    case 'join': {
      // static String.join(CharSequence, Iterable), callable through an instance in Velocity
      if (n !== 2 || !isStr(a) || !(b instanceof JList)) return NO_METHOD;
      ctx.tick(b.items.length);
      return ctx.str(b.items.map((x) => javaToString(x)).join(a));
    }
    case 'valueOf':
      // static String.valueOf(Object)
      return n === 1 ? ctx.str(javaToString(a ?? null)) : NO_METHOD;
    default:
      return NO_METHOD;
  }
}

function numberMethod(v: number | bigint | JDouble, name: string, args: Value[], ctx: MethodContext): MethodResult {
  const n = args.length;
  const a = args[0];
  switch (name) {
    case 'toString':
      return n === 0 ? javaToString(v) : NO_METHOD;
    case 'equals':
      return n === 1 ? javaEquals(v, a ?? null) : NO_METHOD;
    case 'hashCode':
      return n === 0 && isInt(v) ? Number(BigInt.asIntN(32, BigInt(v))) : NO_METHOD;
    case 'intValue':
      if (n !== 0) return NO_METHOD;
      return v instanceof JDouble ? javaDoubleToInt(v.value) : Number(BigInt.asIntN(32, BigInt(v)));
    case 'longValue':
      if (n !== 0) return NO_METHOD;
      return v instanceof JDouble ? intValue(BigInt(Math.trunc(Number.isFinite(v.value) ? v.value : 0))) : intValue(BigInt.asIntN(64, BigInt(v)));
    case 'doubleValue':
    case 'floatValue':
      return n === 0 ? new JDouble(toNumber(v)) : NO_METHOD;
    case 'compareTo':
      if (n !== 1 || !isNumeric(a ?? null)) return NO_METHOD;
      return compareNumbers(v, a as number | bigint | JDouble);
    case 'isNaN':
      return n === 0 && v instanceof JDouble ? Number.isNaN(v.value) : NO_METHOD;
    case 'isInfinite':
      return n === 0 && v instanceof JDouble ? !Number.isFinite(v.value) && !Number.isNaN(v.value) : NO_METHOD;
    default:
      void ctx;
      return NO_METHOD;
  }
}

function javaDoubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d) || 0;
}

function mapMethod(m: JMap, name: string, args: Value[], ctx: MethodContext): MethodResult {
  const n = args.length;
  const [a, b] = args;
  switch (name) {
    case 'size':
      return n === 0 ? m.size : NO_METHOD;
    case 'isEmpty':
      return n === 0 ? m.size === 0 : NO_METHOD;
    case 'get':
      return n === 1 ? m.get(a ?? null) : NO_METHOD;
    case 'getOrDefault':
      return n === 2 ? (m.has(a ?? null) ? m.get(a ?? null) : (b ?? null)) : NO_METHOD;
    case 'containsKey':
      return n === 1 ? m.has(a ?? null) : NO_METHOD;
    case 'containsValue':
      return n === 1 ? m.values().some((x) => javaEquals(x, a ?? null)) : NO_METHOD;
    case 'keySet':
      if (n !== 0) return NO_METHOD;
      ctx.tick(m.size);
      return new JList(m.keys(), 'set');
    case 'values':
      if (n !== 0) return NO_METHOD;
      ctx.tick(m.size);
      return new JList(m.values(), 'collection');
    case 'entrySet':
      if (n !== 0) return NO_METHOD;
      ctx.tick(m.size);
      return new JList(
        m.pairs().map(([k, v]) => new JEntry(k, v)),
        'set',
      );
    case 'put':
      if (n !== 2) return NO_METHOD;
      ctx.tick();
      return m.put(a ?? null, b ?? null);
    case 'putIfAbsent':
      if (n !== 2) return NO_METHOD;
      ctx.tick();
      if (m.has(a ?? null) && m.get(a ?? null) !== null) return m.get(a ?? null);
      return m.put(a ?? null, b ?? null);
    case 'putAll':
      if (n !== 1 || !(a instanceof JMap)) return NO_METHOD;
      ctx.tick(a.size);
      for (const [k, v] of a.pairs()) m.put(k, v);
      return null;
    case 'remove':
      return n === 1 ? m.remove(a ?? null) : NO_METHOD;
    case 'clear':
      if (n !== 0) return NO_METHOD;
      m.clear();
      return null;
    case 'toString':
      if (n !== 0) return NO_METHOD;
      ctx.tick(m.size);
      return ctx.str(javaToString(m));
    case 'equals':
      return n === 1 ? javaEquals(m, a ?? null) : NO_METHOD;
    default:
      return NO_METHOD;
  }
}

function listMethod(l: JList, name: string, args: Value[], ctx: MethodContext): MethodResult {
  const n = args.length;
  const [a, b] = args;
  const items = l.items;
  const readOnly = l.kind === 'array' || l.kind === 'collection';
  const indexed = l.kind !== 'set' && l.kind !== 'collection';
  const ioobe = (i: number): never => ctx.fail(`java.lang.IndexOutOfBoundsException: Index ${i} out of bounds for length ${items.length}`);
  const unsupported = (): never => ctx.fail('java.lang.UnsupportedOperationException');
  switch (name) {
    case 'size':
      return n === 0 ? items.length : NO_METHOD;
    case 'count':
      // Documented by AWS for JSON arrays returned by $input.path (`$input.path('$.pets').count()`).
      return n === 0 && l.kind === 'json' ? items.length : NO_METHOD;
    case 'isEmpty':
      return n === 0 ? items.length === 0 : NO_METHOD;
    case 'get': {
      const i = asInt(a);
      if (n !== 1 || i === undefined || !indexed) return NO_METHOD;
      if (i < 0 || i >= items.length) ioobe(i);
      return items[i] ?? null;
    }
    case 'contains':
      if (n !== 1) return NO_METHOD;
      ctx.tick(Math.ceil(items.length / 16));
      return items.some((x) => javaEquals(x, a ?? null));
    case 'indexOf':
    case 'lastIndexOf': {
      if (n !== 1 || !indexed) return NO_METHOD;
      ctx.tick(Math.ceil(items.length / 16));
      const idx = name === 'indexOf' ? items.findIndex((x) => javaEquals(x, a ?? null)) : findLastIndex(items, (x) => javaEquals(x, a ?? null));
      return idx;
    }
    case 'add': {
      if (n === 1) {
        if (readOnly) unsupported();
        ctx.tick();
        if (l.kind === 'set' && items.some((x) => javaEquals(x, a ?? null))) return false;
        items.push(a ?? null);
        return true;
      }
      const i = asInt(a);
      if (n === 2 && i !== undefined && indexed) {
        if (readOnly) unsupported();
        if (i < 0 || i > items.length) ioobe(i);
        ctx.tick();
        items.splice(i, 0, b ?? null);
        return null;
      }
      return NO_METHOD;
    }
    case 'addAll': {
      if (n !== 1 || !(a instanceof JList)) return NO_METHOD;
      if (readOnly) unsupported();
      ctx.tick(a.items.length);
      const added = [...a.items];
      for (const x of added) items.push(x);
      return added.length > 0;
    }
    case 'set': {
      const i = asInt(a);
      if (n !== 2 || i === undefined || !indexed) return NO_METHOD;
      if (i < 0 || i >= items.length) ioobe(i);
      const prev = items[i] ?? null;
      items[i] = b ?? null;
      return prev;
    }
    case 'remove': {
      if (n !== 1) return NO_METHOD;
      if (readOnly) unsupported();
      const i = asInt(a);
      if (i !== undefined && indexed) {
        if (i < 0 || i >= items.length) ioobe(i);
        return items.splice(i, 1)[0] ?? null;
      }
      const idx = items.findIndex((x) => javaEquals(x, a ?? null));
      if (idx < 0) return false;
      items.splice(idx, 1);
      return true;
    }
    case 'clear':
      if (n !== 0) return NO_METHOD;
      if (readOnly) unsupported();
      items.length = 0;
      return null;
    case 'subList': {
      const from = asInt(a);
      const to = asInt(b);
      if (n !== 2 || from === undefined || to === undefined || !indexed) return NO_METHOD;
      if (from < 0 || to > items.length || from > to) ctx.fail(`java.lang.IndexOutOfBoundsException: fromIndex ${from}, toIndex ${to}, size ${items.length}`);
      return new JList(items.slice(from, to), 'list');
    }
    case 'toString':
      if (n !== 0) return NO_METHOD;
      ctx.tick(items.length);
      // Velocity wraps arrays in a List, so `$array.toString()` prints like a list.
      return ctx.str(javaToString(l.kind === 'array' ? new JList(items, 'list') : l));
    case 'equals':
      return n === 1 ? javaEquals(l, a ?? null) : NO_METHOD;
    default:
      return NO_METHOD;
  }
}

function findLastIndex<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i] as T)) return i;
  return -1;
}

/** Methods every Java object has; `getClass` is blocked (it is the classic sandbox escape in Java templates). */
function objectMethod(v: Value, name: string, args: Value[], ctx: MethodContext): MethodResult {
  switch (name) {
    case 'toString':
      return args.length === 0 ? ctx.str(javaToString(v)) : NO_METHOD;
    case 'equals':
      return args.length === 1 ? javaEquals(v, args[0] ?? null) : NO_METHOD;
    case 'getClass':
      ctx.note('getClass() is blocked in the simulator (and by the gateway); it renders as empty');
      return null;
    default:
      return NO_METHOD;
  }
}

/** Calls a whitelisted Java method on a value. Host objects ($input, $util) are handled by the interpreter. */
export function callJavaMethod(target: Value, name: string, args: Value[], ctx: MethodContext): MethodResult {
  if (name === 'getClass') return objectMethod(target, name, args, ctx);
  let r: MethodResult = NO_METHOD;
  if (typeof target === 'string') r = stringMethod(target, name, args, ctx);
  else if (isNumeric(target)) r = numberMethod(target, name, args, ctx);
  else if (typeof target === 'boolean') r = name === 'booleanValue' && args.length === 0 ? target : NO_METHOD;
  else if (target instanceof JMap) r = mapMethod(target, name, args, ctx);
  else if (target instanceof JList) r = listMethod(target, name, args, ctx);
  else if (target instanceof JEntry) r = name === 'getKey' && args.length === 0 ? target.key : name === 'getValue' && args.length === 0 ? target.value : NO_METHOD;
  else if (target instanceof JForeach) r = foreachProperty(target, name.replace(/^(get|is)([A-Z])/, (_m, _p: string, c: string) => c.toLowerCase()), args.length);
  if (r !== NO_METHOD) return r;
  return target === null ? NO_METHOD : objectMethod(target, name, args, ctx);
}

function foreachProperty(f: JForeach, name: string, argc: number): MethodResult {
  if (argc !== 0) return NO_METHOD;
  switch (name) {
    case 'index':
      return f.index;
    case 'count':
      return f.index + 1;
    case 'hasNext':
      return f.hasNext;
    case 'first':
      return f.index === 0;
    case 'last':
      return !f.hasNext;
    case 'parent':
      return f.parent;
    default:
      return NO_METHOD;
  }
}

/**
 * Velocity property access `$x.name` on a value: map lookup for maps, getters (`getName()`/`isName()`) for the
 * other modelled types. `class` is blocked. Returns NO_METHOD when nothing matches (the reference is then null).
 */
export function getJavaProperty(target: Value, name: string): MethodResult {
  if (name === 'class') return NO_METHOD;
  if (target instanceof JMap) return target.get(name);
  if (target instanceof JEntry) return name === 'key' ? target.key : name === 'value' ? target.value : NO_METHOD;
  if (target instanceof JForeach) return foreachProperty(target, name, 0);
  if (name === 'empty') {
    if (typeof target === 'string') return target.length === 0;
    if (target instanceof JList) return target.items.length === 0;
  }
  if (typeof target === 'boolean' && name === 'booleanValue') return target;
  return NO_METHOD;
}

/** Velocity 1.7 index notation `$x[i]`: lists and arrays by int (negative counts from the end), maps by key. */
export function getJavaIndex(target: Value, index: Value): MethodResult {
  if (target instanceof JMap) return target.get(index);
  if (target instanceof JList && target.kind !== 'set' && target.kind !== 'collection') {
    const i = asInt(index);
    if (i === undefined) return NO_METHOD;
    const j = i < 0 ? target.items.length + i : i;
    return j >= 0 && j < target.items.length ? (target.items[j] ?? null) : NO_METHOD;
  }
  return NO_METHOD;
}
