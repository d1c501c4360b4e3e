// The Run Route webview bundle (dist/webview.js) run on a fake DOM: for each case of test/fixtures/webview/render.json, the host messages and user actions give the expected page outline and posted messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vm from 'node:vm';
import { isWebviewMessage } from '../../client/src/webviewMessages';
import { ELEMENT_CLASSES, FakeDocument, makeEvent, outline, type FakeElement, type FakeEvent } from '../support/fakeDom';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const BUNDLE = readFileSync(resolve(REPO_ROOT, 'dist/webview.js'), 'utf8');

/** One step: a host message, or a user action on the element with that `data-testid` (`name:n` = the n-th, from 0). */
type Action =
  | { host: unknown }
  | { click: string }
  | { press: string; key: string; ctrl?: boolean }
  | { type: string; value: string }
  | { choose: string; value: string };

interface Case {
  name: string;
  do: Action[];
  /** Messages the webview posted, in order (after a JSON round trip, as postMessage delivers them). */
  posted: unknown[];
  /** Outline of the visible page (see fakeDom.outline). */
  outline: string[];
}

const { cases } = JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/webview/render.json'), 'utf8')) as { cases: Case[] };

/** Loads the bundle into a fresh context with a fake document and VS Code API. */
function load(): { document: FakeDocument; posted: unknown[]; deliver(message: unknown): void } {
  const document = new FakeDocument();
  const app = document.createElement('main');
  app.setAttribute('id', 'app');
  app.setAttribute('aria-busy', 'true');
  document.body.appendChild(app);
  const posted: unknown[] = [];
  const messageListeners: ((e: FakeEvent) => void)[] = [];
  let state: unknown;
  const context = vm.createContext({
    document,
    window: { addEventListener: (type: string, l: (e: FakeEvent) => void) => type === 'message' && messageListeners.push(l) },
    acquireVsCodeApi: () => ({
      postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s: unknown) => {
        state = s;
      },
    }),
    ...ELEMENT_CLASSES,
  });
  vm.runInContext(BUNDLE, context, { filename: 'webview.js' });
  // Messages are parsed inside the webview's own realm, as structured clone does.
  const parse = vm.runInContext('(text) => JSON.parse(text)', context) as (text: string) => unknown;
  return { document, posted, deliver: (m) => messageListeners.forEach((l) => l(makeEvent('message', { data: parse(JSON.stringify(m)) }))) };
}

function find(document: FakeDocument, ref: string): FakeElement {
  const [testid, nth] = ref.split(':');
  const all = document.body.descendants().filter((e) => e.getAttribute('data-testid') === testid);
  const el = all[Number(nth ?? 0)];
  assert.ok(el, `no element with data-testid ${ref}`);
  return el;
}

function perform(page: ReturnType<typeof load>, a: Action): void {
  if ('host' in a) page.deliver(a.host);
  else if ('click' in a) find(page.document, a.click).dispatch(makeEvent('click'));
  else if ('press' in a) find(page.document, a.press).dispatch(makeEvent('keydown', { key: a.key, ctrlKey: a.ctrl ?? false }));
  else if ('type' in a) {
    const el = find(page.document, a.type);
    el.value = a.value;
    el.dispatch(makeEvent('input'));
  } else {
    const el = find(page.document, a.choose);
    el.value = a.value;
    el.dispatch(makeEvent('change'));
  }
}

describe('Run Route webview on a fake DOM', () => {
  for (const c of cases) {
    it(c.name, () => {
      const page = load();
      for (const a of c.do) perform(page, a);
      const app = page.document.getElementById('app') as FakeElement;
      assert.deepEqual({ posted: page.posted, outline: outline(app) }, { posted: c.posted, outline: c.outline });
      for (const m of page.posted) assert.equal(isWebviewMessage(m), true, `posted an invalid message ${JSON.stringify(m)}`);
      // Data is never parsed as markup: no element the page did not build itself.
      assert.deepEqual(app.descendants().filter((e) => ['IMG', 'SCRIPT', 'IFRAME', 'STYLE', 'B'].includes(e.tagName)).map((e) => e.tagName), []);
    });
  }
});
