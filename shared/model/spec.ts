/**
 * The two inputs of the performance model: an accelerator spec and an LLM spec.
 * Catalog parts and inline parts from a scenario are both converted into `AcceleratorSpec`;
 * presets and inline models are both `ModelSpec`. Derived shapes (attention parameters,
 * KV bytes per token, routed-expert parameters) are computed here, once.
 */
import { z } from 'zod';
import type { ExportStatus, Precision } from '../domain/accelerator';
import type { EngineProfile } from './engines';
import { keyedCheck } from '../i18n/translate';

export const WEIGHT_PRECISIONS = ['bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];
export const KV_PRECISIONS = ['bf16', 'fp16', 'fp8', 'int8'] as const;
export type KvPrecision = (typeof KV_PRECISIONS)[number];

export const BYTES_PER_PARAM: Record<WeightPrecision, number> = {
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
  fp4: 0.5,
};
export const BYTES_PER_KV: Record<KvPrecision, number> = { bf16: 2, fp16: 2, fp8: 1, int8: 1 };

/** The one accelerator shape the model uses (catalog and inline parts both become this). */
export interface AcceleratorSpec {
  /** Catalog slug, or "inline:<name>" for a part typed into a scenario. */
  key: string;
  name: string;
  vendor: string;
  domestic: boolean;
  softwareStack: string;
  memoryGB: number;
  memoryBandwidthTBps: number;
  /** Dense peak TFLOPS (TOPS for int8) per precision. */
  tflops: Partial<Record<Precision, number>>;
  tdpW: number;
  idleW: number;
  /** Vendor scale-up figure (both directions added, as datasheets quote it), GB/s per card. */
  scaleUpGBps: number;
  /** Scale-out NIC bandwidth per card, one direction, GB/s. */
  scaleOutGBps: number;
  /** Cards that share one scale-up domain (normally the cards in one server). */
  scaleUpDomain: number;
  /** Achievable fraction of peak memory bandwidth and of peak compute. */
  mbu: number;
  mfu: number;
  /** Serving engine the line runs; default by software stack (engines.ts `defaultEngine`). */
  engine?: EngineProfile;
  exportControl: { CN: ExportStatus; other: ExportStatus };
  foundry: string;
  hbmSupply: string;
  softwareMaturity: number;
  leadTimeWeeks?: number;
}

// ---------------------------------------------------------------- model spec

const posInt = (what: string) =>
  z
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .positive({ error: `expected ${what}` })
    .max(1_000_000, { error: `expected ${what} (at most 1,000,000)` });
const posNum = (what: string, max: number) =>
  z
    .number({ error: `expected ${what}` })
    .positive({ error: `expected ${what}` })
    .max(max, { error: `expected ${what} (at most ${max})` });

export const gqaAttentionSchema = z.strictObject({
  kind: z.literal('gqa'),
  heads: posInt('a positive integer number of attention heads'),
  kvHeads: posInt('a positive integer number of KV heads'),
  headDim: posInt('a positive integer head dimension'),
});
export const mlaAttentionSchema = z.strictObject({
  kind: z.literal('mla'),
  heads: posInt('a positive integer number of attention heads'),
  /** Latent KV size (DeepSeek `kv_lora_rank`). */
  kvLoraRank: posInt('a positive integer latent size (kv_lora_rank)'),
  qkRopeHeadDim: posInt('a positive integer RoPE head dimension').default(64),
  qkNopeHeadDim: posInt('a positive integer head dimension').default(128),
  vHeadDim: posInt('a positive integer value head dimension').default(128),
  qLoraRank: posInt('a positive integer query latent size').optional(),
});
export const attentionSchema = z.discriminatedUnion('kind', [gqaAttentionSchema, mlaAttentionSchema], {
  error: 'expected an attention shape: {"kind":"gqa",heads,kvHeads,headDim} or {"kind":"mla",heads,kvLoraRank,…}',
});

export const moeSchema = z.strictObject({
  experts: posInt('a positive integer number of routed experts'),
  expertsPerToken: posInt('a positive integer number of experts per token'),
  sharedExperts: z.number({ error: 'expected a non-negative integer' }).int().min(0).max(64).default(0),
});

export const modelSpecSchema = z
  .strictObject({
    id: z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'expected lower-case letters, digits, dots and dashes' }).optional(),
    name: z.string({ error: 'expected a model name' }).min(1).max(120),
    aliases: z.array(z.string().min(1).max(120)).max(20).optional(),
    totalParamsB: posNum('total parameters in billions, a positive number', 100_000),
    activeParamsB: posNum('active parameters per token in billions, a positive number', 100_000).optional(),
    layers: posInt('a positive integer number of layers'),
    hiddenSize: posInt('a positive integer hidden size'),
    vocabSize: posInt('a positive integer vocabulary size').optional(),
    attention: attentionSchema,
    /** Layers that keep a KV cache (hybrid linear-attention models keep it in few layers). */
    kvLayers: posInt('a positive integer number of layers with a KV cache').optional(),
    /** Override: KV-cache bytes per token at 16-bit precision, all layers. */
    kvBytesPerToken: posNum('KV-cache bytes per token, a positive number', 1e9).optional(),
    weightPrecision: z.enum(WEIGHT_PRECISIONS, { error: `expected one of ${WEIGHT_PRECISIONS.join(', ')}` }).default('bf16'),
    moe: moeSchema.optional(),
    source: z
      .strictObject({ title: z.string().max(500), url: z.string().max(2000).default(''), asOf: z.string().max(20).default('') })
      .optional(),
  })
  .refine((m) => m.activeParamsB === undefined || m.activeParamsB <= m.totalParamsB, keyedCheck('errors.checks.activeExceedsTotal', {}, ['activeParamsB']))
  .refine((m) => !m.moe || m.moe.expertsPerToken <= m.moe.experts, keyedCheck('errors.checks.expertsPerToken', {}, ['moe', 'expertsPerToken']))
  .refine((m) => !m.moe || (m.activeParamsB !== undefined && m.activeParamsB < m.totalParamsB), keyedCheck('errors.checks.moeActive', {}, ['activeParamsB']))
  .refine((m) => m.kvLayers === undefined || m.kvLayers <= m.layers, keyedCheck('errors.checks.kvLayers', {}, ['kvLayers']));

