/**
 * Serving-engine profiles: the per-step costs a real engine adds to the roofline and how it
 * holds the KV cache. A profile is a property of the engine *and its date*; each one carries
 * the sources its values rest on, and every value not read off a source is marked as an
 * estimate (to be calibrated against the validation table, docs/model.md § 10).
 *
 * Formulas that use these parameters (docs/model.md § 3):
 *   step      = fixed + max(m, k, n') + (1 − overlap) · (m + k + n' − max(m, k, n')),
 *               n' = n − min(epOverlap · EP all-to-all, k)
 *   collective = α + bytes / (link · β)                        (per collective, per layer)
 *   expert MFU = MFU · t / (t + t½),  t = tokens per expert per step,
 *               t½ = max(tile padding, φ · bpp · P·MFU / (2 · BW·MBU))   (expert-gemm.ts)
 *   KV tokens per sequence: paged → (L_in + L_out/2 + (b − 1)/2) · (1 + margin), at most the
 *   full context rounded up to blocks; static → the full context.
 */
import { z } from 'zod';
import { EXPERT_STREAM_SHARE } from './expert-gemm';

export interface EngineSource {
  title: string;
  url: string;
}

export interface EngineProfile {
  /** Stable id used in scenario files (`"engine": "vllm"`), or the user's own. */
  id: string;
  name: string;
  /** The engine version / date the values describe. */
  asOf: string;
  /** Fixed cost of one decode step, ms: scheduling, sampling, kernel launches / graph replay. */
  stepOverheadMs: number;
  /** Latency α of one collective, µs, inside the scale-up domain and over the scale-out network. */
  scaleUpLatencyUs: number;
  scaleOutLatencyUs: number;
  /** Fraction β of the link bandwidth a collective reaches (scale-up one way; scale-out NIC). */
  scaleUpBandwidthFraction: number;
  scaleOutBandwidthFraction: number;
  /** Share (0–1) of the lesser step terms hidden behind the largest: 1 = pure max(), 0 = sum. */
  overlap: number;
  /**
   * Share (0–1) of expert-parallel dispatch + combine hidden behind compute by micro-batch
   * overlap (SGLang two-batch / single-batch overlap, DeepSeek's dual micro-batches); applied
   * only where EP all-to-all traffic exists, at most the compute time. 0 or unset: none.
   */
  epOverlap?: number;
  /** Attention runs at the FP8 peak when the KV cache is FP8 (FP8 attention kernels). */
  fp8Attention?: boolean;
  /** Tile padding of grouped expert GEMMs, tokens per expert at half the dense MFU ((M_tile − 1)/2). */
  expertHalfTokens: number;
  /**
   * Share φ of each expert's own weight stream its grouped GEMM cannot overlap with its math,
   * charged as compute (expert-gemm.ts; derived from DeepGEMM's table, 0 switches it off).
   */
  expertStreamShare: number;
  /** Paged KV (blocks allocated as tokens are generated) or a full-context reservation. */
  pagedKv: boolean;
  /** Tokens per KV block (1 = token granularity). */
  blockTokens: number;
  /** KV kept free against preemption, as a fraction of the mean occupancy. */
  preemptionMargin: number;
  /** The scheduler's default cap on running sequences per replica (vLLM `max_num_seqs`); none when unset. */
  maxRunningSequences?: number;
  /** True when any value is an estimate rather than read off a source. */
  estimate: boolean;
  notes: string;
  sources: EngineSource[];
}

const VLLM_PAPER: EngineSource = {
  title: 'W. Kwon et al., Efficient Memory Management for Large Language Model Serving with PagedAttention, SOSP 2023 (arXiv:2309.06180)',
  url: 'https://arxiv.org/abs/2309.06180',
};
const DEEPGEMM: EngineSource = {
  title: 'deepseek-ai/DeepGEMM README: masked grouped GEMM on H800 reaches 932 / 1,040 / 1,233 TFLOPS at 256 / 512 / 1,024 tokens per group against 1,304 for the dense M = 4,096 GEMM of the same shape',
  url: 'https://github.com/deepseek-ai/DeepGEMM',
};

