/** Handlers of the vendor price-sheet import channels (see shared/contract/import.ts). */
export const importHandlers = {} as const;
