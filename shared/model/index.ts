/** The models: performance (dense, MoE, MLA), disaggregated serving, TCO, power, supply risk, sensitivity. */
export * from './spec';
export * from './presets';
export * from './efficiency';
export * from './engines';
export * from './expert-gemm';
export * from './perf';
export * from './serving';
export * from './cluster';
export * from './power';
export * from './tco';
export * from './risk';
export * from './sensitivity';
