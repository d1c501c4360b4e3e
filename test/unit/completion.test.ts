// Data-driven completion tests: `<|>` cursors in test/fixtures/completion/*.{yaml,json}, expectations in *.expected.json, run with LF and CRLF.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core';
import { complete } from '../../server/src/core/language/completion';
import type { Proposal } from '../../server/src/core/language/proposal';
import { loadFixtures, modelWithoutCursorLines, renderAt, stripMarkers, variants } from '../support/cursorFixtures';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'completion');

interface CompletionCase {
  /** The cursor's line, `‸` at the cursor (checks the marker landed where the author meant). */
  cursor: string;
  /** Labels that must be offered. */
  includes?: string[];
  /** Labels that must not be offered. */
  excludes?: string[];
  /** The label sorted first. */
  first?: string;
  /** No proposal at all. */
  none?: boolean;
  /** Accept `label`; the edited lines (joined with ⏎, trimmed at the start) must read `result`. */
  apply?: { label: string; result: string };
  /** Use a last good model: the text without every line holding a cursor (the half-typed lines). */
  lastGood?: boolean;
}

/** Text a snippet inserts once its tab stops take their placeholders. */
function snippetText(p: Proposal): string {
  if (!p.snippet) return p.insertText;
  return p.insertText.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}|\$\d+|\\([\\$}])/g, (_m, ph: string | undefined, esc: string | undefined) => (esc ?? (ph !== undefined ? ph.replace(/\\([\\$}])/g, '$1') : '')));
}

function applied(text: string, p: Proposal): string {
  const insert = snippetText(p);
  const out = text.slice(0, p.span.start) + insert + text.slice(p.span.end);
  const from = out.lastIndexOf('\n', p.span.start - 1) + 1;
  const nl = out.indexOf('\n', p.span.start + insert.length);
  return out.slice(from, nl < 0 ? out.length : nl).split('\n').map((l) => l.replace(/\r$/, '').trimStart()).join('⏎');
}

for (const fx of loadFixtures(DIR)) {
  for (const v of variants(fx.raw)) {
    describe(`completion ${fx.name} (${v.eol})`, () => {
      const { text, cursors } = stripMarkers(v.raw);
      const model = buildTemplateModel(text, fx.format);
      const lastGood = modelWithoutCursorLines(text, cursors, fx.format);
      it('has one expectation per cursor', () => assert.equal(fx.expected.length, cursors.length));
      cursors.forEach((offset, i) => {
        const c = fx.expected[i] as CompletionCase | undefined;
        if (!c) return;
        it(`${c.cursor}`, () => {
          assert.equal(renderAt(text, offset), c.cursor, 'cursor marker position');
          const proposals = complete({ model, ...(c.lastGood ? { fallback: lastGood } : {}), data: { scenarios: fx.scenarios } }, offset);
          const labels = proposals.map((p) => p.label);
          if (c.none) assert.deepEqual(labels, []);
          for (const l of c.includes ?? []) assert.ok(labels.includes(l), `expected "${l}" in [${labels.join(', ')}]`);
          for (const l of c.excludes ?? []) assert.ok(!labels.includes(l), `did not expect "${l}"`);
          if (c.first) assert.equal([...proposals].sort((a, b) => a.sortText.localeCompare(b.sortText))[0]?.label, c.first);
          for (const p of proposals) assert.ok(p.span.start <= offset && offset <= p.span.end, `"${p.label}" replaces ${p.span.start}-${p.span.end}, which does not contain the cursor ${offset}`);
          if (c.apply) {
            const p = proposals.find((x) => x.label === c.apply?.label);
            assert.ok(p, `no proposal "${c.apply.label}"`);
            assert.equal(applied(text, p), c.apply.result);
          }
        });
      });
    });
  }
}
