/**
 * Long work seen from the renderer. The main process runs it as a job off its thread
 * (electron/jobs) while the page's own `call` is pending; `jobs:list` tells each job's phase and
 * progress, and `jobs:cancel` stops one, after which that call fails. A page watches the job its
 * call started by polling, and cancels it through the watch.
 */
import type { JobView } from '../../../shared/contract/jobs';
import { call } from './client';

export type JobProgressView = Pick<JobView, 'state'> & NonNullable<JobView['progress']>;

export interface JobWatch {
  /** Stop polling (the call has answered). */
  stop(): void;
  /** Ask the job to stop: at once when it has been seen, else as soon as a poll finds it. */
  cancel(): void;
  /** Whether cancel() was asked for. */
  readonly cancelRequested: boolean;
}

const POLL_MS = 250;

/**
 * Watch the next job of `kind` to appear: call it just before the call that starts the job. The
 * jobs of that kind already running (another window's) are listed first and left alone.
 */
export async function watchJob(kind: string, onProgress: (p: JobProgressView) => void): Promise<JobWatch> {
  const others = new Set((await call('jobs:list').catch(() => [] as JobView[])).filter((j) => j.kind === kind).map((j) => j.id));
  let id: number | null = null;
  let stopped = false;
  let cancelRequested = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelNow = () => {
    if (id !== null) void call('jobs:cancel', { id }).catch(() => undefined);
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const jobs = await call('jobs:list');
      if (stopped) return;
      const mine = id !== null ? jobs.find((j) => j.id === id) : jobs.filter((j) => j.kind === kind && !others.has(j.id)).sort((a, b) => a.id - b.id)[0];
      if (mine) {
        const first = id === null;
        id = mine.id;
        if (first && cancelRequested) cancelNow();
        onProgress({ state: mine.state, phase: mine.progress?.phase ?? '', ...(mine.progress?.done !== undefined && { done: mine.progress.done }), ...(mine.progress?.total !== undefined && { total: mine.progress.total }) });
      }
    } catch {
      // a missed poll only delays the next figure
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
  };
  timer = setTimeout(() => void poll(), POLL_MS / 2);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    cancel() {
      cancelRequested = true;
      cancelNow();
    },
    get cancelRequested() {
      return cancelRequested;
    },
  };
}
