// Lexical scanner for VTL source: directives, references (with spans and call arguments), comments, and the block
// balance check velocityjs lacks (it silently accepts `#if` without `#end` and drops text after a stray `#end`).
// Follows velocityjs's lexer rules so its findings agree with what the parser saw. Pure.
import { span, type Span } from '../span';

/** A problem found by the scanner (codes are listed in docs of `analyzeVtl`). */
export interface ScanProblem {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning' | 'info';
}

/** An argument of a method call in a reference; `literal` is set for plain string literals (`'…'` or `"…"` without `$`/`#`). */
export interface ScanArg {
  readonly span: Span;
  readonly literal?: string;
}

/** One step of a reference path. */
export interface ScanSegment {
  readonly kind: 'property' | 'method' | 'index';
  /** Property/method name, or the literal key of an index (`['x']`, `[0]`); empty for computed indices. */
  readonly name: string;
  readonly span: Span;
  readonly args?: readonly ScanArg[];
}

/** A `$reference` in the template. */
export interface ScanReference {
  /** Source text of the whole reference (including `$!`, `{}` and arguments). */
  readonly text: string;
  readonly span: Span;
  /** Variable name after `$` (`input`, `util`, `context`, `stageVariables`, or any other name). */
  readonly root: string;
  readonly rootSpan: Span;
  /** Names of the steps up to (and including) the first method call; stops at a computed index. */
  readonly path: readonly string[];
  /** The first method called on the chain, if any (`$util.escapeJavaScript(…)` → `escapeJavaScript`). */
  readonly method?: string;
  readonly segments: readonly ScanSegment[];
  /** How the reference is used when it is not read: target of `#set`, `#foreach` variable, or `#macro` parameter. */
  readonly role?: 'assign' | 'loopVar' | 'macroParam';
}

/** A directive occurrence: `#if(...)`, `#end`, a macro call `#name(...)`, … */
export interface ScanDirective {
  readonly name: string;
  /** From `#` to the end of the directive head (closing parenthesis or keyword). */
  readonly span: Span;
  /** For block openers: from `#` to the end of the matching `#end`. */
  readonly block?: Span;
}

export interface ScanResult {
  readonly references: ScanReference[];
  readonly directives: ScanDirective[];
  readonly problems: ScanProblem[];
  /** False when block directives do not balance (the template must not be rendered). */
  readonly balanced: boolean;
  /**
   * Offsets of `{` characters that Velocity reads as text but velocityjs's lexer takes for the start of a formal
   * reference (a syntax error there): a `{` right after a reference in text (`$p{`, `$p.x{`, `$p[0]{`), also when only
   * `#else`/`#end`/`#{else}`/`#{end}`/`#break` stand between them (`$p#{else}{`). Includes those inside interpolated
   * double-quoted strings. velocity.ts hides them from velocityjs.
   */
  readonly literalBraces: number[];
}

const BLOCK_OPENERS = new Set(['if', 'foreach', 'macro', 'define', 'noescape', '@']);

interface OpenBlock {
  readonly name: string;
  readonly span: Span;
  readonly directiveIndex: number;
  sawElse: boolean;
}

/** Scans a whole template. Never throws. */
export function scanVtl(source: string): ScanResult {
  const s = new Scanner(source, 0);
  try {
    s.scanTemplate(0, source.length);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    s.problems.push({ code: 'vtl-too-deep', message: 'The template is nested too deeply to analyse', span: span(0, Math.min(1, source.length)), severity: 'error' });
    s.balancedOk = false;
  }
  return { references: s.references, directives: s.directives, problems: s.problems, balanced: s.balancedOk, literalBraces: s.literalBraces };
}

/** Directives after which velocityjs's lexer is back in the state of a reference they directly follow. */
const REFERENCE_STATE_KEEPERS = /^#(?:else|end|break|\{else\}|\{end\})$/;

const WORD_START = /[a-zA-Z_]/;
const WORD_CHAR = /[a-zA-Z0-9_-]/;

class Scanner {
  readonly references: ScanReference[] = [];
  readonly directives: ScanDirective[] = [];
  readonly problems: ScanProblem[] = [];
  readonly literalBraces: number[] = [];
  balancedOk = true;

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {}

  private problem(code: string, message: string, sp: Span, severity: ScanProblem['severity']): void {
    this.problems.push({ code, message, span: sp, severity });
  }

