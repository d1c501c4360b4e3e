// Data-driven tests of the diagnostics catalogue: every fixture under test/fixtures/checks yields exactly the findings its
// inline annotations (or JSON sidecar) list, in LF and CRLF form, and its quick fixes produce the `.fixed` text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { allRules, buildTemplateModel, runChecks } from '../../server/src/core/index';
import type { Problem, TextEdit } from '../../server/src/core/problem';
import { applyEdits, checkFixtureFiles, compareLocated, complete, locate, parseSidecar, parseYamlAnnotations, toCrlf, type FixtureExpectations, type Located } from '../support/annotations';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'checks');

const rules = new Map(allRules().map((r) => [r.id, r]));
const defaultSeverity = (id: string) => rules.get(id)?.severity;

function sidecar(file: string, kind: 'expected' | 'fixed'): string {
  const m = /^(.*)\.(ya?ml|json)$/.exec(file);
  if (!m) throw new Error(file);
  return kind === 'expected' ? `${m[1]}.expected.json` : `${m[1]}.fixed.${m[2]}`;
}

function expectationsOf(file: string, text: string): FixtureExpectations {
  if (file.endsWith('.json')) return parseSidecar(readFileSync(sidecar(file, 'expected'), 'utf8'));
  return parseYamlAnnotations(text);
}

/** The edits of each problem's preferred fix (or its only/first fix). */
function preferredEdits(problems: readonly Problem[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const p of problems) {
    const fix = p.fixes?.find((f) => f.preferred) ?? p.fixes?.[0];
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}

const fixtures = checkFixtureFiles(FIXTURES);
/** Ids that appear in at least one fixture's expectations (to prove every rule is exercised). */
const exercised = new Set<string>();

describe('checks: fixtures', () => {
  it('finds fixtures', () => assert.ok(fixtures.length > 10, `only ${fixtures.length} fixtures under ${FIXTURES}`));
  for (const file of fixtures) {
    const name = relative(FIXTURES, file);
    const original = readFileSync(file, 'utf8');
    const json = file.endsWith('.json');
    const expectations = expectationsOf(file, original);
    for (const e of expectations.problems) exercised.add(e.id);
    const variants: [string, string][] = json || original.includes('\r\n') ? [['as written', original]] : [['LF', original], ['CRLF', toCrlf(original)]];
    for (const [variant, text] of variants) {
      it(`${name} (${variant})`, () => {
        const model = buildTemplateModel(text, json ? 'json' : 'yaml');
        const result = runChecks(model, expectations.settings ?? {});
        assert.deepEqual(result.internalErrors, [], 'no check throws');
        for (const e of expectations.problems) assert.ok(rules.has(e.id), `expected id ${e.id} is a registered rule`);
        for (const p of result.problems) {
          assert.ok(rules.has(p.id), `emitted id ${p.id} is a registered rule`);
          assert.match(p.message, /[.?]$/, `message of ${p.id} is a sentence: ${p.message}`);
          if (p.inferred) assert.notEqual(p.severity, 'error', `${p.id} is inferred and must not be an error`);
        }
        const actual = result.problems.map((p) => locate(text, p)).sort(compareLocated);
        const expected = expectations.problems.map((e) => complete(e, defaultSeverity)).sort(compareLocated);
        assert.deepEqual(actual, expected, describeDiff(text, actual, expected));

        const fixedFile = sidecar(file, 'fixed');
        const edits = preferredEdits(result.problems);
        if (existsSync(fixedFile)) {
          const expectedFixed = readFileSync(fixedFile, 'utf8');
          const fixed = applyEdits(text, edits);
          assert.equal(fixed, variant === 'CRLF' ? toCrlf(expectedFixed) : expectedFixed, 'text after applying every preferred quick fix');
          // The fixed text no longer has the findings that were fixed.
          const fixedIds = new Set(result.problems.filter((p) => p.fixes?.length).map((p) => p.id));
          const after = runChecks(buildTemplateModel(fixed, json ? 'json' : 'yaml'), expectations.settings ?? {});
          assert.deepEqual(after.internalErrors, []);
          const remaining = after.problems.filter((p) => fixedIds.has(p.id) && p.fixes?.length).map((p) => locate(fixed, p));
          assert.deepEqual(remaining, [], 'fixable findings are gone after the fixes');
        } else {
          assert.deepEqual(edits, [], `${name} offers quick fixes: add ${relative(FIXTURES, fixedFile)} with the expected result`);
        }
      });
    }
  }
  it('every rule has at least one fixture that expects it', () => {
    const missing = [...rules.keys()].filter((id) => !exercised.has(id)).sort();
    assert.deepEqual(missing, []);
  });
});

function describeDiff(text: string, actual: readonly Located[], expected: readonly Located[]): string {
  const lines = text.split('\n');
  const key = (l: Located) => JSON.stringify(l);
  const exp = new Set(expected.map(key));
  const act = new Set(actual.map(key));
  const show = (l: Located) => `  ${l.id} ${l.severity} ${l.line}:${l.startCol}-${l.endLine}:${l.endCol}  ${JSON.stringify((lines[l.line - 1] ?? '').replace(/\r$/, '').slice(l.startCol, l.endLine === l.line ? l.endCol : undefined))}`;
  const extra = actual.filter((l) => !exp.has(key(l))).map(show);
  const missing = expected.filter((l) => !act.has(key(l))).map(show);
  return `unexpected:\n${extra.join('\n') || '  (none)'}\nmissing:\n${missing.join('\n') || '  (none)'}`;
}

describe('checks: annotation reader', () => {
  it('reads carets, explicit positions, severities and settings', () => {
    const text = [
      '# apigw-lens-test-settings: {"rules": {"apigw/x": "off"}}',
      'Key: value',
      '#    ^^^^^ apigw/a',
      '#  ^ apigw/b warning',
      'Other: 1',
      '#@ apigw/c 2:0-5:3 info',
      '#@ apigw/d 5:1-4',
    ].join('\r\n');
    assert.deepEqual(parseYamlAnnotations(text), {
      settings: { rules: { 'apigw/x': 'off' } },
      problems: [
        { id: 'apigw/a', line: 2, startCol: 5, endCol: 10 },
        { id: 'apigw/b', line: 2, startCol: 3, endCol: 4, severity: 'warning' },
        { id: 'apigw/c', line: 2, startCol: 0, endLine: 5, endCol: 3, severity: 'info' },
        { id: 'apigw/d', line: 5, startCol: 1, endCol: 4 },
      ],
    });
  });
  it('locates spans by line and UTF-16 column across CRLF and astral characters', () => {
    const text = 'a: 😀x\r\nb: y\n';
    assert.deepEqual(locate(text, { id: 'i', severity: 'error', span: { start: 5, end: 6 } }), { id: 'i', severity: 'error', line: 1, startCol: 5, endLine: 1, endCol: 6 });
    assert.deepEqual(locate(text, { id: 'i', severity: 'error', span: { start: 11, end: 12 } }), { id: 'i', severity: 'error', line: 2, startCol: 3, endLine: 2, endCol: 4 });
  });
  it('refuses overlapping fix edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ span: { start: 1, end: 3 }, newText: 'x' }, { span: { start: 2, end: 4 }, newText: 'y' }]), /overlapping/);
    assert.equal(applyEdits('abcdef', [{ span: { start: 4, end: 4 }, newText: '!' }, { span: { start: 0, end: 1 }, newText: 'A' }]), 'Abcd!ef');
  });
});