export type ModelSpecInput = z.input<typeof modelSpecSchema>;
export type ModelSpec = z.output<typeof modelSpecSchema>;

// ---------------------------------------------------------------- derived shape

/** Everything the performance model needs, derived once from a ModelSpec. */
export interface ModelShape {
  totalParams: number;
  activeParams: number;
  layers: number;
  kvLayers: number;
  hidden: number;
  /** Attention projection parameters, all layers. */
  attentionParams: number;
  /** All routed-expert parameters (0 for dense), and the rest (attention, dense MLP, shared experts, embeddings). */
  routedParams: number;
  denseParams: number;
  experts: number;
  expertsPerToken: number;
  /** KV-cache bytes per token at 16 bits, all layers. */
  kvBytesPerToken16: number;
  /** Decode attention FLOPs per (new token × context token), all KV layers. */
  decodeAttnFlopsPerCtx: number;
  /** Prefill attention FLOPs coefficient: FLOPs = coef × L² (causal), all KV layers. */
  prefillAttnCoef: number;
  /** KV heads that tensor parallelism can split (1 for MLA: the latent is shared by every head). */
  kvHeadsSplittable: number;
  isMla: boolean;
}

export function attentionParamsPerLayer(model: Pick<ModelSpec, 'hiddenSize' | 'attention'>): number {
  const h = model.hiddenSize;
  const a = model.attention;
  if (a.kind === 'gqa') {
    // q: h×(heads·d), k and v: h×(kvHeads·d) each, o: (heads·d)×h
    return h * a.heads * a.headDim * 2 + 2 * h * a.kvHeads * a.headDim;
  }
  const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const q = a.qLoraRank ? h * a.qLoraRank + a.qLoraRank * a.heads * qk : h * a.heads * qk;
  const kv = h * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim);
  const o = a.heads * a.vHeadDim * h;
  return q + kv + o;
}

/** KV-cache bytes per token at 16 bits: GQA 2·L·kvHeads·d·2; MLA L·(rank + rope)·2. */
export function kvBytesPerToken16(model: ModelSpec): number {
  if (model.kvBytesPerToken !== undefined) return model.kvBytesPerToken;
  const L = model.kvLayers ?? model.layers;
  const a = model.attention;
  if (a.kind === 'gqa') return 2 * L * a.kvHeads * a.headDim * 2;
  return L * (a.kvLoraRank + a.qkRopeHeadDim) * 2;
}

