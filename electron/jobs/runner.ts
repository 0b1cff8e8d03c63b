/**
 * The job runner: long work (tasks.ts) runs in worker threads so the main thread — the window's
 * IPC and the loopback host — keeps answering while it runs. Workers are reused (a warm one
 * keeps its compiled solver) and stopped when idle; each runs one job at a time, and jobs beyond
 * the pool's size wait their turn. Every job reports progress and can be cancelled: a job that
 * writes nothing is stopped at once (its worker is terminated), an import commit at its next
 * quote (the transaction rolls back), or after a grace period by terminating it (SQLite rolls an
 * unfinished transaction back when the worker's connection closes).
 *
 * The CLI runs jobs inline: the same tasks on the calling thread, without a worker's start-up.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { JobCancelledError, tasks, type JobControl, type JobKind, type TaskInput, type TaskOutput } from './tasks';
import { newJobWorker } from './threads';
import { fromWire, type JobProgress, type RunMessage, type WorkerMessage } from './wire';

export interface JobInfo {
  id: number;
  kind: JobKind;
  startedAt: string;
  /** 'queued' until a worker takes it. */
  state: 'queued' | 'running';
  progress: JobProgress | null;
}

export interface JobOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
}

interface Job {
  info: JobInfo;
  input: unknown;
  cancel: Int32Array;
  onProgress?: (p: JobProgress) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  slot?: Slot;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer?: NodeJS.Timeout;
  /** It has run the optimizer: its solver is compiled (electron/optimize/warm.ts). */
  warmSolver?: boolean;
}

/** Jobs that write nothing: cancelling one terminates its worker at once. */
const STOP_AT_ONCE: ReadonlySet<JobKind> = new Set<JobKind>(['optimize', 'import:preview', 'report:html', 'db:backup']);
/** How long a writing job may take to honour a cancel before its worker is terminated. */
const CANCEL_GRACE_MS = 3000;
const IDLE_MS = 30_000;
/** Jobs that solve: one worker that has run one is kept past IDLE_MS, so later solves find its solver compiled. */
const SOLVES: ReadonlySet<JobKind> = new Set<JobKind>(['optimize', 'optimize:warm']);

