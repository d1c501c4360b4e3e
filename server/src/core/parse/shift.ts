// Copies a SourceNode tree with its offsets moved: every offset at or after `pivot` gains `delta` (the incremental model puts the tail of a skeleton back in place). Pure.
import type { MapEntry, SourceNode, TagInfo } from '../sourceNode';
import type { Span } from '../span';

const at = (o: number, pivot: number, delta: number): number => (o >= pivot ? o + delta : o);

function shiftSpan(s: Span, pivot: number, delta: number): Span {
  return { start: at(s.start, pivot, delta), end: at(s.end, pivot, delta) };
}

function shiftTag(tag: TagInfo, pivot: number, delta: number): TagInfo {
  return { name: tag.name, span: shiftSpan(tag.span, pivot, delta) };
}

// Nodes are written out in two branches (with or without a tag): `{ ...x }` with more properties is slow in V8, and
// moving a resource copies every node of it.
export function shiftNode(node: SourceNode, pivot: number, delta: number): SourceNode {
  const span = shiftSpan(node.span, pivot, delta);
  const tag = node.tag;
  switch (node.kind) {
    case 'scalar': {
      // Plain scalars share one span object for both (as the adapters build them): keep it shared.
      const valueSpan = node.valueSpan === node.span ? span : shiftSpan(node.valueSpan, pivot, delta);
      return tag
        ? { kind: 'scalar', value: node.value, style: node.style, span, valueSpan, tag: shiftTag(tag, pivot, delta) }
        : { kind: 'scalar', value: node.value, style: node.style, span, valueSpan };
    }
    case 'map': {
      const entries = node.entries.map((e) => shiftEntry(e, pivot, delta));
      return tag ? { kind: 'map', entries, flow: node.flow, span, tag: shiftTag(tag, pivot, delta) } : { kind: 'map', entries, flow: node.flow, span };
    }
    case 'seq': {
      const items = node.items.map((i) => shiftNode(i, pivot, delta));
      return tag ? { kind: 'seq', items, flow: node.flow, span, tag: shiftTag(tag, pivot, delta) } : { kind: 'seq', items, flow: node.flow, span };
    }
  }
}

function shiftEntry(e: MapEntry, pivot: number, delta: number): MapEntry {
  const key = shiftNode(e.key, pivot, delta);
  return { key: key as MapEntry['key'], value: e.value ? shiftNode(e.value, pivot, delta) : undefined, span: shiftSpan(e.span, pivot, delta) };
}
