/**
 * Roofline performance of one serving group: g identical cards holding one model replica.
 * A step = the engine's fixed overhead + max(memory, compute, interconnect) + the part of the
 * other terms the engine does not overlap; prefill likewise with the quadratic attention term.
 * Formulas and sources: docs/model.md, "Performance".
 */
import type { Precision } from '../domain/accelerator';
import { stackKey } from './efficiency';
import { defaultEngine, type EngineProfile } from './engines';
import { expertEfficiency, expertHalfTokens } from './expert-gemm';
import {
  attentionPrecision,
  BYTES_PER_KV,
  BYTES_PER_PARAM,
  computePrecision,
  distinctExpertFraction,
  type AcceleratorSpec,
  type KvPrecision,
  type ModelShape,
  type WeightPrecision,
} from './spec';

/** Model constants; each is documented in docs/model.md and echoed in evaluation output. */
export interface PerfTunables {
  /** Share of card memory usable for weights + KV (the rest: activations, workspace, runtime). */
  memoryUtilization: number;
  /** Upper bound on concurrent sequences per card in the batch search. */
  maxBatchPerCard: number;
  /** Fraction of scale-out NIC bandwidth reached by KV transfers between pools (collectives use the engine's β). */
  scaleOutEfficiency: number;
  /** Scale-up bandwidth assumed for a card that lists none (PCIe peer to peer), GB/s one way. */
  pcieGBps: number;
}

export const PERF_DEFAULTS: PerfTunables = {
  memoryUtilization: 0.9,
  maxBatchPerCard: 512,
  scaleOutEfficiency: 0.8,
  pcieGBps: 32,
};

/** One way of laying a replica out on g cards. */
export interface GroupLayout {
  groupSize: number;
  /** Tensor-parallel degree of attention; g / attnTp data-parallel attention ranks. */
  attnTp: number;
  weightPrecision: WeightPrecision;
  kvPrecision: KvPrecision;
}

export interface StepBreakdown {
  memoryMs: number;
  computeMs: number;
  commMs: number;
  /** The engine's fixed cost per step. */
  fixedMs: number;
  /** Time hidden by overlap: overlap · (memory + compute + comm − the largest). */
  overlapMs: number;
  /** fixed + memory + compute + comm − overlap. */
  totalMs: number;
  dominant: 'memory' | 'compute' | 'interconnect' | 'overhead';
}

export interface PerfContext {
  spec: AcceleratorSpec;
  shape: ModelShape;
  layout: GroupLayout;
  tun: PerfTunables;
  engine: EngineProfile;
  /** Derived constants, computed once per (spec, shape, layout). */
  bytesPerParam: number;
  kvBytesPerToken: number;
  /** KV replication across attention TP ranks (1 = none). */
  kvReplication: number;
  linearPeak: number; // FLOP/s after MFU
  attnPeak: number; // FLOP/s after MFU
  bandwidth: number; // B/s after MBU
  linearPrecision: Precision;
  moeLayers: number;
}

export function makeContext(
  spec: AcceleratorSpec,
  shape: ModelShape,
  layout: GroupLayout,
  tun: PerfTunables = PERF_DEFAULTS,
): PerfContext {
  const lp = computePrecision(spec, layout.weightPrecision);
  const engine = spec.engine ?? defaultEngine(stackKey(spec.softwareStack));
  // attention math in FP8 where the engine has FP8 attention kernels and the KV cache is FP8 (FlashMLA-FP8, FA3 FP8)
  const ap: Precision = engine.fp8Attention && layout.kvPrecision === 'fp8' && (spec.tflops.fp8 ?? 0) > 0 ? 'fp8' : attentionPrecision(spec);
  const kvRepl = Math.max(1, layout.attnTp / Math.max(1, Math.min(layout.attnTp, shape.kvHeadsSplittable)));
  return {
    spec,
    shape,
    layout,
    tun,
    engine,
    bytesPerParam: BYTES_PER_PARAM[layout.weightPrecision],
    kvBytesPerToken: (shape.kvBytesPerToken16 * BYTES_PER_KV[layout.kvPrecision]) / 2,
    kvReplication: kvRepl,
    linearPeak: (spec.tflops[lp] ?? 0) * 1e12 * spec.mfu,
    attnPeak: (spec.tflops[ap] ?? 0) * 1e12 * spec.mfu,
    bandwidth: spec.memoryBandwidthTBps * 1e12 * spec.mbu,
    linearPrecision: lp,
    moeLayers: shape.experts > 0 ? shape.layers : 0,
  };
}

