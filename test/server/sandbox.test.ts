// The VTL sandbox against hostile templates, through the real worker bundle (dist/vtlWorker.js): every escape attempt or
// runaway template ends with harmless output or a clear error, and the sandbox answers the next job afterwards.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { Sandbox, isSandboxFailure } from '../../server/src/sandbox/sandbox';
import { runRouteSandboxed } from '../../server/src/sandbox/runRoute';
import { buildTemplateModel } from '../../server/src/core';
import { pickApi, prepareApi } from '../../server/src/core/pipeline/snapshot';

const ROOT = resolve(__dirname, '..', '..', '..');
const WORKER = resolve(ROOT, 'dist', 'vtlWorker.js');

interface JobCase {
  name: string;
  template?: string;
  generate?: { repeat: [string, number]; middle?: string; close?: [string, number] };
  body?: string;
  bodyRepeat?: [string, number];
  /** A JSON list of `count` copies of `element`. */
  bodyList?: [string, number];
  timeoutMs?: number;
  /** Runs the case in its own sandbox with this worker heap cap (MB) instead of the shared one. */
  memoryMb?: number;
  output?: string;
  note?: string;
  error?: { code: string; message: string };
}

function templateOf(c: JobCase): string {
  if (c.template !== undefined) return c.template;
  if (!c.generate) throw new Error(`${c.name}: needs template or generate`);
  const { repeat, middle = '', close } = c.generate;
  return repeat[0].repeat(repeat[1]) + middle + (close ? close[0].repeat(close[1]) : '');
}

function bodyOf(c: JobCase): string {
  if (c.bodyRepeat) return c.bodyRepeat[0].repeat(c.bodyRepeat[1]);
  if (c.bodyList) return `[${Array.from({ length: c.bodyList[1] }, () => c.bodyList![0]).join(',')}]`;
  return c.body ?? '{}';
}

const cases = parse(readFileSync(resolve(ROOT, 'test', 'fixtures', 'sandbox', 'jobs.yaml'), 'utf8')) as JobCase[];

