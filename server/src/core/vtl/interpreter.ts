// Executes a parsed VTL tree with API Gateway's semantics ($input, $util, $context, $stageVariables) under step,
// output and iteration limits. Every property read and method call goes through the whitelists in javaMethods.ts or the
// host tables below, so templates never touch JavaScript objects by name. Pure.
import type { Span } from '../span';
import { compileJsonPath, locateJsonPath, type CompiledJsonPath } from '../jsonPath';
import type { VtlExpr, VtlNode, VtlRef } from './ast';
import { NO_METHOD, callJavaMethod, getJavaIndex, getJavaProperty, type MethodContext, type MethodResult } from './javaMethods';
import { cloneValue, parseJsonToValue, plainToValue, valueToPlain } from './json';
import {
  HostObject,
  JDouble,
  JForeach,
  JList,
  JMap,
  PrintDepthError,
  compareNumbers,
  intValue,
  isInt,
  isNumeric,
  javaClassName,
  javaToString,
  toJson,
  toNumber,
  velocityEquals,
  type Value,
} from './values';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './utilFunctions';

/** Input of one render: the payload and the request data API Gateway exposes to templates. */
export interface VtlInput {
  /** Raw payload text (`''` = empty payload). */
  readonly body: string;
  readonly params?: {
    readonly path?: Readonly<Record<string, string>>;
    readonly querystring?: Readonly<Record<string, string>>;
    readonly header?: Readonly<Record<string, string>>;
  };
  /** Nested plain object exposed as `$context`. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** Render limits. Exceeding one ends the render with the matching error code. */
export interface VtlLimits {
  /** Iterations of one `#foreach` (API Gateway quota: 1000). Default 1000. */
  readonly maxForeachIterations?: number;
  /** Characters of output, and of any single string value. Default 1 048 576. */
  readonly maxOutputChars?: number;
  /** Evaluation steps (nodes, expressions, collection work). Default 1 000 000. */
  readonly maxSteps?: number;
  /** Characters of template source; longer templates are refused before parsing. Default 307 200 (300 KB). */
  readonly maxSourceChars?: number;
}

export type VtlErrorCode = 'TemplateSyntaxError' | 'TemplateError' | 'IterationLimit' | 'OutputLimit' | 'StepLimit' | 'TemplateTooLarge';

/** maxSourceChars: the live quota page's 300 KB mapping-template limit (gateway-spec §10); larger sources are refused unparsed. */
export const DEFAULT_LIMITS: Required<VtlLimits> = { maxForeachIterations: 1000, maxOutputChars: 1_048_576, maxSteps: 1_000_000, maxSourceChars: 307_200 };

/** A render failure raised inside the interpreter. */
export class VtlFailure {
  constructor(
    readonly code: VtlErrorCode,
    readonly message: string,
    readonly span?: Span,
  ) {}
}

class StopSignal {}

/** `#define` blocks: rendered when referenced. */
class BlockValue {
  constructor(readonly nodes: readonly VtlNode[]) {}
}

type Slot = Value | BlockValue;

interface MacroDef {
  readonly params: readonly string[];
  readonly body: readonly VtlNode[];
}

/** Names and messages of the six `$util` functions API Gateway offers. */
export const UTIL_FUNCTIONS = ['escapeJavaScript', 'parseJson', 'urlEncode', 'urlDecode', 'base64Encode', 'base64Decode'] as const;
/** Top-level `$util` names that exist in AppSync's `$util` but not in API Gateway's. */
export const APPSYNC_UTIL_NAMES = new Set([
  'toJson',
  'qr',
  'quiet',
  'isNull',
  'isNullOrEmpty',
  'isNullOrBlank',
  'defaultIfNull',
  'defaultIfNullOrEmpty',
  'defaultIfNullOrBlank',
  'isString',
  'isNumber',
  'isBoolean',
  'isList',
  'isMap',
  'typeOf',
  'matches',
  'authType',
  'autoId',
  'autoUlid',
  'autoKsuid',
  'unauthorized',
  'error',
  'appendError',
  'validate',
  'time',
  'list',
  'map',
  'dynamodb',
  'rds',
  'http',
  'transform',
  'math',
  'str',
  'xml',
  'log',
]);

const MAX_MACRO_DEPTH = 20;
const MAX_NOTES = 50;

/** Runs one render. Construct per render; not reusable. */
export class Interpreter implements MethodContext {
  private readonly globals = new Map<string, Slot>();
  private readonly frames: Map<string, Slot>[] = [];
  private readonly macros = new Map<string, MacroDef>();
  private readonly notes = new Set<string>();
  private steps = 0;
  private out: string[] = [];
  private outLen = 0;
  private breaking = false;
  private macroDepth = 0;
  private capturing = 0;
  private span: Span | undefined;
  /** While running #evaluate'd text, errors point at the outermost #evaluate call (its offsets are not the template's). */
  private anchor: Span | undefined;
  private bodyDoc: { value?: Value; error?: string } | undefined;
  private bodyMirror: unknown;
  private mirrorBuilt = false;

