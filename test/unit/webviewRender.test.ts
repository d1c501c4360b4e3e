// The Run Route webview bundle (dist/webview.js) run on a fake DOM: for each case of test/fixtures/webview/render.json, the host messages and user actions give the expected page outline and posted messages; icons are decorative and every click has a keyboard way.
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

/** Elements that take the keyboard focus without a tabindex. */
const NATIVELY_FOCUSABLE = ['BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'SUMMARY'];

function isVisible(el: FakeElement): boolean {
  for (let e: FakeElement | null = el; e; e = e.parentNode) if (e.hidden) return false;
  return true;
}

function isFocusable(el: FakeElement): boolean {
  return (NATIVELY_FOCUSABLE.includes(el.tagName) && !el.disabled) || el.getAttribute('tabindex') === '0';
}

function describeElement(el: FakeElement): string {
  return `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} ${JSON.stringify(el.textContent.slice(0, 40))}`;
}

/** The messages `act` makes the page post. */
function postsOf(page: ReturnType<typeof load>, act: () => void): string {
  const before = page.posted.length;
  act();
  return JSON.stringify(page.posted.slice(before));
}

/**
 * Visible elements whose click posts something the keyboard cannot do: unless the element is natively focusable,
 * Enter on it, or on its nearest focusable ancestor (tabindex 0), must post exactly what the click posts.
 */
function keyboardUnreachable(page: ReturnType<typeof load>, app: FakeElement): string[] {
  const out: string[] = [];
  for (const el of app.descendants().filter((e) => e.listens('click') && isVisible(e))) {
    if (NATIVELY_FOCUSABLE.includes(el.tagName)) continue;
    const byClick = postsOf(page, () => el.dispatch(makeEvent('click')));
    if (byClick === '[]') continue;
    let focusable: FakeElement | null = el;
    while (focusable && !isFocusable(focusable)) focusable = focusable.parentNode;
    const target = focusable;
    const byEnter = target ? postsOf(page, () => target.dispatch(makeEvent('keydown', { key: 'Enter' }))) : '[]';
    if (byEnter !== byClick) out.push(`${describeElement(el)}: click posts ${byClick}, Enter on ${target ? describeElement(target) : 'nothing focusable'} posts ${byEnter}`);
  }
  return out;
}

/** Icons that are not decorative (visible to assistive technology, or carrying text), and buttons without a text or aria-label. */
function accessibilityProblems(app: FakeElement): string[] {
  const all = app.descendants();
  const icons = all.filter((e) => e.className.split(/\s+/).includes('codicon'));
  return [
    ...icons.filter((e) => e.getAttribute('aria-hidden') !== 'true' || e.childNodes.length > 0).map((e) => `icon ${e.className} is not decorative`),
    ...all.filter((e) => e.tagName === 'BUTTON' && !e.textContent.trim() && !e.getAttribute('aria-label')).map((e) => `button ${describeElement(e)} has no accessible name`),
  ];
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
      assert.deepEqual(accessibilityProblems(app), []);
      // Last, as it may click: everything a click does can be done from the keyboard.
      assert.deepEqual(keyboardUnreachable(page, app), []);
    });
  }
});
