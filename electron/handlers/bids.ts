/** Handlers of the bid and report channels (see shared/contract/bids.ts). */
export const bidHandlers = {} as const;