  constructor(
    private readonly input: VtlInput,
    private readonly limits: Required<VtlLimits>,
    private readonly parseNested: (source: string) => { nodes?: readonly VtlNode[]; error?: { message: string } },
  ) {
    this.globals.set('input', new HostObject('input'));
    this.globals.set('util', new HostObject('util'));
    this.globals.set('context', plainToValue(input.context ?? {}));
    const stage = new JMap();
    for (const [k, v] of Object.entries(input.stageVariables ?? {})) stage.put(k, typeof v === 'string' ? v : javaToString(plainToValue(v)));
    this.globals.set('stageVariables', stage);
  }

  /** Renders a tree; returns the output text or throws VtlFailure. */
  render(nodes: readonly VtlNode[]): string {
    this.registerMacros(nodes);
    try {
      this.nodes(nodes);
    } catch (e) {
      if (!(e instanceof StopSignal)) throw e;
    }
    return this.out.join('');
  }

  notesList(): string[] {
    return [...this.notes];
  }

  // ---- MethodContext ------------------------------------------------------------------------------------------

  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw new VtlFailure('StepLimit', `The template needed more than ${this.limits.maxSteps} evaluation steps`, this.span);
    }
  }

  fail(message: string): never {
    throw new VtlFailure('TemplateError', message, this.span);
  }

  note(text: string): void {
    if (this.notes.size < MAX_NOTES) this.notes.add(text);
  }

  str(s: string): string {
    if (s.length > this.limits.maxOutputChars) {
      throw new VtlFailure('OutputLimit', `A string value grew beyond ${this.limits.maxOutputChars} characters`, this.span);
    }
    return s;
  }

  // ---- statements ---------------------------------------------------------------------------------------------

  private registerMacros(nodes: readonly VtlNode[]): void {
    for (const n of nodes) {
      switch (n.k) {
        case 'macro':
          this.macros.set(n.name, { params: n.params, body: n.body });
          this.registerMacros(n.body);
          break;
        case 'if':
          for (const b of n.branches) this.registerMacros(b.body);
          break;
        case 'foreach':
        case 'define':
        case 'block':
          this.registerMacros(n.body);
          break;
        case 'call':
          if (n.body) this.registerMacros(n.body);
          break;
        default:
          break;
      }
    }
  }

  private emit(s: string): void {
    if (!s) return;
    this.outLen += s.length;
    if (this.outLen > this.limits.maxOutputChars) {
      const what = this.capturing > 0 ? 'A string value grew beyond' : 'The output exceeded';
      throw new VtlFailure('OutputLimit', `${what} ${this.limits.maxOutputChars} characters`, this.span);
    }
    this.out.push(s);
  }

  private nodes(nodes: readonly VtlNode[]): void {
    for (const n of nodes) {
      if (this.breaking) return;
      this.node(n);
    }
  }

  private at(sp: Span): void {
    this.span = this.anchor ?? sp;
  }

  private node(n: VtlNode): void {
    this.tick();
    switch (n.k) {
      case 'text':
        this.emit(n.text);
        return;
      case 'out': {
        this.at(n.span);
        const v = this.ref(n.ref, true);
        if (v !== null) this.emit(this.printed(v));
        return;
      }
      case 'set':
        this.at(n.span);
        this.set(n.target, n.value);
        return;
      case 'if':
        for (const b of n.branches) {
          this.at(b.span);
          if (b.cond === undefined || this.truthy(this.expr(b.cond))) {
            this.nodes(b.body);
            return;
          }
        }
        return;
      case 'foreach':
        this.at(n.span);
        this.foreach(n);
        return;
      case 'macro':
        return;
      case 'define':
        this.assign(n.name, new BlockValue(n.body));
        return;
      case 'call':
        this.at(n.span);
        this.call(n);
        return;
      case 'break':
        this.breaking = true;
        return;
      case 'block':
        this.nodes(n.body);
        return;
    }
  }

  private printed(v: Value): string {
    try {
      if (v instanceof JList && v.kind === 'array') {
        this.note('a Java String[] (from split) prints as [Ljava.lang.String;@<identity hash> on AWS; the hash shown here is made up');
      }
      if (v instanceof HostObject) this.note(`$${v.host} itself has no documented text form; it printed as empty`);
      this.tick(v instanceof JList ? v.items.length : v instanceof JMap ? v.size : 0);
      return this.str(javaToString(v));
    } catch (e) {
      if (e instanceof PrintDepthError) this.fail(e.message);
      throw e;
    }
  }

  private lookup(name: string): Slot | undefined {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) return frame.get(name);
    return this.globals.get(name);
  }

  private assign(name: string, v: Slot): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) frame.set(name, v);
    else this.globals.set(name, v);
  }

  private set(target: VtlRef, valueExpr: VtlExpr): void {
    const value = this.expr(valueExpr);
    if (value === null) {
      const current = target.path.length === 0 ? this.lookup(target.name) : undefined;
      if (current !== undefined && current !== null) {
        this.note(`inferred: #set(${target.text} = …) kept the previous value because the right-hand side is null (Velocity 1.7 without directive.set.null.allowed)`);
      }
      return;
    }
    if (target.path.length === 0) {
      this.assign(target.name, value);
      return;
    }
    const base = this.ref({ ...target, path: target.path.slice(0, -1) }, false);
    const last = target.path[target.path.length - 1];
    if (!last) return;
    if (last.k === 'prop' && base instanceof JMap) {
      this.tick();
      base.put(last.name, value);
      return;
    }
    if (last.k === 'index') {
      const idx = this.expr(last.index);
      if (base instanceof JMap) {
        base.put(idx, value);
        return;
      }
      if (base instanceof JList && base.kind !== 'set' && base.kind !== 'collection' && typeof idx === 'number') {
        const i = idx < 0 ? base.items.length + idx : idx;
        if (i < 0 || i >= base.items.length) this.fail(`java.lang.IndexOutOfBoundsException: Index ${idx} out of bounds for length ${base.items.length}`);
        base.items[i] = value;
        return;
      }
    }
    this.note(`#set(${target.text} = …) had no effect: ${base === null ? 'the left-hand side is null' : `${javaClassName(base)} has no settable '${last.k === 'prop' ? last.name : 'index'}'`}`);
  }

  private foreach(n: Extract<VtlNode, { k: 'foreach' }>): void {
    let length: number;
    let item: (i: number) => Value;
    let live: JList | undefined;
    if (n.iterable.k === 'range') {
      const from = this.expr(n.iterable.from);
      const to = this.expr(n.iterable.to);
      if (!isInt(from) || !isInt(to)) {
        this.note('a #foreach range bound is not an integer; the loop did not run');
        return;
      }
      const a = BigInt(from);
      const b = BigInt(to);
      const size = (a <= b ? b - a : a - b) + 1n;
      length = size > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(size);
      item = (i) => intValue(a <= b ? a + BigInt(i) : a - BigInt(i));
    } else {
      const v = this.expr(n.iterable);
      if (v === null) return;
      if (v instanceof JList) {
        live = v;
        length = v.items.length;
        item = (i) => v.items[i] ?? null;
      } else if (v instanceof JMap) {
        const values = v.values();
        this.tick(values.length);
        length = values.length;
        item = (i) => values[i] ?? null;
      } else {
        this.note(`#foreach cannot iterate over a ${javaClassName(v)}; the loop did not run`);
        return;
      }
    }
    const saved = { v: this.lookup(n.varName), f: this.lookup('foreach'), c: this.lookup('velocityCount') };
    const parent = saved.f instanceof JForeach ? saved.f : null;
    const startLength = live?.items.length;
    try {
      for (let i = 0; i < length; i++) {
        if (i >= this.limits.maxForeachIterations) {
          throw new VtlFailure('IterationLimit', `#foreach ran more than ${this.limits.maxForeachIterations} iterations (API Gateway's limit)`, n.span);
        }
        if (live && live.items.length !== startLength) {
          this.at(n.span);
          this.fail('java.util.ConcurrentModificationException: the list was modified while #foreach iterated over it');
        }
        this.tick();
        this.assign(n.varName, item(i));
        this.assign('foreach', new JForeach(i, i + 1 < length, parent));
        this.assign('velocityCount', i + 1);
        this.nodes(n.body);
        if (this.breaking) {
          this.breaking = false;
          break;
        }
      }
    } finally {
      this.restore(n.varName, saved.v);
      this.restore('foreach', saved.f);
      this.restore('velocityCount', saved.c);
    }
  }

  private restore(name: string, v: Slot | undefined): void {
    const frame = this.frames[this.frames.length - 1];
    const target = frame?.has(name) ? frame : this.globals;
    if (v === undefined) target.delete(name);
    else target.set(name, v);
  }

  private call(n: Extract<VtlNode, { k: 'call' }>): void {
    const macro = this.macros.get(n.name);
    if (macro) {
      if (this.macroDepth >= MAX_MACRO_DEPTH) {
        this.fail(`Max calling depth of ${MAX_MACRO_DEPTH} was exceeded in macro '${n.name}'`);
      }
      const args = n.args.map((a) => this.expr(a));
      const frame = new Map<string, Slot>();
      macro.params.forEach((p, i) => frame.set(p, args[i] ?? null));
      if (n.body) frame.set('bodyContent', this.capture(n.body));
      this.frames.push(frame);
      this.macroDepth++;
      try {
        this.nodes(macro.body);
      } finally {
        this.macroDepth--;
        this.frames.pop();
        this.breaking = false;
      }
      return;
    }
    switch (n.name) {
      case 'stop':
        throw new StopSignal();
      case 'evaluate': {
        const src = n.args[0] ? this.expr(n.args[0]) : null;
        if (typeof src !== 'string') return;
        if (this.macroDepth >= MAX_MACRO_DEPTH) this.fail(`Max calling depth of ${MAX_MACRO_DEPTH} was exceeded in #evaluate`);
        const parsed = this.parseNested(src);
        if (!parsed.nodes) this.fail(`#evaluate: ${parsed.error?.message ?? 'syntax error'}`);
        this.registerMacros(parsed.nodes);
        const savedAnchor = this.anchor;
        this.anchor = savedAnchor ?? n.span;
        this.macroDepth++;
        try {
          this.nodes(parsed.nodes);
        } finally {
          this.macroDepth--;
          this.anchor = savedAnchor;
        }
        return;
      }
      case 'parse':
      case 'include':
        this.fail(`#${n.name} cannot load other templates in API Gateway`);
        break;
      default:
        // Velocity prints an unknown directive call as text.
        this.note(`#${n.name}(…) is not a defined macro; it printed as text`);
        this.emit(n.text);
    }
  }

  /** Renders nodes into a string (interpolated strings, #define blocks, macro bodies). */
  private capture(nodes: readonly VtlNode[]): string {
    const savedOut = this.out;
    const savedLen = this.outLen;
    const savedSpan = this.span;
    this.out = [];
    this.outLen = 0;
    this.capturing++;
    try {
      this.nodes(nodes);
      return this.str(this.out.join(''));
    } finally {
      this.capturing--;
      this.out = savedOut;
      this.outLen = savedLen;
      this.span = savedSpan;
      this.breaking = false;
    }
  }

  // ---- expressions --------------------------------------------------------------------------------------------

  private truthy(v: Value): boolean {
    if (v === null) return false;
    if (typeof v === 'boolean') return v;
    if (v === '' || (isNumeric(v) && toNumber(v) === 0) || (v instanceof JList && v.items.length === 0) || (v instanceof JMap && v.size === 0)) {
      this.note('inferred: #if treats "", 0 and empty collections as true (Apache Velocity 1.7; Velocity 2 would treat them as false)');
    }
    return true;
  }

  private expr(e: VtlExpr): Value {
    this.tick();
    switch (e.k) {
      case 'ref':
        return this.ref(e.ref, false);
      case 'str':
        return e.value;
      case 'interp':
        return this.capture(e.nodes);
      case 'int':
        return intValue(e.value);
      case 'float':
        return new JDouble(e.value);
      case 'bool':
        return e.value;
      case 'null':
        return null;
      case 'list':
        return new JList(
          e.items.map((x) => this.expr(x)),
          'list',
        );
      case 'range': {
        const from = this.expr(e.from);
        const to = this.expr(e.to);
        if (!isInt(from) || !isInt(to)) {
          this.note('a range bound is not an integer; the range is null');
          return null;
        }
        const a = BigInt(from);
        const b = BigInt(to);
        const size = (a <= b ? b - a : a - b) + 1n;
        if (size > BigInt(this.limits.maxSteps)) {
          throw new VtlFailure('StepLimit', `The range [${a}..${b}] has ${size} elements, more than the step limit allows`, this.span);
        }
        this.tick(Number(size));
        const items: Value[] = [];
        for (let i = 0n; i < size; i++) items.push(intValue(a <= b ? a + i : a - i));
        return new JList(items, 'list');
      }
      case 'map': {
        const m = new JMap();
        for (const [k, v] of e.entries) m.put(k, this.expr(v));
        return m;
      }
      case 'not':
        return !this.truthy(this.expr(e.operand));
      case 'neg': {
        const v = this.expr(e.operand);
        if (isInt(v)) return intValue(-BigInt(v));
        if (v instanceof JDouble) return new JDouble(-v.value);
        return null;
      }
      case 'word':
        this.note(`the bare word '${e.word}' is not a valid VTL value (quote it or use a $reference); it is null`);
        return null;
      case 'bin':
        return this.binary(e);
    }
  }

  private binary(e: Extract<VtlExpr, { k: 'bin' }>): Value {
    switch (e.op) {
      case '&&':
        return this.truthy(this.expr(e.left)) && this.truthy(this.expr(e.right));
      case '||':
        return this.truthy(this.expr(e.left)) || this.truthy(this.expr(e.right));
      default:
        break;
    }
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    switch (e.op) {
      case '==':
        return velocityEquals(l, r);
      case '!=':
        return !velocityEquals(l, r);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (!isNumeric(l) || !isNumeric(r)) {
          this.note(`inferred: ${e.op} compares numbers only (Velocity 1.7); comparing ${javaClassName(l)} with ${javaClassName(r)} is false`);
          return false;
        }
        const c = compareNumbers(l, r);
        return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
      }
      case '+':
        if (typeof l === 'string' || typeof r === 'string') {
          // Velocity 1.7 ASTAddNode: string concatenation; a null side contributes its source text.
          const ls = l === null ? exprText(e.left) : javaToString(l);
          const rs = r === null ? exprText(e.right) : javaToString(r);
          return this.str(ls + rs);
        }
        return this.arith(e.op, l, r);
      default:
        return this.arith(e.op, l, r);
    }
  }

  private arith(op: '+' | '-' | '*' | '/' | '%', l: Value, r: Value): Value {
    if (!isNumeric(l) || !isNumeric(r)) {
      this.note(`arithmetic '${op}' on ${javaClassName(l)} and ${javaClassName(r)} gives null`);
      return null;
    }
    if (isInt(l) && isInt(r)) {
      const a = BigInt(l);
      const b = BigInt(r);
      switch (op) {
        case '+':
          return intValue(a + b);
        case '-':
          return intValue(a - b);
        case '*':
          return intValue(a * b);
        case '/':
        case '%':
          if (b === 0n) {
            this.note(`division by zero in '${op}' gives null (Velocity logs an error)`);
            return null;
          }
          return intValue(op === '/' ? a / b : a % b);
      }
    }
    const a = toNumber(l);
    const b = toNumber(r);
    switch (op) {
      case '+':
        return new JDouble(a + b);
      case '-':
        return new JDouble(a - b);
      case '*':
        return new JDouble(a * b);
      case '/':
      case '%':
        if (b === 0) {
          this.note(`division by zero in '${op}' gives null (Velocity logs an error)`);
          return null;
        }
        return new JDouble(op === '/' ? a / b : a % b);
    }
  }

  /** Evaluates a reference chain. `printing` enables the "undefined reference" note. */
  private ref(r: VtlRef, printing: boolean): Value {
    let slot = this.lookup(r.name);
    if (slot === undefined && printing && !r.quiet && r.path.length === 0) {
      this.note(`$${r.name} is not defined; it printed as empty`);
    }
    if (r.directArgs) {
      this.note(`${r.text}: a reference cannot be called like a function; it is null`);
      return null;
    }
    let v: Value = slot instanceof BlockValue ? this.capture(slot.nodes) : (slot ?? null);
    slot = undefined;
    for (const step of r.path) {
      this.tick();
      if (v === null) return null;
      let res: MethodResult;
      switch (step.k) {
        case 'prop':
          res = v instanceof HostObject ? this.hostProperty(v, step.name) : getJavaProperty(v, step.name);
          if (res === NO_METHOD && (v instanceof HostObject || !(v instanceof JMap))) {
            this.note(`${javaClassName(v)} has no property '${step.name}' (in ${r.text}); it is null`);
          }
          break;
        case 'index': {
          const idx = this.expr(step.index);
          res = getJavaIndex(v, idx);
          break;
        }
        case 'method': {
          const args = step.args.map((a) => this.expr(a));
          res = v instanceof HostObject ? this.hostMethod(v, step.name, args) : callJavaMethod(v, step.name, args, this);
          if (res === NO_METHOD) {
            if (v instanceof HostObject && v.host === 'util') {
              this.note(
                APPSYNC_UTIL_NAMES.has(step.name)
                  ? `$util.${step.name} is an AppSync function, not an API Gateway one; it rendered as empty`
                  : `$util.${step.name}(${args.map(javaClassName).join(', ')}) is not an API Gateway $util function; it rendered as empty`,
              );
            } else {
              this.note(`no method ${step.name}(${args.map(javaClassName).join(', ')}) on ${javaClassName(v)} (in ${r.text}); it is null`);
            }
          }
          break;
        }
      }
      v = res === NO_METHOD ? null : res;
    }
    return v;
  }

  // ---- $input and $util ---------------------------------------------------------------------------------------

  private hostProperty(h: HostObject, name: string): MethodResult {
    if (h.host === 'input' && name === 'body') return this.inputBody();
    return NO_METHOD;
  }

  private inputBody(): string {
    // An empty payload reads as "{}" (observed on AWS, gateway spec §6.1).
    return this.input.body === '' ? '{}' : this.input.body;
  }

  private hostMethod(h: HostObject, name: string, args: Value[]): MethodResult {
    if (h.host === 'input') {
      switch (name) {
        case 'json':
        case 'path': {
          const p = args[0];
          if (args.length !== 1 || typeof p !== 'string') return NO_METHOD;
          return this.inputPath(p, name === 'json');
        }
        case 'params':
          if (args.length === 0) return this.allParams();
          if (args.length === 1 && typeof args[0] === 'string') return this.param(args[0]);
          return NO_METHOD;
        default:
          return NO_METHOD;
      }
    }
    const [a] = args;
    if (args.length !== 1 || !(UTIL_FUNCTIONS as readonly string[]).includes(name)) return NO_METHOD;
    if (a === null) {
      if (name === 'escapeJavaScript') return null;
      this.fail(`java.lang.NullPointerException in $util.${name} (the argument is null)`);
    }
    if (typeof a !== 'string') return NO_METHOD;
    this.tick(Math.ceil(a.length / 64));
    switch (name) {
      case 'escapeJavaScript': {
        if (/[/\u007f-\uffff]/.test(a)) {
          this.note('inferred: $util.escapeJavaScript escapes / as \\/ and non-ASCII as \\uXXXX (Apache Commons Lang rules; AWS documents only the quote escapes)');
        }
        return this.str(escapeJavaScript(a));
      }
      case 'urlEncode':
        return this.str(urlEncode(a));
      case 'urlDecode': {
        const r = urlDecode(a);
        return 'exception' in r ? this.fail(r.exception) : r.value;
      }
      case 'base64Encode':
        return this.str(base64Encode(a));
      case 'base64Decode': {
        const r = base64Decode(a);
        return 'exception' in r ? this.fail(r.exception) : r.value;
      }
      case 'parseJson': {
        const parsed = parseJsonToValue(a);
        if (parsed.error) this.fail(`$util.parseJson: invalid JSON (${parsed.error.message} at character ${parsed.error.offset})`);
        this.noteLargeNumbers(parsed.largeNumbers);
        return parsed.value ?? null;
      }
      default:
        return NO_METHOD;
    }
  }

  private noteLargeNumbers(large: readonly string[]): void {
    for (const n of large.slice(0, 3)) {
      this.note(`the number ${n} exceeds 2^53: it is kept exact here (as Java Long/BigInteger), but JavaScript code that parses the output would round it`);
    }
  }

  private document(): Value {
    if (!this.bodyDoc) {
      const text = this.input.body === '' ? '{}' : this.input.body;
      this.tick(Math.ceil(text.length / 256));
      const parsed = parseJsonToValue(text);
      this.noteLargeNumbers(parsed.largeNumbers);
      this.bodyDoc = parsed.error ? { error: `${parsed.error.message} at character ${parsed.error.offset}` } : { value: parsed.value ?? null };
    }
    if (this.bodyDoc.error !== undefined) {
      this.fail(`Unable to parse the payload as JSON for $input.path/$input.json (${this.bodyDoc.error}); API Gateway fails the mapping in this case (inferred)`);
    }
    return this.bodyDoc.value ?? null;
  }

  private inputPath(path: string, asJson: boolean): Value {
    const compiled = compileJsonPath(path);
    if (!compiled.path) {
      this.fail(`Invalid JSONPath ${JSON.stringify(path)}: ${compiled.problem?.message ?? 'syntax error'} (at character ${compiled.problem?.offset ?? 0})`);
    }
    const doc = this.document();
    const { found, value } = this.evaluatePath(doc, compiled.path);
    if (asJson) {
      if (!found) {
        this.note(`inferred: $input.json('${path}') of a missing path renders "" (LocalStack behaviour, not verified on AWS)`);
        return '""';
      }
      try {
        this.tick(value instanceof JList ? value.items.length : value instanceof JMap ? value.size : 1);
        return this.str(toJson(value));
      } catch (e) {
        if (e instanceof PrintDepthError) this.fail(e.message);
        throw e;
      }
    }
    return found ? cloneValue(value) : null;
  }

  private evaluatePath(doc: Value, path: CompiledJsonPath): { found: boolean; value: Value } {
    let result: { found: boolean; value: Value };
    if (path.definite) {
      let v: Value = doc;
      let found = true;
      for (const seg of path.segments) {
        this.tick();
        if (seg.kind === 'name' && v instanceof JMap && v.has(seg.name)) v = v.get(seg.name);
        else if (seg.kind === 'index' && v instanceof JList) {
          const i = seg.index < 0 ? v.items.length + seg.index : seg.index;
          if (i >= 0 && i < v.items.length) v = v.items[i] ?? null;
          else found = false;
        } else found = false;
        if (!found) break;
      }
      result = { found, value: found ? v : null };
    } else {
      if (!this.mirrorBuilt) {
        this.tick(Math.ceil(this.input.body.length / 256));
        this.bodyMirror = valueToPlain(doc);
        this.mirrorBuilt = true;
      }
      const located = locateJsonPath(this.bodyMirror, path);
      if (located.problem) this.fail(`JSONPath ${JSON.stringify(path.source)}: ${located.problem.message}`);
      this.tick(located.locations.length);
      const items = located.locations.map((loc) => {
        let v: Value = doc;
        for (const k of loc) {
          if (v instanceof JList) v = v.items[typeof k === 'number' ? k : Number(k)] ?? null;
          else if (v instanceof JMap) v = v.get(String(k));
          else v = null;
        }
        return v;
      });
      result = { found: true, value: new JList(items, 'json') };
    }
    if (path.fn === 'length' && result.found) {
      const v = result.value;
      const n = v instanceof JList ? v.items.length : v instanceof JMap ? v.size : typeof v === 'string' ? v.length : undefined;
      return n === undefined ? { found: false, value: null } : { found: true, value: n };
    }
    return result;
  }

  private allParams(): JMap {
    const p = this.input.params ?? {};
    const m = new JMap();
    for (const part of ['path', 'querystring', 'header'] as const) {
      const sub = new JMap();
      for (const [k, v] of Object.entries(p[part] ?? {})) sub.put(k, String(v));
      m.put(part, sub);
    }
    return m;
  }

  private param(name: string): Value {
    const p = this.input.params ?? {};
    for (const part of ['path', 'querystring', 'header'] as const) {
      const rec = p[part];
      if (rec && Object.prototype.hasOwnProperty.call(rec, name)) return String(rec[name]);
    }
    const header = p.header ?? {};
    const lower = name.toLowerCase();
    for (const k of Object.keys(header)) if (k.toLowerCase() === lower) return String(header[k]);
    return null;
  }
}

/** Source-like text of an expression (Velocity's `literal()`), used for string concatenation with null. */
function exprText(e: VtlExpr): string {
  switch (e.k) {
    case 'ref':
      return e.ref.text;
    case 'str':
      return e.value;
    case 'interp':
      return e.raw;
    default:
      return '';
  }
}
