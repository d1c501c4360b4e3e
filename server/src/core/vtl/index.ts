// Public API of the VTL engine: renderTemplate (AWS-faithful rendering of API Gateway mapping templates) and
// analyzeVtl (syntax, block balance, references, directives for checks/completion/hover). Pure; never throws.
import { span, type Span } from '../span';
import { compileJavaRegex } from '../javaRegex';
import { compileJsonPath } from '../jsonPath';
import type { VtlExpr, VtlNode } from './ast';
import { DEFAULT_LIMITS, Interpreter, UTIL_FUNCTIONS, APPSYNC_UTIL_NAMES, VtlFailure, type VtlErrorCode, type VtlInput, type VtlLimits } from './interpreter';
import { scanVtl, type ScanArg, type ScanDirective, type ScanProblem, type ScanReference, type ScanResult } from './scan';
import { parseVelocity, type VtlParseResult } from './velocity';

export type { VtlInput, VtlLimits, VtlErrorCode } from './interpreter';
export { DEFAULT_LIMITS, UTIL_FUNCTIONS } from './interpreter';
export type { ScanArg as VtlCallArg, ScanSegment as VtlSegment } from './scan';

/** Result of {@link renderTemplate}: `output` on success, `error` on failure; `notes` in both cases. */
export interface VtlRenderResult {
  readonly output?: string;
  readonly error?: {
    readonly code: VtlErrorCode;
    readonly message: string;
    /** Template-relative UTF-16 offsets (half-open). */
    readonly span?: Span;
  };
  /** Remarks for the simulator trace: behaviour marked `inferred: …`, approximations, large-number precision, … */
  readonly notes: string[];
}

/** A problem found by {@link analyzeVtl}. Codes are listed on analyzeVtl. */
export type VtlProblem = ScanProblem;
/** A `$reference`: `root` is the variable name, `path` the steps up to the first call, `segments` every step. */
export type VtlReference = ScanReference;
/** A directive occurrence; block directives carry the span up to their `#end`. */
export type VtlDirective = ScanDirective;

export interface VtlAnalysis {
  readonly problems: VtlProblem[];
  readonly references: VtlReference[];
  readonly directives: VtlDirective[];
}

// ---------------------------------------------------------------------------------------------------------------
// Compilation cache (bounded LRU keyed by source text; results are immutable)

interface Compiled {
  readonly scan: ScanResult;
  readonly parsed: VtlParseResult;
  readonly error?: { readonly message: string; readonly span: Span };
}

const COMPILE_CACHE_LIMIT = 128;
/** Analyses are small and every check run asks for each template of the document: keep a large template's worth. */
const ANALYSIS_CACHE_LIMIT = 8192;
const compileCache = new Map<string, Compiled>();
const analysisCache = new Map<string, VtlAnalysis>();

function lruGet<T>(cache: Map<string, T>, key: string): T | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

