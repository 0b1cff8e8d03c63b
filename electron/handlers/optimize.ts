/** Handlers of the optimizer channels (see shared/contract/optimize.ts). */
export const optimizeHandlers = {} as const;