  /** Text mode over [start, end) with its own block stack (a string literal is its own template in Velocity). */
  scanTemplate(start: number, end: number): void {
    const src = this.src;
    const stack: OpenBlock[] = [];
    // Where a `{` would still be lexed by velocityjs as part of the reference just before it (-1: nowhere).
    let referenceStateAt = -1;
    let i = start;
    while (i < end) {
      const c = src[i];
      if (c === '\\') {
        let j = i;
        while (j < end && src[j] === '\\') j++;
        const next = src[j];
        if ((next === '$' || next === '#') && (j - i) % 2 === 1) {
          // An odd run of backslashes escapes the `$`/`#`: the reference or directive is literal text.
          i = j + 1;
        } else {
          i = j;
        }
        continue;
      }
      if (c === '#') {
        const at = i;
        i = this.hash(i, end, stack);
        referenceStateAt = at === referenceStateAt && REFERENCE_STATE_KEEPERS.test(src.slice(at, i)) ? i : -1;
        continue;
      }
      if (c === '$') {
        const r = this.reference(i, end, undefined);
        // A formal reference (`${…}`, `$!{…}`) ends velocityjs's reference state at its `}`.
        const formal = src[i + 1] === '{' || (src[i + 1] === '!' && src[i + 2] === '{');
        referenceStateAt = r > i && !formal ? r : -1;
        i = r > i ? r : i + 1;
        continue;
      }
      if (c === '{' && i === referenceStateAt) this.literalBraces.push(i);
      referenceStateAt = -1;
      i++;
    }
    for (const open of stack) {
      this.balancedOk = false;
      const what = open.name === '@' ? '#@' : `#${open.name}`;
      this.problem('vtl-unclosed-block', `${what} is never closed: add #end (velocityjs would render the rest of the template twice)`, open.span, 'error');
    }
  }

  private hash(i: number, end: number, stack: OpenBlock[]): number {
    const src = this.src;
    const rest = src.slice(i, Math.min(end, i + 64));
    if (rest.startsWith('##')) {
      const nl = src.indexOf('\n', i);
      return nl < 0 || nl > end ? end : nl;
    }
    if (rest.startsWith('#*')) {
      const close = src.indexOf('*#', i + 3);
      if (close < 0 || close + 2 > end) {
        this.problem('vtl-unterminated-comment', 'Block comment #* is never closed with *#; it is printed as text', span(i, i + 2), 'warning');
        return i + 2;
      }
      return close + 2;
    }
    if (rest.startsWith('#[[')) {
      const close = src.indexOf(']]#', i + 4);
      if (close < 0 || close + 3 > end) return i + 3;
      return close + 3;
    }
    if (rest.startsWith('#@')) {
      const m = /^#@([a-zA-Z_][a-zA-Z0-9_-]*)[ ]*\(/.exec(rest);
      if (!m) return i + 2;
      const argsEnd = this.args(i + m[0].length - 1, end);
      const head = span(i, argsEnd);
      this.open(stack, '@', head);
      return argsEnd;
    }
    if (rest.startsWith('#{')) {
      const m = /^#\{([a-zA-Z_][a-zA-Z0-9_-]*)\}/.exec(rest);
      if (!m) return i + 2;
      const name = m[1] as string;
      const sp = span(i, i + m[0].length);
      if (name === 'else' || name === 'end') {
        this.keyword(name, sp, stack);
        return sp.end;
      }
      if (['if', 'elseif', 'foreach', 'set', 'macro', 'define', 'break', 'stop', 'evaluate', 'parse', 'include'].includes(name)) {
        this.problem(
          'vtl-unsupported-directive-form',
          `#{${name}} is valid Velocity but the simulator's parser (velocityjs) prints it as text; write #${name}`,
          sp,
          'warning',
        );
      }
      return sp.end;
    }
    if (!WORD_START.test(src[i + 1] ?? '')) return i + 1;
    // Keyword directives as velocityjs lexes them.
    const kw = /^#(set|if|elseif|foreach|define|macro)[ ]*(?=[^a-zA-Z0-9_])/.exec(rest);
    if (kw) {
      const name = kw[1] as string;
      let j = i + kw[0].length;
      if (src[j] !== '(') {
        // velocityjs reports the syntax error; record the directive head only.
        const sp = span(i, i + 1 + name.length);
        this.directives.push({ name, span: sp });
        if (BLOCK_OPENERS.has(name)) this.open(stack, name, sp, true);
        return sp.end;
      }
      const argsEnd = this.args(j, end, name);
      j = argsEnd;
      const sp = span(i, j);
      if (name === 'elseif') {
        this.keyword('elseif', sp, stack);
      } else if (BLOCK_OPENERS.has(name)) {
        this.open(stack, name, sp);
      } else {
        this.directives.push({ name, span: sp });
      }
      return j;
    }
    const kw2 = /^#(else|end|break)\b/.exec(rest) ?? /^#(noescape)(?=[^a-zA-Z0-9_])/.exec(rest);
    if (kw2) {
      const name = kw2[1] as string;
      let sp = span(i, i + kw2[0].length);
      if (name === 'noescape') {
        if (src[sp.end] === '(') sp = span(i, this.args(sp.end, end));
        this.open(stack, name, sp);
        return sp.end;
      }
      if (name === 'break') {
        this.directives.push({ name, span: sp });
        return sp.end;
      }
      this.keyword(name, sp, stack);
      return sp.end;
    }
    const call = /^#([a-zA-Z_][a-zA-Z0-9_-]*)(?=\()/.exec(rest) ?? /^#([a-zA-Z_][a-zA-Z0-9_-]*)[ ]+(?=\()/.exec(rest);
    if (call) {
      const argsEnd = this.args(i + call[0].length, end);
      this.directives.push({ name: call[1] as string, span: span(i, argsEnd) });
      return argsEnd;
    }
    const word = /^#([a-zA-Z_][a-zA-Z0-9_]*)/.exec(rest);
    if (word && word[1] === 'stop') {
      this.directives.push({ name: 'stop', span: span(i, i + 5) });
      return i + 5;
    }
    return i + 1;
  }

