// Fuzzing support: a seeded PRNG, text mutators, the seed corpus and the operations every mutated document goes through
// (parse → model → checks, quick-fix edits, navigation, symbols, cursor contexts, Run Route). Used by the bounded
// `npm test` run (test/unit/fuzz.test.ts) and the open-ended `npm run fuzz` (test/fuzz/main.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildFullTemplateModel, buildTemplateModel, IncrementalModelBuilder, runChecks, type TemplateModel } from '../../server/src/core/index';
import { documentHighlights, findDefinition, findReferences } from '../../server/src/core/language/navigation';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/language/symbols';
import { cursorContext } from '../../server/src/core/language/context';
import { complete } from '../../server/src/core/language/completion';
import { hover } from '../../server/src/core/language/hover';
import { prepareApi, runnableApis } from '../../server/src/core/pipeline/snapshot';
import { runRoute } from '../../server/src/core/pipeline/run';
import type { SimRequest } from '../../server/src/core/pipeline/types';
import { generateTemplate, prng } from '../../bench/generate';

/** The checkout's root (the folder holding esbuild.mjs), wherever the bundle of this file was written. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'esbuild.mjs'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no esbuild.mjs above ${start}`);
  }
}

export const REPO_ROOT = findRoot(__dirname);

/** The seeded PRNG of the fuzzer: the benchmark generator's (mulberry32), so both are reproducible the same way. */
export const rng = prng;

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const UNICODE = ['é', '𝄞', '😀', '\u200b', '\u0000', '\ud800', '\udfff', '\t', '\r', '\r\n', '\u2028', 'ß', '中', '\ufeff'];
const TOKENS = ['!Ref ', '!Sub ', '!GetAtt ', '!Join ', '${', '}', '[', ']', '{', '}', ':', '- ', '"', "'", '|', '>', '&a ', '*a', '#', '$request.body.', '$input.path(\'$.', '#foreach(', '#end', '\\', ',', '\n  ', 'Fn::Sub', '$default', '/2\\d\\d/'];

/** One mutation of `text`; the name says what was done (kept with a crash so it can be understood). */
export interface Mutation {
  readonly name: string;
  readonly text: string;
}

const MUTATORS: readonly ((r: Rand, t: string) => Mutation)[] = [
  (r, t) => ({ name: 'truncate', text: t.slice(0, int(r, t.length + 1)) }),
  (r, t) => {
    const i = int(r, t.length + 1);
    return { name: 'flip a character', text: t.slice(0, i) + String.fromCharCode(int(r, 128)) + t.slice(i + 1) };
  },
  (r, t) => {
    const i = int(r, t.length + 1);
    return { name: 'insert unicode', text: t.slice(0, i) + pick(r, UNICODE) + t.slice(i) };
  },
  (r, t) => {
    const i = int(r, t.length + 1);
    return { name: 'insert token', text: t.slice(0, i) + pick(r, TOKENS) + t.slice(i) };
  },
  (r, t) => {
    const i = int(r, t.length + 1);
    const n = 50 + int(r, 2000);
    return { name: 'deep nesting', text: t.slice(0, i) + '['.repeat(n) + ']'.repeat(int(r, 2) ? n : 0) + t.slice(i) };
  },
  (r, t) => {
    const i = int(r, t.length + 1);
    return { name: 'huge scalar', text: t.slice(0, i) + pick(r, ['x', '$', '{', ' ', 'é']).repeat(10_000 + int(r, 200_000)) + t.slice(i) };
  },
  (r, t) => ({ name: 'mix CRLF and LF', text: t.replace(/\n/g, () => (r() < 0.5 ? '\r\n' : '\n')) }),
  (r, t) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    const j = Math.min(lines.length, i + 1 + int(r, 20));
    return { name: 'delete lines', text: [...lines.slice(0, i), ...lines.slice(j)].join('\n') };
  },
  (r, t) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    lines.splice(int(r, lines.length), 0, lines[i] ?? '');
    return { name: 'duplicate a line', text: lines.join('\n') };
  },
  (r, t) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    lines[i] = (r() < 0.5 ? ' ' : '') + (lines[i] ?? '').replace(/^ {1,2}/, r() < 0.5 ? '' : '\t');
    return { name: 'shift indentation', text: lines.join('\n') };
  },
];

/** 1–3 stacked mutations of `text`. */
export function mutate(r: Rand, text: string): Mutation {
  let cur: Mutation = { name: '', text };
  const n = 1 + int(r, 3);
  const names: string[] = [];
  for (let k = 0; k < n; k++) {
    cur = pick(r, MUTATORS)(r, cur.text);
    names.push(cur.name);
  }
  return { name: names.join(' + '), text: cur.text };
}

/** Seed documents: the real-world corpus copy, the examples, the YAML/JSON fixtures of the test suite and generated templates. */
export function seedCorpus(): { name: string; text: string }[] {
  const dirs = ['test/fixtures/corpus/realworld', 'examples', 'test/fixtures/checks', 'test/fixtures/e2e'];
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json|template)$/.test(e)) out.push({ name: p.slice(REPO_ROOT.length + 1), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs) walk(resolve(REPO_ROOT, d));
  // Generated templates (the benchmark's generator, small sizes) add many routes, integrations and responses.
  for (const format of ['yaml', 'json'] as const) {
    for (const seed of [1, 2]) out.push({ name: `generated-${seed}.${format}`, text: generateTemplate({ resources: 40, format, seed }).text });
  }
  return out;
}

