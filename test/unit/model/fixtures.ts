/** Small hand-checkable parts and models for the model tests. */
import type { AcceleratorSpec, ModelSpec } from '../../../shared/model/spec';
import { modelSpecSchema } from '../../../shared/model/spec';
import { ENGINE_PROFILES, type EngineProfile } from '../../../shared/model/engines';

/**
 * The pure roofline as an engine: no step overhead, full overlap (step = max of the terms),
 * no expert-GEMM penalty, a full-context KV reservation, α 5 / 20 µs and β 0.8 — so the
 * hand-computed roofline tests keep their meaning; the engine terms have their own tests.
 */
export const ROOFLINE_ENGINE: EngineProfile = {
  ...ENGINE_PROFILES.unknown!,
  id: 'test:roofline',
  name: 'roofline',
  stepOverheadMs: 0,
  scaleUpLatencyUs: 5,
  scaleOutLatencyUs: 20,
  scaleUpBandwidthFraction: 0.8,
  scaleOutBandwidthFraction: 0.8,
  overlap: 1,
  expertHalfTokens: 0,
  expertStreamShare: 0,
  pagedKv: false,
  blockTokens: 1,
  preemptionMargin: 0,
};

/** 100 GB, 1 TB/s, 100 TFLOPS BF16, MBU = MFU = 0.5 → 0.5 TB/s and 50 TFLOPS effective. */
export const TOY: AcceleratorSpec = {
  engine: ROOFLINE_ENGINE,
  key: 'toy',
  name: 'Toy',
  vendor: 'ToyCo',
  domestic: false,
  softwareStack: 'CUDA',
  memoryGB: 100,
  memoryBandwidthTBps: 1,
  tflops: { bf16: 100 },
  tdpW: 500,
  idleW: 100,
  scaleUpGBps: 400, // one way 200 GB/s, × 0.8 efficiency = 160 GB/s
  scaleOutGBps: 50, // × 0.8 = 40 GB/s
  scaleUpDomain: 8,
  mbu: 0.5,
  mfu: 0.5,
  exportControl: { CN: 'free', other: 'free' },
  foundry: 'TSMC',
  hbmSupply: 'SK hynix',
  softwareMaturity: 0.9,
};

/** 10B dense, 10 layers, hidden 1000, 10 heads × 100 (MHA: 10 KV heads), BF16. */
export const TOY_DENSE: ModelSpec = modelSpecSchema.parse({
  name: 'Toy 10B',
  totalParamsB: 10,
  layers: 10,
  hiddenSize: 1000,
  attention: { kind: 'gqa', heads: 10, kvHeads: 10, headDim: 100 },
  weightPrecision: 'bf16',
});

/** 100B MoE, 10B active, 64 experts top-4. */
export const TOY_MOE: ModelSpec = modelSpecSchema.parse({
  name: 'Toy MoE',
  totalParamsB: 100,
  activeParamsB: 10,
  layers: 10,
  hiddenSize: 1000,
  attention: { kind: 'gqa', heads: 10, kvHeads: 2, headDim: 100 },
  moe: { experts: 64, expertsPerToken: 4, sharedExperts: 0 },
  weightPrecision: 'bf16',
});