const FUSED_MOE: EngineSource = {
  title: 'vLLM fused_moe.py get_default_config: BLOCK_SIZE_M 16 when tokens ≤ experts, else 64 (the Triton fused-MoE kernel SGLang also uses)',
  url: 'https://github.com/vllm-project/vllm/blob/main/vllm/model_executor/layers/fused_moe/fused_moe.py',
};

/**
 * The step parameters fitted once for every paged engine (scripts/calibrate-engines.ts: the
 * calibration rows cannot tell the engines apart), with the engine's own KV block size, read off
 * its sources and not fitted.
 */
function pagedCalibrated({ blockTokens }: { blockTokens: number }) {
  return {
    stepOverheadMs: 1,
    scaleUpLatencyUs: 30,
    scaleOutLatencyUs: 10,
    scaleUpBandwidthFraction: 0.4,
    scaleOutBandwidthFraction: 0.7,
    overlap: 0.3,
    expertHalfTokens: 8,
    expertStreamShare: EXPERT_STREAM_SHARE,
    pagedKv: true,
    blockTokens,
    preemptionMargin: 0.05,
  };
}

/**
 * The built-in profiles. Values marked estimate in `notes`. Tile padding t½ ≈ (M_tile − 1)/2,
 * the rows a grouped GEMM pads per expert on average: 8 for the 16-row tiles of small-batch
 * fused-MoE kernels; the weight-stream share φ comes from DeepGEMM's table (expert-gemm.ts).
 */