/** A failure of one operation on one document. */
export interface FuzzFailure {
  readonly operation: string;
  readonly error: string;
}

const MESSAGES = ['{"action":"sendmessage","data":"hi"}', '', 'not json', '{"action":', '[1,2,3]', '{"action":{"x":1}}', '{"messageId":"1"}', '"\u0000😀"'];

/**
 * Runs every operation on `text` with cursor offsets drawn from `r`; returns what threw or broke an invariant.
 * `fallback` is the model of the unmutated document (the server keeps the last good model for completion).
 */
export function runOperations(text: string, hint: 'yaml' | 'json' | undefined, r: Rand, fallback?: TemplateModel): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  const guard = (operation: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      failures.push({ operation, error: e instanceof Error ? `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e) });
    }
  };
  let model: TemplateModel | undefined;
  guard('parse + model', () => {
    model = buildTemplateModel(text, hint);
  });
  if (!model) return failures;
  const m = model;
  guard('checks', () => {
    const { problems, internalErrors } = runChecks(m);
    for (const e of internalErrors) throw new Error(`check ${e.check} threw: ${e.error}`);
    for (const p of problems) {
      if (!(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length)) throw new Error(`${p.id} has span ${JSON.stringify(p.span)} outside 0..${text.length}`);
      for (const f of p.fixes ?? []) {
        for (const e of f.edits) {
          if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length)) throw new Error(`fix "${f.title}" of ${p.id} edits ${JSON.stringify(e.span)} outside the text`);
        }
      }
    }
  });
  // LSP positions cannot address the point between `\r` and `\n`; such offsets are moved before the `\r`.
  const offsets = [0, text.length, ...Array.from({ length: 6 }, () => int(r, text.length + 1))].map((o) => (text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o));
  for (const offset of offsets) {
    guard(`navigation at ${offset}`, () => {
      findDefinition(m, offset);
      findReferences(m, offset, true);
      documentHighlights(m, offset);
    });
    guard(`cursor context at ${offset}`, () => {
      cursorContext(text, m.source.root, m.source.format, offset);
    });
    guard(`completion at ${offset}`, () => {
      for (const p of complete({ model: m, ...(fallback ? { fallback } : {}) }, offset)) {
        if (!(p.span.start >= 0 && p.span.start <= offset && offset <= p.span.end && p.span.end <= text.length)) {
          throw new Error(`proposal "${p.label}" replaces ${JSON.stringify(p.span)}, which does not contain the cursor ${offset}`);
        }
      }
    });
    guard(`hover at ${offset}`, () => {
      const h = hover({ model: m, ...(fallback ? { fallback } : {}) }, offset);
      if (h && !(h.span.start >= 0 && h.span.end <= text.length && h.span.start <= h.span.end)) throw new Error(`hover span ${JSON.stringify(h.span)} outside the text`);
    });
  }
  guard('symbols', () => {
    documentSymbols(m);
    workspaceSymbols(m, pick(r, ['', 'a', 'Route', '$']));
  });
  guard('run route', () => {
    for (const api of runnableApis(m).slice(0, 3)) {
      const { snapshot } = prepareApi(m, api);
      const request: SimRequest = api.protocol === 'HTTP'
        ? { http: { method: pick(r, ['GET', 'POST', 'PUT']), path: pick(r, ['/', '/items/1', '/a/b/c', '']), body: pick(r, MESSAGES) } }
        : { event: pick(r, ['connect', 'message', 'disconnect'] as const), message: pick(r, MESSAGES) };
      const trace = runRoute(snapshot, request, {});
      if (trace.error?.code === 'InternalServerError' && /simulator failed unexpectedly/.test(trace.error.message)) throw new Error(trace.error.message);
    }
  });
  return failures;
}

/** Everything of a model that has a position or a finding, as text (what the incremental builder must reproduce). */
function positioned(model: TemplateModel): string {
  return JSON.stringify({ root: model.source.root, syntax: model.source.problems, resources: model.resources, problems: runChecks(model).problems });
}

/**
 * Builds `versions` one after the other with one IncrementalModelBuilder (as the server does while a document is
 * edited): each model built incrementally must equal a one-document parse, and a build that falls back to a full parse
 * must leave the previous model as it was. The builder re-uses unchanged resources and moves their spans in place, so
 * this catches a span moved twice or not at all, a stale cache, and a fallback that damaged the previous model.
 */
export function incrementalFailures(versions: readonly string[], hint: 'yaml' | 'json' | undefined): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  const builder = new IncrementalModelBuilder();
  let previous: { model: TemplateModel; seen: string } | undefined;
  versions.forEach((text, i) => {
    try {
      const model = builder.build(text, hint);
      const mode = builder.lastMode;
      const seen = positioned(model);
      if (mode === 'incremental' && seen !== positioned(buildFullTemplateModel(text, hint))) {
        // yaml's own result varies between calls on some hostile texts (thousands of nested brackets): only a
        // difference from a reproducible one-document parse counts.
        const a = positioned(buildFullTemplateModel(text, hint));
        if (a === positioned(buildFullTemplateModel(text, hint))) failures.push({ operation: `incremental version ${i}`, error: 'the model or its problems differ from a one-document parse' });
      }
      if (previous && mode === 'full' && positioned(previous.model) !== previous.seen) {
        failures.push({ operation: `incremental version ${i} (full)`, error: 'falling back to a full parse changed the previous model' });
      }
      previous = { model, seen };
    } catch (e) {
      failures.push({ operation: `incremental version ${i}`, error: e instanceof Error ? `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e) });
    }
  });
  return failures;
}
