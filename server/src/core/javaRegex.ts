// Java `java.util.regex.Pattern` syntax → JavaScript RegExp (flag `v`), plus Java `matches`/`replaceAll`/`split` semantics. Pure; imports nothing.
//
// API Gateway matches integration-response keys and Lambda `errorMessage` patterns with Java regexes, and VTL string
// methods (`matches`, `replaceAll`, `replaceFirst`, `split`) take Java regexes too. This module parses the Java dialect
// itself (so Java-only syntax is never reported as an error), reports real syntax errors with an offset, and emits an
// equivalent JavaScript pattern:
// - possessive quantifiers and atomic groups are emulated exactly with the lookahead + backreference trick
//   (`(?>X)` ≡ `(?=(X))\N`), which adds helper groups, so callers get `groupMap` (Java group → JS group);
// - inline flags (`(?i)`, `(?s)`, `(?m)`, `(?x)`, `(?d)`, scoped `(?i:…)`) are compiled away (case folding expands
//   ASCII letters; `^`/`$`/`.` get Java's line-terminator rules), so no JS flag other than `v` is ever used;
// - character-class intersections `[a-z&&[^aeiou]]` use the `v` flag's `&&`;
// - POSIX / `java*` / Unicode property classes, `\Q…\E`, `\A`, `\Z`, `\z`, `\R`, `\h`, `\v` are translated.
// What cannot be reproduced exactly sets `approximated: true`; what cannot be reproduced at all (e.g. `\p{InArabic}`
// blocks outside the built-in table, `\N{name}`) returns no `regex` and no `error`.

/** A Java pattern syntax error: a message and the UTF-16 offset in the pattern source where the problem starts. */
export interface JavaRegexError {
  readonly message: string;
  readonly offset: number;
}

/** Result of {@link compileJavaRegex}. Exactly one of `regex` / `error` is set, or neither when the pattern is valid Java
 * that has no JavaScript equivalent (then `approximated` is true). */
export interface JavaRegexResult {
  /** Equivalent JS pattern (flags `v`, never `g`/`y`); clone it with extra flags for global searches. */
  readonly regex?: RegExp;
  readonly error?: JavaRegexError;
  /** True when the JS pattern only approximates Java semantics (or no JS pattern could be built). */
  readonly approximated?: boolean;
  /** `groupMap[j]` is the JS group number of Java capturing group `j` (index 0 = whole match = 0). */
  readonly groupMap?: readonly number[];
  /** Java named groups → Java group number. */
  readonly namedGroups?: ReadonlyMap<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Parse tree

interface Flags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
  readonly x: boolean;
  readonly u: boolean;
  readonly d: boolean;
  readonly U: boolean;
}

type ClassItem =
  | { readonly k: 'range'; readonly lo: number; readonly hi: number }
  | { readonly k: 'esc'; readonly js: string } // a v-mode class operand, e.g. `\p{Lu}` or `[0-9]`
  | { readonly k: 'class'; readonly cls: ClassSet };

interface ClassSet {
  readonly negated: boolean;
  /** Union of items; when `intersect` is non-empty the union is intersected with each of them. */
  readonly items: ClassItem[];
  readonly intersect: ClassSet[];
}

type RNode =
  | { readonly t: 'seq'; readonly items: RNode[] }
  | { readonly t: 'alt'; readonly alts: RNode[] }
  | { readonly t: 'char'; readonly cp: number; readonly flags: Flags }
  | { readonly t: 'class'; readonly cls: ClassSet; readonly flags: Flags }
  | { readonly t: 'assert'; readonly js: string }
  | { readonly t: 'raw'; readonly js: string }
  | { readonly t: 'group'; readonly kind: GroupKind; readonly body: RNode; readonly javaIndex?: number; readonly name?: string }
  | { readonly t: 'quant'; readonly body: RNode; readonly min: number; readonly max: number; readonly mode: 'greedy' | 'lazy' | 'possessive' }
  | { readonly t: 'backref'; readonly javaIndex?: number; readonly name?: string; readonly exists: boolean };

type GroupKind = 'cap' | 'noncap' | 'la' | 'nla' | 'lb' | 'nlb' | 'atomic';

class JavaSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Valid Java that this translator cannot express in JavaScript. */
class Untranslatable {
  constructor(readonly reason: string) {}
}

const LINE_TERMINATORS = '\\n\\r\\u{85}\\u{2028}\\u{2029}';
const JAVA_SPACE: ClassItem = { k: 'esc', js: '[\\t\\n\\u{b}\\f\\r ]' };
const JAVA_DIGIT: ClassItem = { k: 'range', lo: 0x30, hi: 0x39 };
const JAVA_WORD_ITEMS: ClassItem[] = [
  { k: 'range', lo: 0x61, hi: 0x7a },
  { k: 'range', lo: 0x41, hi: 0x5a },
  JAVA_DIGIT,
  { k: 'range', lo: 0x5f, hi: 0x5f },
];

const set = (items: ClassItem[], negated = false): ClassSet => ({ negated, items, intersect: [] });
const rng = (lo: number, hi: number): ClassItem => ({ k: 'range', lo, hi });
const esc = (js: string): ClassItem => ({ k: 'esc', js });