const settings = {
  inline: false,
  nativeBinding: undefined as string | undefined,
  maxWorkers: Math.max(2, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
};

/** `inline`: run jobs on this thread (the CLI). `nativeBinding`: better-sqlite3 built for Electron's ABI, for the workers' connections. */
export function configureJobs(opts: { inline?: boolean; nativeBinding?: string; maxWorkers?: number }): void {
  if (opts.inline !== undefined) settings.inline = opts.inline;
  if (opts.nativeBinding !== undefined) settings.nativeBinding = opts.nativeBinding;
  if (opts.maxWorkers !== undefined) settings.maxWorkers = Math.max(1, opts.maxWorkers);
}

export function jobNativeBinding(): string | undefined {
  return settings.nativeBinding;
}

let nextId = 1;
const jobs = new Map<number, Job>();
const queue: Job[] = [];
const slots: Slot[] = [];

export function activeJobs(): JobInfo[] {
  return [...jobs.values()].map((j) => ({ ...j.info }));
}

/** Run `kind` with `input`; resolves with the task's value, rejects with its error (the same class as thrown). */
export function runJob<K extends JobKind>(kind: K, input: TaskInput<K>, opts: JobOptions = {}): Promise<TaskOutput<K>> {
  return new Promise<TaskOutput<K>>((resolve, reject) => {
    const job: Job = {
      info: { id: nextId++, kind, startedAt: new Date().toISOString(), state: 'queued', progress: null },
      input,
      cancel: new Int32Array(new SharedArrayBuffer(4)),
      onProgress: opts.onProgress,
      resolve: resolve as (v: unknown) => void,
      reject,
      settled: false,
    };
    jobs.set(job.info.id, job);
    if (opts.signal) {
      if (opts.signal.aborted) return void cancelJob(job.info.id);
      opts.signal.addEventListener('abort', () => cancelJob(job.info.id), { once: true });
    }
    if (settings.inline) return void runInline(job);
    queue.push(job);
    pump();
  });
}

/** Ask a job to stop. True when the job was found (queued or running). */
export function cancelJob(id: number): boolean {
  const job = jobs.get(id);
  if (!job || job.settled) return false;
  Atomics.store(job.cancel, 0, 1);
  const cancelled = new JobCancelledError(job.info.kind);
  if (job.info.state === 'queued') {
    queue.splice(queue.indexOf(job), 1);
    settle(job, () => job.reject(cancelled));
    return true;
  }
  const slot = job.slot;
  if (!slot) return true; // inline: the task sees the flag at its next step
  const stop = () => {
    if (job.settled) return;
    settle(job, () => job.reject(cancelled));
    retire(slot);
  };
  if (STOP_AT_ONCE.has(job.info.kind)) stop();
  else setTimeout(stop, CANCEL_GRACE_MS).unref();
  return true;
}

/** Stop every worker (tests, app exit); running jobs are rejected as cancelled. */
export async function closeJobWorkers(): Promise<void> {
  for (const j of [...queue]) cancelJob(j.info.id);
  await Promise.all(
    [...slots].map((s) => {
      if (s.job) settle(s.job, () => s.job!.reject(new JobCancelledError(s.job!.info.kind)));
      return retire(s);
    }),
  );
}

function settle(job: Job, fn: () => void): void {
  if (job.settled) return;
  job.settled = true;
  jobs.delete(job.info.id);
  fn();
}

function control(job: Job): JobControl {
  return {
    progress: (p) => {
      job.info.progress = p;
      job.onProgress?.(p);
    },
    checkCancelled: () => {
      if (Atomics.load(job.cancel, 0) !== 0) throw new JobCancelledError(job.info.kind);
    },
  };
}

function runInline(job: Job): void {
  job.info.state = 'running';
  const task = tasks[job.info.kind] as (input: unknown, c: JobControl) => unknown;
  Promise.resolve()
    .then(() => task(job.input, control(job)))
    .then(
      (v) => settle(job, () => job.resolve(v)),
      (e: unknown) => settle(job, () => job.reject(e)),
    );
}

function pump(): void {
  while (queue.length > 0) {
    // a solve goes to a worker whose solver is already compiled, if one is idle
    const solves = SOLVES.has(queue[0]!.info.kind);
    let slot = (solves && slots.find((s) => !s.job && s.warmSolver)) || slots.find((s) => !s.job);
    if (!slot) {
      if (slots.length >= settings.maxWorkers) return;
      slot = spawn();
    }
    const job = queue.shift()!;
    start(slot, job);
  }
}

function start(slot: Slot, job: Job): void {
  clearTimeout(slot.idleTimer);
  slot.job = job;
  job.slot = slot;
  job.info.state = 'running';
  if (SOLVES.has(job.info.kind)) slot.warmSolver = true;
  slot.worker.ref();
  const msg: RunMessage = { type: 'run', id: job.info.id, kind: job.info.kind, input: job.input, cancel: job.cancel };
  slot.worker.postMessage(msg);
}

function release(slot: Slot): void {
  slot.job = null;
  slot.worker.unref();
  // the first warm solver stays (unref'd: it does not keep the process alive); others retire when idle
  const kept = slot.warmSolver && slots.find((s) => s.warmSolver) === slot;
  if (!kept) {
    slot.idleTimer = setTimeout(() => void retire(slot), IDLE_MS);
    slot.idleTimer.unref();
  }
  pump();
}

function retire(slot: Slot): Promise<unknown> {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  clearTimeout(slot.idleTimer);
  slot.job = null;
  const done = slot.worker.terminate();
  pump();
  return done;
}

/** A new job worker (threads.ts). */
function spawn(): Slot {
  const worker = newJobWorker();
  const slot: Slot = { worker, job: null };
  slots.push(slot);
  worker.on('message', (m: WorkerMessage) => {
    const job = slot.job;
    if (!job || job.info.id !== m.id) return;
    if (m.type === 'progress') {
      job.info.progress = m.progress;
      job.onProgress?.(m.progress);
      return;
    }
    if (m.type === 'done') settle(job, () => job.resolve(m.value));
    else settle(job, () => job.reject(fromWire(m.error)));
    release(slot);
  });
  const lost = (why: string) => {
    const job = slot.job;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    clearTimeout(slot.idleTimer);
    if (job) settle(job, () => job.reject(new Error(`the ${job.info.kind} job's worker stopped: ${why}`)));
    slot.job = null;
    pump();
  };
  worker.on('error', (e) => lost(e.message));
  worker.on('exit', (code) => lost(`exit code ${code}`));
  return slot;
}
