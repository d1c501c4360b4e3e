// Keeps the server's resident memory near its live data: heap growth tuned at start-up, one full collection after a large parse or close.
import { setFlagsFromString } from 'node:v8';

/** How long the server must have had nothing to analyse before it collects: a collection never delays work. */
const IDLE_MS = 750;

let pending = false;
let lastWork = 0;

/** Called for every request on a document: postpones a pending collection until the server is idle again. */
export function noteWork(): void {
  lastWork = Date.now();
}

const exposedGc = (): (() => void) | undefined => (globalThis as { gc?: () => void }).gc;

/**
 * Runs one full garbage collection once the server has been idle for a moment, when the process was started with
 * `--expose-gc` (server/src/launch.ts). V8 collects the old generation lazily: after a 2 MB template is parsed from
 * scratch, the parse's garbage (and, after a close, the whole previous model) stays resident until the heap has grown
 * much further. Several triggers in a row collect once.
 */
export function collectGarbageWhenIdle(): void {
  const gc = exposedGc();
  if (!gc || pending) return;
  pending = true;
  lastWork = Date.now();
  const wait = (ms: number): void => {
    setTimeout(() => {
      if (!pending) return;
      const idle = Date.now() - lastWork;
      if (idle < IDLE_MS) return wait(IDLE_MS - idle);
      pending = false;
      gc();
    }, ms).unref();
  };
  wait(IDLE_MS);
}

/**
 * Runs the pending collection now, if there is one: called before parsing a large document from scratch, so that
 * the garbage of one closed just before (a full collection takes 50-80 ms at that size) does not add to the peak.
 */
export function collectPendingGarbage(): void {
  const gc = exposedGc();
  if (!gc || !pending) return;
  pending = false;
  gc();
}

/**
 * Lets the old generation grow by half its size between collections instead of V8's default (up to four times when
 * allocation is fast): editing a large template leaves a few MB of garbage per version, and with the default the
 * server's resident size climbed to 350-480 MB on 4,000 resources. The flag is read at every collection, so setting it
 * at start-up works however the process was started.
 */
export function tuneHeap(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