export const ENGINE_PROFILES: Readonly<Record<string, EngineProfile>> = {
  vllm: {
    id: 'vllm',
    name: 'vLLM',
    asOf: '2025 (V1 engine, 0.8–0.10)',
    ...pagedCalibrated({ blockTokens: 16 }),
    estimate: true,
    notes:
      'block size 16 is the documented default; paged KV with preemption by recomputation (Kwon et al.). Step overhead, α, β, overlap and the preemption margin are estimates: vLLM 0.6 measured the GPU busy only 38 % of the time on Llama 3 8B / H100 before its CPU-overhead work, the V1 engine overlaps scheduling with execution.',
    sources: [
      VLLM_PAPER,
      { title: 'vLLM docs, vllm.config.cache.CacheConfig (DEFAULT_BLOCK_SIZE = 16)', url: 'https://docs.vllm.ai/en/stable/api/vllm/config/cache/' },
      { title: 'vLLM blog, vLLM v0.6.0: 2.7x Throughput Improvement and 5x Latency Reduction (2024-09-05)', url: 'https://blog.vllm.ai/2024/09/05/perf-update.html' },
      FUSED_MOE,
      DEEPGEMM,
    ],
  },
  sglang: {
    id: 'sglang',
    name: 'SGLang',
    asOf: '2025 (0.4–0.5)',
    ...pagedCalibrated({ blockTokens: 1 }),
    epOverlap: 0,
    fp8Attention: true,
    estimate: true,
    notes:
      'token-level KV pool (page size 1, RadixAttention); zero-overhead batch scheduler (CPU scheduling overlapped with the GPU); two-batch / single-batch overlap can hide MoE dispatch/combine behind compute in EP deployments (epOverlap, calibrated: 0 with the shared α/β, docs/model.md § 10); FP8 attention with an FP8 KV cache (FlashMLA-FP8). Overhead, α, β, overlap and margin are calibrated estimates.',
    sources: [
      { title: 'L. Zheng et al., SGLang: Efficient Execution of Structured Language Model Programs, NeurIPS 2024 (arXiv:2312.07104)', url: 'https://arxiv.org/abs/2312.07104' },
      { title: 'LMSYS blog, SGLang v0.4: Zero-Overhead Batch Scheduler, Cache-Aware Load Balancer, Faster Structured Outputs (2024-12-04)', url: 'https://lmsys.org/blog/2024-12-04-sglang-v0-4/' },
      { title: 'LMSYS blog, Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs (2025-05-05): two-batch overlap, DeepEP', url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/' },
      { title: 'LMSYS blog, Together with SGLang: Best Practices for Serving DeepSeek-R1 on H20-96G (2025-09-26): FlashMLA-FP8, DeepGEMM swapAB, single-batch overlap', url: 'https://lmsys.org/blog/2025-09-26-sglang-ant-group/' },
      { title: 'sgl-project/DeepGEMM PR #14, single-batch overlap (SBO) for DeepSeek V3/R1: shared expert under dispatch recv, down GEMM under combine send; TBO suboptimal at small H20 decode batches', url: 'https://github.com/sgl-project/DeepGEMM/pull/14' },
      FUSED_MOE,
      DEEPGEMM,
    ],
  },
  'tensorrt-llm': {
    id: 'tensorrt-llm',
    name: 'TensorRT-LLM',
    asOf: '2025 (0.17–1.0)',
    ...pagedCalibrated({ blockTokens: 32 }),
    estimate: true,
    notes:
      'paged KV, tokens_per_block 32 (KvCacheConfig default); max-throughput runs use the MAX_UTILIZATION capacity scheduler (the default GUARANTEED_NO_EVICT reserves each request\'s full length: add a profile with "pagedKv": false to model it). C++ runtime with CUDA graphs and custom one-shot/two-shot all-reduce; overhead, α, β, overlap and margin are estimates.',
    sources: [
      { title: 'TensorRT-LLM docs, KvCacheConfig (tokens_per_block, free_gpu_memory_fraction)', url: 'https://nvidia.github.io/TensorRT-LLM/llm-api/reference/KvCacheConfig.html' },
      { title: 'TensorRT-LLM docs, Useful Runtime Options: capacity scheduler policy (GUARANTEED_NO_EVICT, MAX_UTILIZATION)', url: 'https://nvidia.github.io/TensorRT-LLM/performance/performance-tuning-guide/useful-runtime-flags.html' },
      DEEPGEMM,
    ],
  },
  mindie: {
    id: 'mindie',
    name: 'MindIE / vLLM-Ascend',
    asOf: '2025 (MindIE 2.x, vLLM-Ascend 0.9)',
    ...pagedCalibrated({ blockTokens: 128 }),
    estimate: true,
    notes:
      'block size 128 ("Ascend devices have a better affinity for block size 128", vLLM-Ascend default, as in the MindIE docs); HCCL collectives. Overhead, α, β, overlap, t½ and margin are estimates (less mature graph mode and grouped-matmul kernels than CUDA are assumed).',
    sources: [
      { title: 'vllm-project/vllm-ascend PR #84, reset default block_size from 16 to 128 (2025-02-18), citing the MindIE service docs', url: 'https://github.com/vllm-project/vllm-ascend/pull/84' },
      { title: 'P. Zuo et al., Serving Large Language Models on Huawei CloudMatrix384 (arXiv:2506.12708), 2025-06', url: 'https://arxiv.org/abs/2506.12708' },
    ],
  },
  lmdeploy: {
    id: 'lmdeploy',
    name: 'LMDeploy (TurboMind)',
    asOf: '2025 (0.7–0.9)',
    ...pagedCalibrated({ blockTokens: 64 }),
    estimate: true,
    notes:
      'TurboMind (C++ engine derived from FasterTransformer): persistent batching and a blocked KV cache (cache_block_seq_len 64). Overhead, α, β, overlap and margin are estimates.',
    sources: [
      { title: 'InternLM/lmdeploy, lmdeploy/messages.py TurbomindEngineConfig (cache_block_seq_len = 64, cache_max_entry_count = 0.8) and the TurboMind overview (persistent batching, KV cache manager)', url: 'https://github.com/InternLM/lmdeploy/blob/main/lmdeploy/messages.py' },
      DEEPGEMM,
    ],
  },
  'vllm-rocm-2024': {
    id: 'vllm-rocm-2024',
    name: 'vLLM (ROCm, 2024)',
    asOf: '2024 (0.6, ROCm 6.x)',
    ...pagedCalibrated({ blockTokens: 16 }),
    maxRunningSequences: 256,
    estimate: true,
    notes:
      'vLLM before the V1 engine, as AMD and its cloud partners ran it on MI300X in 2024: the step parameters of the current profile, and the scheduler\'s default max_num_seqs = 256 running sequences (benchmark_throughput.py and the server used the engine defaults), so a KV-rich MI300X cannot batch past 256 sequences. Used for ROCm measurements dated before 2025 and selectable by name.',
    sources: [
      VLLM_PAPER,
      { title: 'vLLM v0.6 docs, Engine Arguments: --max-num-seqs, maximum number of sequences per iteration (default 256)', url: 'https://docs.vllm.ai/en/v0.6.0/models/engine_args.html' },
      { title: 'vLLM blog, vLLM v0.6.0: 2.7x Throughput Improvement and 5x Latency Reduction (2024-09-05)', url: 'https://blog.vllm.ai/2024/09/05/perf-update.html' },
    ],
  },
  unknown: {
    id: 'unknown',
    name: 'unknown engine',
    asOf: '–',
    stepOverheadMs: 3,
    scaleUpLatencyUs: 40,
    scaleOutLatencyUs: 40,
    scaleUpBandwidthFraction: 0.4,
    scaleOutBandwidthFraction: 0.7,
    overlap: 0.3,
    expertHalfTokens: 32,
    expertStreamShare: EXPERT_STREAM_SHARE,
    pagedKv: false,
    blockTokens: 1,
    preemptionMargin: 0,
    estimate: true,
    notes: 'conservative fallback for a stack whose serving engine we do not know: full-context KV reservation (static batching), slower collectives and overheads. All values are estimates.',
    sources: [VLLM_PAPER],
  },
};

export const ENGINE_IDS = Object.keys(ENGINE_PROFILES);

/** Default engine by software stack key (efficiency.ts `stackKey`). */
const STACK_ENGINE: Readonly<Record<string, string>> = {
  cuda: 'vllm',
  rocm: 'vllm',
  gaudi: 'vllm',
  cann: 'mindie',
};

const ALIASES: [RegExp, string][] = [
  [/^v-?llm$/, 'vllm'],
  [/^v-?llm[- ]?\(?rocm,? ?2024\)?$/, 'vllm-rocm-2024'],
  [/^sg-?lang$/, 'sglang'],
  [/^(tensorrt|trt)[- ]?llm$/, 'tensorrt-llm'],
  [/^(mindie|mind-ie|vllm-?ascend)$/, 'mindie'],
  [/^(lmdeploy|turbomind)$/, 'lmdeploy'],
  [/^(unknown|unknown engine|other)$/, 'unknown'],
];

/**
 * Release windows: a profile that describes an engine on one stack before a date. A
 * measurement (or a user's "as of") dated before `before` on that stack runs the vintage.
 */
export const ENGINE_VINTAGES: readonly { engine: string; stack: string; before: string; profile: string }[] = [
  { engine: 'vllm', stack: 'rocm', before: '2025-01', profile: 'vllm-rocm-2024' },
];

/** The profile of `engine` on `stack` as of `date` (YYYY-MM or YYYY-MM-DD): its vintage when one covers the date. */
export function engineAsOf(engine: EngineProfile, stack: string | undefined, date: string | undefined): EngineProfile {
  if (!date || !stack) return engine;
  const v = ENGINE_VINTAGES.find((x) => x.engine === engine.id && x.stack === stack && date.slice(0, 7) < x.before);
  return (v && ENGINE_PROFILES[v.profile]) || engine;
}

/** A profile by id or common name ("TensorRT-LLM", "trtllm", "vllm-ascend"); undefined when unknown. */
export function findEngine(name: string): EngineProfile | undefined {
  const s = name.trim().toLowerCase();
  if (ENGINE_PROFILES[s]) return ENGINE_PROFILES[s];
  for (const [re, id] of ALIASES) if (re.test(s)) return ENGINE_PROFILES[id];
  return undefined;
}

/** The engine a line runs when it names none: by software stack, else "unknown engine". */
export function defaultEngine(stack: string | undefined): EngineProfile {
  return ENGINE_PROFILES[(stack && STACK_ENGINE[stack]) || 'unknown']!;
}

/** The profile a named engine maps to, else the stack's default (e.g. an in-house engine on CUDA runs as vLLM). */
export function engineOrDefault(name: string | undefined, stack: string | undefined): EngineProfile {
  return (name && findEngine(name)) || defaultEngine(stack);
}

// ---------------------------------------------------------------- a user's own profile

const frac = (what: string) => z.number({ error: `expected ${what}` }).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const nonNeg = (what: string, max: number) =>
  z.number({ error: `expected ${what}` }).min(0, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });

