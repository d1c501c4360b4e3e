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
import type { RouteSnapshot, SimRequest } from '../core/pipeline/types';

/** Payload of the `render` job. */
export interface RenderJob {
  readonly template: string;
  readonly input: VtlInput;
  readonly limits?: VtlLimits;
}

/** Payload of the `runRoute` job: the whole gateway pipeline for one request. */
export interface RunRouteJob {
  readonly snapshot: RouteSnapshot;
  readonly request: SimRequest;
  readonly options?: RunOptions;
}

/** Named pure jobs. */
export const JOBS = {
  render: (p: RenderJob) => renderTemplate(p.template, p.input, p.limits),
  runRoute: (p: RunRouteJob) => runRoute(p.snapshot, p.request, p.options),
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
