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
