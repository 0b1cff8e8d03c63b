/**
 * The long tasks, each a function of plain data (what a worker thread can be sent) to plain data.
 * They run in a job worker (worker.ts) or, in the CLI, on the calling thread: the same code
 * either way. A task that needs the database opens its own connection to the file (WAL lets it
 * read and write beside the main connection) and closes it before answering; the clock instant
 * of the call is passed in, so "today" is the caller's. Each task imports what it needs when it
 * first runs, so a worker that only solves never loads the spreadsheet reader or the browser driver.
 */
import type Database from 'better-sqlite3';
import type { ImportCommitInput, ImportCommitResult, ImportPreview, ImportPreviewInput } from '../../shared/contract/import';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { OptimizeResult } from '../../shared/optimize/types';
import type { AnalysisResult } from '../optimize/analysis';
import type { AnalysisMessage } from '../optimize/threads';
import type { CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { createContext, type AppContext } from '../context';
import { withBusyRetry } from '../db/busy';
import { openJobConnection } from '../db/job-connection';
import type { ReportRequest } from '../report';
import type { SyncResult } from '../team/sync';
import type { ReadTemplateInput, TemplateReading } from '../bids/template-task';
import { AppError } from '../../shared/contract/result';
import type { JobProgress } from './wire';

/** Where a task finds the database, and the instant of the call. */
export interface JobDb {
  dbPath: string;
  nativeBinding?: string;
  /** ISO instant: the task's clock stands still at the moment the call was made. */
  now: string;
}

/** What a running task may tell and ask its runner. */
export interface JobControl {
  progress(p: JobProgress): void;
  /** Throws the cancellation error once the job was cancelled (polled between steps). */
  checkCancelled(): void;
}

export class JobCancelledError extends AppError {
  constructor(kind: string) {
    super('conflict', `the ${kind} job was cancelled; nothing it would have written was saved`);
  }
}

async function withDb<T>(where: JobDb, fn: (ctx: AppContext) => T | Promise<T>): Promise<T> {
  const db: Database.Database = openJobConnection(where.dbPath, { nativeBinding: where.nativeBinding });
  try {
    const now = new Date(where.now);
    return await fn(createContext(db, where.dbPath, { clock: () => now }));
  } finally {
    db.close();
  }
}

/** Progress messages at most every 100 ms, so a 60k-row commit does not flood the channel. */
function throttled(job: JobControl): (p: JobProgress) => void {
  let last = 0;
  return (p) => {
    const t = performance.now();
    if (t - last < 100 && p.done !== p.total) return;
    last = t;
    job.progress(p);
  };
}

export const tasks = {
  /**
   * The optimizer: the catalog is read on the main thread (one snapshot) and the solve runs here.
   * `known`: the answers of earlier runs (label → count), which the solve starts from when one
   * still fits; `answer` is this run's, for the next.
   */
  optimize: async (
    input: { problem: OptimizeProblem; snapshot: CatalogSnapshot; today: string; known?: [string, number][][] },
    job: JobControl,
  ): Promise<{ result: OptimizeResult; answer: [string, number][] | null }> => {
    job.progress({ phase: 'solving' });
    const { runOptimize } = await import('../optimize/run');
    let answer: [string, number][] | null = null;
    const result = await runOptimize(input.problem, input.snapshot, {
      today: input.today,
      known: (input.known ?? []).map((k) => new Map(k)),
      remember: (b) => (answer = [...b]),
      // the phase and the solves done so far; a cancel stops the run between solves
      onProgress: (phase, done) => {
        job.checkCancelled();
        job.progress({ phase, done });
      },
    });
    return { result, answer };
  },

  /** Compiles the solver on a real model at start-up (electron/optimize/warm.ts); the runner keeps this worker for the solves. */
  'optimize:warm': async (input: { snapshot: CatalogSnapshot; today: string }): Promise<{ model: 'example' | 'tiny'; ms: number }> => {
    const { warmSolver } = await import('../optimize/warm');
    return warmSolver(input.snapshot, input.today);
  },

  /** One analysis solve of an optimize run, in a solver thread (electron/optimize/pool.ts). */
  'optimize:analysis': async (input: AnalysisMessage): Promise<AnalysisResult | null> => {
    const { serveAnalysis } = await import('../optimize/pool');
    return serveAnalysis(input);
  },

  'import:preview': (input: { db: JobDb; input: ImportPreviewInput }, job: JobControl): Promise<ImportPreview> =>
    withDb(input.db, async (ctx) => {
      job.progress({ phase: 'reading' });
      const { buildPlan } = await import('../import');
      return (await buildPlan(ctx, input.input)).preview;
    }),

  /**
   * Parse and commit in one transaction on the task's connection. A cancel is honoured between
   * quotes by throwing inside the transaction, so it rolls back whole; once the transaction has
   * committed the answer is the commit's, whatever came later.
   */
  'import:commit': (input: { db: JobDb; input: ImportCommitInput }, job: JobControl): Promise<ImportCommitResult> =>
    withDb(input.db, async (ctx) => {
      const report = throttled(job);
      job.progress({ phase: 'reading' });
      const { commitImport } = await import('../import');
      return withBusyRetry(
        () => ctx.db,
        () =>
          commitImport(ctx, input.input, {
            afterQuote: (done) => {
              job.checkCancelled();
              report({ phase: 'writing', done });
            },
          }),
      );
    }),

  /** The report's model and HTML; the printer (Electron's or Chromium) stays with the caller. */
  'report:html': (input: { db: JobDb; request: ReportRequest }, job: JobControl): Promise<{ fileName: string; html: string }> =>
    withDb(input.db, async (ctx) => {
      job.progress({ phase: 'rendering' });
      const [{ buildReportModel, reportFileName }, { renderReportHtml }] = await Promise.all([import('../report'), import('../report/html')]);
      const model = buildReportModel(ctx, input.request);
      return { fileName: reportFileName(model, 'pdf'), html: renderReportHtml(model) };
    }),

  /** A consistent copy of the live database (SQLite's online backup) from the task's connection. */
  'db:backup': (input: { db: JobDb }, job: JobControl): Promise<Uint8Array> =>
    withDb(input.db, async (ctx) => {
      job.progress({ phase: 'copying' });
      const { backupBytes } = await import('../db/backup');
      return new Uint8Array(await backupBytes(ctx.db));
    }),

  /**
   * One team hub sync on the task's connection: network waits and the local writes (a page per
   * transaction) happen here, so the window and the loopback host answer while it runs. The
   * password is the credential store's, read on the main thread; the hub's answers become
   * AppErrors here, the only errors that cross back with their UI strings.
   */
  'team:sync': (input: { db: JobDb; password?: string }, job: JobControl): Promise<SyncResult> =>
    withDb(input.db, async (ctx) => {
      job.progress({ phase: 'syncing' });
      const [{ syncWithHub }, { TeamRepo }, { hubCall }] = await Promise.all([import('../team/sync'), import('../db/repos/team'), import('../team/errors')]);
      return hubCall(() => syncWithHub(new TeamRepo(ctx.db), ctx.clock, { password: input.password }));
    }),

  /** A filled bid template read into one bid (electron/bids/template-task.ts): the workbook is parsed here, off the main thread. */
  'bids:read-template': async (input: ReadTemplateInput, job: JobControl): Promise<TemplateReading> => {
    job.progress({ phase: 'reading' });
    const { readTemplateTask } = await import('../bids/template-task');
    return readTemplateTask(input);
  },

  /** Stage and check a backup for a restore; the swap itself is the main connection's (swapRestored). */
  'db:stage-restore': async (input: { dbPath: string; dataBase64: string }, job: JobControl): Promise<string> => {
    job.progress({ phase: 'checking' });
    const { stageRestore } = await import('../db/backup');
    return stageRestore(input.dbPath, Buffer.from(input.dataBase64, 'base64'));
  },
} as const;

export type JobKind = keyof typeof tasks;
export type TaskInput<K extends JobKind> = Parameters<(typeof tasks)[K]>[0];
export type TaskOutput<K extends JobKind> = Awaited<ReturnType<(typeof tasks)[K]>>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.prototype.hasOwnProperty.call(tasks, kind);
}