// ---------------------------------------------------------------- memory

export function usableBytesPerCard(c: PerfContext): number {
  return c.spec.memoryGB * 1e9 * c.tun.memoryUtilization;
}

/** Resident weight bytes per card: attention split over attnTp, everything else over g. */
export function weightBytesPerCard(c: PerfContext): number {
  const { shape, layout } = c;
  const attn = shape.attentionParams / layout.attnTp;
  const rest = (shape.totalParams - shape.attentionParams) / layout.groupSize;
  return (attn + rest) * c.bytesPerParam;
}

/** KV bytes per card for one token of one sequence, averaged over the group. */
export function kvBytesPerSeqTokenPerCard(c: PerfContext): number {
  return (c.kvBytesPerToken * c.kvReplication) / c.layout.groupSize;
}

/** Largest number of sequences of `contextTokens` whose KV fits next to the weights. */
export function maxSequencesByMemory(c: PerfContext, contextTokens: number): number {
  const free = freeKvBytesPerCard(c);
  if (free <= 0) return 0;
  return Math.floor(free / (kvBytesPerSeqTokenPerCard(c) * Math.max(1, contextTokens)));
}

/** Usable bytes per card left for the KV cache once the weights are resident (negative: the weights do not fit). */
export function freeKvBytesPerCard(c: PerfContext): number {
  return usableBytesPerCard(c) - weightBytesPerCard(c);
}

/** KV tokens one sequence holds: at mean occupancy, at full context, and what the engine reserves for it. */
export interface KvOccupancy {
  meanTokens: number;
  fullTokens: number;
  reservedTokens: number;
}

/**
 * KV occupancy of one sequence of `input` + `output` tokens under an engine (issue 19).
 * Full context, rounded up to whole blocks of b tokens: ⌈(L_in + L_out) / b⌉ · b.
 * Paged engines allocate blocks as tokens are generated; under continuous batching the
 * sequences in flight are spread evenly over their lifetimes, so on average a sequence holds
 * L_in + L_out/2 tokens plus a half-empty last block, (b − 1)/2; the engine keeps a margin
 * against preemption: reserved = min(full, mean · (1 + margin)). Static engines reserve the
 * full context.
 */
export function kvOccupancy(engine: Pick<EngineProfile, 'pagedKv' | 'blockTokens' | 'preemptionMargin'>, input: number, output: number): KvOccupancy {
  const b = Math.max(1, engine.blockTokens);
  const full = Math.ceil((input + output) / b) * b;
  const mean = input + output / 2 + (b - 1) / 2;
  const reserved = engine.pagedKv ? Math.min(full, mean * (1 + engine.preemptionMargin)) : full;
  return { meanTokens: mean, fullTokens: full, reservedTokens: reserved };
}

/** Why a pinned batch does not fit, in figures (GB per card). */
export interface KvFit {
  batch: number;
  weightsGBPerCard: number;
  freeGBPerCard: number;
  kvMeanGBPerCard: number;
  kvFullGBPerCard: number;
  /** What the engine reserves for the batch (mean + margin when paged, full context when static). */
  kvReservedGBPerCard: number;
  largestBatch: number;
}

