// `npm run fuzz`: open-ended fuzzing of the core. Mutates the seed corpus, runs every operation, reports failures and
// slow documents, and saves each new crash as a fixture in test/fixtures/fuzz/crashes (replayed by `npm test`) and each
// slow document in test/fixtures/fuzz/slow (for profiling; not replayed).
// Flags: --seed <n> (default: time-based, printed), --iterations <n> (default 2000), --seconds <n> (stop after).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core/index';
import { incrementalFailures, mutate, REPO_ROOT, rng, runOperations, seedCorpus } from '../support/fuzz';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/** A document that takes longer than this in one pass is reported as a hang candidate (not a speed target). */
const SLOW_MS = 5000;

/** Saves a found document under test/fixtures/fuzz/<kind>/ (crashes are replayed by npm test; slow ones are for profiling). */
function saveCase(kind: 'crashes' | 'slow', text: string, hint: string): string {
  // `hint` is the file extension: yaml, json, or versions.json (successive versions of one document, as JSON).
  const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const dir = resolve(REPO_ROOT, 'test', 'fixtures', 'fuzz', kind);
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${id}.${hint}`);
  if (!existsSync(file)) writeFileSync(file, text);
  return file.slice(REPO_ROOT.length + 1);
}

function main(): void {
  const seed = flag('seed', Date.now() % 1_000_000_007);
  const iterations = flag('iterations', 2000);
  const deadline = Date.now() + flag('seconds', Infinity) * 1000;
  const corpus = seedCorpus();
  const r = rng(seed);
  console.log(`fuzz: seed ${seed}, ${corpus.length} seed documents, up to ${iterations} iterations`);
  let crashes = 0;
  let slow = 0;
  let done = 0;
  for (; done < iterations && Date.now() < deadline; done++) {
    const doc = corpus[Math.floor(r() * corpus.length)]!;
    const m = mutate(r, doc.text);
    const hint = doc.name.endsWith('.json') ? 'json' : 'yaml';
    const t0 = performance.now();
    const failures = runOperations(m.text, hint, r, buildTemplateModel(doc.text, hint));
    // The mutation as an edit of an open document, a second one on top, and back to the original.
    const versions = [doc.text, m.text, mutate(r, m.text).text, doc.text];
    const incremental = incrementalFailures(versions, hint);
    if (incremental.length) {
      crashes++;
      const file = saveCase('crashes', JSON.stringify({ hint, versions }, null, 1), 'versions.json');
      console.log(`INCREMENTAL ${file} from ${doc.name} (${m.name})`);
      for (const f of incremental) console.log(`  ${f.operation}: ${f.error.split('\n').join('\n    ')}`);
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) {
      slow++;
      const file = saveCase('slow', m.text, hint);
      console.log(`SLOW ${ms.toFixed(0)} ms: ${file} from ${doc.name} (${m.name})`);
    }
    if (failures.length) {
      crashes++;
      const file = saveCase('crashes', m.text, hint);
      console.log(`CRASH ${file} from ${doc.name} (${m.name})`);
      for (const f of failures) console.log(`  ${f.operation}: ${f.error.split('\n').join('\n    ')}`);
    }
    if (done % 200 === 199) console.log(`fuzz: ${done + 1} documents, ${crashes} crashes, ${slow} slow`);
  }
  console.log(`fuzz: ${done} documents, ${crashes} crashes, ${slow} slow (seed ${seed})`);
  process.exitCode = crashes > 0 || slow > 0 ? 1 : 0;
}

main();
