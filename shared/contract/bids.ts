/** API channels of bid evaluation and report export (filled in by the bids/report work). */
export const bidChannels = {} as const;
