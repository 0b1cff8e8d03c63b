/** API channels of the optimizer: solve an optimize problem (see shared/optimize/schema.ts). */
import { optimizeProblemSchema } from '../optimize/schema';
import type { OptimizeResult } from '../optimize/types';

export const optimizeChannels = {
  /** The cheapest build that serves the demand under the constraints, its KPIs, binding constraints and cost–risk frontier. */
  'optimize:run': { input: optimizeProblemSchema, output: {} as OptimizeResult },
} as const;