/** POSIX classes (US-ASCII only, as in Java without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, () => ClassItem[]> = {
  Lower: () => [rng(0x61, 0x7a)],
  Upper: () => [rng(0x41, 0x5a)],
  ASCII: () => [rng(0, 0x7f)],
  Alpha: () => [rng(0x61, 0x7a), rng(0x41, 0x5a)],
  Digit: () => [rng(0x30, 0x39)],
  Alnum: () => [rng(0x61, 0x7a), rng(0x41, 0x5a), rng(0x30, 0x39)],
  Punct: () => [rng(0x21, 0x2f), rng(0x3a, 0x40), rng(0x5b, 0x60), rng(0x7b, 0x7e)],
  Graph: () => [rng(0x21, 0x7e)],
  Print: () => [rng(0x20, 0x7e)],
  Blank: () => [rng(0x20, 0x20), rng(0x09, 0x09)],
  Cntrl: () => [rng(0, 0x1f), rng(0x7f, 0x7f)],
  XDigit: () => [rng(0x30, 0x39), rng(0x61, 0x66), rng(0x41, 0x46)],
  Space: () => [JAVA_SPACE],
};

/** `java.lang.Character` predicates (`\p{javaLowerCase}` …) as v-mode class operands. */
const JAVA_PROPS: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaDigit: '\\p{Nd}',
  javaDefined: '\\P{Cn}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaMirrored: '\\p{Bidi_Mirrored}',
  javaSpaceChar: '\\p{Z}',
  javaWhitespace: '[[\\t-\\r\\u{1c}-\\u{1f}\\p{Z}]--[\\u{a0}\\u{2007}\\u{202f}]]',
  javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
  javaJavaIdentifierStart: '[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}]',
  javaJavaIdentifierPart: '[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mn}\\p{Mc}\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}\\p{Cf}]',
  javaUnicodeIdentifierStart: '[\\p{ID_Start}]',
  javaUnicodeIdentifierPart: '[\\p{ID_Continue}\\p{Cf}\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}]',
  javaIdentifierIgnorable: '[\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}\\p{Cf}]',
};

const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs Cn'.split(' '),
);

/** Binary properties Java accepts after `Is` (case-insensitive, with or without underscores) → ECMAScript name. */
const BINARY_PROPS: Record<string, string> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  whitespace: 'White_Space',
  digit: 'Nd',
  hexdigit: 'Hex_Digit',
  joincontrol: 'Join_Control',
  noncharactercodepoint: 'Noncharacter_Code_Point',
  assigned: 'Assigned',
  emoji: 'Emoji',
  emojipresentation: 'Emoji_Presentation',
  emojimodifier: 'Emoji_Modifier',
  emojimodifierbase: 'Emoji_Modifier_Base',
  emojicomponent: 'Emoji_Component',
  extendedpictographic: 'Extended_Pictographic',
};

/** A few common Unicode blocks (Java `\p{InX}` / `\p{block=X}`); other blocks have no JS equivalent here. */
const BLOCKS: Record<string, [number, number]> = {
  basiclatin: [0x0, 0x7f],
  latin1supplement: [0x80, 0xff],
  latinextendeda: [0x100, 0x17f],
  latinextendedb: [0x180, 0x24f],
  ipaextensions: [0x250, 0x2af],
  combiningdiacriticalmarks: [0x300, 0x36f],
  greek: [0x370, 0x3ff],
  greekandcoptic: [0x370, 0x3ff],
  cyrillic: [0x400, 0x4ff],
  hebrew: [0x590, 0x5ff],
  arabic: [0x600, 0x6ff],
  devanagari: [0x900, 0x97f],
  thai: [0xe00, 0xe7f],
  hangulsyllables: [0xac00, 0xd7af],
  generalpunctuation: [0x2000, 0x206f],
  currencysymbols: [0x20a0, 0x20cf],
  hiragana: [0x3040, 0x309f],
  katakana: [0x30a0, 0x30ff],
  cjkunifiedideographs: [0x4e00, 0x9fff],
  privateusearea: [0xe000, 0xf8ff],
  halfwidthandfullwidthforms: [0xff00, 0xffef],
};

const normName = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, '');

