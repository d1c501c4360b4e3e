// The VTL syntax tree the interpreter runs: velocityjs's parse output converted to typed nodes with template offsets.
// Pure types; no imports besides Span.
import type { Span } from '../span';

/** A statement. `span` is template-relative (UTF-16, half-open); nested expressions share their statement's span. */
export type VtlNode =
  | { readonly k: 'text'; readonly text: string }
  | { readonly k: 'out'; readonly ref: VtlRef; readonly span: Span }
  | { readonly k: 'set'; readonly target: VtlRef; readonly value: VtlExpr; readonly span: Span }
  | { readonly k: 'if'; readonly branches: readonly VtlBranch[]; readonly span: Span }
  | { readonly k: 'foreach'; readonly varName: string; readonly iterable: VtlExpr; readonly body: readonly VtlNode[]; readonly span: Span }
  | { readonly k: 'macro'; readonly name: string; readonly params: readonly string[]; readonly body: readonly VtlNode[]; readonly span: Span }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly VtlExpr[]; readonly body?: readonly VtlNode[]; readonly span: Span; readonly text: string }
  | { readonly k: 'define'; readonly name: string; readonly body: readonly VtlNode[]; readonly span: Span }
  | { readonly k: 'break'; readonly span: Span }
  | { readonly k: 'block'; readonly body: readonly VtlNode[] };

export interface VtlBranch {
  /** Absent for `#else`. */
  readonly cond?: VtlExpr;
  readonly body: readonly VtlNode[];
  readonly span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type VtlExpr =
  | { readonly k: 'ref'; readonly ref: VtlRef }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'interp'; readonly nodes: readonly VtlNode[]; readonly raw: string }
  | { readonly k: 'int'; readonly value: number | bigint }
  | { readonly k: 'float'; readonly value: number }
  | { readonly k: 'bool'; readonly value: boolean }
  | { readonly k: 'null' }
  | { readonly k: 'list'; readonly items: readonly VtlExpr[] }
  | { readonly k: 'range'; readonly from: VtlExpr; readonly to: VtlExpr }
  | { readonly k: 'map'; readonly entries: readonly (readonly [string, VtlExpr])[] }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly left: VtlExpr; readonly right: VtlExpr }
  | { readonly k: 'not'; readonly operand: VtlExpr }
  | { readonly k: 'neg'; readonly operand: VtlExpr }
  | { readonly k: 'word'; readonly word: string };

/** `$name.path…`; `quiet` for `$!`; `text` is the reference's source text (Velocity's `literal()`). */
export interface VtlRef {
  readonly name: string;
  readonly quiet: boolean;
  readonly path: readonly VtlPathStep[];
  readonly text: string;
  readonly span: Span;
  /** `$name(args)` — calling a reference directly (velocityjs accepts it; Velocity has no such syntax). */
  readonly directArgs?: readonly VtlExpr[];
}

export type VtlPathStep =
  | { readonly k: 'prop'; readonly name: string }
  | { readonly k: 'index'; readonly index: VtlExpr }
  | { readonly k: 'method'; readonly name: string; readonly args: readonly VtlExpr[] };
