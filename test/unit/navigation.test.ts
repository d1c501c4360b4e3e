// Data-driven tests of go-to-definition, find-references and highlights: `<|>` cursor markers in test/fixtures/navigation, results in .expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel } from '../../server/src/core';
import { documentHighlights, findDefinition, findReferences, occurrences } from '../../server/src/core/language/navigation';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/language/symbols';
import { collectRefs } from '../../server/src/core/model/cfnValue';
import type { Span } from '../../server/src/core/span';
import { renderAt, stripMarkers, variants } from '../support/cursorFixtures';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const DIR = resolve(REPO_ROOT, 'test', 'fixtures', 'navigation');
/** The project's copy of the real-world templates. */
const CORPUS = resolve(REPO_ROOT, 'test', 'fixtures', 'corpus', 'realworld');

/** `L<n>: <line>` with the span bracketed as `[[…]]` (or the cursor as `‸`). */
const render = (text: string, s: Span | number): string => (typeof s === 'number' ? renderAt(text, s) : renderAt(text, s.start, s.end));

interface CursorResult {
  cursor: string;
  origin: string | null;
  definition: string | null;
  references: string[];
}

function resultsFor(text: string, cursors: number[], hint: 'yaml' | 'json'): CursorResult[] {
  const model = buildTemplateModel(text, hint);
  return cursors.map((c) => {
    const def = findDefinition(model, c);
    const withDecl = findReferences(model, c, true);
    const withoutDecl = findReferences(model, c, false);
    assert.deepEqual(withoutDecl, withDecl.filter((o) => o.via !== 'declaration'), `references without declaration at ${render(text, c)}`);
    assert.deepEqual(documentHighlights(model, c).map((h) => h.span), withDecl.map((o) => o.span), `highlights at ${render(text, c)}`);
    return {
      cursor: render(text, c),
      origin: def ? render(text, def.origin.span) : null,
      definition: def ? render(text, def.target.keySpan) : null,
      references: withDecl.map((o) => `${render(text, o.span)}  (${o.via})`),
    };
  });
}

describe('navigation fixtures', () => {
  for (const file of readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))) {
    const raw = readFileSync(resolve(DIR, file), 'utf8');
    const hint = file.endsWith('.json') ? 'json' : 'yaml';
    const expectedPath = resolve(DIR, file.replace(/\.(ya?ml|json)$/, '.expected.json'));
    for (const { eol, raw: variant } of variants(raw)) {
      it(`${file} (${eol}): definition and references at every marker`, () => {
        const { text, cursors } = stripMarkers(variant);
        const got = resultsFor(text, cursors, hint);
        if (process.env.UPDATE_FIXTURES && eol === 'LF') writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
        assert.ok(existsSync(expectedPath), `missing ${expectedPath}`);
        assert.deepEqual(got, JSON.parse(readFileSync(expectedPath, 'utf8')));
      });
    }
  }

  it('offers nothing in a file that is not a template or has no root', () => {
    for (const text of ['', 'services:\n  web: {image: !Ref X}\n', '[1, 2']) {
      const model = buildTemplateModel(text, text.startsWith('[') ? 'json' : 'yaml');
      assert.deepEqual([findDefinition(model, text.indexOf('X')), findReferences(model, text.indexOf('X'), true)], [undefined, []]);
    }
  });
});

describe('navigation over the real-world corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)) : [];
  it('has the corpus', () => assert.ok(files.length > 50, `expected the corpus at ${CORPUS}`));
  for (const file of files) {
    it(`${file}: every Ref/GetAtt/Sub of a declared id is found and leads back to its declaration`, () => {
      const text = readFileSync(resolve(CORPUS, file), 'utf8');
      const model = buildTemplateModel(text, file.endsWith('.json') ? 'json' : 'yaml');
      const all = occurrences(model);
      const declared = new Set(all.filter((o) => o.via === 'declaration' && o.namespace === 'logicalId').map((o) => o.name));
      const problems: string[] = [];
      for (const r of model.resources) {
        for (const ref of collectRefs(r.body, text)) {
          if (!declared.has(ref.logicalId) || text.slice(ref.span.start, ref.span.end) !== ref.logicalId) continue;
          const def = findDefinition(model, ref.span.start);
          if (def?.target.name !== ref.logicalId) problems.push(`${render(text, ref.span)}: definition ${def?.target.name ?? 'none'}`);
          const back = findReferences(model, def?.target.keySpan.start ?? -1, false).some((o) => o.span.start === ref.span.start);
          if (!back) problems.push(`${render(text, ref.span)}: missing from the references of its declaration`);
        }
      }
      for (const o of all) if (text.slice(o.span.start, o.span.end) !== o.name) problems.push(`${render(text, o.span)}: span is not the name ${o.name}`);
      assert.deepEqual(problems, []);
    });
  }
});

describe('navigation and symbols on half-typed templates', () => {
  const sources = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'));
  for (const file of sources) {
    it(`${file}: every prefix of the template answers without throwing`, () => {
      const { text } = stripMarkers(readFileSync(resolve(DIR, file), 'utf8'));
      const hint = file.endsWith('.json') ? 'json' : 'yaml';
      for (let cut = 0; cut <= text.length; cut += 7) {
        const prefix = text.slice(0, cut);
        const model = buildTemplateModel(prefix, hint);
        documentSymbols(model);
        workspaceSymbols(model, 'a');
        for (let at = 0; at <= prefix.length; at += 13) {
          findDefinition(model, at);
          findReferences(model, at, true);
        }
      }
    });
  }
});