/** Returns the ECMAScript `Script=` value for a Java script name, or undefined when JS does not know it. */
function jsScriptName(name: string): string | undefined {
  const candidates = [
    name,
    name.charAt(0).toUpperCase() + name.slice(1).toLowerCase(),
    name
      .split(/[_\s]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
      .join('_'),
  ];
  for (const c of candidates) {
    if (!/^[A-Za-z_]+$/.test(c)) continue;
    try {
      new RegExp(`\\p{Script=${c}}`, 'u');
      return c;
    } catch {
      // not a script name known to this JS engine
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

const DEFAULT_FLAGS: Flags = { i: false, m: false, s: false, x: false, u: false, d: false, U: false };

class Parser {
  private pos = 0;
  private groupCount = 0;
  readonly named = new Map<string, number>();
  approximated = false;

  constructor(private readonly src: string) {}

  parse(): RNode {
    const flags = { value: DEFAULT_FLAGS };
    const node = this.parseAlternation(flags, 0);
    if (this.pos < this.src.length) {
      // Only an unmatched ')' stops the top-level alternation early.
      throw new JavaSyntaxError("Unmatched closing ')'", this.pos);
    }
    return node;
  }

  get groups(): number {
    return this.groupCount;
  }

  private cp(at = this.pos): number {
    return this.src.codePointAt(at) ?? -1;
  }

  private cpLen(cp: number): number {
    return cp > 0xffff ? 2 : 1;
  }

  private skipComments(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\x0b' || c === '\f' || c === '\r') {
        this.pos++;
      } else if (c === '#') {
        while (this.pos < this.src.length && !/[\n\r\u0085\u2028\u2029]/.test(this.src[this.pos] ?? '')) this.pos++;
      } else {
        return;
      }
    }
  }

  /** `flags` is a cell: inline `(?i)` changes it for the rest of the enclosing group. */
  private parseAlternation(flags: { value: Flags }, depth: number): RNode {
    const alts: RNode[] = [this.parseSequence(flags, depth)];
    while (this.src[this.pos] === '|') {
      this.pos++;
      alts.push(this.parseSequence(flags, depth));
    }
    return alts.length === 1 ? (alts[0] as RNode) : { t: 'alt', alts };
  }

  private parseSequence(flags: { value: Flags }, depth: number): RNode {
    const items: RNode[] = [];
    for (;;) {
      this.skipComments(flags.value);
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos] as string;
      if (c === '|' || c === ')') break;
      if (c === '*' || c === '+' || c === '?') throw new JavaSyntaxError(`Dangling meta character '${c}'`, this.pos);
      const atom = this.parseAtom(flags, depth);
      if (atom === 'flags-changed') continue;
      items.push(this.parseQuantifiers(atom, flags.value));
    }
    return items.length === 1 ? (items[0] as RNode) : { t: 'seq', items };
  }

  private parseQuantifiers(atom: RNode, flags: Flags): RNode {
    this.skipComments(flags);
    const start = this.pos;
    const c = this.src[this.pos];
    let min: number;
    let max: number;
    if (c === '*') {
      min = 0;
      max = Infinity;
      this.pos++;
    } else if (c === '+') {
      min = 1;
      max = Infinity;
      this.pos++;
    } else if (c === '?') {
      min = 0;
      max = 1;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new JavaSyntaxError('Illegal repetition', this.pos);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (!Number.isSafeInteger(min) || min > 0x7fffffff || (max !== Infinity && max > 0x7fffffff)) {
        throw new JavaSyntaxError('Illegal repetition', start);
      }
      if (max < min) throw new JavaSyntaxError('Illegal repetition range', start);
      this.pos += m[0].length;
    } else {
      return atom;
    }
    let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy';
    if (this.src[this.pos] === '?') {
      mode = 'lazy';
      this.pos++;
    } else if (this.src[this.pos] === '+') {
      mode = 'possessive';
      this.pos++;
    }
    const quantified: RNode = { t: 'quant', body: atom, min, max, mode };
    // Java applies a following `{n}` to an empty atom (`a{2}{3}` compiles); `*`, `+`, `?` dangle.
    this.skipComments(flags);
    if (this.src[this.pos] === '{') {
      const empty: RNode = { t: 'seq', items: [] };
      return { t: 'seq', items: [quantified, this.parseQuantifiers(empty, flags)] };
    }
    return quantified;
  }

  private parseAtom(flags: { value: Flags }, depth: number): RNode | 'flags-changed' {
    const f = flags.value;
    const start = this.pos;
    const c = this.src[this.pos] as string;
    switch (c) {
      case '(':
        return this.parseGroup(flags, depth);
      case '[':
        return { t: 'class', cls: this.parseClass(f), flags: f };
      case '.':
        this.pos++;
        return { t: 'class', cls: dotClass(f), flags: { ...f, i: false } };
      case '^':
        this.pos++;
        return { t: 'assert', js: caretJs(f) };
      case '$':
        this.pos++;
        return { t: 'assert', js: dollarJs(f) };
      case '\\':
        return this.parseEscape(f, start);
      case '{':
        // Java quantifies an empty atom (`{2}` compiles); anything else after `{` is an illegal repetition.
        if (/^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) return { t: 'seq', items: [] };
        throw new JavaSyntaxError('Illegal repetition', this.pos);
      default: {
        const cp = this.cp();
        this.pos += this.cpLen(cp);
        return { t: 'char', cp, flags: f };
      }
    }
  }

  private parseGroup(flags: { value: Flags }, depth: number): RNode | 'flags-changed' {
    const open = this.pos;
    if (depth > 400) throw new Untranslatable('pattern nesting is too deep');
    this.pos++; // (
    let kind: GroupKind = 'cap';
    let name: string | undefined;
    let inner: { value: Flags } = { value: flags.value };
    if (this.src[this.pos] === '?') {
      this.pos++;
      const c = this.src[this.pos];
      if (c === ':') {
        kind = 'noncap';
        this.pos++;
      } else if (c === '=') {
        kind = 'la';
        this.pos++;
      } else if (c === '!') {
        kind = 'nla';
        this.pos++;
      } else if (c === '>') {
        kind = 'atomic';
        this.pos++;
      } else if (c === '<') {
        this.pos++;
        const d = this.src[this.pos];
        if (d === '=') {
          kind = 'lb';
          this.pos++;
        } else if (d === '!') {
          kind = 'nlb';
          this.pos++;
        } else {
          const m = /^([a-zA-Z][a-zA-Z0-9]*)/.exec(this.src.slice(this.pos));
          if (!m) throw new JavaSyntaxError('capturing group name does not start with a Latin letter', this.pos);
          name = m[1] as string;
          this.pos += name.length;
          if (this.src[this.pos] !== '>') throw new JavaSyntaxError("named capturing group is missing trailing '>'", this.pos);
          this.pos++;
          if (this.named.has(name)) throw new JavaSyntaxError(`Named capturing group <${name}> is already defined`, open);
        }
      } else {
        // Inline flags: (?idmsuxU-idmsuxU) or (?idmsuxU-idmsuxU:X)
        let on = true;
        const next: { -readonly [K in keyof Flags]: boolean } = { ...flags.value };
        for (;;) {
          const f = this.src[this.pos];
          if (f === undefined) throw new JavaSyntaxError('Unknown inline modifier', this.pos);
          if (f === ')') {
            this.pos++;
            flags.value = next;
            return 'flags-changed';
          }
          if (f === ':') {
            this.pos++;
            kind = 'noncap';
            inner = { value: next };
            break;
          }
          if (f === '-') {
            on = false;
          } else if ('idmsuxU'.includes(f)) {
            next[f as keyof Flags] = on;
            if (f === 'U' && on) this.approximated = true;
            if (f === 'u' && on) this.approximated = true;
          } else if (f === 'c') {
            // CANON_EQ is not an inline flag in Java.
            throw new JavaSyntaxError('Unknown inline modifier', this.pos);
          } else {
            throw new JavaSyntaxError('Unknown inline modifier', this.pos);
          }
          this.pos++;
        }
      }
    }
    let javaIndex: number | undefined;
    if (kind === 'cap') {
      javaIndex = ++this.groupCount;
      if (name !== undefined) this.named.set(name, javaIndex);
    }
    const body = this.parseAlternation(kind === 'noncap' ? inner : { value: flags.value }, depth + 1);
    if (this.src[this.pos] !== ')') throw new JavaSyntaxError('Unclosed group', this.src.length);
    this.pos++;
    return javaIndex === undefined ? { t: 'group', kind, body } : { t: 'group', kind, body, javaIndex, ...(name !== undefined ? { name } : {}) };
  }

  /** Parses an escape outside a class. */
  private parseEscape(f: Flags, start: number): RNode {
    this.pos++; // backslash
    if (this.pos >= this.src.length) throw new JavaSyntaxError('Unexpected internal error', this.pos);
    const c = this.src[this.pos] as string;
    switch (c) {
      case 'A':
        this.pos++;
        return { t: 'assert', js: '^' };
      case 'z':
        this.pos++;
        return { t: 'assert', js: '$' };
      case 'Z':
        this.pos++;
        return { t: 'assert', js: f.d ? '(?=\\n?$)' : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?$)` };
      case 'G':
        this.pos++;
        this.approximated = true;
        return { t: 'assert', js: '^' };
      case 'b':
      case 'B': {
        this.pos++;
        if (this.src[this.pos] === '{') {
          // \b{g} (grapheme boundary, Java 9+)
          if (c === 'b' && this.src.startsWith('{g}', this.pos)) {
            this.pos += 3;
            throw new Untranslatable('\\b{g} grapheme boundaries have no JavaScript equivalent');
          }
          throw new JavaSyntaxError('Illegal/unsupported escape sequence', start);
        }
        if (f.U) this.approximated = true;
        return { t: 'assert', js: `\\${c}` };
      }
      case 'R':
        this.pos++;
        return { t: 'raw', js: '(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])' };
      case 'X':
        this.pos++;
        this.approximated = true;
        return { t: 'raw', js: '(?:\\r\\n|\\P{M}\\p{M}*)' };
      case 'Q': {
        this.pos++;
        const end = this.src.indexOf('\\E', this.pos);
        const text = end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end);
        this.pos = end < 0 ? this.src.length : end + 2;
        const items: RNode[] = [];
        for (const ch of text) items.push({ t: 'char', cp: ch.codePointAt(0) as number, flags: f });
        return { t: 'seq', items };
      }
      case 'E':
        // A stray \E is ignored by Java.
        this.pos++;
        return { t: 'seq', items: [] };
      case 'k': {
        this.pos++;
        if (this.src[this.pos] !== '<') throw new JavaSyntaxError("\\k is not followed by '<' for named capturing group", this.pos);
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.src.slice(this.pos));
        if (!m) throw new JavaSyntaxError('capturing group name does not start with a Latin letter', this.pos + 1);
        const name = m[1] as string;
        if (!this.named.has(name)) throw new JavaSyntaxError(`named capturing group <${name}> does not exist`, start);
        this.pos += m[0].length;
        if (f.i) this.approximated = true;
        return { t: 'backref', name, javaIndex: this.named.get(name) as number, exists: true };
      }
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      // Java: the first digit is always a back reference; more digits are taken while a group of that number exists.
      let n = Number(c);
      this.pos++;
      while (/[0-9]/.test(this.src[this.pos] ?? '')) {
        const next = n * 10 + Number(this.src[this.pos]);
        if (next > this.groupCount) break;
        n = next;
        this.pos++;
      }
      if (f.i) this.approximated = true;
      return { t: 'backref', javaIndex: n, exists: n <= this.groupCount };
    }
    const item = this.parseClassEscape(f, start, false);
    if (item.k === 'range' && item.lo === item.hi) return { t: 'char', cp: item.lo, flags: f };
    return { t: 'class', cls: set([item]), flags: f };
  }

  /** Escapes valid both inside and outside classes; returns a class item (a single char is a one-element range). */
  private parseClassEscape(f: Flags, start: number, inClass: boolean): ClassItem {
    const c = this.src[this.pos] as string;
    const single = (cp: number): ClassItem => rng(cp, cp);
    switch (c) {
      case 't':
        this.pos++;
        return single(9);
      case 'n':
        this.pos++;
        return single(10);
      case 'r':
        this.pos++;
        return single(13);
      case 'f':
        this.pos++;
        return single(12);
      case 'a':
        this.pos++;
        return single(7);
      case 'e':
        this.pos++;
        return single(27);
      case 'd':
        this.pos++;
        return f.U ? esc('\\p{Nd}') : JAVA_DIGIT;
      case 'D':
        this.pos++;
        return f.U ? esc('\\P{Nd}') : { k: 'class', cls: set([JAVA_DIGIT], true) };
      case 's':
        this.pos++;
        return f.U ? esc('\\p{White_Space}') : JAVA_SPACE;
      case 'S':
        this.pos++;
        return f.U ? esc('\\P{White_Space}') : { k: 'class', cls: set([JAVA_SPACE], true) };
      case 'w':
        this.pos++;
        return f.U ? esc('[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]') : { k: 'class', cls: set([...JAVA_WORD_ITEMS]) };
      case 'W':
        this.pos++;
        return f.U ? esc('[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]') : { k: 'class', cls: set([...JAVA_WORD_ITEMS], true) };
      case 'h':
        this.pos++;
        return esc('[ \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]');
      case 'H':
        this.pos++;
        return esc('[^ \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]');
      case 'v':
        this.pos++;
        return esc('[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]');
      case 'V':
        this.pos++;
        return esc('[^\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]');
      case '0': {
        this.pos++;
        const m = /^([0-3][0-7]{2}|[0-7]{1,2})/.exec(this.src.slice(this.pos));
        if (!m) throw new JavaSyntaxError('Illegal octal escape sequence', start);
        this.pos += (m[1] as string).length;
        return single(parseInt(m[1] as string, 8));
      }
      case 'x': {
        this.pos++;
        if (this.src[this.pos] === '{') {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.pos));
          if (!m) throw new JavaSyntaxError('Illegal hexadecimal escape sequence', start);
          const cp = parseInt(m[1] as string, 16);
          if (!(cp <= 0x10ffff)) throw new JavaSyntaxError('Hexadecimal codepoint is too big', start);
          this.pos += m[0].length;
          return single(cp);
        }
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
        if (!m) throw new JavaSyntaxError('Illegal hexadecimal escape sequence', start);
        this.pos += 2;
        return single(parseInt(m[0], 16));
      }
      case 'u': {
        this.pos++;
        const m = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos));
        if (!m) throw new JavaSyntaxError('Illegal Unicode escape sequence', start);
        this.pos += 4;
        let cp = parseInt(m[0], 16);
        // \uD83D\uDE00 is one supplementary code point in Java.
        if (cp >= 0xd800 && cp <= 0xdbff) {
          const lo = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.src.slice(this.pos));
          if (lo) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(lo[1] as string, 16) - 0xdc00);
            this.pos += 6;
          }
        }
        return single(cp);
      }
      case 'c': {
        this.pos++;
        if (this.pos >= this.src.length) throw new JavaSyntaxError('Illegal control escape sequence', start);
        const cp = this.cp();
        this.pos += this.cpLen(cp);
        return single(cp ^ 64);
      }
      case 'p':
      case 'P':
        return this.parseProperty(c === 'P', start);
      case 'N': {
        this.pos++;
        const m = /^\{([^}]*)\}/.exec(this.src.slice(this.pos));
        if (!m) throw new JavaSyntaxError('Illegal character name escape sequence', start);
        this.pos += m[0].length;
        throw new Untranslatable('\\N{name} character names have no JavaScript equivalent');
      }
      default:
        break;
    }
    if (inClass && c === 'Q') {
      // Handled by the class parser.
      throw new JavaSyntaxError('Illegal/unsupported escape sequence', start);
    }
    if (/[a-zA-Z]/.test(c)) throw new JavaSyntaxError('Illegal/unsupported escape sequence', start);
    if (/[0-9]/.test(c)) {
      // \1..\9 inside a character class are illegal in Java.
      throw new JavaSyntaxError('Illegal/unsupported escape sequence', start);
    }
    // Any other escaped character is itself.
    const cp = this.cp();
    this.pos += this.cpLen(cp);
    return single(cp);
  }

  private parseProperty(negated: boolean, start: number): ClassItem {
    this.pos++; // p / P
    let name: string;
    if (this.src[this.pos] === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) throw new JavaSyntaxError('Unclosed character family', start);
      name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      if (this.pos >= this.src.length) throw new JavaSyntaxError('Illegal character family', start);
      const cp = this.cp();
      name = String.fromCodePoint(cp);
      this.pos += this.cpLen(cp);
    }
    const js = this.propertyJs(name, start);
    if (!negated) return esc(js);
    return { k: 'class', cls: set([esc(js)], true) };
  }

  /** Java property name → v-mode class operand. */
  private propertyJs(name: string, start: number): string {
    const unknown = (): never => {
      throw new JavaSyntaxError(`Unknown character property name {${name}}`, start);
    };
    const eq = name.indexOf('=');
    if (eq > 0) {
      const key = name.slice(0, eq).toLowerCase();
      const value = name.slice(eq + 1);
      if (key === 'script' || key === 'sc') {
        const s = jsScriptName(value);
        return s ? `\\p{Script=${s}}` : unknown();
      }
      if (key === 'block' || key === 'blk') return this.blockJs(value);
      if (key === 'general_category' || key === 'gc') {
        return GENERAL_CATEGORIES.has(value) ? `\\p{${value}}` : unknown();
      }
      return unknown();
    }
    if (name.startsWith('In')) return this.blockJs(name.slice(2));
    const posix = POSIX[name];
    if (posix) return itemsJs(posix());
    const javaProp = JAVA_PROPS[name];
    if (javaProp) return javaProp;
    if (GENERAL_CATEGORIES.has(name)) return `\\p{${name}}`;
    if (name === 'all') return '[\\u{0}-\\u{10ffff}]';
    if (name === 'L1') return '[\\u{0}-\\u{ff}]';
    if (name === 'LD') return '[\\p{L}\\p{Nd}]';
    if (name.startsWith('Is')) {
      const rest = name.slice(2);
      if (GENERAL_CATEGORIES.has(rest)) return `\\p{${rest}}`;
      const bin = BINARY_PROPS[normName(rest)];
      if (bin) return `\\p{${bin}}`;
      const s = jsScriptName(rest);
      if (s) return `\\p{Script=${s}}`;
      return unknown();
    }
    return unknown();
  }

  private blockJs(blockName: string): string {
    const r = BLOCKS[normName(blockName)];
    if (!r) throw new Untranslatable(`Unicode block ${blockName} is not in the simulator's block table`);
    return `[\\u{${r[0].toString(16)}}-\\u{${r[1].toString(16)}}]`;
  }

  /** Parses `[...]` at `this.pos` (Java semantics: unions, nested classes, `&&` intersections). */
  private parseClass(f: Flags): ClassSet {
    const open = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const operands: ClassItem[][] = [[]];
    let current = operands[0] as ClassItem[];
    let first = true;
    for (;;) {
      this.skipComments(f);
      if (this.pos >= this.src.length) throw new JavaSyntaxError('Unclosed character class', this.src.length - 1);
      const c = this.src[this.pos] as string;
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[') {
        const nested = this.parseClass(f);
        if (negated) this.approximated = true; // Java 8 negation/union quirks
        current.push({ k: 'class', cls: nested });
        continue;
      }
      if (c === '&' && this.src[this.pos + 1] === '&') {
        this.pos += 2;
        current = [];
        operands.push(current);
        continue;
      }
      let item: ClassItem;
      const itemStart = this.pos;
      if (c === '\\') {
        this.pos++;
        if (this.pos >= this.src.length) throw new JavaSyntaxError('Unclosed character class', this.src.length - 1);
        if (this.src[this.pos] === 'Q') {
          this.pos++;
          const end = this.src.indexOf('\\E', this.pos);
          const text = end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end);
          this.pos = end < 0 ? this.src.length : end + 2;
          for (const ch of text) {
            const cp = ch.codePointAt(0) as number;
            current.push(rng(cp, cp));
          }
          continue;
        }
        item = this.parseClassEscape(f, itemStart, true);
      } else {
        const cp = this.cp();
        this.pos += this.cpLen(cp);
        item = rng(cp, cp);
      }
      // Range?
      if (item.k === 'range' && item.lo === item.hi) {
        this.skipComments(f);
        if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== '[') {
          const save = this.pos;
          this.pos++;
          this.skipComments(f);
          let hi: number | undefined;
          const hiStart = this.pos;
          if (this.src[this.pos] === '\\') {
            this.pos++;
            const e = this.parseClassEscape(f, hiStart, true);
            if (e.k === 'range' && e.lo === e.hi) hi = e.lo;
            else throw new JavaSyntaxError('Illegal character range', hiStart);
          } else if (this.src[this.pos] === '&' && this.src[this.pos + 1] === '&') {
            this.pos = save;
          } else {
            hi = this.cp();
            this.pos += this.cpLen(hi);
          }
          if (hi !== undefined) {
            if (hi < item.lo) throw new JavaSyntaxError('Illegal character range', itemStart);
            item = rng(item.lo, hi);
          }
        }
      }
      current.push(item);
    }
    const nonEmpty = operands.filter((o) => o.length > 0);
    if (nonEmpty.length === 0) {
      // e.g. `[&&]` — Java accepts it as an empty class.
      return { negated, items: [], intersect: [] };
    }
    if (nonEmpty.length !== operands.length && operands.length > 1) {
      // `[a&&]`: Java ignores an empty operand.
    }
    const [head, ...rest] = nonEmpty as [ClassItem[], ...ClassItem[][]];
    void open;
    return { negated, items: head, intersect: rest.map((items) => set(items)) };
  }
}

