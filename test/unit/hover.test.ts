// Data-driven hover tests: `<|>` cursors in test/fixtures/hover/*.{yaml,json}, expectations in *.expected.json, run with LF and CRLF.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core';
import { hover } from '../../server/src/core/language/hover';
import { loadFixtures, renderAt, stripMarkers, variants } from '../support/cursorFixtures';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'hover');

interface HoverCase {
  cursor: string;
  /** The hovered range, rendered like `cursor` with the range in [[…]]. */
  range?: string;
  /** Substrings the markdown must contain. */
  contains?: string[];
  /** Substrings it must not contain. */
  excludes?: string[];
  /** No hover at all. */
  none?: boolean;
}

for (const fx of loadFixtures(DIR)) {
  for (const v of variants(fx.raw)) {
    describe(`hover ${fx.name} (${v.eol})`, () => {
      const { text, cursors } = stripMarkers(v.raw);
      const model = buildTemplateModel(text, fx.format);
      it('has one expectation per cursor', () => assert.equal(fx.expected.length, cursors.length));
      cursors.forEach((offset, i) => {
        const c = fx.expected[i] as HoverCase | undefined;
        if (!c) return;
        it(`${c.cursor}`, () => {
          assert.equal(renderAt(text, offset), c.cursor, 'cursor marker position');
          const h = hover({ model, data: { scenarios: fx.scenarios } }, offset);
          if (c.none) {
            assert.equal(h, undefined);
            return;
          }
          assert.ok(h, 'expected a hover');
          if (c.range) assert.equal(renderAt(text, h.span.start, h.span.end), c.range);
          for (const s of c.contains ?? []) assert.ok(h.contents.includes(s), `expected "${s}" in:\n${h.contents}`);
          for (const s of c.excludes ?? []) assert.ok(!h.contents.includes(s), `did not expect "${s}" in:\n${h.contents}`);
        });
      });
    });
  }
}