export function kvFit(c: PerfContext, batch: number, input: number, output: number): KvFit {
  const occ = kvOccupancy(c.engine, input, output);
  const perTok = kvBytesPerSeqTokenPerCard(c);
  return {
    batch,
    weightsGBPerCard: weightBytesPerCard(c) / 1e9,
    freeGBPerCard: freeKvBytesPerCard(c) / 1e9,
    kvMeanGBPerCard: (batch * occ.meanTokens * perTok) / 1e9,
    kvFullGBPerCard: (batch * occ.fullTokens * perTok) / 1e9,
    kvReservedGBPerCard: (batch * occ.reservedTokens * perTok) / 1e9,
    largestBatch: maxSequencesByMemory(c, occ.reservedTokens),
  };
}

// ---------------------------------------------------------------- interconnect

/** Collective bandwidth (β): the link times the engine's achieved fraction. */
function scaleUpBps(c: PerfContext): number {
  const oneWay = c.spec.scaleUpGBps > 0 ? c.spec.scaleUpGBps / 2 : c.tun.pcieGBps;
  return oneWay * 1e9 * c.engine.scaleUpBandwidthFraction;
}
function scaleOutBps(c: PerfContext): number {
  return Math.max(1, c.spec.scaleOutGBps) * 1e9 * c.engine.scaleOutBandwidthFraction;
}

/** Ring all-reduce of `bytes` among t cards: α + 2(t−1)/t · bytes / (link · β) over the slowest link. */
export function allReduceSeconds(c: PerfContext, t: number, bytes: number): number {
  if (t <= 1) return 0;
  const inDomain = t <= c.spec.scaleUpDomain;
  const bw = inDomain ? scaleUpBps(c) : scaleOutBps(c);
  const lat = (inDomain ? c.engine.scaleUpLatencyUs : c.engine.scaleOutLatencyUs) * 1e-6;
  return ((2 * (t - 1)) / t) * (bytes / bw) + lat;
}

/**
 * Expert-parallel dispatch + combine for one MoE layer (FP8 dispatch when the GEMMs run in
 * 8 bits, BF16 combine). Inside one scale-up domain each card sends its tokens' k copies to
 * the other g−1 cards. Across domains the exchange is hierarchical (DeepEP, HCCL): a token
 * crosses scale-out once per remote domain that holds one of its k experts, expected
 * n·(1 − (1 − 1/n)^k)·(n − 1)/n for n domains, and is fanned out inside the domain over
 * scale-up. The two legs run in parallel.
 */
export function allToAllSeconds(c: PerfContext, tokensPerCard: number): number {
  const g = c.layout.groupSize;
  if (g <= 1) return 0;
  const dispatch = c.linearPrecision === 'fp8' || c.linearPrecision === 'int8' || c.linearPrecision === 'fp4' ? 1 : 2;
  const perCopy = tokensPerCard * c.shape.hidden * (dispatch + 2);
  const k = c.shape.expertsPerToken;
  const domain = Math.min(g, c.spec.scaleUpDomain);
  if (g <= domain) {
    return (perCopy * k * ((g - 1) / g)) / scaleUpBps(c) + 2 * c.engine.scaleUpLatencyUs * 1e-6;
  }
  const n = g / domain;
  const remoteDomains = n * (1 - Math.pow(1 - 1 / n, k)) * ((n - 1) / n);
  const inter = (perCopy * remoteDomains) / scaleOutBps(c);
  const intra = (perCopy * k * ((domain - 1) / domain)) / scaleUpBps(c);
  return Math.max(intra, inter) + 2 * c.engine.scaleOutLatencyUs * 1e-6;
}

/** Interconnect seconds of one forward pass, split: tensor-parallel all-reduces and expert-parallel dispatch + combine. */
export interface CommParts {
  allReduce: number;
  allToAll: number;
}

