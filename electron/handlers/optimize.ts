/** Handlers of the optimizer channels (see shared/contract/optimize.ts). */
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { runJob } from '../jobs';

/**
 * The catalog is read here (one snapshot) and the solve runs in a job worker, so the window and
 * the loopback host keep answering. Unknown part or model names and parts without prices throw
 * ScenarioError (rebuilt from the worker's answer); dispatch reports them with their JSON paths.
 */
export function optimizeRun(ctx: AppContext, input: OptimizeProblem) {
  return runJob('optimize', { problem: input, snapshot: catalogSnapshot(ctx), today: ctx.today() });
}

export const optimizeHandlers = {
  'optimize:run': optimizeRun,
} as const;
