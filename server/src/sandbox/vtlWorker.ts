// Worker-thread entry (bundled to dist/vtlWorker.js): runs sandbox jobs from jobs.ts on messages from the Sandbox.
// The main thread enforces time (terminate) and memory (resourceLimits); here prototypes are frozen as defence in depth.
import { parentPort } from 'node:worker_threads';
import { runJob, type JobRequest } from './jobs';

// Nothing in the jobs writes to built-in prototypes; freezing them turns any such attempt (a bug or an escape) into
// a failed job instead of a poisoned worker.
for (const proto of [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype, RegExp.prototype, Map.prototype, Set.prototype]) {
  Object.freeze(proto);
}

const port = parentPort;
if (port) {
  port.on('message', (message: JobRequest) => {
    port.postMessage(runJob(message));
  });
}
