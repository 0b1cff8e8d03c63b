/**
 * Solver threads for the analyses: the binding tests and the frontier's searches of one answer
 * are independent (analysis.ts), so on a machine with several cores they run at once, one task
 * per thread, the calling thread taking its share. The threads themselves come from the job
 * layer (electron/jobs/threads.ts provides them through ./threads.ts: worker threads running the job worker's
 * 'optimize:analysis' task); without a provider, or on one core, the tasks run here in turn.
 *
 * A thread is kept for later runs (its WebAssembly solver compiled) and does not keep the
 * process alive. A new thread first solves the run's own main program once to compile the
 * solver (V8 compiles WebAssembly lazily: a thread's first real solve costs 2–3 s more); it
 * takes tasks only once that is done, so a cold thread never holds up a batch.
 */
import os from 'node:os';
import type { MipSolver } from '../../shared/optimize/mip';
import { runAnalysisTask, type AnalysisContext, type AnalysisExecutor, type AnalysisResult, type AnalysisTask } from './analysis';
import { highs, solveWith } from './highs';
import { minimise, objectiveGoal } from './solve';
import { solverThreadProvider, type AnalysisMessage, type SolverThread } from './threads';

/** At most this many threads solve the analyses, the calling one included. */
const MAX_THREADS = 4;

export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, os.availableParallelism?.() ?? os.cpus().length));
}

interface Slot {
  thread: SolverThread;
  /** The run key whose context the thread holds. */
  key?: string;
  /** Compiled: it has solved a real program. */
  warm: boolean;
  warming?: Promise<unknown>;
  busy: boolean;
}

const slots: Slot[] = [];
let runs = 0;

function send(slot: Slot, key: string, ctx: AnalysisContext, task: AnalysisTask | 'warm'): Promise<AnalysisResult | null> {
  const first = slot.key !== key;
  slot.key = key;
  slot.busy = true;
  slot.thread.hold(true);
  return slot.thread.run({ key, ...(first && { ctx }), task }).finally(() => {
    slot.busy = false;
    slot.thread.hold(false);
  });
}

interface Batch {
  out: AnalysisResult[];
  left: number;
  error?: unknown;
  settled: Promise<void>;
  wake: () => void;
}

interface Item {
  task: AnalysisTask;
  batch: Batch;
  index: number;
}

/**
 * The executor for one run's analyses. `threads` counts this one: 1 (or no provider) runs every
 * task here, in the order submitted. Creating it starts the missing threads and their warm-up at
 * once, so they compile while this thread solves the main program; tasks submitted before then
 * go to threads already warm.
 */
export function analysisExecutor(ctx: AnalysisContext, solver: MipSolver, tick: (n: number) => void, threads = defaultThreads()): AnalysisExecutor {
  const started = startThreads(ctx, threads);
  const queue: Item[] = [];
  const complete = (item: Item, r: AnalysisResult) => {
    item.batch.out[item.index] = r;
    if (--item.batch.left === 0) item.batch.wake();
  };
  const failed = (item: Item, e: unknown) => {
    item.batch.error ??= e;
    if (--item.batch.left === 0) item.batch.wake();
  };
  const here = (item: Item) => {
    try {
      complete(item, runAnalysisTask(ctx, item.task, solver, () => tick(1)));
    } catch (e) {
      failed(item, e);
    }
  };
  // hand queued tasks to idle warm threads; they answer through the event loop
  const dispatch = () => {
    if (!started) return;
    for (const s of started.mine) {
      if (queue.length === 0) return;
      if (!s.warm || s.busy || !slots.includes(s)) continue;
      const item = queue.shift()!;
      send(s, started.key, ctx, item.task).then(
        (r) => {
          if (!r) failed(item, new Error('a solver thread answered nothing'));
          else {
            try {
              tick(r.solves);
              complete(item, r);
            } catch (e) {
              failed(item, e);
            }
          }
          dispatch();
        },
        () => {
          // a thread lost (it stopped): its task runs here instead
          if (slots.includes(s)) slots.splice(slots.indexOf(s), 1);
          here(item);
          dispatch();
        },
      );
    }
  };
  return {
    submit(tasks) {
      let wake = () => {};
      const settled = new Promise<void>((r) => (wake = r));
      const batch: Batch = { out: new Array(tasks.length), left: tasks.length, settled, wake };
      if (tasks.length === 0) wake();
      tasks.forEach((task, index) => queue.push({ task, batch, index }));
      dispatch();
      return batch;
    },
    async wait(handle) {
      const batch = handle as Batch;
      // this thread takes queued tasks while the batch is open, yielding between them so the
      // threads' answers are taken and they get new tasks
      while (batch.left > 0 && batch.error === undefined) {
        dispatch();
        const item = queue.shift();
        if (!item) {
          await batch.settled;
          break;
        }
        here(item);
        await new Promise((r) => setImmediate(r));
      }
      if (batch.error !== undefined) throw batch.error;
      return batch.out;
    },
  };
}

/** The threads beside this one (started, and warming up on `ctx` if new); undefined when the tasks run here. */
function startThreads(ctx: AnalysisContext, threads: number): { key: string; mine: Slot[] } | undefined {
  const make = solverThreadProvider();
  if (!make || threads <= 1) return undefined;
  const key = `run ${++runs}`;
  try {
    while (slots.length < threads - 1) slots.push({ thread: make(), warm: false, busy: false });
  } catch {
    // no thread to be had here: the tasks run on this one
    if (slots.length === 0) return undefined;
  }
  const mine = slots.slice(0, threads - 1);
  for (const s of mine) {
    if (s.warm || s.warming) continue;
    s.warming = send(s, key, ctx, 'warm')
      .then(() => (s.warm = true))
      .catch(() => {
        if (slots.includes(s)) slots.splice(slots.indexOf(s), 1);
      })
      .finally(() => (s.warming = undefined));
  }
  return { key, mine };
}

/** Start the solver threads and compile them on `ctx` (the app's warm-up); resolves when they are warm. */
export async function warmThreads(ctx: AnalysisContext, threads = defaultThreads()): Promise<void> {
  const started = startThreads(ctx, threads);
  if (started) await Promise.all(started.mine.map((s) => s.warming));
}

// ---------------------------------------------------------------- the thread's side

let held: { key: string; ctx: AnalysisContext } | undefined;
let threadSolver: MipSolver | undefined;

/** Serves one message in a solver thread (the job worker's 'optimize:analysis' task). */
export async function serveAnalysis(m: AnalysisMessage): Promise<AnalysisResult | null> {
  if (m.ctx) held = { key: m.key, ctx: m.ctx };
  if (!held || held.key !== m.key) throw new Error('solver thread: no context for this run');
  threadSolver ??= solveWith(await highs());
  const ctx = held.ctx;
  if (m.task === 'warm') {
    // the run's own program, for the compiled code; the answer is thrown away
    const { goal, fo } = objectiveGoal(ctx.p, ctx.c);
    minimise({ p: ctx.p, c: ctx.c, segments: ctx.segments, solver: threadSolver, solves: 0 }, goal, fo, ctx.p, { ...ctx.p.options, timeLimitS: Math.min(3, ctx.p.options.timeLimitS) });
    return null;
  }
  return runAnalysisTask(ctx, m.task, threadSolver);
}
