/** Handlers of the optimizer channels (see shared/contract/optimize.ts). */
import type { OptimizeProblem } from '../../shared/optimize/schema';
import { AppError } from '../../shared/contract/result';
import { ScenarioError } from '../../shared/scenario/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { runOptimize } from '../optimize/run';

export async function optimizeRun(ctx: AppContext, input: OptimizeProblem) {
  try {
    return await runOptimize(input, catalogSnapshot(ctx), { today: new Date().toISOString().slice(0, 10) });
  } catch (e) {
    // unknown part or model names, parts without prices: the user's input, with its JSON path
    if (e instanceof ScenarioError) throw new AppError('invalid-input', e.message, e.issues);
    throw e;
  }
}

export const optimizeHandlers = {
  'optimize:run': optimizeRun,
} as const;
