/**
 * Job worker threads: the bundle's jobs-worker.cjs beside main.cjs, or worker.ts through tsx
 * from source. The runner's workers are these, and so are the optimizer's solver threads
 * (electron/optimize/pool.ts), which the job layer provides here: a job worker runs each of their
 * tasks as its 'optimize:analysis' job. A job worker solving an optimize job starts its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { provideSolverThreads, type AnalysisMessage, type SolverThread } from '../optimize/threads';
import type { AnalysisResult } from '../optimize/analysis';
import { fromWire, type RunMessage, type WorkerMessage } from './wire';

export function newJobWorker(): Worker {
  const here = import.meta.dirname ?? __dirname;
  const bundled = path.join(here, 'jobs-worker.cjs');
  if (fs.existsSync(bundled)) return new Worker(bundled);
  // from source: worker.ts beside this file, or — from a bundle without its worker (the CLI's
  // dist/electron/cli.cjs) — in the source tree it was built from
  const source = [path.join(here, 'worker.ts'), path.join(here, '..', '..', 'electron', 'jobs', 'worker.ts')].find((f) => fs.existsSync(f));
  if (!source) throw new Error('no job worker script beside the app');
  // tsx's ES-module API (its CommonJS build resolves its own files wrongly from an eval'd worker)
  const tsxCjs = createRequire(source).resolve('tsx/esm/api');
  const tsx = pathToFileURL(path.join(path.dirname(tsxCjs), 'index.mjs')).href;
  const entry = pathToFileURL(source).href;
  const code = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); }).catch((e) => setImmediate(() => { throw e; }));`;
  return new Worker(code, { eval: true });
}

/** A job worker as a solver thread: one 'optimize:analysis' job at a time; it never keeps the process alive when idle. */
function solverThread(): SolverThread {
  const worker = newJobWorker();
  worker.unref();
  let id = 0;
  const waiting = new Map<number, { resolve: (v: AnalysisResult | null) => void; reject: (e: unknown) => void }>();
  const lost = (why: string) => {
    for (const w of waiting.values()) w.reject(new Error(`solver thread stopped: ${why}`));
    waiting.clear();
  };
  worker.on('message', (m: WorkerMessage) => {
    const w = waiting.get(m.id);
    if (!w || m.type === 'progress') return;
    waiting.delete(m.id);
    if (m.type === 'done') w.resolve(m.value as AnalysisResult | null);
    else w.reject(fromWire(m.error));
  });
  worker.on('error', (e) => lost(e.message));
  worker.on('exit', (code) => lost(`exit code ${code}`));
  return {
    run: (input: AnalysisMessage) =>
      new Promise((resolve, reject) => {
        const msg: RunMessage = { type: 'run', id: ++id, kind: 'optimize:analysis', input, cancel: new Int32Array(new SharedArrayBuffer(4)) };
        waiting.set(msg.id, { resolve, reject });
        worker.postMessage(msg);
      }),
    hold: (on) => (on ? worker.ref() : worker.unref()),
  };
}

provideSolverThreads(solverThread);
