/** Handlers of the optimizer channels (see shared/contract/optimize.ts). */
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { runOptimize } from '../optimize/run';

/** Unknown part or model names and parts without prices throw ScenarioError; dispatch reports them with their JSON paths. */
export function optimizeRun(ctx: AppContext, input: OptimizeProblem) {
  return runOptimize(input, catalogSnapshot(ctx), { today: ctx.today() });
}

export const optimizeHandlers = {
  'optimize:run': optimizeRun,
} as const;