describe('sandbox: hostile templates in the worker', () => {
  // Generous default: only the cases with their own timeoutMs are meant to hit the limit, even on a loaded machine.
  const shared = new Sandbox({ workerPath: WORKER, timeoutMs: 5000 });
  const sandbox = shared;
  after(() => shared.dispose());

  for (const c of cases) {
    it(c.name, async (t) => {
      const own = c.memoryMb !== undefined ? new Sandbox({ workerPath: WORKER, timeoutMs: 20000, maxOldGenerationSizeMb: c.memoryMb, maxYoungGenerationSizeMb: 4 }) : undefined;
      if (own) t.after(() => own.dispose());
      const sandbox = own ?? shared;
      const result = await sandbox.run('render', { template: templateOf(c), input: { body: bodyOf(c), context: {}, stageVariables: {} } }, c.timeoutMs);
      const error = isSandboxFailure(result) ? result.error : result.error;
      if (c.error) {
        assert.ok(error, `expected error ${c.error.code}, got output ${JSON.stringify(isSandboxFailure(result) ? undefined : result.output)}`);
        assert.equal(error.code, c.error.code);
        assert.ok(error.message.includes(c.error.message), `message '${error.message}' lacks '${c.error.message}'`);
      } else {
        assert.equal(error, undefined, `unexpected error ${JSON.stringify(error)}`);
        assert.ok(!isSandboxFailure(result));
        assert.equal(result.output, c.output);
      }
      if (c.note) {
        assert.ok(!isSandboxFailure(result));
        assert.ok(result.notes.some((n) => n.includes(c.note!)), `notes ${JSON.stringify(result.notes)} lack '${c.note}'`);
      }
      // Whatever happened, the sandbox must still answer.
      const next = await sandbox.run('render', { template: '$input.path("$.ok")', input: { body: '{"ok":"yes"}', context: {}, stageVariables: {} } });
      assert.ok(!isSandboxFailure(next), `sandbox did not recover: ${JSON.stringify(next)}`);
      assert.equal(next.output, 'yes');
    });
  }

  it('a Run Route stopped by the memory cap ends with error LimitExceeded', async (t) => {
    const small = new Sandbox({ workerPath: WORKER, timeoutMs: 20000, maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 });
    t.after(() => small.dispose());
    const model = buildTemplateModel(readFileSync(resolve(ROOT, 'examples', 'websocket-mock.yaml'), 'utf8'));
    const api = pickApi(model, undefined, undefined);
    assert.ok('logicalId' in api);
    const items = Array.from({ length: 300000 }, () => '{"id": 123456, "name": "an item with a name"}').join(',');
    const trace = await runRouteSandboxed(small, prepareApi(model, api), { message: `{"action":"message","messageId":1,"items":[${items}]}` }, {}, 20000);
    assert.equal(trace.error?.code, 'LimitExceeded');
    assert.match(trace.error?.message ?? '', /memory limit/);
  });

  it('a worker that timed out is replaced, not reused', async () => {
    await sandbox.run('render', { template: 'warm', input: { body: '', context: {}, stageVariables: {} } });
    const before = sandbox.workersStarted;
    const r = await sandbox.run('render', { template: '#set($s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")$s.matches("(a+)+b")', input: { body: '', context: {}, stageVariables: {} } }, 200);
    assert.ok(isSandboxFailure(r) && r.error.code === 'Timeout');
    const ok = await sandbox.run('render', { template: 'fine', input: { body: '', context: {}, stageVariables: {} } });
    assert.ok(!isSandboxFailure(ok) && ok.output === 'fine');
    assert.equal(sandbox.workersStarted, before + 1);
  });

  it('Run Route sends the Api snapshot once per worker and again to a replacement worker', async (t) => {
    const own = new Sandbox({ workerPath: WORKER, timeoutMs: 5000 });
    t.after(() => own.dispose());
    const model = buildTemplateModel(readFileSync(resolve(ROOT, 'examples', 'websocket-mock.yaml'), 'utf8'));
    const api = pickApi(model, undefined, undefined);
    assert.ok('logicalId' in api);
    const prepared = prepareApi(model, api);
    const request = { message: '{"action":"message"}' };
    const payloads: unknown[] = [];
    const run = own.run.bind(own);
    own.run = ((name: 'runRoute', payload: never, timeoutMs?: number) => {
      payloads.push(payload);
      return run(name, payload, timeoutMs);
    }) as typeof own.run;
    const first = await runRouteSandboxed(own, prepared, request, {}, 5000);
    const second = await runRouteSandboxed(own, prepared, request, {}, 5000);
    assert.deepEqual(second, first);
    assert.ok(!first.error, JSON.stringify(first.error));
    assert.ok(first.steps.length > 0);
    assert.deepEqual(payloads.map((p) => 'snapshot' in (p as object)), [true, false]);
    // A runaway job replaces the worker: the next run finds no snapshot there and sends it again.
    const r = await own.run('render', { template: '#set($s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")$s.matches("(a+)+b")', input: { body: '', context: {}, stageVariables: {} } }, 200);
    assert.ok(isSandboxFailure(r) && r.error.code === 'Timeout');
    payloads.length = 0;
    const third = await runRouteSandboxed(own, prepared, request, {}, 5000);
    assert.deepEqual(third, first);
    assert.deepEqual(payloads.filter((p) => typeof p === 'object' && p !== null && 'snapshotKey' in p).map((p) => 'snapshot' in (p as object)), [false, true]);
  });

  it('jobs queued behind a runaway job still run', async () => {
    const slow = sandbox.run('render', { template: '#set($s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")$s.matches("(a+)+b")', input: { body: '', context: {}, stageVariables: {} } }, 200);
    const queued = [1, 2, 3].map((n) => sandbox.run('render', { template: `#set($x = ${n} * 2)$x`, input: { body: '', context: {}, stageVariables: {} } }));
    assert.ok(isSandboxFailure(await slow));
    assert.deepEqual((await Promise.all(queued)).map((r) => (isSandboxFailure(r) ? r.error.code : r.output)), ['2', '4', '6']);
  });

  it('the worker sees no environment variables and no Node module loader', async () => {
    // Probing from inside a job is impossible by design (templates cannot reach JS); check the worker options instead.
    const src = readFileSync(resolve(ROOT, 'server', 'src', 'sandbox', 'sandbox.ts'), 'utf8');
    assert.match(src, /env: \{\}/);
    assert.match(src, /resourceLimits/);
  });
});