export function modelShape(model: ModelSpec): ModelShape {
  const total = model.totalParamsB * 1e9;
  const active = (model.activeParamsB ?? model.totalParamsB) * 1e9;
  const a = model.attention;
  const kvLayers = model.kvLayers ?? model.layers;
  let routed = 0;
  if (model.moe) {
    // total = D + R and active = D + R·k/E  ⇒  R = (total − active) / (1 − k/E)
    const share = model.moe.expertsPerToken / model.moe.experts;
    routed = share < 1 ? (total - active) / (1 - share) : 0;
  }
  const attentionParams = Math.min(total - routed, attentionParamsPerLayer(model) * model.layers);
  let decodeAttn: number;
  let prefillCoef: number;
  if (a.kind === 'gqa') {
    // decode: QKᵀ and AV, 2 FLOPs per MAC: 4·heads·d per context token per layer
    decodeAttn = 4 * a.heads * a.headDim * kvLayers;
    // prefill (causal, half the square): heads·(d_qk + d_v)·L² per layer
    prefillCoef = a.heads * 2 * a.headDim * kvLayers;
  } else {
    // absorbed MLA decode: scores on the latent (rank + rope) and values on the latent (rank)
    decodeAttn = 2 * a.heads * (2 * a.kvLoraRank + a.qkRopeHeadDim) * kvLayers;
    // prefill runs MLA as plain MHA: d_qk = nope + rope, d_v = v
    prefillCoef = a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim) * kvLayers;
  }
  return {
    totalParams: total,
    activeParams: active,
    layers: model.layers,
    kvLayers,
    hidden: model.hiddenSize,
    attentionParams,
    routedParams: routed,
    denseParams: total - routed,
    experts: model.moe?.experts ?? 0,
    expertsPerToken: model.moe?.expertsPerToken ?? 0,
    kvBytesPerToken16: kvBytesPerToken16(model),
    decodeAttnFlopsPerCtx: decodeAttn,
    prefillAttnCoef: prefillCoef,
    kvHeadsSplittable: a.kind === 'gqa' ? a.kvHeads : 1,
    isMla: a.kind === 'mla',
  };
}

/**
 * Expected distinct experts touched per MoE layer when `tokens` tokens each pick k of E
 * experts uniformly: E·(1 − (1 − k/E)^tokens). Returned as a fraction of E.
 */
export function distinctExpertFraction(experts: number, k: number, tokens: number): number {
  if (experts <= 0) return 1;
  if (tokens <= 0) return 0;
  return 1 - Math.pow(1 - k / experts, tokens);
}

/** Precision the GEMMs run in on this part for weights stored at `w` (a part without FP8 runs W8A8 INT8 or 16-bit). */
export function computePrecision(spec: Pick<AcceleratorSpec, 'tflops'>, w: WeightPrecision): Precision {
  const chains: Record<WeightPrecision, Precision[]> = {
    fp4: ['fp4', 'fp8', 'int8', 'bf16', 'fp16'],
    int4: ['bf16', 'fp16'], // weight-only INT4: dequantised to 16-bit for the GEMM
    fp8: ['fp8', 'int8', 'bf16', 'fp16'],
    int8: ['int8', 'fp8', 'bf16', 'fp16'],
    bf16: ['bf16', 'fp16'],
    fp16: ['fp16', 'bf16'],
  };
  for (const p of chains[w]) if ((spec.tflops[p] ?? 0) > 0) return p;
  return anyPrecision(spec);
}

/** 16-bit peak for attention (FlashAttention / FlashMLA run in BF16/FP16). */
export function attentionPrecision(spec: Pick<AcceleratorSpec, 'tflops'>): Precision {
  for (const p of ['bf16', 'fp16', 'fp8', 'int8'] as const) if ((spec.tflops[p] ?? 0) > 0) return p;
  return anyPrecision(spec);
}

function anyPrecision(spec: Pick<AcceleratorSpec, 'tflops'>): Precision {
  for (const p of ['bf16', 'fp16', 'fp8', 'int8', 'fp4'] as const) if ((spec.tflops[p] ?? 0) > 0) return p;
  return 'bf16';
}