/**
 * An inline profile in a scenario file: `"engine": {"name": "our vLLM fork", "base": "vllm",
 * "stepOverheadMs": 4}`. Fields not given come from `base` (default "unknown").
 */
export const engineProfileSchema = z.strictObject({
  name: z.string({ error: 'expected an engine name' }).min(1).max(120),
  base: z.string().max(40).optional(),
  asOf: z.string().max(40).optional(),
  stepOverheadMs: nonNeg('a step overhead in ms', 1000).optional(),
  scaleUpLatencyUs: nonNeg('a collective latency in µs', 100_000).optional(),
  scaleOutLatencyUs: nonNeg('a collective latency in µs', 100_000).optional(),
  scaleUpBandwidthFraction: frac('a bandwidth fraction in (0, 1]').refine((v) => v > 0, { error: 'expected a bandwidth fraction in (0, 1]' }).optional(),
  scaleOutBandwidthFraction: frac('a bandwidth fraction in (0, 1]').refine((v) => v > 0, { error: 'expected a bandwidth fraction in (0, 1]' }).optional(),
  overlap: frac('an overlap factor between 0 and 1').optional(),
  epOverlap: frac('an EP overlap share between 0 and 1').optional(),
  fp8Attention: z.boolean({ error: 'expected true or false' }).optional(),
  expertHalfTokens: nonNeg('tokens per expert at half efficiency', 1_000_000).optional(),
  expertStreamShare: frac('a weight-stream share between 0 and 1').optional(),
  pagedKv: z.boolean({ error: 'expected true or false' }).optional(),
  blockTokens: z.number({ error: 'expected a positive integer block size' }).int({ error: 'expected a positive integer block size' }).positive({ error: 'expected a positive integer block size' }).max(65_536).optional(),
  preemptionMargin: nonNeg('a preemption margin between 0 and 1', 1).optional(),
  maxRunningSequences: z.number({ error: 'expected a positive integer number of sequences' }).int({ error: 'expected a positive integer number of sequences' }).positive({ error: 'expected a positive integer number of sequences' }).max(1_000_000).optional(),
  notes: z.string().max(2000).optional(),
});
export type EngineProfileInput = z.output<typeof engineProfileSchema>;

/** A user's profile over its base; unknown base names fall back to "unknown engine". */
export function customEngine(p: EngineProfileInput): EngineProfile {
  const base = (p.base && findEngine(p.base)) || ENGINE_PROFILES.unknown!;
  const defined = Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== undefined && k !== 'base' && k !== 'name' && k !== 'notes'));
  return {
    ...base,
    ...defined,
    id: `custom:${p.name}`,
    name: p.name,
    asOf: p.asOf ?? base.asOf,
    estimate: true,
    notes: p.notes ?? `user profile over ${base.name}`,
    sources: [],
  };
}
