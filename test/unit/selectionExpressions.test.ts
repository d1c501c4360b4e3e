// Data-driven tests of the selection-expression parser and evaluator: every case of test/fixtures/expressions/*.yaml.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { SELECTION_FACTS, evaluateSelection, parseSelectionExpression, variableAt, type ApiProtocol, type ExpressionKind, type SelectionInputs, type SelectionPart } from '../../server/src/core/index';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'expressions');

/** A span in a fixture: `[start, end]`, or a substring of the expression (its first occurrence). */
type SpanSpec = [number, number] | string;

interface PartSpec {
  kind: 'literal' | 'variable';
  span: SpanSpec;
  text?: string;
  source?: string;
  path?: string[];
  braced?: boolean;
}

interface ProblemSpec {
  code: string;
  span: SpanSpec;
  severity?: string;
  replacement?: string;
}

interface EvaluationSpec {
  inputs: SelectionInputs;
  value: string;
  unresolved?: string[];
  bodyNotJson?: boolean;
}

interface CaseSpec {
  name: string;
  expression: string;
  kind?: ExpressionKind;
  protocol?: ApiProtocol;
  parts?: PartSpec[];
  /** Exactly these problems (default: none). */
  problems?: ProblemSpec[];
  evaluate?: EvaluationSpec[];
  /** Cursor offset → raw text of the part under it (or null). */
  cursor?: Record<string, string | null>;
}

function toSpan(expression: string, s: SpanSpec): [number, number] {
  if (Array.isArray(s)) return s;
  const at = expression.indexOf(s);
  assert.ok(at >= 0, `span text "${s}" occurs in "${expression}"`);
  return [at, at + s.length];
}

function actualPart(p: SelectionPart): Record<string, unknown> {
  const base = { kind: p.kind, span: [p.span.start, p.span.end] };
  return p.kind === 'literal' ? { ...base, text: p.text } : { ...base, source: p.source, path: [...p.path], braced: p.braced };
}

function expectedPart(expression: string, p: PartSpec): Record<string, unknown> {
  const base = { kind: p.kind, span: toSpan(expression, p.span) };
  return p.kind === 'literal' ? { ...base, text: p.text ?? expression.slice(...toSpan(expression, p.span)) } : { ...base, source: p.source, path: p.path ?? [], braced: p.braced ?? false };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('selection expressions: fixtures', () => {
  it('finds fixture files', () => assert.ok(files.length >= 3, `fixtures in ${DIR}`));
  for (const file of files) {
    const doc = parse(readFileSync(join(DIR, file), 'utf8')) as { cases: CaseSpec[] };
    describe(file, () => {
      for (const c of doc.cases) {
        it(c.name, () => {
          const parsed = parseSelectionExpression(c.expression, c.kind ?? 'RouteSelectionExpression', c.protocol ?? 'WEBSOCKET');
          if (c.parts) assert.deepEqual(parsed.parts.map(actualPart), c.parts.map((p) => expectedPart(c.expression, p)), 'parts');
          // Literal and variable spans tile the expression exactly.
          let at = 0;
          for (const p of parsed.parts) {
            assert.equal(p.span.start, at, 'parts are contiguous');
            at = p.span.end;
          }
          if (!parsed.problems.some((p) => p.code === 'unclosed-brace')) assert.equal(at, c.expression.length, 'parts cover the expression');
          const actualProblems = parsed.problems.map((p) => ({ code: p.code, span: [p.span.start, p.span.end], severity: p.severity, ...(p.replacement !== undefined ? { replacement: p.replacement } : {}) }));
          const expectedProblems = (c.problems ?? []).map((p) => ({ code: p.code, span: toSpan(c.expression, p.span), severity: p.severity ?? 'error', ...(p.replacement !== undefined ? { replacement: p.replacement } : {}) }));
          assert.deepEqual(actualProblems, expectedProblems, 'problems');
          for (const p of parsed.problems) {
            assert.match(p.message, /[.?]$/, `message is a sentence: ${p.message}`);
            if (p.inferred) assert.notEqual(p.severity, 'error', 'inferred problems are never errors');
          }
          for (const e of c.evaluate ?? []) {
            const r = evaluateSelection(parsed, e.inputs);
            assert.equal(r.value, e.value, `value for ${JSON.stringify(e.inputs)}`);
            if (e.unresolved) assert.deepEqual(r.unresolved, e.unresolved, 'unresolved');
            assert.equal(r.bodyNotJson, e.bodyNotJson ?? false, 'bodyNotJson');
          }
          for (const [offset, raw] of Object.entries(c.cursor ?? {})) {
            const part = variableAt(parsed, Number(offset));
            const text = part === undefined ? null : c.expression.slice(part.span.start, part.span.end);
            assert.equal(text, raw, `part at ${offset}`);
          }
        });
      }
    });
  }
});

describe('selection expressions: facts examples', () => {
  for (const f of SELECTION_FACTS) {
    for (const example of f.examples) {
      it(`${f.kind} (${f.protocol}) example ${example} parses without problems`, () => {
        const protocol = f.protocol === 'both' ? 'WEBSOCKET' : f.protocol;
        assert.deepEqual(parseSelectionExpression(example, f.kind, protocol).problems, []);
      });
    }
  }
});

describe('selection expressions: robustness', () => {
  it('never throws and always tiles the expression, for every kind, on generated input', () => {
    // Deterministic generator (xorshift) over the characters that matter to the tokenizer.
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const pieces = ['$', '{', '}', '\\', '[', ']', "'", '"', '.', '(', ')', '?', '@', '*', ' ', '\n', 'request', 'body', 'header', 'context', 'a', '0', '😀', '$request.body.', '${integration.response.', 'default', '-'];
    const kinds = [...new Set(SELECTION_FACTS.map((f) => f.kind))];
    for (let n = 0; n < 1500; n++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let k = 0; k < len; k++) text += pieces[Math.floor(next() * pieces.length)];
      for (const kind of kinds) {
        for (const protocol of ['WEBSOCKET', 'HTTP'] as const) {
          const parsed = parseSelectionExpression(text, kind, protocol);
          let at = 0;
          for (const p of parsed.parts) {
            assert.equal(p.span.start, at, `contiguous parts for ${JSON.stringify(text)}`);
            at = p.span.end;
          }
          assert.ok(at <= text.length);
          for (const p of parsed.problems) assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, `problem span inside ${JSON.stringify(text)}`);
          const r = evaluateSelection(parsed, { body: text, headers: { a: text }, context: { a: text } });
          assert.equal(typeof r.value, 'string');
        }
      }
    }
  });
});
