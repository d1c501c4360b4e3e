// Unit tests of the Run Route message guards: valid, invalid and hostile messages in both directions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isHostMessage, isWebviewMessage } from '../../client/src/webviewMessages';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

interface Case {
  name: string;
  /** The message; `{"$repeat": [s, n]}` anywhere inside stands for `s` repeated n times. */
  message?: unknown;
  /** The message as JSON text, for keys such as `__proto__` that only JSON.parse creates as own properties. */
  json?: string;
}
interface Direction {
  valid: Case[];
  invalid: Case[];
}
const fixture = JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/webview/messages.json'), 'utf8')) as { fromWebview: Direction; fromHost: Direction };

function expand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    const rep = rec.$repeat;
    if (Array.isArray(rep) && typeof rep[0] === 'string' && typeof rep[1] === 'number') return rep[0].repeat(rep[1]);
    return Object.fromEntries(Object.entries(rec).map(([k, x]) => [k, expand(x)]));
  }
  return v;
}
const messageOf = (c: Case): unknown => (c.json !== undefined ? JSON.parse(c.json) : expand(c.message));

function verdicts(d: Direction, guard: (v: unknown) => boolean): { accepted: string[]; rejected: string[] } {
  const all = [...d.valid, ...d.invalid];
  return { accepted: all.filter((c) => guard(messageOf(c))).map((c) => c.name), rejected: all.filter((c) => !guard(messageOf(c))).map((c) => c.name) };
}

describe('isWebviewMessage', () => {
  it('accepts exactly the valid webview messages', () => {
    const d = fixture.fromWebview;
    assert.deepEqual(verdicts(d, isWebviewMessage), { accepted: d.valid.map((c) => c.name), rejected: d.invalid.map((c) => c.name) });
  });
  it('accepts no valid host message', () => {
    assert.deepEqual(fixture.fromHost.valid.filter((c) => isWebviewMessage(messageOf(c))).map((c) => c.name), []);
  });
  it('rejects inherited keys and class instances', () => {
    class Ready {
      type = 'ready';
    }
    assert.deepEqual([Object.create({ type: 'ready' }), new Ready(), Object.assign(Object.create(null), { type: 'ready' })].map(isWebviewMessage), [false, false, true]);
  });
});

describe('isHostMessage', () => {
  it('accepts exactly the valid host messages', () => {
    const d = fixture.fromHost;
    assert.deepEqual(verdicts(d, isHostMessage), { accepted: d.valid.map((c) => c.name), rejected: d.invalid.map((c) => c.name) });
  });
  it('accepts no valid webview message', () => {
    assert.deepEqual(fixture.fromWebview.valid.filter((c) => isHostMessage(messageOf(c))).map((c) => c.name), []);
  });
});