function dotClass(f: Flags): ClassSet {
  if (f.s) return set([esc('[\\u{0}-\\u{10ffff}]')]);
  if (f.d) return set([rng(10, 10)], true);
  return set([esc(`[${LINE_TERMINATORS}]`)], true);
}

function caretJs(f: Flags): string {
  if (!f.m) return '^';
  if (f.d) return '(?:^|(?<=\\n)(?=[\\s\\S]))';
  return `(?:^|(?<=[\\n\\u{85}\\u{2028}\\u{2029}]|\\r(?!\\n))(?=[\\s\\S]))`;
}

function dollarJs(f: Flags): string {
  if (f.d) return f.m ? '(?=\\n|$)' : '(?=\\n?$)';
  if (f.m) return `(?=[${LINE_TERMINATORS}]|$)`;
  return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?$)`;
}

// ---------------------------------------------------------------------------------------------------------------
// Emitter

const cpJs = (cp: number): string => (/[A-Za-z0-9]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`);

function itemsJs(items: ClassItem[]): string {
  return `[${items.map(itemJs).join('')}]`;
}

function itemJs(item: ClassItem): string {
  switch (item.k) {
    case 'range':
      return item.lo === item.hi ? cpJs(item.lo) : `${cpJs(item.lo)}-${cpJs(item.hi)}`;
    case 'esc':
      return item.js;
    case 'class':
      return classJs(item.cls);
  }
}

