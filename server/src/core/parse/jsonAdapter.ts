// The only importer of `jsonc-parser`: parses JSON text into the positioned SourceNode tree (much faster than yaml on large files).
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { MapEntry, ScalarNode, SourceNode, SyntaxProblem } from '../sourceNode';
import { ParseBudget } from './budget';

export interface JsonParseResult {
  readonly root: SourceNode | undefined;
  readonly problems: SyntaxProblem[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace } expected',
  CloseBracketExpected: 'Closing bracket ] expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string',
};

const MAX_DEPTH = 400;

/** Parses `text` as JSON (strict: no comments, no trailing commas). `base` is added to every offset. Never throws. */
export function parseJson(text: string, base = 0, budget = new ParseBudget()): JsonParseResult {
  const errors: ParseError[] = [];
  const problems: SyntaxProblem[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (e) {
    // jsonc-parser recurses once per nesting level: thousands of levels overflow the stack.
    const message = e instanceof RangeError ? 'The JSON is nested too deeply to be parsed (thousands of levels), so nothing in it is analysed' : `JSON could not be parsed: ${String(e)}`;
    problems.push({ code: e instanceof RangeError ? 'too-deep' : 'json-syntax', severity: 'error', message, span: { start: base, end: base + Math.min(text.length, 1) } });
    return { root: undefined, problems };
  }
  let lastOffset = -1;
  for (const err of errors) {
    // jsonc-parser reports one mistake twice at the same place (`, }`: property name expected, then value expected).
    if (err.offset === lastOffset) continue;
    // A byte order mark before the JSON is not a mistake (editors and CloudFormation accept it).
    if (err.offset === 0 && text.charCodeAt(0) === 0xfeff && printParseErrorCode(err.error) === 'InvalidSymbol') continue;
    lastOffset = err.offset;
    const comma = trailingCommaBefore(text, err);
    if (comma !== undefined) {
      const closer = text[err.offset];
      problems.push({ code: 'json-syntax', severity: 'error', message: `Trailing comma before \`${closer}\`: JSON allows no comma after the last entry`, span: { start: base + comma, end: base + comma + 1 } });
      continue;
    }
    const name = printParseErrorCode(err.error);
    // Errors at the end of the text ("expected '}'") have offset = length: keep the span inside the text.
    const start = Math.min(err.offset, text.length);
    const end = Math.min(err.offset + Math.max(err.length, 1), text.length);
    problems.push({ code: 'json-syntax', severity: 'error', message: `${MESSAGES[name] ?? name}.`, span: { start: base + start, end: base + end } });
  }
  const state = { problems, budget, base, depthReported: false };
  const root = tree ? convert(tree, state, 0) : undefined;
  return { root, problems };
}

/** The offset of the comma when `err` is a missing property name or value right before `}` or `]` after a comma. */
function trailingCommaBefore(text: string, err: ParseError): number | undefined {
  const name = printParseErrorCode(err.error);
  if (name !== 'PropertyNameExpected' && name !== 'ValueExpected') return undefined;
  const closer = text[err.offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = err.offset - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === ',' ? i : undefined;
}

interface State {
  problems: SyntaxProblem[];
  budget: ParseBudget;
  base: number;
  depthReported: boolean;
}

function convert(node: JsonNode, st: State, depth: number): SourceNode | undefined {
  if (!st.budget.take()) return undefined;
  const span = { start: st.base + node.offset, end: st.base + node.offset + node.length };
  if (depth > MAX_DEPTH) {
    if (!st.depthReported) {
      st.depthReported = true;
      st.problems.push({ code: 'too-deep', severity: 'warning', message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`, span: { start: span.start, end: span.start + 1 } });
    }
    return undefined;
  }
  switch (node.type) {
    case 'object': {
      const entries: MapEntry[] = [];
      const seen = new Map<string, ScalarNode>();
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || k.type !== 'string') continue;
        const key = scalarOf(k, st.base);
        const value = v ? convert(v, st, depth + 1) : undefined;
        const keyText = String(key.value);
        if (seen.has(keyText)) {
          st.problems.push({ code: 'duplicate-key', severity: 'warning', message: `Map keys must be unique: "${keyText}" appears more than once.`, span: key.span });
        }
        seen.set(keyText, key);
        entries.push({ key, value, span: { start: key.span.start, end: value ? value.span.end : key.span.end } });
      }
      return { kind: 'map', entries, flow: true, span };
    }
    case 'array': {
      const items: SourceNode[] = [];
      for (const c of node.children ?? []) {
        const item = convert(c, st, depth + 1);
        if (item) items.push(item);
      }
      return { kind: 'seq', items, flow: true, span };
    }
    default:
      return scalarOf(node, st.base);
  }
}

function scalarOf(node: JsonNode, base: number): ScalarNode {
  const span = { start: base + node.offset, end: base + node.offset + node.length };
  const v = node.value as unknown;
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  const valueSpan = node.type === 'string' ? { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) } : span;
  return { kind: 'scalar', value, style: node.type === 'string' ? 'json' : 'plain', span, valueSpan };
}