function lruSet<T>(cache: Map<string, T>, key: string, value: T, limit = COMPILE_CACHE_LIMIT): void {
  cache.set(key, value);
  if (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

function compile(source: string): Compiled {
  const hit = lruGet(compileCache, source);
  if (hit) return hit;
  const scan = scanVtl(source);
  const stops = scan.directives.filter((d) => d.name === 'stop' && d.span.end - d.span.start === 5).map((d) => d.span.end);
  const parsed = parseVelocity(source, { stopDirectives: stops, literalBraces: scan.literalBraces });
  const blockProblem = scan.problems.find((p) => p.severity === 'error');
  let error: Compiled['error'];
  if (parsed.error && blockProblem) error = parsed.error.span.start < blockProblem.span.start ? parsed.error : blockProblem;
  else if (parsed.error) error = parsed.error;
  else if (blockProblem) error = blockProblem;
  const compiled: Compiled = error ? { scan, parsed, error: { message: error.message, span: error.span } } : { scan, parsed };
  lruSet(compileCache, source, compiled);
  return compiled;
}

function nestedParser(source: string): { nodes?: readonly VtlNode[]; error?: { message: string } } {
  const c = compile(source);
  if (c.error) return { error: { message: c.error.message } };
  return c.parsed.nodes ? { nodes: c.parsed.nodes } : { error: { message: 'syntax error' } };
}

function resolveLimits(limits: VtlLimits | undefined): Required<VtlLimits> {
  const pick = (v: number | undefined, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : d);
  return {
    maxForeachIterations: pick(limits?.maxForeachIterations, DEFAULT_LIMITS.maxForeachIterations),
    maxOutputChars: pick(limits?.maxOutputChars, DEFAULT_LIMITS.maxOutputChars),
    maxSteps: pick(limits?.maxSteps, DEFAULT_LIMITS.maxSteps),
    maxSourceChars: pick(limits?.maxSourceChars, DEFAULT_LIMITS.maxSourceChars),
  };
}

function sanitizeInput(input: VtlInput): VtlInput {
  const obj = (v: unknown): Record<string, string> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
    return out;
  };
  const i = (typeof input === 'object' && input !== null ? input : {}) as Partial<VtlInput>;
  const params = typeof i.params === 'object' && i.params !== null ? i.params : {};
  return {
    body: typeof i.body === 'string' ? i.body : '',
    params: { path: obj(params.path), querystring: obj(params.querystring), header: obj(params.header) },
    context: typeof i.context === 'object' && i.context !== null ? i.context : {},
    stageVariables: obj(i.stageVariables),
  };
}

/**
 * Renders an API Gateway mapping template the way API Gateway's Velocity engine does (gateway spec §6): null and
 * missing references print empty, maps print `{k=v}`, JSON arrays print as compact JSON, Java String/collection
 * methods, Java regexes, integer division, `#foreach` capped at `maxForeachIterations`.
 * Never throws; compiled templates are cached by source text (bounded LRU).
 */
export function renderTemplate(source: string, input: VtlInput, limits?: VtlLimits): VtlRenderResult {
  let interp: Interpreter | undefined;
  try {
    const text = typeof source === 'string' ? source : String(source);
    const resolved = resolveLimits(limits);
    if (text.length > resolved.maxSourceChars) {
      const message = `The template has ${text.length} characters; API Gateway accepts mapping templates up to ${resolved.maxSourceChars} characters (300 KB). Split it or move logic to the backend.`;
      return { error: { code: 'TemplateTooLarge', message }, notes: [] };
    }
    const compiled = compile(text);
    if (compiled.error || !compiled.parsed.nodes) {
      const err = compiled.error ?? { message: 'syntax error', span: span(0, 0) };
      return { error: { code: 'TemplateSyntaxError', message: err.message, span: err.span }, notes: [] };
    }
    interp = new Interpreter(sanitizeInput(input), resolved, nestedParser);
    const output = interp.render(compiled.parsed.nodes);
    return { output, notes: interp.notesList() };
  } catch (e) {
    const notes = interp?.notesList() ?? [];
    if (e instanceof VtlFailure) return { error: { code: e.code, message: e.message, ...(e.span ? { span: e.span } : {}) }, notes };
    if (e instanceof RangeError) {
      return { error: { code: 'TemplateError', message: `The template is nested too deeply to render (${e.message})` }, notes };
    }
    return { error: { code: 'TemplateError', message: `Internal error while rendering: ${e instanceof Error ? e.message : String(e)}` }, notes };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis

const INPUT_MEMBERS = new Map<string, 'property' | 'method'>([
  ['body', 'property'],
  ['json', 'method'],
  ['path', 'method'],
  ['params', 'method'],
]);
const REGEX_METHODS = new Set(['matches', 'replaceAll', 'replaceFirst', 'split']);

/**
 * Analyses a template without rendering it. Problem codes:
 * - `vtl-syntax` (error): velocityjs parse error, positioned at the offending token where it can be found.
 * - `vtl-unclosed-block`, `vtl-unmatched-end`, `vtl-misplaced-else` (error): block balance (#if/#foreach/#macro/#define/#end).
 * - `vtl-unsupported-directive-form` (warning): `#{if}`-style forms the simulator's parser prints as text.
 * - `vtl-unterminated-comment` (warning): `#*` without `*#`.
 * - `vtl-unknown-util-function` (warning): `$util.x` other than the six API Gateway functions (AppSync names say so),
 *   or one of them used without a call / with the wrong number of arguments.
 * - `vtl-unknown-input-member` (warning): `$input.x` other than body, json(), path(), params().
 * - `vtl-invalid-jsonpath` (error) / `vtl-jsonpath-unsupported` (info): literal JSONPath arguments of $input.path/json.
 * - `vtl-invalid-java-regex` (error) / `vtl-regex-not-simulated` (info): literal regex arguments of matches, replaceAll,
 *   replaceFirst, split.
 * - `vtl-bare-word` (warning): an unquoted word used as a value (`$a.b(c)`).
 * `$context` and `$stageVariables` names are not judged here (they depend on the API's protocol); use `references`.
 * Never throws; results are cached by source text (bounded LRU).
 */
export function analyzeVtl(source: string): VtlAnalysis {
  const hit = lruGet(analysisCache, source);
  if (hit) return hit;
  let result: VtlAnalysis;
  try {
    result = analyzeUncached(source);
  } catch (e) {
    result = {
      problems: [{ code: 'vtl-syntax', message: `Internal error while analysing: ${e instanceof Error ? e.message : String(e)}`, span: span(0, Math.min(1, source.length)), severity: 'error' }],
      references: [],
      directives: [],
    };
  }
  lruSet(analysisCache, source, result, ANALYSIS_CACHE_LIMIT);
  return result;
}

/**
 * Most `$` and `#` characters (each can start a node) a template may hold to be analysed. velocityjs's generated
 * parser is quadratic in the number of nodes (70 000 nodes took 47 s), and analysis runs on the editor's path; about
 * 4 000 parse in a fraction of a second. Run Route renders larger templates in the sandbox, under its time limit.
 */
const MAX_ANALYSED_MARKERS = 4000;

function markerCount(source: string): number {
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x24 /* $ */ || c === 0x23 /* # */) n++;
  }
  return n;
}

function analyzeUncached(source: string): VtlAnalysis {
  const markers = markerCount(source);
  if (markers > MAX_ANALYSED_MARKERS) {
    const message = `This template has ${markers} \`$\`/\`#\` characters; apigw-lens analyses templates with up to ${MAX_ANALYSED_MARKERS} (parsing more would block the editor), so its VTL is not checked. Split it or move logic to the backend to have it checked; Run Route still renders it.`;
    return { problems: [{ code: 'vtl-too-complex', message, span: span(0, Math.min(1, source.length)), severity: 'info' }], references: [], directives: [] };
  }
  const compiled = compile(source);
  const problems: VtlProblem[] = [];
  if (compiled.parsed.error) problems.push({ code: 'vtl-syntax', message: compiled.parsed.error.message, span: compiled.parsed.error.span, severity: 'error' });
  for (const p of compiled.scan.problems) problems.push(p); // not push(...): a long template can have more than the call stack holds
  for (const ref of compiled.scan.references) problems.push(...checkReference(ref));
  if (compiled.parsed.nodes) findBareWords(compiled.parsed.nodes, problems);
  // An error at the very end of the template (an unclosed call, say) may point one past it: keep every span inside.
  for (const [i, p] of problems.entries()) {
    if (p.span.end > source.length || p.span.start > source.length) {
      const start = Math.min(p.span.start, source.length);
      problems[i] = { ...p, span: span(start, Math.min(Math.max(p.span.end, start), source.length)) };
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const references = [...compiled.scan.references].sort((a, b) => a.span.start - b.span.start);
  const directives = [...compiled.scan.directives].sort((a, b) => a.span.start - b.span.start);
  return { problems, references, directives };
}

function literalSpan(arg: ScanArg, offset: number, length = 1): Span {
  const start = Math.min(arg.span.end, arg.span.start + 1 + offset);
  return span(start, Math.min(arg.span.end, start + length));
}

function checkReference(ref: ScanReference): VtlProblem[] {
  const out: VtlProblem[] = [];
  const first = ref.segments[0];
  if (ref.role === undefined && first) {
    if (ref.root === 'util') {
      const known = (UTIL_FUNCTIONS as readonly string[]).includes(first.name);
      if (first.kind === 'property' && known) {
        out.push({ code: 'vtl-unknown-util-function', message: `$util.${first.name} is a function: call it as $util.${first.name}(…)`, span: first.span, severity: 'warning' });
      } else if (first.kind !== 'index' && !known) {
        const message = APPSYNC_UTIL_NAMES.has(first.name)
          ? `$util.${first.name} exists only in AppSync; API Gateway's $util has escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode and base64Decode (this call renders nothing)`
          : `Unknown $util function '${first.name}'; API Gateway's $util has escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode and base64Decode`;
        out.push({ code: 'vtl-unknown-util-function', message, span: first.span, severity: 'warning' });
      } else if (first.kind === 'method' && first.args && first.args.length !== 1) {
        out.push({ code: 'vtl-unknown-util-function', message: `$util.${first.name} takes exactly one argument`, span: first.span, severity: 'warning' });
      }
    } else if (ref.root === 'input') {
      const kind = INPUT_MEMBERS.get(first.name);
      if (first.kind !== 'index' && kind === undefined) {
        out.push({ code: 'vtl-unknown-input-member', message: `Unknown $input member '${first.name}'; use $input.body, $input.json(path), $input.path(path) or $input.params(name)`, span: first.span, severity: 'warning' });
      } else if (kind === 'method' && first.kind === 'property') {
        out.push({ code: 'vtl-unknown-input-member', message: `$input.${first.name} is a method: call it as $input.${first.name}(…)`, span: first.span, severity: 'warning' });
      } else if (kind === 'property' && first.kind === 'method') {
        out.push({ code: 'vtl-unknown-input-member', message: `$input.${first.name} is a property: write $input.${first.name} without parentheses`, span: first.span, severity: 'warning' });
      } else if ((first.name === 'json' || first.name === 'path') && first.kind === 'method') {
        const arg = first.args?.[0];
        if ((first.args?.length ?? 0) !== 1) {
          out.push({ code: 'vtl-unknown-input-member', message: `$input.${first.name} takes exactly one JSONPath argument`, span: first.span, severity: 'warning' });
        } else if (arg?.literal !== undefined) {
          const c = compileJsonPath(arg.literal);
          if (c.problem) {
            const unsupported = c.problem.unsupported === true;
            out.push({
              code: unsupported ? 'vtl-jsonpath-unsupported' : 'vtl-invalid-jsonpath',
              message: unsupported ? c.problem.message : `Invalid JSONPath: ${c.problem.message}`,
              span: literalSpan(arg, c.problem.offset),
              severity: unsupported ? 'info' : 'error',
            });
          }
        }
      }
    }
  }
  for (const seg of ref.segments) {
    if (seg.kind !== 'method' || !REGEX_METHODS.has(seg.name)) continue;
    const arg = seg.args?.[0];
    if (arg?.literal === undefined) continue;
    const r = compileJavaRegex(arg.literal);
    if (r.error) {
      out.push({ code: 'vtl-invalid-java-regex', message: `Invalid Java regex: ${r.error.message}`, span: literalSpan(arg, r.error.offset), severity: 'error' });
    } else if (!r.regex) {
      out.push({ code: 'vtl-regex-not-simulated', message: 'This Java regex is valid but the simulator cannot reproduce it in JavaScript', span: arg.span, severity: 'info' });
    }
  }
  return out;
}

function findBareWords(nodes: readonly VtlNode[], out: VtlProblem[]): void {
  const expr = (e: VtlExpr, sp: Span): void => {
    switch (e.k) {
      case 'word':
        out.push({ code: 'vtl-bare-word', message: `'${e.word}' is not a value: quote it ('${e.word}') or use a $reference`, span: sp, severity: 'warning' });
        return;
      case 'ref':
        for (const step of e.ref.path) {
          if (step.k === 'method') step.args.forEach((a) => expr(a, sp));
          else if (step.k === 'index') expr(step.index, sp);
        }
        e.ref.directArgs?.forEach((a) => expr(a, sp));
        return;
      case 'list':
        e.items.forEach((x) => expr(x, sp));
        return;
      case 'map':
        e.entries.forEach(([, x]) => expr(x, sp));
        return;
      case 'bin':
        expr(e.left, sp);
        expr(e.right, sp);
        return;
      case 'not':
      case 'neg':
        expr(e.operand, sp);
        return;
      case 'range':
        expr(e.from, sp);
        expr(e.to, sp);
        return;
      default:
        return;
    }
  };
  const walk = (ns: readonly VtlNode[]): void => {
    for (const n of ns) {
      switch (n.k) {
        case 'out':
          expr({ k: 'ref', ref: n.ref }, n.span);
          break;
        case 'set':
          expr(n.value, n.span);
          break;
        case 'if':
          for (const b of n.branches) {
            if (b.cond) expr(b.cond, b.span);
            walk(b.body);
          }
          break;
        case 'foreach':
          expr(n.iterable, n.span);
          walk(n.body);
          break;
        case 'macro':
        case 'define':
        case 'block':
          walk(n.body);
          break;
        case 'call':
          n.args.forEach((a) => expr(a, n.span));
          if (n.body) walk(n.body);
          break;
        default:
          break;
      }
    }
  };
  walk(nodes);
}