function classJs(cls: ClassSet): string {
  const head = cls.items.map(itemJs).join('');
  if (cls.intersect.length === 0) return `[${cls.negated ? '^' : ''}${head}]`;
  const operands = [`[${head}]`, ...cls.intersect.map((c) => classJs(c))];
  return `[${cls.negated ? '^' : ''}${operands.join('&&')}]`;
}

/** Adds the other ASCII case to ranges (Java CASE_INSENSITIVE without UNICODE_CASE folds US-ASCII only). */
function foldItems(items: ClassItem[], unicode: boolean, onApprox: () => void): ClassItem[] {
  const out: ClassItem[] = [];
  for (const it of items) {
    out.push(it);
    if (it.k === 'range') {
      const addShift = (lo: number, hi: number, delta: number): void => {
        const a = Math.max(it.lo, lo);
        const b = Math.min(it.hi, hi);
        if (a <= b) out.push(rng(a + delta, b + delta));
      };
      addShift(0x61, 0x7a, -32);
      addShift(0x41, 0x5a, 32);
      if (unicode && it.hi > 0x7f) {
        if (it.hi - it.lo < 256) {
          for (let cp = Math.max(it.lo, 0x80); cp <= it.hi; cp++) {
            for (const v of caseVariants(cp)) if (v !== cp) out.push(rng(v, v));
          }
        } else {
          onApprox();
        }
      }
    } else if (it.k === 'class') {
      out.pop();
      out.push({ k: 'class', cls: foldSet(it.cls, unicode, onApprox) });
    } else if (/\\[pP]\{/.test(it.js)) {
      // Property classes (\p{Lower}, \p{javaLowerCase} …) fold differently in Java; the JS class is kept as is.
      onApprox();
    }
  }
  return out;
}

function foldSet(cls: ClassSet, unicode: boolean, onApprox: () => void): ClassSet {
  return {
    negated: cls.negated,
    items: foldItems(cls.items, unicode, onApprox),
    intersect: cls.intersect.map((c) => foldSet(c, unicode, onApprox)),
  };
}

function caseVariants(cp: number): number[] {
  const s = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [s.toLowerCase(), s.toUpperCase()]) {
    const c = v.codePointAt(0);
    if (c !== undefined && String.fromCodePoint(c) === v) out.add(c);
  }
  return [...out];
}

