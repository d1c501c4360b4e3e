// Unit tests of the Run Route webview HTML/CSP builder: CSP meta, nonce'd script, codicon and panel stylesheets, no inline handlers, no data in the HTML.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildWebviewHtml, type WebviewHtmlOptions } from '../../client/src/webviewHtml';
import { ALL_ICONS } from '../../client/webview/icons';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
interface Cases {
  valid: { name: string; options: WebviewHtmlOptions; csp: string }[];
  invalid: { name: string; options: WebviewHtmlOptions }[];
}
const cases = JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/webview/html-cases.json'), 'utf8')) as Cases;

interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Attribute names in order, to catch duplicates. */
  names: string[];
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every start tag of the document with its attributes (values unescaped). Attribute values are always double-quoted here. */
function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    const names: string[] = [];
    const rest = (m[2] ?? '').replace(/\/$/, '');
    const consumed = rest.replace(/\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g, (_all, name: string, value: string | undefined) => {
      names.push(name.toLowerCase());
      attrs[name.toLowerCase()] = unescape(value ?? '');
      return '';
    });
    assert.equal(consumed.trim(), '', `unparsed attribute text in <${m[1]}>: ${consumed}`);
    out.push({ name: (m[1] ?? '').toLowerCase(), attrs, names });
  }
  return out;
}

describe('buildWebviewHtml', () => {
  for (const c of cases.valid) {
    it(`is locked down: ${c.name}`, () => {
      const html = buildWebviewHtml(c.options);
      const all = tags(html);
      const csp = all.filter((t) => t.name === 'meta' && t.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
      assert.deepEqual(csp.map((t) => t.attrs.content), [c.csp]);
      // The CSP must come before anything that loads.
      assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
      const scripts = all.filter((t) => t.name === 'script');
      assert.deepEqual(
        scripts.map((t) => t.attrs),
        [{ nonce: c.options.nonce, src: c.options.scriptUri }],
      );
      // The only script has no inline body.
      assert.deepEqual([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]), ['']);
      assert.deepEqual(
        all.filter((t) => t.name === 'link').map((t) => t.attrs),
        // The codicon font's stylesheet first, so the panel's own styles can size and colour the icons.
        [{ rel: 'stylesheet', href: c.options.codiconUri }, { rel: 'stylesheet', href: c.options.styleUri }],
      );
      for (const t of all) {
        assert.deepEqual(t.names.filter((n) => n.startsWith('on') || n === 'style'), [], `inline handler or style on <${t.name}>`);
        assert.equal(new Set(t.names).size, t.names.length, `duplicate attribute on <${t.name}>`);
      }
      assert.deepEqual(all.filter((t) => t.name === 'style' || t.name === 'img' || t.name === 'iframe').map((t) => t.name), []);
      assert.doesNotMatch(html, /javascript:/i);
    });
  }

  it('carries no data: with the nonce and uris blanked, every page is the same shell', () => {
    const shells = cases.valid.map((c) => {
      const o = c.options;
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return buildWebviewHtml(o)
        .split(esc(c.csp)).join('CSP')
        .split(esc(o.scriptUri)).join('SCRIPT')
        .split(esc(o.codiconUri)).join('CODICONS')
        .split(esc(o.styleUri)).join('STYLE')
        .split(o.nonce).join('NONCE');
    });
    assert.equal(new Set(shells).size, 1);
    assert.match(shells[0] ?? '', /<main id="app" aria-busy="true"><p class="placeholder">Loading the Run Route panel…<\/p><\/main>/);
  });

  for (const c of cases.invalid) {
    it(`refuses ${c.name}`, () => {
      assert.throws(() => buildWebviewHtml(c.options), /webviewHtml: invalid (nonce|cspSource)/);
    });
  }
});

describe('webview sources', () => {
  // Rendering must go through createElement/textContent: no API that parses a string as HTML or code, in the sources or the bundle.
  const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|srcdoc|document\.write|eval\s*\(|new\s+Function\b|setAttribute\(\s*['"]on)/;
  const files = readdirSync(resolve(REPO_ROOT, 'client/webview')).filter((f) => f.endsWith('.ts')).map((f) => `client/webview/${f}`);
  for (const file of [...files, 'client/src/webviewMessages.ts', 'dist/webview.js']) {
    it(`${file} uses no HTML or code parsing sink`, () => {
      const hits = readFileSync(resolve(REPO_ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line: i + 1, text: line.trim() }))
        .filter((l) => SINKS.test(l.text) && !l.text.startsWith('//'));
      assert.deepEqual(hits, []);
    });
  }
});

describe('codicon assets (dist/codicons, copied by esbuild.mjs)', () => {
  const dist = (f: string) => readFileSync(resolve(REPO_ROOT, 'dist/codicons', f));
  const css = dist('codicon.css').toString('utf8');

  it('are the @vscode/codicons files, unchanged', () => {
    for (const f of ['codicon.css', 'codicon.ttf']) {
      const copied = dist(f).toString('base64');
      const original = readFileSync(resolve(REPO_ROOT, 'node_modules/@vscode/codicons/dist', f)).toString('base64');
      assert.ok(copied === original, `dist/codicons/${f} differs from the package's`);
    }
  });

  it('the stylesheet loads nothing but the font beside it (the CSP allows only the extension origin)', () => {
    assert.doesNotMatch(css, /@import/);
    assert.deepEqual([...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => (m[1] ?? '').replace(/\?.*$/, '')), ['./codicon.ttf']);
  });

  it('defines every icon the panel uses', () => {
    assert.deepEqual(ALL_ICONS.filter((name) => !css.includes(`.codicon-${name}:before`)), []);
    assert.ok(css.includes('.codicon-modifier-spin'), 'the spin modifier of the busy icon is missing');
  });
});
