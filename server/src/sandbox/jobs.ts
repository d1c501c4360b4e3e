// The table of named jobs the sandbox worker can run, and the message shapes between Sandbox and worker.
// Jobs are pure functions of plain, structured-clonable data (they run inside the worker, see vtlWorker.ts).
//
// Adding a job (e.g. `runRoute` for the whole pipeline):
//   1. Write a pure core function taking and returning plain data (no functions, class instances or Maps in the
//      payload/result: they cross a worker boundary by structured clone). It must not throw on bad input.
//   2. Add one line to JOBS below, e.g. `runRoute: (p: RunRouteJob) => runRoute(p.model, p.request),`.
//      The payload and result types of `Sandbox.run('runRoute', …)` are inferred from that line.
//   3. Rebuild (`node esbuild.mjs`): the worker bundle dist/vtlWorker.js includes everything JOBS imports.
//   4. Call it: `await sandbox.run('runRoute', payload, timeoutMs)`; the result is the job's return value or a
//      SandboxFailure (`{ error: { code: 'Timeout' | 'OutOfMemory' | … } }`).
// Keep jobs deterministic and bounded by their own limits; the sandbox's time and memory limits are the last line
// of defence, not the normal way to stop work.
import { renderTemplate, type VtlInput, type VtlLimits } from '../core/vtl';
import { runRoute, type RunOptions } from '../core/pipeline/run';
import type { RouteSnapshot, RunTrace, SimRequest } from '../core/pipeline/types';

/** Payload of the `render` job. */
export interface RenderJob {
  readonly template: string;
  readonly input: VtlInput;
  readonly limits?: VtlLimits;
}

/**
 * Payload of the `runRoute` job: the whole gateway pipeline for one request. A snapshot crosses the worker boundary
 * once: the worker keeps the last few by `snapshotKey`, and a job without `snapshot` runs against the kept one.
 */
export interface RunRouteJob {
  /** Names the snapshot; must change whenever the snapshot's content does. */
  readonly snapshotKey: string;
  /** Omitted when the worker should already hold `snapshotKey`. */
  readonly snapshot?: RouteSnapshot;
  readonly request: SimRequest;
  readonly options?: RunOptions;
}

/** The `runRoute` job's answer when the worker does not hold the named snapshot (a new worker): send it again with the snapshot. */
export interface SnapshotMissing {
  readonly snapshotMissing: string;
}

/** Snapshots a worker keeps (most recently used last). */
const KEPT_SNAPSHOTS = 4;
const keptSnapshots = new Map<string, RouteSnapshot>();

function keptSnapshot(p: RunRouteJob): RouteSnapshot | undefined {
  const snapshot = p.snapshot ?? keptSnapshots.get(p.snapshotKey);
  if (!snapshot) return undefined;
  keptSnapshots.delete(p.snapshotKey);
  keptSnapshots.set(p.snapshotKey, snapshot);
  for (const key of keptSnapshots.keys()) {
    if (keptSnapshots.size <= KEPT_SNAPSHOTS) break;
    keptSnapshots.delete(key);
  }
  return snapshot;
}

function runRouteJob(p: RunRouteJob): RunTrace | SnapshotMissing {
  const snapshot = keptSnapshot(p);
  return snapshot ? runRoute(snapshot, p.request, p.options) : { snapshotMissing: p.snapshotKey };
}

/** Named pure jobs (`runRoute` keeps its snapshots between runs, see RunRouteJob). */
export const JOBS = {
  render: (p: RenderJob) => renderTemplate(p.template, p.input, p.limits),
  runRoute: runRouteJob,
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<K extends JobName> = Parameters<(typeof JOBS)[K]>[0];
export type JobResult<K extends JobName> = ReturnType<(typeof JOBS)[K]>;

/** Main thread → worker. */
export interface JobRequest {
  readonly id: number;
  readonly name: string;
  readonly payload: unknown;
}

/** Worker → main thread. */
export type JobReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly code: 'UnknownJob' | 'JobFailed'; readonly message: string } };

const hasJob = (name: string): name is JobName => Object.prototype.hasOwnProperty.call(JOBS, name);

/** Runs one request against the table (used by the worker; exported for tests). Never throws. */
export function runJob(request: JobRequest): JobReply {
  const id = typeof request?.id === 'number' ? request.id : -1;
  const name = typeof request?.name === 'string' ? request.name : '';
  if (!hasJob(name)) return { id, ok: false, error: { code: 'UnknownJob', message: `Unknown sandbox job '${name}'` } };
  try {
    const job = JOBS[name] as (payload: unknown) => unknown;
    return { id, ok: true, result: job(request.payload) };
  } catch (e) {
    return { id, ok: false, error: { code: 'JobFailed', message: e instanceof Error ? e.message : String(e) } };
  }
}
