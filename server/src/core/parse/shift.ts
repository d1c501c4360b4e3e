// Copies a SourceNode tree with its offsets moved: every offset at or after `pivot` gains `delta`. Pure.
import type { MapEntry, SourceNode, TagInfo } from '../sourceNode';
import type { Span } from '../span';

const at = (o: number, pivot: number, delta: number): number => (o >= pivot ? o + delta : o);

export function shiftSpan(s: Span, pivot: number, delta: number): Span {
  return { start: at(s.start, pivot, delta), end: at(s.end, pivot, delta) };
}

function shiftTag(tag: TagInfo | undefined, pivot: number, delta: number): { tag?: TagInfo } {
  return tag ? { tag: { name: tag.name, span: shiftSpan(tag.span, pivot, delta) } } : {};
}

export function shiftNode(node: SourceNode, pivot: number, delta: number): SourceNode {
  const span = shiftSpan(node.span, pivot, delta);
  switch (node.kind) {
    case 'scalar':
      // Plain scalars share one span object for both (as the adapters build them): keep it shared.
      return { kind: 'scalar', value: node.value, style: node.style, span, valueSpan: node.valueSpan === node.span ? span : shiftSpan(node.valueSpan, pivot, delta), ...shiftTag(node.tag, pivot, delta) };
    case 'map':
      return { kind: 'map', entries: node.entries.map((e) => shiftEntry(e, pivot, delta)), flow: node.flow, span, ...shiftTag(node.tag, pivot, delta) };
    case 'seq':
      return { kind: 'seq', items: node.items.map((i) => shiftNode(i, pivot, delta)), flow: node.flow, span, ...shiftTag(node.tag, pivot, delta) };
  }
}

export function shiftEntry(e: MapEntry, pivot: number, delta: number): MapEntry {
  const key = shiftNode(e.key, pivot, delta);
  return { key: key as MapEntry['key'], value: e.value ? shiftNode(e.value, pivot, delta) : undefined, span: shiftSpan(e.span, pivot, delta) };
}
