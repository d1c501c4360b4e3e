// Runs the gateway pipeline for one request inside the sandbox worker (time and memory limits) and maps the trace back to the document; shared by the language server and the CLI.
import { failedRun, finalizeTrace, type RunOptions } from '../core/pipeline/run';
import type { PreparedApi } from '../core/pipeline/snapshot';
import type { RouteSnapshot, RunErrorCode, RunTrace, SimRequest } from '../core/pipeline/types';
import { isSandboxFailure, type Sandbox, type SandboxFailure } from './sandbox';

/** Default time limit of one run in milliseconds. */
export const DEFAULT_RUN_TIMEOUT_MS = 1000;
/** Largest accepted time limit in milliseconds. */
export const MAX_RUN_TIMEOUT_MS = 30000;

/** A time limit from untrusted input: a positive number capped at MAX_RUN_TIMEOUT_MS, else `fallback`. */
export function clampTimeout(value: unknown, fallback: number = DEFAULT_RUN_TIMEOUT_MS): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), MAX_RUN_TIMEOUT_MS) : fallback;
}

/**
 * Runs `request` against the prepared Api in `sandbox`. A run stopped by the sandbox becomes a trace whose error is
 * `Timeout` (time limit), `LimitExceeded` (memory) or `InternalServerError` (the worker failed). Never rejects.
 */
export async function runRouteSandboxed(sandbox: Sandbox, prepared: PreparedApi, request: SimRequest, options: RunOptions, timeoutMs: number): Promise<RunTrace> {
  const { snapshot } = prepared;
  const snapshotKey = keyOf(snapshot);
  // The snapshot of a large Api costs milliseconds to clone into the worker: send it only when the worker lacks it.
  const sent = sentKeys(sandbox);
  let result = await sandbox.run('runRoute', sent.has(snapshotKey) ? { snapshotKey, request, options } : { snapshotKey, snapshot, request, options }, timeoutMs);
  if (!isSandboxFailure(result) && 'snapshotMissing' in result) {
    result = await sandbox.run('runRoute', { snapshotKey, snapshot, request, options }, timeoutMs);
  }
  if (isSandboxFailure(result)) return failedRun(snapshot, request, failureCode(result), failureMessage(result, timeoutMs));
  if ('snapshotMissing' in result) return failedRun(snapshot, request, 'InternalServerError', 'The simulator could not complete the run: the sandbox lost the Api snapshot');
  sent.add(snapshotKey);
  while (sent.size > SENT_KEYS_REMEMBERED) sent.delete(sent.values().next().value as string);
  return finalizeTrace(result, prepared);
}

/** Snapshot keys remembered per sandbox (the worker keeps fewer; a miss costs one extra round trip). */
const SENT_KEYS_REMEMBERED = 16;
const snapshotKeys = new WeakMap<RouteSnapshot, string>();
const sentBySandbox = new WeakMap<Sandbox, Set<string>>();
let nextSnapshotKey = 1;

/** A key unique to this snapshot object (snapshots are immutable and memoised per model version). */
function keyOf(snapshot: RouteSnapshot): string {
  let key = snapshotKeys.get(snapshot);
  if (!key) {
    key = `snapshot-${nextSnapshotKey++}`;
    snapshotKeys.set(snapshot, key);
  }
  return key;
}

function sentKeys(sandbox: Sandbox): Set<string> {
  let sent = sentBySandbox.get(sandbox);
  if (!sent) {
    sent = new Set();
    sentBySandbox.set(sandbox, sent);
  }
  return sent;
}

function failureCode(f: SandboxFailure): RunErrorCode {
  switch (f.error.code) {
    case 'Timeout':
      return 'Timeout';
    case 'OutOfMemory':
      return 'LimitExceeded';
    default:
      return 'InternalServerError';
  }
}

function failureMessage(f: SandboxFailure, timeoutMs: number): string {
  if (f.error.code === 'Timeout') return `The run took longer than ${timeoutMs} ms and was stopped (a runaway template?). Raise the limit with apigwLens.run.timeoutMs or --timeout.`;
  if (f.error.code === 'OutOfMemory') return `The run exceeded the sandbox memory limit and was stopped: ${f.error.message}`;
  return `The simulator could not complete the run: ${f.error.message}`;
}
