// A persistent worker thread that runs untrusted jobs (VTL rendering, later the whole pipeline) with a per-job time
// limit and a memory cap; a job over its time is answered with `Timeout` and the worker is replaced, so the calling
// thread stays responsive. Node-only (worker_threads); not part of the pure core.
import { Worker } from 'node:worker_threads';
import type { JobName, JobPayload, JobReply, JobRequest, JobResult } from './jobs';

export type { JobName, JobPayload, JobResult, RenderJob } from './jobs';

/** Why a job produced no result. */
export type SandboxFailureCode = 'Timeout' | 'OutOfMemory' | 'WorkerCrashed' | 'Disposed' | 'UnknownJob' | 'JobFailed';

/** Returned instead of a job result when the sandbox could not run the job to completion. */
export interface SandboxFailure {
  readonly error: { readonly code: SandboxFailureCode; readonly message: string };
}

export interface SandboxOptions {
  /** Absolute path of the bundled worker (dist/vtlWorker.js). */
  readonly workerPath: string;
  /** Default per-job time limit in milliseconds (default 1000). */
  readonly timeoutMs?: number;
  /** V8 old-generation heap cap of the worker in MB (default 128). */
  readonly maxOldGenerationSizeMb?: number;
  /** V8 young-generation cap in MB (default 16). */
  readonly maxYoungGenerationSizeMb?: number;
}

interface PendingJob {
  readonly id: number;
  readonly name: string;
  readonly payload: unknown;
  readonly timeoutMs: number;
  readonly resolve: (value: unknown) => void;
}

/** True for a {@link SandboxFailure} (as opposed to a job result). */
export function isSandboxFailure(value: unknown): value is SandboxFailure {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    ['Timeout', 'OutOfMemory', 'WorkerCrashed', 'Disposed', 'UnknownJob', 'JobFailed'].includes(String((error as { code?: unknown }).code)) &&
    Object.keys(value).length === 1
  );
}

/**
 * Runs jobs one at a time in a worker thread. `run` never rejects: it resolves with the job's result or a
 * SandboxFailure. After a timeout, an out-of-memory or a crash the worker is discarded and the next job starts a new one.
 */
export class Sandbox {
  private worker: Worker | undefined;
  private readonly queue: PendingJob[] = [];
  private current: { job: PendingJob; timer: ReturnType<typeof setTimeout>; worker: Worker } | undefined;
  private nextId = 1;
  private disposed = false;
  private started = 0;

  constructor(private readonly opts: SandboxOptions) {}

  /** Number of worker threads started so far (a replacement after a timeout counts). */
  get workersStarted(): number {
    return this.started;
  }

  /**
   * Runs job `name` with `payload` (structured-cloned into the worker). `timeoutMs` overrides the default limit for
   * this job; the clock starts when the worker receives the job, not while it waits in the queue.
   */
  run<K extends JobName>(name: K, payload: JobPayload<K>, timeoutMs?: number): Promise<JobResult<K> | SandboxFailure> {
    return new Promise((resolve) => {
      if (this.disposed) {
        resolve({ error: { code: 'Disposed', message: 'The sandbox has been disposed' } });
        return;
      }
      const limit = typeof timeoutMs === 'number' && timeoutMs > 0 ? timeoutMs : (this.opts.timeoutMs ?? 1000);
      this.queue.push({ id: this.nextId++, name, payload, timeoutMs: limit, resolve: resolve as (value: unknown) => void });
      this.pump();
    });
  }

  /** Terminates the worker; pending and queued jobs resolve with `Disposed`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const failure: SandboxFailure = { error: { code: 'Disposed', message: 'The sandbox has been disposed' } };
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.resolve(failure);
      this.current = undefined;
    }
    for (const job of this.queue.splice(0)) job.resolve(failure);
    this.discardWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.opts.workerPath, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? 128,
        maxYoungGenerationSizeMb: this.opts.maxYoungGenerationSizeMb ?? 16,
        stackSizeMb: 4,
      },
      // The worker needs no environment variables; do not hand it the server's.
      env: {},
      stdout: false,
      stderr: false,
    });
    this.started++;
    worker.on('message', (reply: JobReply) => this.onReply(worker, reply));
    worker.on('error', (err: Error & { code?: string }) => this.onWorkerGone(worker, err));
    worker.on('exit', (code: number) => this.onWorkerGone(worker, new Error(`The sandbox worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private discardWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      job.resolve({ error: { code: 'WorkerCrashed', message: `Could not start the sandbox worker: ${e instanceof Error ? e.message : String(e)}` } });
      this.pump();
      return;
    }
    const timer = setTimeout(() => this.onTimeout(job.id), job.timeoutMs);
    this.current = { job, timer, worker };
    worker.ref();
    const request: JobRequest = { id: job.id, name: job.name, payload: job.payload };
    try {
      worker.postMessage(request);
    } catch (e) {
      this.finish({ error: { code: 'JobFailed', message: `The job payload cannot be sent to the worker: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  private finish(value: unknown): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    this.current = undefined;
    if (this.worker === cur.worker) cur.worker.unref();
    cur.job.resolve(value);
    this.pump();
  }

  private onReply(worker: Worker, reply: JobReply): void {
    const cur = this.current;
    if (!cur || cur.worker !== worker || reply.id !== cur.job.id) return;
    this.finish(reply.ok ? reply.result : { error: reply.error });
  }

  private onTimeout(id: number): void {
    const cur = this.current;
    if (!cur || cur.job.id !== id) return;
    // The worker may be stuck in a synchronous loop: only terminating it stops the work.
    if (this.worker === cur.worker) this.discardWorker();
    else void cur.worker.terminate();
    this.finish({ error: { code: 'Timeout', message: `The job '${cur.job.name}' ran longer than ${cur.job.timeoutMs} ms and was stopped` } });
  }

  private onWorkerGone(worker: Worker, err: Error & { code?: string }): void {
    if (this.worker === worker) this.worker = undefined;
    const cur = this.current;
    if (!cur || cur.worker !== worker) return;
    const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
    void worker.terminate();
    this.finish({
      error: oom
        ? { code: 'OutOfMemory', message: `The job '${cur.job.name}' exceeded the sandbox memory limit (${this.opts.maxOldGenerationSizeMb ?? 128} MB)` }
        : { code: 'WorkerCrashed', message: `The sandbox worker failed: ${err.message}` },
    });
  }
}