class Emitter {
  private jsGroups = 0;
  approximated = false;
  /** Java group number → JS group number. */
  readonly groupMap: number[] = [0];

  constructor(private readonly javaGroups: number) {}

  emit(node: RNode): string {
    switch (node.t) {
      case 'seq':
        return node.items.map((n) => this.emit(n)).join('');
      case 'alt':
        return node.alts.map((n) => this.emit(n)).join('|');
      case 'char': {
        if (node.flags.i) {
          const variants =
            node.cp < 0x80 ? caseVariants(node.cp).filter((v) => v < 0x80) : node.flags.u ? caseVariants(node.cp) : [node.cp];
          if (variants.length > 1) return `[${variants.map(cpJs).join('')}]`;
        }
        return cpJs(node.cp);
      }
      case 'class': {
        const cls = node.flags.i ? foldSet(node.cls, node.flags.u, () => (this.approximated = true)) : node.cls;
        return classJs(cls);
      }
      case 'assert':
      case 'raw':
        return node.js;
      case 'backref': {
        if (!node.exists || node.javaIndex === undefined) return '(?!)';
        const js = this.groupMap[node.javaIndex];
        // A forward reference (group not emitted yet) never matches at that point in Java either.
        return js === undefined ? '(?!)' : `\\${js}`;
      }
      case 'group':
        return this.emitGroup(node);
      case 'quant':
        return this.emitQuant(node);
    }
  }