/** The collectives of one forward pass over `tokens` tokens in the whole group, by kind. */
export function commParts(c: PerfContext, tokens: number): CommParts {
  const { shape, layout } = c;
  const g = layout.groupSize;
  if (g <= 1) return { allReduce: 0, allToAll: 0 };
  const act = tokens * (layout.attnTp / g) * shape.hidden * 2; // BF16 activations of one DP rank
  if (shape.experts === 0 || layout.attnTp === g) {
    // pure tensor parallel: two all-reduces per layer (after attention, after the MLP / MoE)
    return { allReduce: shape.layers * 2 * allReduceSeconds(c, layout.attnTp, act), allToAll: 0 };
  }
  // attention TP inside each DP rank, experts spread over the whole group
  const attn = layout.attnTp > 1 ? shape.layers * allReduceSeconds(c, layout.attnTp, act) : 0;
  return { allReduce: attn, allToAll: c.moeLayers * allToAllSeconds(c, tokens / g) };
}

/** Interconnect seconds for one forward pass over `tokens` tokens in the whole group. */
export function commSeconds(c: PerfContext, tokens: number): number {
  const p = commParts(c, tokens);
  return p.allReduce + p.allToAll;
}

// ---------------------------------------------------------------- step times

/** Weight bytes one card reads for a forward pass over `tokens` tokens (MoE: distinct experts only). */
export function weightBytesReadPerCard(c: PerfContext, tokens: number): number {
  const { shape, layout } = c;
  const attn = shape.attentionParams / layout.attnTp;
  const dense = (shape.denseParams - shape.attentionParams) / layout.groupSize;
  const routed =
    shape.routedParams > 0
      ? (shape.routedParams / layout.groupSize) * distinctExpertFraction(shape.experts, shape.expertsPerToken, tokens)
      : 0;
  return (attn + dense + routed) * c.bytesPerParam;
}

/**
 * Combine the step terms (ms) the way an engine runs them:
 *   step = fixed + max(m, k, n') + (1 − overlap) · (m + k + n' − max(m, k, n')),
 *   n' = n − h,  h = min(epHidden, k)
 * where h is the expert-parallel dispatch/combine an engine hides behind compute by micro-batch
 * overlap (two-batch / single-batch overlap; 0 without it), at most the compute it hides behind.
 * overlap = 1 is the pure roofline max(); 0 runs memory, compute and communication one after
 * another. `overlapMs` is all the time hidden, h + overlap · (sum' − max').
 */
export function combineStep(memoryMs: number, computeMs: number, commMs: number, fixedMs: number, overlap: number, epHiddenMs = 0): StepBreakdown {
  const h = Math.min(Math.max(0, epHiddenMs), commMs, computeMs);
  const n = commMs - h;
  const top = Math.max(memoryMs, computeMs, n);
  const hidden = h + Math.min(1, Math.max(0, overlap)) * (memoryMs + computeMs + n - top);
  const totalMs = fixedMs + memoryMs + computeMs + commMs - hidden;
  const dominant = fixedMs > top ? 'overhead' : n >= top && n > 0 ? 'interconnect' : computeMs >= memoryMs ? 'compute' : 'memory';
  return { memoryMs, computeMs, commMs, fixedMs, overlapMs: hidden, totalMs, dominant };
}

function breakdown(c: PerfContext, memoryS: number, computeS: number, comm: CommParts): StepBreakdown {
  const commS = comm.allReduce + comm.allToAll;
  return combineStep(memoryS * 1e3, computeS * 1e3, commS * 1e3, c.engine.stepOverheadMs, c.engine.overlap, (c.engine.epOverlap ?? 0) * comm.allToAll * 1e3);
}

/** t½ of the routed-expert GEMMs on this part and engine (expert-gemm.ts): tile padding or the unoverlapped weight stream. */
export function routedHalfTokens(c: PerfContext): number {
  return expertHalfTokens(c.engine.expertHalfTokens, c.engine.expertStreamShare, c.bytesPerParam, c.linearPeak, c.bandwidth);
}

/**
 * Seconds of linear-layer compute per card for a pass over `tokens` tokens: dense and shared
 * parameters at the dense MFU, routed experts at MFU · t/(t + t½), t = tokens · k / (experts touched).
 */
