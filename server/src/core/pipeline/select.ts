// Evaluates a selection expression written in the template (via core/expressions/selection.ts) for a pipeline stage, and picks entries by key. Pure.
import { evaluateSelection, parseSelectionExpression, type MultiValue, type SelectionInputs } from '../expressions/selection';
import type { ExpressionKind } from '../expressions/selectionFacts';
import type { Multi } from './request';
import type { Protocol, SnapText } from './types';
import { setOwn } from '../ownProperty';

/** The value of an expression and what the trace says about it. */
export interface Selected {
  readonly value: string;
  /** True when a `request.body` variable was read but the message is not JSON. */
  readonly bodyNotJson: boolean;
  /** One line per variable (`$request.body.action → "join"`), plus syntax problems. */
  readonly notes: string[];
  /** Whether an inferred rule (object stringification, an undocumented spelling…) shaped the value. */
  readonly inferred: boolean;
}

/** Evaluates `expr` (as written in the template) with AWS semantics. Never throws. */
export function evaluateExpression(expr: SnapText, kind: ExpressionKind, protocol: Protocol, inputs: SelectionInputs): Selected {
  const parsed = parseSelectionExpression(expr.text, kind, protocol);
  const result = evaluateSelection(parsed, inputs);
  const notes: string[] = [];
  let inferred = false;
  for (const p of parsed.problems) {
    if (p.severity === 'error') notes.push(`The expression has a problem: ${p.message}`);
    if (p.inferred) inferred = true;
  }
  for (const s of result.steps) {
    notes.push(`${s.raw} → ${JSON.stringify(s.value)}${s.note ? ` (${s.note})` : ''}`);
    if (s.note && /inferred/.test(s.note)) inferred = true;
  }
  if (expr.computed) notes.push('The expression is built by an intrinsic function; the simulated text is approximate.');
  return { value: result.value, bodyNotJson: result.bodyNotJson, notes, inferred };
}

/** Header / query lists as the record selection expressions read. */
export function multiRecord(m: Multi): Record<string, MultiValue> {
  const out: Record<string, MultiValue> = {};
  for (const [k, v] of m) {
    const prev = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    const all = prev === undefined ? [...v] : [...(typeof prev === 'string' ? [prev] : prev), ...v];
    setOwn(out, k, all.length === 1 ? all[0] : all);
  }
  return out;
}

/** The entry whose key is exactly `key`. */
export function byKey<T extends { readonly key: string }>(entries: readonly T[] | undefined, key: string): T | undefined {
  return entries?.find((e) => e.key === key);
}
