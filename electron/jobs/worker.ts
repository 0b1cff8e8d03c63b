/**
 * The job worker's entry: runs one task at a time for the runner (runner.ts) and answers with
 * its value or its error as plain data. Built as dist/electron/jobs-worker.cjs for the app;
 * from source it is loaded through tsx.
 */
import { parentPort } from 'node:worker_threads';
import { JobCancelledError, isJobKind, tasks, type JobControl } from './tasks';
import { toWire, type RunMessage, type WorkerMessage } from './wire';
// an optimize job here spreads its analyses over solver threads of its own
import './threads';

const port = parentPort;
if (!port) throw new Error('electron/jobs/worker.ts runs only as a worker thread');

port.on('message', (m: RunMessage) => {
  const post = (msg: WorkerMessage) => port.postMessage(msg);
  const control: JobControl = {
    progress: (progress) => post({ type: 'progress', id: m.id, progress }),
    checkCancelled: () => {
      if (Atomics.load(m.cancel, 0) !== 0) throw new JobCancelledError(m.kind);
    },
  };
  Promise.resolve()
    .then(() => {
      if (!isJobKind(m.kind)) throw new Error(`unknown job "${m.kind}"`);
      const task = tasks[m.kind] as (input: unknown, job: JobControl) => unknown;
      return task(m.input, control);
    })
    .then(
      (value) => post({ type: 'done', id: m.id, value }),
      (e: unknown) => post({ type: 'error', id: m.id, error: toWire(e) }),
    );
});
