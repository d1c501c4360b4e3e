// The positioned syntax tree shared by the YAML and JSON adapters. Pure data; imports only span.ts.
import type { Span } from './span';

/** How a scalar was written. `json` is a JSON string literal (JSON templates, or a JSON-style double-quoted YAML scalar is still `double`). */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

export interface TagInfo {
  /** Tag as written, e.g. `!Ref`, `!GetAtt`. */
  readonly name: string;
  readonly span: Span;
}

interface NodeBase {
  /** Whole node, including quotes / block header, excluding a leading tag and trailing newline. */
  readonly span: Span;
  readonly tag?: TagInfo;
}

export interface ScalarNode extends NodeBase {
  readonly kind: 'scalar';
  /** Decoded value as YAML/JSON resolves it (core schema: numbers, booleans, null). */
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /**
   * Span of the characters that carry the value: inside the quotes for quoted scalars,
   * the content lines for block scalars.
   */
  readonly valueSpan: Span;
}

export interface MapEntry {
  readonly key: ScalarNode;
  /** `undefined` when the key has no value at all (`Key:` with nothing after it is a null scalar, not undefined). */
  readonly value: SourceNode | undefined;
  /** From the key start to the value end. */
  readonly span: Span;
}

export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  readonly flow: boolean;
}

export interface SeqNode extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly SourceNode[];
  readonly flow: boolean;
}

export type SourceNode = ScalarNode | MapNode | SeqNode;

/** A parse-level problem (syntax error, duplicate key…), positioned. */
export interface SyntaxProblem {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

export interface ParsedSource {
  readonly format: 'yaml' | 'json';
  /** Root node of the first document; undefined for an empty or unparsable document. */
  readonly root: SourceNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /** The text that was parsed (features need it to slice and to map scalar offsets). */
  readonly text: string;
}

export function getEntry(map: MapNode, key: string): MapEntry | undefined {
  for (const e of map.entries) if (e.key.value === key || String(e.key.value) === key) return e;
  return undefined;
}

export function getValue(map: MapNode, key: string): SourceNode | undefined {
  return getEntry(map, key)?.value;
}
