// Bounded, seeded fuzzing in `npm test`: every seed document, mutated a few times, goes through every operation without
// an exception, and the mutations applied as successive versions of one document give the models a one-document parse
// gives; every crash fixture found by `npm run fuzz` (test/fixtures/fuzz/crashes) is replayed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core/index';
import { incrementalFailures, mutate, REPO_ROOT, rng, runOperations, seedCorpus } from '../support/fuzz';

const SEED = 20261123;
const MUTATIONS_PER_DOCUMENT = 3;
const hintOf = (name: string) => (name.endsWith('.json') ? 'json' : name.endsWith('.template') ? undefined : 'yaml');

describe('fuzz (bounded, seeded)', () => {
  const corpus = seedCorpus();
  it('has a seed corpus', () => assert.ok(corpus.length >= 80, `only ${corpus.length} seed documents`));
  corpus.forEach((doc, i) => {
    it(doc.name, () => {
      const r = rng(SEED + i);
      const failures = runOperations(doc.text, hintOf(doc.name), r).map((f) => `unmutated: ${f.operation}: ${f.error}`);
      const original = buildTemplateModel(doc.text, hintOf(doc.name));
      const versions = [doc.text];
      for (let k = 0; k < MUTATIONS_PER_DOCUMENT; k++) {
        const m = mutate(r, doc.text);
        versions.push(m.text, doc.text);
        for (const f of runOperations(m.text, hintOf(doc.name), r, original)) failures.push(`mutation ${k} (${m.name}): ${f.operation}: ${f.error}`);
      }
      // The same edits, and their undo, as successive versions of one open document.
      for (const f of incrementalFailures(versions, hintOf(doc.name))) failures.push(`edits: ${f.operation}: ${f.error}`);
      assert.deepEqual(failures, []);
    });
  });
});

describe('fuzz crash fixtures (replayed)', () => {
  const dir = resolve(REPO_ROOT, 'test', 'fixtures', 'fuzz', 'crashes');
  for (const name of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
    it(name, () => {
      const text = readFileSync(resolve(dir, name), 'utf8');
      if (name.endsWith('.versions.json')) {
        // Successive versions of one document that the incremental model got wrong.
        const { hint, versions } = JSON.parse(text) as { hint: 'yaml' | 'json' | undefined; versions: string[] };
        assert.deepEqual(incrementalFailures(versions, hint), []);
      } else assert.deepEqual(runOperations(text, hintOf(name), rng(SEED)), []);
    });
  }
});
