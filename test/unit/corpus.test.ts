// Corpus regression: real-world templates (a copy under test/fixtures/corpus, plus ../shared/corpus when present) analyse
// without throwing and yield no error-severity finding except the true findings listed in expected-findings.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildTemplateModel, runChecks } from '../../server/src/core/index';
import { lineStarts, position } from '../support/annotations';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const COPY = resolve(REPO_ROOT, 'test', 'fixtures', 'corpus', 'realworld');
const SHARED = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'realworld');
const EXPECTED_FILE = resolve(REPO_ROOT, 'test', 'fixtures', 'corpus', 'expected-findings.json');

/** A finding the corpus really contains (a true problem of the source file), with the reason it is right. */
interface ExpectedFinding {
  readonly file: string;
  readonly id: string;
  readonly line: number;
  readonly severity: string;
  readonly reason: string;
}

const expected = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as ExpectedFinding[];

function templatesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

/** Findings of one file as `{id, line, severity}` (1-based line). */
function findingsOf(file: string): { id: string; line: number; severity: string; message: string }[] {
  const text = readFileSync(file, 'utf8');
  const model = buildTemplateModel(text, file.endsWith('.json') ? 'json' : 'yaml');
  const result = runChecks(model);
  assert.deepEqual(result.internalErrors, [], `no check throws on ${file}`);
  const starts = lineStarts(text);
  return result.problems.map((p) => ({ id: p.id, line: position(starts, p.span.start).line, severity: p.severity, message: p.message }));
}

function checkCorpus(dir: string): void {
  const files = templatesIn(dir);
  it('holds the corpus', () => assert.ok(files.length >= 80, `${files.length} templates under ${dir}`));
  for (const name of files) {
    it(name, () => {
      const findings = findingsOf(join(dir, name));
      const listed = expected.filter((e) => e.file === name);
      const unexplained = findings.filter((f) => f.severity === 'error' && !listed.some((e) => e.id === f.id && e.line === f.line));
      assert.deepEqual(unexplained, [], `error findings on a valid template: ${JSON.stringify(unexplained, null, 2)}`);
      // Every documented true finding is still found (so the list cannot rot).
      for (const e of listed) {
        assert.ok(
          findings.some((f) => f.id === e.id && f.line === e.line && f.severity === e.severity),
          `expected ${e.id} (${e.severity}) at line ${e.line}: ${e.reason}; got ${JSON.stringify(findings)}`,
        );
      }
    });
  }
}

describe('corpus: expected findings list', () => {
  it('gives a reason for every entry and names files that exist', () => {
    for (const e of expected) {
      assert.ok(e.reason.length > 20, `reason for ${e.file} ${e.id}`);
      assert.ok(existsSync(join(COPY, e.file)), `${e.file} is in the corpus copy`);
    }
  });
});

describe('corpus: copy in test/fixtures/corpus/realworld', () => checkCorpus(COPY));

describe('corpus: ../shared/corpus/realworld', () => {
  if (!existsSync(SHARED)) {
    it(`skipped: ${SHARED} does not exist in this checkout (the copy under test/fixtures/corpus is checked instead)`, { skip: true }, () => undefined);
    return;
  }
  it('the copy is up to date with the shared corpus', () => {
    const shared = templatesIn(SHARED);
    assert.deepEqual(templatesIn(COPY), shared);
    for (const f of shared) assert.equal(readFileSync(join(COPY, f), 'utf8'), readFileSync(join(SHARED, f), 'utf8'), f);
  });
  checkCorpus(SHARED);
});