export function linearComputeSeconds(c: PerfContext, tokens: number): number {
  const { shape, layout } = c;
  const routedActive = shape.experts > 0 ? (shape.routedParams * shape.expertsPerToken) / shape.experts : 0;
  const dense = (2 * (shape.activeParams - routedActive) * tokens) / layout.groupSize / c.linearPeak;
  if (routedActive === 0 || tokens <= 0) return dense;
  // tokens per expert the batch touches (E·(1 − (1 − k/E)^tokens) experts share tokens·k routings)
  const touched = shape.experts * distinctExpertFraction(shape.experts, shape.expertsPerToken, tokens);
  const eff = expertEfficiency((tokens * shape.expertsPerToken) / Math.max(1, touched), routedHalfTokens(c));
  return dense + (2 * routedActive * tokens) / layout.groupSize / (c.linearPeak * eff);
}

/**
 * One decode step for `batch` sequences (whole group) at mean context `context` tokens:
 *   memory  = (weights read + batch·context·KV bytes) / (g·BW·MBU)   [per card; the KV read is attention's memory traffic]
 *   compute = linear (routed experts at the grouped-GEMM efficiency) + batch·context·attnFLOPs / (g·peak₁₆·MFU)
 *   comm    = per-layer α–β collectives (TP all-reduce, EP dispatch + combine)
 * combined by the engine's overlap, plus its fixed step overhead (`combineStep`).
 */
export function decodeStep(c: PerfContext, batch: number, context: number, draftTokens = 0): StepBreakdown {
  const g = c.layout.groupSize;
  // multi-token prediction / speculative decoding: each sequence verifies 1 + draft tokens per
  // step; they share one read of the weights and the KV cache (docs/model.md, "Agent-era workloads")
  const tokens = batch * (1 + draftTokens);
  const kv = batch * context * kvBytesPerSeqTokenPerCard(c);
  const memoryS = (weightBytesReadPerCard(c, tokens) + kv) / c.bandwidth;
  const attn = (tokens * context * c.shape.decodeAttnFlopsPerCtx) / g;
  const computeS = linearComputeSeconds(c, tokens) + attn / c.attnPeak;
  return breakdown(c, memoryS, computeS, commParts(c, tokens));
}

/**
 * Prefill of `requests` prompts of `input` tokens each (`cached` of them from the prefix cache), spread over the group:
 *   compute = requests·(2·active·(input − cached) + coef·(input² − cached²)) / (g·peak·MFU)
 *   memory  = (weights read once + requests·cached·KV bytes) / (BW·MBU)
 */
export function prefillStep(c: PerfContext, requests: number, input: number, cached = 0): StepBreakdown {
  const g = c.layout.groupSize;
  // prefix cache: the first `cached` tokens of each prompt have their KV already; only the rest
  // is computed, attending to the whole prefix (coef·(input² − cached²)), whose KV is read once
  const p = Math.min(Math.max(0, cached), input);
  const tokens = requests * (input - p);
  const attn = (requests * c.shape.prefillAttnCoef * (input * input - p * p)) / g;
  const computeS = linearComputeSeconds(c, tokens) + attn / c.attnPeak;
  const memoryS = (weightBytesReadPerCard(c, tokens) + requests * p * kvBytesPerSeqTokenPerCard(c)) / c.bandwidth;
  return breakdown(c, memoryS, computeS, commParts(c, tokens));
}

/** Seconds to move `bytes` of KV cache out of (or into) a group over its scale-out NICs. */
export function kvTransferSeconds(c: PerfContext, bytes: number): number {
  return bytes / (c.layout.groupSize * Math.max(1, c.spec.scaleOutGBps) * 1e9 * c.tun.scaleOutEfficiency);
}

/** Data-parallel attention ranks in the group (requests prefilled side by side). */
export function dpRanks(c: PerfContext): number {
  return Math.max(1, Math.round(c.layout.groupSize / c.layout.attnTp));
}
