/** API channels of the optimizer (filled in by the optimizer work). */
export const optimizeChannels = {} as const;
