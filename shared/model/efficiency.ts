/**
 * Default efficiency factors by software stack: MBU (fraction of peak memory bandwidth
 * reached in decode) and MFU (fraction of dense peak reached by GEMMs). They stand for the
 * maturity of kernels, graph capture and collectives on each stack; every report shows
 * them and users can edit them per part. See docs/model.md, "Efficiency defaults".
 */

export interface Efficiency {
  mbu: number;
  mfu: number;
}

export const STACK_EFFICIENCY: Readonly<Record<string, Efficiency>> = {
  cuda: { mbu: 0.75, mfu: 0.5 },
  rocm: { mbu: 0.65, mfu: 0.4 },
  gaudi: { mbu: 0.6, mfu: 0.4 },
  cann: { mbu: 0.6, mfu: 0.4 },
  neuware: { mbu: 0.5, mfu: 0.35 },
  kunlunxin: { mbu: 0.5, mfu: 0.35 },
  dtk: { mbu: 0.55, mfu: 0.35 },
  metax: { mbu: 0.5, mfu: 0.35 },
  musa: { mbu: 0.45, mfu: 0.3 },
  biren: { mbu: 0.45, mfu: 0.3 },
  enflame: { mbu: 0.45, mfu: 0.3 },
  iluvatar: { mbu: 0.5, mfu: 0.3 },
};

/** Fallback for a stack we do not know: the most conservative row. */
export const UNKNOWN_STACK_EFFICIENCY: Efficiency = { mbu: 0.45, mfu: 0.3 };

const ALIASES: [RegExp, string][] = [
  [/cuda|tensorrt|nvidia/, 'cuda'],
  [/rocm|amd/, 'rocm'],
  [/gaudi|habana|synapse/, 'gaudi'],
  [/cann|ascend|mindie/, 'cann'],
  [/neuware|cambricon|bang/, 'neuware'],
  [/kunlun|xpu|xre/, 'kunlunxin'],
  [/dtk|hygon|dcu/, 'dtk'],
  [/metax|maca|mxmaca/, 'metax'],
  [/musa|moore/, 'musa'],
  [/biren|supa|brsoftware/, 'biren'],
  [/enflame|topsrider|tops/, 'enflame'],
  [/iluvatar|corex/, 'iluvatar'],
];

export function stackKey(softwareStack: string): string | undefined {
  const s = softwareStack.toLowerCase();
  for (const [re, key] of ALIASES) if (re.test(s)) return key;
  return undefined;
}

export function defaultEfficiency(softwareStack: string): Efficiency {
  const key = stackKey(softwareStack);
  return (key && STACK_EFFICIENCY[key]) || UNKNOWN_STACK_EFFICIENCY;
}
