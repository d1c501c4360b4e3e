// Source spans: half-open UTF-16 offset ranges. Pure; imports nothing.

/** Half-open [start, end) in UTF-16 code units, 0-based: the unit of yaml's `range`, jsonc-parser offsets and TextDocument.offsetAt. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const span = (start: number, end: number): Span => ({ start, end });

/** True when `offset` lies inside the span or exactly at its end (a cursor after the last character still "touches" it). */
export const touches = (s: Span, offset: number): boolean => offset >= s.start && offset <= s.end;

export const contains = (outer: Span, inner: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

export const length = (s: Span): number => s.end - s.start;

export const slice = (text: string, s: Span): string => text.slice(s.start, s.end);

/** A span as the incremental model moves it (in place): everyone else reads spans as read-only. */
export interface MovableSpan {
  start: number;
  end: number;
}

/** Moves every span by `delta`, in place. */
export function moveSpans(spans: readonly MovableSpan[], delta: number): void {
  for (const s of spans) {
    s.start += delta;
    s.end += delta;
  }
}

/**
 * Data derived from a node, value or resource that the incremental model may move in place: it owns the span
 * objects in `spans` and remembers where its source started (`at`).
 */
export interface Anchored {
  at: number;
  readonly spans: readonly MovableSpan[];
}

/** Brings `entry` to a source that now starts at `at`, moving its spans along. */
export function follow(entry: Anchored, at: number): void {
  if (entry.at === at) return;
  moveSpans(entry.spans, at - entry.at);
  entry.at = at;
}
