// Data-driven tests of the document outline (test/fixtures/symbols/*.yaml|json → .expected.json trees) and of workspace symbol search.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core';
import { documentSymbols, matchesQuery, workspaceSymbols, type OutlineSymbol } from '../../server/src/core/language/symbols';
import type { Span } from '../../server/src/core/span';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'symbols');
const CORPUS = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus', 'realworld');

interface RenderedSymbol {
  name: string;
  detail: string;
  kind: string;
  /** `L<line>: <text>` of the selection, bracketed. */
  selection: string;
  /** 1-based first and last line of the covered range. */
  lines: string;
  children?: RenderedSymbol[];
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

function renderSelection(text: string, s: Span): string {
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  const nl = text.indexOf('\n', s.end);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
  const a = s.start - lineStart;
  const b = s.end - lineStart;
  return `L${lineOf(text, s.start)}: ${(line.slice(0, a) + '[[' + line.slice(a, b) + ']]' + line.slice(b)).trim()}`;
}

function render(text: string, s: OutlineSymbol): RenderedSymbol {
  assert.ok(s.selectionSpan.start >= s.span.start && s.selectionSpan.end <= s.span.end, `${s.name}: selection outside range`);
  assert.ok(s.name.length > 0, 'symbol names are never empty');
  for (const c of s.children) assert.ok(c.span.start >= s.span.start && c.span.end <= s.span.end, `${c.name} outside its parent ${s.name}`);
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind,
    selection: renderSelection(text, s.selectionSpan),
    lines: `${lineOf(text, s.span.start)}-${lineOf(text, s.span.end)}`,
    ...(s.children.length ? { children: s.children.map((c) => render(text, c)) } : {}),
  };
}

describe('document symbols', () => {
  for (const file of readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))) {
    for (const eol of ['LF', 'CRLF']) {
      it(`outlines ${file} (${eol})`, () => {
        const raw = readFileSync(resolve(DIR, file), 'utf8').replace(/\r\n/g, '\n');
        const text = eol === 'CRLF' ? raw.replace(/\n/g, '\r\n') : raw;
        const got = documentSymbols(buildTemplateModel(text, file.endsWith('.json') ? 'json' : 'yaml')).map((s) => render(text, s));
        const expectedPath = resolve(DIR, file.replace(/\.(ya?ml|json)$/, '.expected.json'));
        if (process.env.UPDATE_FIXTURES && eol === 'LF') writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
        assert.ok(existsSync(expectedPath), `missing ${expectedPath}`);
        assert.deepEqual(got, JSON.parse(readFileSync(expectedPath, 'utf8')));
      });
    }
  }
});

describe('document symbols over the real-world corpus', () => {
  const files = readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f));
  for (const file of files) {
    it(`${file}: a well-formed outline that shows every resource`, () => {
      const text = readFileSync(resolve(CORPUS, file), 'utf8');
      const model = buildTemplateModel(text, file.endsWith('.json') ? 'json' : 'yaml');
      const shown = new Set<string>();
      const visit = (s: OutlineSymbol) => {
        if (s.kind !== 'group' && s.kind !== 'parameter' && s.kind !== 'condition' && s.kind !== 'output') shown.add(text.slice(s.selectionSpan.start, s.selectionSpan.end).replace(/^["']|["']$/g, ''));
        s.children.forEach(visit);
      };
      const symbols = documentSymbols(model);
      symbols.forEach((s) => render(text, s));
      symbols.forEach(visit);
      assert.deepEqual(model.resources.map((r) => r.logicalId).filter((id) => !shown.has(id)), []);
    });
  }
});

describe('workspace symbols', () => {
  const text = readFileSync(resolve(DIR, 'websocket.yaml'), 'utf8');
  const model = buildTemplateModel(text, 'yaml');
  const names = (q: string) => workspaceSymbols(model, q).map((s) => `${s.kind} ${s.name} (${s.container}) ${text.slice(s.span.start, s.span.end)}`);

  it('finds logical ids, parameters, conditions and route keys by fuzzy query', () => {
    assert.deepEqual(names('conn'), ['route ConnectRoute (AWS::ApiGatewayV2::Route) ConnectRoute', 'route $connect (ChatApi · ConnectRoute) ConnectRoute']);
    assert.deepEqual(names('ENV'), ['parameter Env (Parameters) Env']);
    assert.deepEqual(names('isprd'), ['condition IsProd (Conditions) IsProd']);
    assert.deepEqual(names('msg'), ['model Message (AWS::ApiGatewayV2::Model) Message']);
    assert.deepEqual(names('zz'), []);
    assert.equal(workspaceSymbols(model, '').length, model.resources.length + 2 + 2);
  });

  it('matches queries as ordered, case-insensitive subsequences', () => {
    assert.deepEqual(
      [['SendRoute', 'sr'], ['SendRoute', 'rs'], ['GET /pets', 'get pets'], ['x', ''], ['', 'x']].map(([n, q]) => matchesQuery(n ?? '', q ?? '')),
      [true, false, true, true, false],
    );
  });

  it('is empty for a file that is not a template', () => {
    assert.deepEqual(workspaceSymbols(buildTemplateModel('services:\n  web: {}\n', 'yaml'), ''), []);
  });
});
