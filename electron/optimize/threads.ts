/**
 * Where the optimizer's solver threads come from (pool.ts uses them): the job layer provides
 * them at its start-up (electron/jobs/threads.ts). Kept apart from the pool so that providing
 * them loads nothing of the solver.
 */
import type { AnalysisContext, AnalysisResult, AnalysisTask } from './analysis';

/** What a solver thread is sent: the run's context (once per thread and run), then its task or a warm-up. */
export interface AnalysisMessage {
  key: string;
  ctx?: AnalysisContext;
  task: AnalysisTask | 'warm';
}

/** One solver thread, as the job layer provides it. */
export interface SolverThread {
  run(m: AnalysisMessage): Promise<AnalysisResult | null>;
  /** Whether it may keep the process alive (only while it works). */
  hold(on: boolean): void;
}

let provider: (() => SolverThread) | undefined;

/** The job layer's threads (set once at its start-up). */
export function provideSolverThreads(make: () => SolverThread): void {
  provider = make;
}

export function solverThreadProvider(): (() => SolverThread) | undefined {
  return provider;
}