  private emitGroup(node: Extract<RNode, { t: 'group' }>): string {
    switch (node.kind) {
      case 'cap': {
        const js = ++this.jsGroups;
        if (node.javaIndex !== undefined) this.groupMap[node.javaIndex] = js;
        const body = this.emit(node.body);
        return node.name !== undefined ? `(?<${node.name}>${body})` : `(${body})`;
      }
      case 'noncap':
        return `(?:${this.emit(node.body)})`;
      case 'la':
        return `(?=${this.emit(node.body)})`;
      case 'nla':
        return `(?!${this.emit(node.body)})`;
      case 'lb':
        return `(?<=${this.emit(node.body)})`;
      case 'nlb':
        return `(?<!${this.emit(node.body)})`;
      case 'atomic':
        return this.atomic(() => this.emit(node.body));
    }
  }

  /** `(?>X)` ≡ `(?=(X))\N`: the lookahead commits to X's first match, the backreference consumes it. */
  private atomic(body: () => string): string {
    const helper = ++this.jsGroups;
    const inner = body();
    return `(?:(?=(${inner}))\\${helper})`;
  }

  private emitQuant(node: Extract<RNode, { t: 'quant' }>): string {
    const q = node.max === Infinity ? (node.min === 0 ? '*' : node.min === 1 ? '+' : `{${node.min},}`) : node.min === 0 && node.max === 1 ? '?' : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
    const atom = (): string => {
      const body = this.emit(node.body);
      const simple = node.body.t === 'char' || node.body.t === 'class' || (node.body.t === 'group' && node.body.kind !== 'la' && node.body.kind !== 'nla' && node.body.kind !== 'lb' && node.body.kind !== 'nlb');
      return simple ? body : `(?:${body})`;
    };
    if (node.mode === 'possessive') return this.atomic(() => `${atom()}${q}`);
    return `${atom()}${q}${node.mode === 'lazy' ? '?' : ''}`;
  }

  /** Pre-computes group numbers so backreferences can be emitted before a later group (Java forward references). */
  static numberGroups(node: RNode, map: number[]): void {
    let n = 0;
    const walk = (x: RNode): void => {
      switch (x.t) {
        case 'seq':
          x.items.forEach(walk);
          return;
        case 'alt':
          x.alts.forEach(walk);
          return;
        case 'group':
          if (x.kind === 'cap') {
            n++;
            if (x.javaIndex !== undefined) map[x.javaIndex] = n;
          } else if (x.kind === 'atomic') {
            n++;
          }
          walk(x.body);
          return;
        case 'quant':
          if (x.mode === 'possessive') n++;
          walk(x.body);
          return;
        default:
          return;
      }
    };
    walk(node);
  }