  private open(stack: OpenBlock[], name: string, sp: Span, broken = false): void {
    this.directives.push({ name, span: sp });
    if (broken) return;
    stack.push({ name, span: sp, directiveIndex: this.directives.length - 1, sawElse: false });
  }

  private keyword(name: 'else' | 'elseif' | 'end' | string, sp: Span, stack: OpenBlock[]): void {
    this.directives.push({ name, span: sp });
    const top = stack[stack.length - 1];
    if (name === 'end') {
      if (!top) {
        this.balancedOk = false;
        this.problem('vtl-unmatched-end', '#end without an open #if/#foreach/#macro/#define (velocityjs would drop everything after it)', sp, 'error');
        return;
      }
      stack.pop();
      const d = this.directives[top.directiveIndex];
      if (d) this.directives[top.directiveIndex] = { ...d, block: span(top.span.start, sp.end) };
      return;
    }
    // else / elseif
    if (!top || top.name !== 'if') {
      this.balancedOk = false;
      this.problem('vtl-misplaced-else', `#${name} must be inside an #if … #end block`, sp, 'error');
      return;
    }
    if (top.sawElse) {
      this.balancedOk = false;
      this.problem('vtl-misplaced-else', `#${name} after #else in the same #if block`, sp, 'error');
      return;
    }
    if (name === 'else') top.sawElse = true;
  }

  /**
   * Expression mode from an opening `(` / `[` / `{` at `open`: records nested references, skips strings, finds the
   * matching close. Returns the offset after the close, or `end` when unterminated.
   */
  private args(open: number, end: number, directive?: string): number {
    const src = this.src;
    const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    const stack: string[] = [closer[src[open] as string] ?? ')'];
    let i = open + 1;
    let firstRef = true;
    while (i < end) {
      const c = src[i] as string;
      if (c === '"' || c === "'") {
        i = this.string(i, end);
        continue;
      }
      if (c === '$') {
        let role: ScanReference['role'];
        if (firstRef && stack.length === 1) {
          if (directive === 'set') role = 'assign';
          else if (directive === 'foreach') role = 'loopVar';
        }
        if (directive === 'macro' && stack.length === 1) role = 'macroParam';
        const r = this.reference(i, end, role);
        if (r > i) {
          firstRef = false;
          i = r;
          continue;
        }
      }
      if (c === '(' || c === '[' || c === '{') {
        stack.push(closer[c] as string);
      } else if (c === ')' || c === ']' || c === '}') {
        if (c === stack[stack.length - 1]) stack.pop();
        if (stack.length === 0) return i + 1;
      }
      i++;
    }
    return end;
  }

  /** A string literal at `i`; double-quoted contents are scanned as an embedded template. Returns the end offset. */
  private string(i: number, end: number): number {
    const src = this.src;
    const q = src[i] as string;
    let j = i + 1;
    while (j < end && src[j] !== q) {
      if (src[j] === '\\' && src[j + 1] === q) j++;
      j++;
    }
    if (j >= end) return end;
    if (q === '"' && this.depth < 20) {
      const inner = new Scanner(src, this.depth + 1);
      inner.scanTemplate(i + 1, j);
      this.references.push(...inner.references);
      this.directives.push(...inner.directives);
      for (const p of inner.problems) this.problems.push(p);
      this.literalBraces.push(...inner.literalBraces);
      if (!inner.balancedOk) this.balancedOk = false;
    }
    return j + 1;
  }

