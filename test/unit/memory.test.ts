// Memory hygiene: the per-resource problem cache forgets a closed document, and the server's garbage collection policy
// (server/src/memory.ts) collects only when idle or right before a large parse.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { forgetResources, IncrementalModelBuilder, runChecks } from '../../server/src/core/index';
import { cachedEntries } from '../../server/src/core/checks/resourceMemo';
import { collectGarbageWhenIdle, collectPendingGarbage, noteWork } from '../../server/src/memory';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'incremental');

describe('per-resource problem cache', () => {
  for (const name of ['websocket.yaml', 'websocket.json']) {
    it(`${name}: a closed document's entries are dropped, another document's are kept`, () => {
      const text = readFileSync(resolve(FIXTURES, name), 'utf8');
      const format = name.endsWith('.json') ? 'json' : 'yaml';
      const closed = new IncrementalModelBuilder().build(text, format);
      const open = new IncrementalModelBuilder().build(text, format);
      runChecks(closed);
      runChecks(open);
      assert.ok(cachedEntries(closed) >= closed.resources.length, 'every resource has cached findings after a check run');
      const kept = cachedEntries(open);
      forgetResources(closed);
      assert.equal(cachedEntries(closed), 0);
      assert.equal(cachedEntries(open), kept);
    });
  }
});

describe('garbage collection policy', () => {
  let collections = 0;
  const globals = globalThis as { gc?: () => void };
  let saved: (() => void) | undefined;
  beforeEach(() => {
    collections = 0;
    saved = globals.gc;
    globals.gc = () => collections++;
    // Node 20 mocks Date with the options form; @types/node 20 only declares the older array form.
    (mock.timers.enable as unknown as (options: { apis: string[]; now: number }) => void)({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  });
  afterEach(() => {
    collectPendingGarbage();
    mock.timers.reset();
    globals.gc = saved;
  });

  it('collects once after 750 ms without work, however often it was asked', () => {
    collectGarbageWhenIdle();
    collectGarbageWhenIdle();
    mock.timers.tick(749);
    assert.equal(collections, 0);
    mock.timers.tick(1);
    assert.equal(collections, 1);
    mock.timers.tick(5000);
    assert.equal(collections, 1);
  });

  it('work postpones the collection until the server is idle again', () => {
    collectGarbageWhenIdle();
    mock.timers.tick(500);
    noteWork();
    mock.timers.tick(500);
    assert.equal(collections, 0, 'only 500 ms since the last work');
    mock.timers.tick(250);
    assert.equal(collections, 1);
  });

  it('a large parse runs the pending collection at once, and only a pending one', () => {
    collectPendingGarbage();
    assert.equal(collections, 0, 'nothing pending');
    collectGarbageWhenIdle();
    collectPendingGarbage();
    assert.equal(collections, 1);
    mock.timers.tick(5000);
    assert.equal(collections, 1, 'the idle timer does not collect again');
  });

  it('without --expose-gc nothing is scheduled', () => {
    globals.gc = undefined;
    collectGarbageWhenIdle();
    mock.timers.tick(5000);
    collectPendingGarbage();
    assert.equal(collections, 0);
  });
});