  get totalJavaGroups(): number {
    return this.javaGroups;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

const CACHE_LIMIT = 256;
const cache = new Map<string, JavaRegexResult>();

/**
 * Compiles a Java regular expression (the dialect of `java.util.regex.Pattern`) to a JavaScript RegExp with flag `v`.
 * Never throws. Invalid Java syntax → `error` with a message and an offset (UTF-16, into `source`); valid Java syntax is
 * never reported as an error. Results are memoised by source text (bounded).
 */
export function compileJavaRegex(source: string): JavaRegexResult {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const result = compileUncached(source);
  cache.set(source, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

function compileUncached(source: string): JavaRegexResult {
  const parser = new Parser(source);
  let tree: RNode;
  try {
    tree = parser.parse();
  } catch (e) {
    if (e instanceof JavaSyntaxError) return { error: { message: e.message, offset: Math.max(0, Math.min(e.offset, source.length)) } };
    if (e instanceof Untranslatable) return { approximated: true };
    if (e instanceof RangeError) return { approximated: true }; // pathological nesting
    throw e;
  }
  const emitter = new Emitter(parser.groups);
  const preMap: number[] = [0];
  Emitter.numberGroups(tree, preMap);
  for (let j = 1; j < preMap.length; j++) if (preMap[j] !== undefined) emitter.groupMap[j] = preMap[j] as number;
  let js: string;
  try {
    js = emitter.emit(tree);
  } catch (e) {
    if (e instanceof RangeError) return { approximated: true };
    throw e;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(js, 'v');
  } catch {
    // A translation gap, not a Java error: report that no JS equivalent exists.
    return { approximated: true };
  }
  const approximated = parser.approximated || emitter.approximated;
  return {
    regex,
    groupMap: emitter.groupMap,
    namedGroups: new Map(parser.named),
    ...(approximated ? { approximated: true } : {}),
  };
}

/** Java `String.matches` / `Pattern.matcher(v).matches()`: true when the whole `value` matches. `undefined` when the
 * pattern is invalid or has no JavaScript equivalent. */
export function matchesWhole(source: string, value: string): boolean | undefined {
  const r = compileJavaRegex(source);
  if (!r.regex || unrunnable.has(r.regex)) return undefined;
  try {
    return wholeRegex(r.regex).test(value);
  } catch {
    // Compiles, yet exhausts the regex engine's stack when run (thousands of anchors, found by fuzzing): unknown, and
    // remembered, since a failing run is slow and callers try many values.
    unrunnable.add(r.regex);
    return undefined;
  }
}

const unrunnable = new WeakSet<RegExp>();

const wholeCache = new WeakMap<RegExp, RegExp>();
function wholeRegex(re: RegExp): RegExp {
  let w = wholeCache.get(re);
  if (!w) {
    w = new RegExp(`^(?:${re.source})$`, 'v');
    wholeCache.set(re, w);
  }
  return w;
}

/** Outcome of a Java string operation that may throw in Java (the message is the Java exception text). */
export type JavaStringResult<T> = { readonly value: T } | { readonly exception: string };

type ReplacementPart = { readonly text: string } | { readonly group: number };

/** Parses Java `Matcher.appendReplacement` syntax: `$n`, `${name}`, `\x`. */
function parseReplacement(replacement: string, compiled: JavaRegexResult): JavaStringResult<ReplacementPart[]> {
  const parts: ReplacementPart[] = [];
  let text = '';
  const groupCount = (compiled.groupMap?.length ?? 1) - 1;
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) return { exception: 'java.lang.IllegalArgumentException: character to be escaped is missing' };
      text += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) return { exception: 'java.lang.IllegalArgumentException: Illegal group reference: group index is missing' };
      let group: number;
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        if (end < 0) return { exception: "java.lang.IllegalArgumentException: named capturing group is missing trailing '}'" };
        const name = replacement.slice(i + 1, end);
        if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) {
          return { exception: 'java.lang.IllegalArgumentException: named capturing group is missing trailing \'}\'' };
        }
        const g = compiled.namedGroups?.get(name);
        if (g === undefined) return { exception: `java.lang.IllegalArgumentException: No group with name {${name}}` };
        group = g;
        i = end;
      } else {
        const d = replacement[i] as string;
        if (!/[0-9]/.test(d)) return { exception: 'java.lang.IllegalArgumentException: Illegal group reference' };
        group = Number(d);
        while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1] as string)) {
          const next = group * 10 + Number(replacement[i + 1]);
          if (next > groupCount) break;
          group = next;
          i++;
        }
        if (group > groupCount) return { exception: `java.lang.IndexOutOfBoundsException: No group ${group}` };
      }
      if (text) parts.push({ text });
      text = '';
      parts.push({ group });
    } else {
      text += c;
    }
  }
  if (text) parts.push({ text });
  return { value: parts };
}

const globalCache = new WeakMap<RegExp, RegExp>();
function globalRegex(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, 'gv');
    globalCache.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

/**
 * Java `String.replaceAll` (`all`) / `replaceFirst` with a compiled Java regex and Java replacement syntax.
 * Returns `exception` for Java runtime exceptions (bad group reference, trailing backslash).
 */
export function javaReplace(compiled: JavaRegexResult, input: string, replacement: string, all: boolean): JavaStringResult<string> {
  if (!compiled.regex) return { exception: 'untranslatable pattern' };
  const parsed = parseReplacement(replacement, compiled);
  if ('exception' in parsed) return parsed;
  const map = compiled.groupMap ?? [0];
  const re = globalRegex(compiled.regex);
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  let found = false;
  while ((m = re.exec(input)) !== null) {
    found = true;
    out += input.slice(last, m.index);
    for (const p of parsed.value) {
      if ('text' in p) out += p.text;
      else out += m[map[p.group] ?? 0] ?? '';
    }
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex = advance(input, re.lastIndex);
    if (!all) break;
  }
  if (!found) return { value: input };
  return { value: out + input.slice(last) };
}

function advance(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/** Java `String.split(regex, limit)` semantics (trailing empty strings dropped when limit is 0, no empty leading
 * string for a zero-width match at index 0). */
export function javaSplit(compiled: JavaRegexResult, input: string, limit = 0): JavaStringResult<string[]> {
  if (!compiled.regex) return { exception: 'untranslatable pattern' };
  const re = globalRegex(compiled.regex);
  const list: string[] = [];
  const limited = limit > 0;
  let index = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    if (m[0].length === 0) re.lastIndex = advance(input, re.lastIndex);
    if (!limited || list.length < limit - 1) {
      if (index === 0 && m.index === 0 && m[0].length === 0) continue;
      list.push(input.slice(index, m.index));
      index = m.index + m[0].length;
    } else if (list.length === limit - 1) {
      list.push(input.slice(index));
      index = m.index + m[0].length;
    }
  }
  if (index === 0) return { value: [input] };
  if (!limited || list.length < limit) list.push(input.slice(index));
  if (limit === 0) while (list.length > 0 && list[list.length - 1] === '') list.pop();
  return { value: list };
}