  /** A reference at `i` (`$`), following velocityjs's lexer. Returns the end offset, or `i` when it is not a reference. */
  private reference(i: number, end: number, role: ScanReference['role']): number {
    const src = this.src;
    let j = i + 1;
    if (src[j] === '!') j++;
    const wrapped = src[j] === '{';
    if (wrapped) j++;
    if (!WORD_START.test(src[j] ?? '')) return i;
    const rootStart = j;
    while (j < end && WORD_CHAR.test(src[j] as string)) j++;
    const root = src.slice(rootStart, j);
    const rootSpan = span(rootStart, j);
    const segments: ScanSegment[] = [];
    for (;;) {
      if (src[j] === '.' && WORD_START.test(src[j + 1] ?? '')) {
        const nameStart = j + 1;
        let k = nameStart;
        while (k < end && WORD_CHAR.test(src[k] as string)) k++;
        const name = src.slice(nameStart, k);
        if (src[k] === '(' && /^\([\s]*[$'"[{\-0-9\w()!]/.test(src.slice(k, k + 64))) {
          const argSpans = this.callArgs(k, end);
          segments.push({ kind: 'method', name, span: span(nameStart, argSpans.end), args: argSpans.args });
          j = argSpans.end;
        } else {
          segments.push({ kind: 'property', name, span: span(nameStart, k) });
          j = k;
        }
        continue;
      }
      if (src[j] === '[' && /^\[[\s]*[-$"'0-9{[\]]/.test(src.slice(j, j + 64))) {
        const close = this.args(j, end);
        const inner = src.slice(j + 1, close - 1).trim();
        const lit = /^(?:'([^']*)'|"([^"$#]*)"|(-?\d+))$/.exec(inner);
        segments.push({ kind: 'index', name: lit ? (lit[1] ?? lit[2] ?? lit[3] ?? '') : '', span: span(j, close) });
        j = close;
        continue;
      }
      break;
    }
    if (wrapped) {
      if (src[j] === '}') j++;
    }
    const path: string[] = [];
    let method: string | undefined;
    for (const seg of segments) {
      if (seg.kind === 'index' && seg.name === '') break;
      path.push(seg.name);
      if (seg.kind === 'method') {
        method = seg.name;
        break;
      }
    }
    const ref: ScanReference = {
      text: src.slice(i, j),
      span: span(i, j),
      root,
      rootSpan,
      path,
      segments,
      ...(method !== undefined ? { method } : {}),
      ...(role !== undefined ? { role } : {}),
    };
    this.references.push(ref);
    return j;
  }

  /** Method-call arguments `( a, b )` starting at `open`; records nested references and literal arguments. */
  private callArgs(open: number, end: number): { end: number; args: ScanArg[] } {
    const close = this.args(open, end);
    const src = this.src;
    const args: ScanArg[] = [];
    // Split the argument text at top-level commas (or spaces between arguments, which velocityjs also accepts).
    let depth = 0;
    let argStart = open + 1;
    const pushArg = (a: number, b: number): void => {
      let s = a;
      let e = b;
      while (s < e && /\s/.test(src[s] as string)) s++;
      while (e > s && /\s/.test(src[e - 1] as string)) e--;
      if (s === e) return;
      const text = src.slice(s, e);
      const single = /^'([^']*)'$/.exec(text);
      const double = /^"((?:\\"|[^"])*)"$/.exec(text);
      // A double-quoted string is literal unless it really interpolates (`$name`, `${`, `$!`, or a directive).
      const interpolates = (t: string): boolean => /\$!?[{a-zA-Z_]|#[a-zA-Z{@[*#]/.test(t);
      const literal = single ? single[1] : double && !interpolates(double[1] as string) ? (double[1] as string).replace(/\\"/g, '"') : undefined;
      args.push(literal !== undefined ? { span: span(s, e), literal } : { span: span(s, e) });
    };
    for (let i = open + 1; i < close - 1; i++) {
      const c = src[i] as string;
      if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < close - 1 && src[j] !== c) {
          if (src[j] === '\\' && src[j + 1] === c) j++;
          j++;
        }
        i = j;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (c === ',' && depth === 0) {
        pushArg(argStart, i);
        argStart = i + 1;
      }
    }
    pushArg(argStart, Math.max(argStart, close - 1));
    return { end: close, args };
  }
}
