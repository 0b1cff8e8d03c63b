/** Long work off the main thread: the runner, its tasks, and where a task finds the caller's database. */
import type { AppContext } from '../context';
import { jobNativeBinding } from './runner';
import type { JobDb } from './tasks';

export { activeJobs, cancelJob, closeJobWorkers, configureJobs, runJob, type JobInfo, type JobOptions } from './runner';
export { JobCancelledError, type JobDb, type JobKind } from './tasks';
export type { JobProgress } from './wire';

/**
 * The database as a job sees it: the caller's file and the instant of the call. Undefined for an
 * in-memory database, which no other connection can open: such a call runs on its own thread.
 */
export function jobDb(ctx: AppContext): JobDb | undefined {
  if (ctx.dbPath === ':memory:') return undefined;
  return { dbPath: ctx.dbPath, nativeBinding: jobNativeBinding(), now: ctx.clock().toISOString() };
}
