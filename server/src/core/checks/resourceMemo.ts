// Per-resource problem cache: a check part re-uses what it reported for a resource whose block text is unchanged (moved: spans shifted) and whose declared cross-resource inputs are the same. Pure.
import { blockIdentity } from '../model/incremental';
import type { Resource, TemplateModel } from '../model/template';
import type { Span } from '../span';
import type { Emit, EmitOptions, Rule } from './types';

/** One emit call, as made when the entry was recorded. */
interface Emitted {
  readonly rule: Rule;
  readonly span: Span;
  readonly message: string;
  readonly options: EmitOptions | undefined;
}

interface Entry {
  readonly context: string;
  /** Block start when recorded: replaying at another offset shifts every span by the difference. */
  readonly start: number;
  readonly emitted: readonly Emitted[];
}

/** part → block id → entry. */
const memo = new Map<string, Map<number, Entry>>();
/**
 * Entries kept per part before the part's cache is dropped (ids of edited blocks and of closed documents pile up
 * otherwise): room for a few open 4 000-resource templates.
 */
const ENTRIES_PER_PART = 20_000;
/** Most resources have no finding: their entries share one empty list. */
const NOTHING: readonly Emitted[] = [];

/**
 * Runs `check` for `resource`, or replays its earlier findings. `part` names the check code (one per call site), and
 * `context` must encode everything `check` reads outside the resource's own block (another resource's type, the
 * Api's protocol, the set of logical ids …): the findings are re-used only when the block's text and the context
 * are both unchanged. `check` must read nothing else outside the block. Findings with a span outside the block are
 * never cached. Resources of a one-document parse (no block identity) always run `check`.
 */
export function perResource(resource: Resource, part: string, context: string, emit: Emit, check: (emit: Emit) => void): void {
  const block = blockIdentity(resource);
  if (!block) {
    check(emit);
    return;
  }
  let entries = memo.get(part);
  if (!entries) {
    entries = new Map();
    memo.set(part, entries);
  }
  const hit = entries.get(block.id);
  if (hit && hit.context === context) {
    replay(hit, block.start - hit.start, emit);
    return;
  }
  const emitted: Emitted[] = [];
  let cacheable = true;
  const inside = (s: Span) => s.start >= block.start && s.end <= block.end && s.start < block.end;
  check((rule, span, message, options) => {
    emit(rule, span, message, options);
    // Copies: the incremental model moves a block's spans in place, and a finding may hold one of them.
    emitted.push({ rule, span: shift(span, 0), message, options: options && shiftOptions(options, 0) });
    if (cacheable && !(inside(span) && (options === undefined || optionSpans(options).every(inside)))) cacheable = false;
  });
  if (entries.size >= ENTRIES_PER_PART) entries.clear();
  if (cacheable) entries.set(block.id, { context, start: block.start, emitted: emitted.length ? emitted : NOTHING });
  else entries.delete(block.id);
}

function replay(entry: Entry, delta: number, emit: Emit): void {
  for (const e of entry.emitted) {
    if (delta === 0) emit(e.rule, e.span, e.message, e.options);
    else emit(e.rule, shift(e.span, delta), e.message, e.options && shiftOptions(e.options, delta));
  }
}

function optionSpans(o: EmitOptions): Span[] {
  const out: Span[] = [];
  for (const f of o.fixes ?? []) for (const e of f.edits) out.push(e.span);
  for (const r of o.related ?? []) out.push(r.span);
  return out;
}

const shift = (s: Span, delta: number): Span => ({ start: s.start + delta, end: s.end + delta });

/** `o` with every span copied and moved by `delta`. */
function shiftOptions(o: EmitOptions, delta: number): EmitOptions {
  if (!o.fixes && !o.related) return o;
  return {
    ...o,
    ...(o.fixes ? { fixes: o.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: shift(e.span, delta) })) })) } : {}),
    ...(o.related ? { related: o.related.map((r) => ({ ...r, span: shift(r.span, delta) })) } : {}),
  };
}

/**
 * Drops what the cache holds for the resources of `model` (their document closed): a closed document's blocks never
 * come back, and a large one holds thousands of entries per part.
 */
export function forgetResources(model: TemplateModel): void {
  for (const r of model.resources) {
    const block = blockIdentity(r);
    if (!block) continue;
    for (const entries of memo.values()) entries.delete(block.id);
  }
}

/** How many findings entries the cache holds for the resources of `model` (for tests). */
export function cachedEntries(model: TemplateModel): number {
  let n = 0;
  for (const r of model.resources) {
    const block = blockIdentity(r);
    if (block) for (const entries of memo.values()) if (entries.has(block.id)) n++;
  }
  return n;
}

let lastIds: { joined: string; token: string } | undefined;
let nextIdsToken = 1;
const idsTokens = new WeakMap<TemplateModel, string>();

/**
 * A short context token for "the logical ids of the template's resources and parameters, in order": equal tokens mean
 * equal lists (checks that look ids up or suggest the closest one read exactly that).
 */
export function logicalIdsToken(model: TemplateModel): string {
  const known = idsTokens.get(model);
  if (known) return known;
  const joined = `${[...model.resourceById.keys()].join('\n')}\u0000${[...model.parameters.keys()].join('\n')}`;
  if (lastIds?.joined !== joined) lastIds = { joined, token: `ids#${nextIdsToken++}` };
  idsTokens.set(model, lastIds.token);
  return lastIds.token;
}
