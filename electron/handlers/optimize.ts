/** Handlers of the optimizer channels (see shared/contract/optimize.ts). */
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { runJob } from '../jobs';

/**
 * The answers of this session's latest runs (integer variables by label): a re-run after an edit
 * starts from the best of them that still fits (electron/optimize/solve.ts bestStart). Kept on
 * the main thread, so any job worker can take the next run.
 */
const KNOWN_MAX = 4;
const known: [string, number][][] = [];

/**
 * The catalog is read here (one snapshot) and the solve runs in a job worker, so the window and
 * the loopback host keep answering. Unknown part or model names and parts without prices throw
 * ScenarioError (rebuilt from the worker's answer); dispatch reports them with their JSON paths.
 */
export async function optimizeRun(ctx: AppContext, input: OptimizeProblem) {
  const { result, answer } = await runJob('optimize', { problem: input, snapshot: catalogSnapshot(ctx), today: ctx.today(), known: [...known] });
  if (answer) {
    known.unshift(answer);
    known.length = Math.min(known.length, KNOWN_MAX);
  }
  return result;
}

/**
 * Start-up: a job worker compiles the solver on a real model in the background (the runner
 * keeps it for the solves). Failures only cost the warm-up, so they are ignored.
 */
export function warmOptimizer(ctx: AppContext): void {
  runJob('optimize:warm', { snapshot: catalogSnapshot(ctx), today: ctx.today() }).catch(() => undefined);
}

export const optimizeHandlers = {
  'optimize:run': optimizeRun,
} as const;
