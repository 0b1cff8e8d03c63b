/**
 * The serving group search: for a part, a model and the workload's latency targets, the
 * group size (tensor / expert parallel degree), layout and batch that maximise throughput per
 * card — colocated (prefill and decode on the same cards), prefill-only or decode-only.
 * Throughput is monotone in the batch and every constraint is monotone in the batch, so the
 * largest feasible batch is found by bisection. See docs/model.md, "Batch and group search".
 */
import {
  decodeStep,
  dpRanks,
  kvBytesPerSeqTokenPerCard,
  kvFit,
  kvOccupancy,
  kvTransferSeconds,
  makeContext,
  maxSequencesByMemory,
  PERF_DEFAULTS,
  prefillStep,
  type GroupLayout,
  type KvFit,
  type PerfContext,
  type PerfTunables,
  type StepBreakdown,
} from './perf';
import { stackKey } from './efficiency';
import { defaultEngine, type EngineProfile } from './engines';
import { modelShape, type AcceleratorSpec, type KvPrecision, type ModelShape, type ModelSpec, type WeightPrecision } from './spec';
import { kvReloadSeconds, splitPrompt, tokensPerDecodeStep, type KvOffload } from './workload';

export type ServingRole = 'both' | 'prefill' | 'decode';
/** 'overhead': the engine's fixed per-step cost is the largest term of the decode step. */
export type Bound = 'memory' | 'compute' | 'interconnect' | 'overhead' | 'latency' | 'capacity';
export type BatchLimit = 'kv-memory' | 'tpot' | 'ttft' | 'pinned' | 'max-batch' | 'none';

export interface WorkloadTargets {
  inputTokens: number;
  outputTokens: number;
  tpotMs: number;
  ttftMs: number;
  /** Pin the batch (sequences per group; for prefill-only: prompts per prefill pass). */
  batch?: number;
  /** Pin the group size. */
  groupSize?: number;
  weightPrecision?: WeightPrecision;
  kvPrecision?: KvPrecision;
  /** Host watts per card, added to the group's power. */
  hostPowerWPerCard?: number;
  // agent-era workloads (docs/model.md, "Agent-era workloads")
  /** Share of input tokens served from the prefix cache (0–1). */
  prefixCacheHitRate?: number;
  /** Acceptance of one draft token per step (MTP / speculative decoding); absent = none. */
  mtpAcceptanceRate?: number;
  /** Host-DRAM tier holding cached prefixes; they are reloaded before prefill. */
  kvOffload?: KvOffload;
  /** Cards per server of the line (shares the host link of the offload tier). */
  cardsPerServer?: number;
}

export interface ServingGroup {
  role: ServingRole;
  feasible: boolean;
  meetsTargets: boolean;
  groupSize: number;
  attnTp: number;
  batch: number;
  /** Per group, tokens/s. For prefill-only, output is the first token of each request. */
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  requestsPerSecond: number;
  bound: Bound;
  batchLimit: BatchLimit;
  /** Achieved latencies (effective TPOT includes interleaved prefills when colocated). */
  tpotMs: number;
  ttftMs: number;
  decodeStep?: StepBreakdown;
  prefillStep?: StepBreakdown;
  /** KV bytes per request moved to a decode pool (prefill role) and its seconds per pass. */
  kvTransferMs?: number;
  /** Prompt tokens per request served from the prefix cache. */
  cachedInputTokens?: number;
  /** Reload of the cached prefixes of one prefill pass from the host tier, ms (in TTFT). */
  kvReloadMs?: number;
  /** Output tokens per decode step (1 + MTP acceptance). */
  tokensPerStep?: number;
  /** Share of the group's time spent on prefill, and the part of it due to cached tokens. */
  prefillShare?: number;
  cachedShareOfPrefill?: number;
  /** Full-load power of one group, W (cards at TDP + host share). */
  powerW: number;
  weightPrecision: WeightPrecision;
  kvPrecision: KvPrecision;
  computePrecision: string;
  weightGBPerCard: number;
  /** The serving engine profile the group was evaluated with. */
  engine: EngineRef;
  /** KV tokens the engine reserves per sequence (paged: mean occupancy + margin; static: full context). */
  kvTokensPerSequence: number;
  /** A pinned batch that does not fit: the KV memory it needs, the memory free, the largest batch that fits. */
  kvFit?: KvFit;
  note?: string;
}

export interface EngineRef {
  id: string;
  name: string;
  asOf: string;
  pagedKv: boolean;
}

function engineRef(e: EngineProfile): EngineRef {
  return { id: e.id, name: e.name, asOf: e.asOf, pagedKv: e.pagedKv };
}

export interface SearchOptions {
  /** Cards available: the largest group considered. */
  maxCards?: number;
  tunables?: PerfTunables;
}

function groupCandidates(spec: AcceleratorSpec, maxCards: number, pinned?: number): number[] {
  if (pinned !== undefined) return [pinned];
  const out: number[] = [];
  for (let g = 1; g <= Math.min(maxCards, 1024); g *= 2) out.push(g);
  const d = spec.scaleUpDomain;
  if (d <= maxCards && !out.includes(d)) out.push(d);
  return out.sort((a, b) => a - b);
}

function layoutCandidates(shape: ModelShape, g: number, w: WeightPrecision, kv: KvPrecision): GroupLayout[] {
  const base = { groupSize: g, weightPrecision: w, kvPrecision: kv };
  const list: GroupLayout[] = [{ ...base, attnTp: g }];
  // MoE models may run attention data-parallel (tp ≤ splittable KV heads) with experts over the group
  if (shape.experts > 0) {
    const tp = Math.max(1, Math.min(g, shape.kvHeadsSplittable));
    if (tp !== g) list.push({ ...base, attnTp: tp });
  }
  return list;
}

function emptyGroup(role: ServingRole, g: number, spec: AcceleratorSpec, w: WeightPrecision, kv: KvPrecision, note: string, fit?: KvFit): ServingGroup {
  const engine = spec.engine ?? defaultEngine(stackKey(spec.softwareStack));
  return {
    role,
    feasible: false,
    meetsTargets: false,
    groupSize: g,
    attnTp: g,
    batch: 0,
    outputTokensPerSecond: 0,
    inputTokensPerSecond: 0,
    requestsPerSecond: 0,
    bound: 'capacity',
    batchLimit: 'kv-memory',
    tpotMs: 0,
    ttftMs: 0,
    powerW: g * spec.tdpW,
    weightPrecision: w,
    kvPrecision: kv,
    computePrecision: '',
    weightGBPerCard: fit?.weightsGBPerCard ?? 0,
    engine: engineRef(engine),
    kvTokensPerSequence: 0,
    ...(fit ? { kvFit: fit } : {}),
    note,
  };
}

/** Largest n in [lo, hi] with ok(n) true, given ok is true at lo and monotone (true then false). */
function bisect(lo: number, hi: number, ok: (n: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Evaluated {
  group: ServingGroup;
  perCard: number;
}

/** Most sequences the batch search tries: the model's cap per card, or the engine's scheduler limit (`max_num_seqs`) when lower. */
function runningCap(c: PerfContext): number {
  return Math.min(c.tun.maxBatchPerCard * c.layout.groupSize, c.engine.maxRunningSequences ?? Infinity);
}

function evalColocated(c: PerfContext, t: WorkloadTargets): Evaluated | undefined {
  const { inputTokens: inp, outputTokens: out } = t;
  const ctxAvg = inp + out / 2;
  // paged engines hold the mean occupancy plus a margin, static ones the full context (issue 19)
  const byMem = maxSequencesByMemory(c, kvOccupancy(c.engine, inp, out).reservedTokens);
  if (byMem < 1) return undefined;
  const n = dpRanks(c);
  const ag = agentTerms(c, t, n);
  const pre = ag.pre;
  // the host link reloads prefixes while other requests compute, but cannot go faster than itself
  const prefillPerRequestS = Math.max(pre.totalMs, ag.reloadMs) / 1e3 / n;
  const cap = runningCap(c);
  const measure = (b: number) => {
    const step = decodeStep(c, b, ctxAvg, ag.draft);
    // each step b·k/out requests finish and are replaced (k tokens per step); their prefills interleave with decode
    const tpot = step.totalMs / ag.perStep + (b / out) * prefillPerRequestS * 1e3;
    const ttft = pre.totalMs + ag.reloadMs + step.totalMs;
    return { step, tpot, ttft };
  };
  let batch: number;
  let limit: BatchLimit;
  let meets = true;
  if (t.batch !== undefined) {
    batch = t.batch;
    limit = 'pinned';
    if (batch > byMem) return undefined;
  } else {
    const hi = Math.min(byMem, cap);
    const m1 = measure(1);
    if (m1.tpot > t.tpotMs || m1.ttft > t.ttftMs) {
      batch = 1;
      limit = m1.ttft > t.ttftMs ? 'ttft' : 'tpot';
      meets = false;
    } else {
      batch = bisect(1, hi, (b) => {
        const m = measure(b);
        return m.tpot <= t.tpotMs && m.ttft <= t.ttftMs;
      });
      if (batch === hi) limit = hi === byMem ? 'kv-memory' : 'max-batch';
      else limit = measure(batch + 1).ttft > t.ttftMs ? 'ttft' : 'tpot';
    }
  }
  const m = measure(batch);
  if (t.batch !== undefined) meets = m.tpot <= t.tpotMs && m.ttft <= t.ttftMs;
  // request rate: per request, prefill time plus out steps shared by `batch` sequences
  const decodePerRequestS = (out * m.step.totalMs) / ag.perStep / 1e3 / batch;
  const rate = 1 / (prefillPerRequestS + decodePerRequestS);
  const bound: Bound = !meets && t.batch === undefined ? 'latency' : limit === 'kv-memory' ? 'capacity' : m.step.dominant;
  const group = finish(c, t, 'both', {
    meetsTargets: meets,
    batch,
    outputTokensPerSecond: rate * out,
    inputTokensPerSecond: rate * inp,
    requestsPerSecond: rate,
    bound,
    batchLimit: limit,
    tpotMs: m.tpot,
    ttftMs: m.ttft,
    decodeStep: m.step,
    prefillStep: pre,
    ...ag.fields,
    prefillShare: prefillPerRequestS / (prefillPerRequestS + decodePerRequestS),
  });
  return { group, perCard: group.outputTokensPerSecond / c.layout.groupSize };
}

function evalDecode(c: PerfContext, t: WorkloadTargets): Evaluated | undefined {
  const { inputTokens: inp, outputTokens: out } = t;
  const byMem = maxSequencesByMemory(c, kvOccupancy(c.engine, inp, out).reservedTokens);
  if (byMem < 1) return undefined;
  const ctxAvg = inp + out / 2;
  const cap = runningCap(c);
  // MTP: one draft token per step, accepted with probability a → 1 + a tokens per step
  const draft = (t.mtpAcceptanceRate ?? 0) > 0 ? 1 : 0;
  const perStep = tokensPerDecodeStep(t.mtpAcceptanceRate);
  const dstep = (b: number) => decodeStep(c, b, ctxAvg, draft);
  let batch: number;
  let limit: BatchLimit;
  let meets = true;
  if (t.batch !== undefined) {
    if (t.batch > byMem) return undefined;
    batch = t.batch;
    limit = 'pinned';
    meets = dstep(batch).totalMs / perStep <= t.tpotMs;
  } else {
    const hi = Math.min(byMem, cap);
    if (dstep(1).totalMs / perStep > t.tpotMs) {
      batch = 1;
      limit = 'tpot';
      meets = false;
    } else {
      batch = bisect(1, hi, (b) => dstep(b).totalMs / perStep <= t.tpotMs);
      limit = batch === hi ? (hi === byMem ? 'kv-memory' : 'max-batch') : 'tpot';
    }
  }
  const step = dstep(batch);
  const outRate = ((batch * perStep) / step.totalMs) * 1e3;
  const bound: Bound = !meets && t.batch === undefined ? 'latency' : limit === 'kv-memory' ? 'capacity' : step.dominant;
  const group = finish(c, t, 'decode', {
    meetsTargets: meets,
    batch,
    outputTokensPerSecond: outRate,
    inputTokensPerSecond: (outRate / out) * inp,
    requestsPerSecond: outRate / out,
    bound,
    batchLimit: limit,
    tpotMs: step.totalMs / perStep,
    ttftMs: 0,
    decodeStep: step,
    tokensPerStep: perStep,
    prefillShare: 0,
  });
  return { group, perCard: outRate / c.layout.groupSize };
}

function evalPrefill(c: PerfContext, t: WorkloadTargets): Evaluated | undefined {
  const inp = t.inputTokens;
  // prompts held until their KV has left: n·input tokens of KV must fit
  const byMem = maxSequencesByMemory(c, inp);
  if (byMem < 1) return undefined;
  const n0 = dpRanks(c);
  const perReqKvBytes = inp * c.kvBytesPerToken;
  const measure = (n: number) => {
    const ag = agentTerms(c, t, n);
    const step = ag.pre;
    const xfer = kvTransferSeconds(c, n * perReqKvBytes) * 1e3;
    return { step, xfer, ag, ttft: ag.reloadMs + step.totalMs + xfer, passMs: Math.max(step.totalMs, xfer, ag.reloadMs) };
  };
  const cap = Math.min(byMem, Math.max(n0, c.tun.maxBatchPerCard * c.layout.groupSize));
  let n: number;
  let limit: BatchLimit;
  let meets = true;
  if (t.batch !== undefined) {
    if (t.batch > byMem) return undefined;
    n = t.batch;
    limit = 'pinned';
    meets = measure(n).ttft <= t.ttftMs;
  } else if (measure(1).ttft > t.ttftMs) {
    n = 1;
    limit = 'ttft';
    meets = false;
  } else {
    n = bisect(1, cap, (k) => measure(k).ttft <= t.ttftMs);
    limit = n === cap ? (cap === byMem ? 'kv-memory' : 'max-batch') : 'ttft';
  }
  const m = measure(n);
  const rate = (n / m.passMs) * 1e3;
  const dominant = m.xfer > m.step.totalMs ? 'interconnect' : m.step.dominant;
  const bound: Bound = !meets && t.batch === undefined ? 'latency' : limit === 'kv-memory' ? 'capacity' : dominant;
  const group = finish(c, t, 'prefill', {
    meetsTargets: meets,
    batch: n,
    outputTokensPerSecond: rate, // the first token of each request
    inputTokensPerSecond: rate * inp,
    requestsPerSecond: rate,
    bound,
    batchLimit: limit,
    tpotMs: 0,
    ttftMs: m.ttft,
    prefillStep: m.step,
    kvTransferMs: m.xfer,
    ...m.ag.fields,
    prefillShare: 1,
  });
  return { group, perCard: group.inputTokensPerSecond / c.layout.groupSize };
}

/**
 * The agent-era terms of one prefill pass of n prompts: the cached prefix (prefix cache hit
 * rate), its reload from the host tier, the prefill step with the cached tokens skipped, the
 * share of that step due to the cached tokens, and the MTP draft. docs/model.md, "Agent-era workloads".
 */
function agentTerms(c: PerfContext, t: WorkloadTargets, n: number) {
  const inp = t.inputTokens;
  const { cached } = splitPrompt(inp, t.prefixCacheHitRate ?? 0);
  const pre = prefillStep(c, n, inp, cached);
  const reloadMs =
    t.kvOffload && cached > 0 ? kvReloadSeconds(n * cached * kvBytesPerSeqTokenPerCard(c), t.kvOffload, t.cardsPerServer ?? c.spec.scaleUpDomain) * 1e3 : 0;
  // time due to the cached tokens: this pass less a pass over the computed tokens alone
  const fresh = cached > 0 ? prefillStep(c, n, inp - cached) : pre;
  const cachedShareOfPrefill = pre.totalMs > 0 ? Math.max(0, pre.totalMs - fresh.totalMs) / pre.totalMs : 0;
  const perStep = tokensPerDecodeStep(t.mtpAcceptanceRate);
  return {
    pre,
    reloadMs,
    perStep,
    draft: (t.mtpAcceptanceRate ?? 0) > 0 ? 1 : 0,
    fields: {
      cachedInputTokens: cached,
      kvReloadMs: t.kvOffload ? reloadMs : undefined,
      tokensPerStep: perStep,
      cachedShareOfPrefill,
    },
  };
}

function finish(
  c: PerfContext,
  t: WorkloadTargets,
  role: ServingRole,
  r: Omit<ServingGroup, 'role' | 'feasible' | 'groupSize' | 'attnTp' | 'powerW' | 'weightPrecision' | 'kvPrecision' | 'computePrecision' | 'weightGBPerCard' | 'engine' | 'kvTokensPerSequence'>,
): ServingGroup {
  const g = c.layout.groupSize;
  const weightGB = ((c.shape.attentionParams / c.layout.attnTp + (c.shape.totalParams - c.shape.attentionParams) / g) * c.bytesPerParam) / 1e9;
  const occ = kvOccupancy(c.engine, t.inputTokens, role === 'prefill' ? 0 : t.outputTokens);
  return {
    role,
    feasible: true,
    groupSize: g,
    attnTp: c.layout.attnTp,
    powerW: g * (c.spec.tdpW + (t.hostPowerWPerCard ?? 0)),
    weightPrecision: c.layout.weightPrecision,
    kvPrecision: c.layout.kvPrecision,
    computePrecision: c.linearPrecision,
    weightGBPerCard: weightGB,
    engine: engineRef(c.engine),
    kvTokensPerSequence: role === 'prefill' ? t.inputTokens : occ.reservedTokens,
    ...r,
  };
}

/** Better = meets targets first, then more throughput per card, then the smaller group. */
function better(a: Evaluated, b: Evaluated | undefined): boolean {
  if (!b) return true;
  if (a.group.meetsTargets !== b.group.meetsTargets) return a.group.meetsTargets;
  if (a.perCard > b.perCard * (1 + 1e-9)) return true;
  return false;
}

/**
 * The best serving group for a part and a model under the workload's targets, for a role:
 * colocated ('both'), prefill-only or decode-only. `maxCards` caps the group size.
 */
export function bestServingGroup(
  spec: AcceleratorSpec,
  model: ModelSpec,
  targets: WorkloadTargets,
  role: ServingRole = 'both',
  opts: SearchOptions = {},
): ServingGroup {
  const shape = modelShape(model);
  const tun = opts.tunables ?? PERF_DEFAULTS;
  const w = targets.weightPrecision ?? model.weightPrecision;
  const kv = targets.kvPrecision ?? 'bf16';
  const maxCards = Math.max(1, Math.floor(opts.maxCards ?? 1024));
  const evaluate = role === 'both' ? evalColocated : role === 'decode' ? evalDecode : evalPrefill;
  let best: Evaluated | undefined;
  for (const g of groupCandidates(spec, maxCards, targets.groupSize)) {
    for (const layout of layoutCandidates(shape, g, w, kv)) {
      const r = evaluate(makeContext(spec, shape, layout, tun), targets);
      if (r && better(r, best)) best = r;
    }
  }
  if (best) return best.group;
  const g = targets.groupSize ?? maxCards;
  const needed = targets.groupSize === undefined ? smallestFeasibleGroup(spec, shape, w, kv, tun, targets, evaluate, maxCards) : undefined;
  if (needed !== undefined) return emptyGroup(role, g, spec, w, kv, `needs ${needed} cards per replica; ${maxCards} given`);
  // the layout with the most KV room on the largest group tried says what does not fit
  const fit = largestGroupFit(spec, shape, w, kv, tun, targets, role, targets.groupSize ?? groupCandidates(spec, maxCards).at(-1) ?? 1);
  return emptyGroup(role, g, spec, w, kv, fitNote(fit, targets.batch !== undefined), fit);
}

function largestGroupFit(
  spec: AcceleratorSpec,
  shape: ModelShape,
  w: WeightPrecision,
  kv: KvPrecision,
  tun: PerfTunables,
  t: WorkloadTargets,
  role: ServingRole,
  g: number,
): KvFit {
  const out = role === 'prefill' ? 0 : t.outputTokens;
  const fits = layoutCandidates(shape, g, w, kv).map((layout) => kvFit(makeContext(spec, shape, layout, tun), t.batch ?? 1, t.inputTokens, out));
  return fits.reduce((a, b) => (b.largestBatch > a.largestBatch || (b.largestBatch === a.largestBatch && b.freeGBPerCard > a.freeGBPerCard) ? b : a));
}

const gb = (v: number) => `${v.toFixed(1)} GB`;

/** The reason a group does not fit, in figures per card: KV needed at mean and full context, memory free, largest batch. */
export function fitNote(f: KvFit, pinned: boolean): string {
  if (f.freeGBPerCard <= 0) return `the weights (${gb(f.weightsGBPerCard)} per card) leave no memory for the KV cache`;
  const what = pinned ? `batch ${f.batch}` : 'one request';
  return (
    `${what} needs ${gb(f.kvMeanGBPerCard)} of KV cache per card at mean occupancy (${gb(f.kvFullGBPerCard)} at full context; ` +
    `${gb(f.kvReservedGBPerCard)} reserved by the engine), ${gb(f.freeGBPerCard)} free per card after ${gb(f.weightsGBPerCard)} of weights; ` +
    (f.largestBatch > 0 ? `the largest batch that fits is ${f.largestBatch}` : 'no batch fits')
  );
}

/** When the cards given are too few: the smallest group that would hold a replica (only on this error path). */
function smallestFeasibleGroup(
  spec: AcceleratorSpec,
  shape: ModelShape,
  w: WeightPrecision,
  kv: KvPrecision,
  tun: PerfTunables,
  targets: WorkloadTargets,
  evaluate: (c: ReturnType<typeof makeContext>, t: WorkloadTargets) => Evaluated | undefined,
  given: number,
): number | undefined {
  for (const g of groupCandidates(spec, 1024)) {
    if (g <= given) continue;
    if (layoutCandidates(shape, g, w, kv).some((layout) => evaluate(makeContext(spec, shape, layout, tun), targets))) return g;
  }
  return undefined;
}

/** The step that sets a group's pace, as reports show it: decode for 'both' and 'decode', prefill for 'prefill'. */
export interface StepReport extends StepBreakdown {
  phase: 'decode' | 'prefill';
}

export function stepReport(g: Pick<ServingGroup, 'role' | 'decodeStep' | 'prefillStep'>): StepReport | null {
  const s = g.role === 'prefill' ? g.prefillStep : g.decodeStep;
  return s ? { phase: g.role === 'prefill' ? 'prefill' : 'decode', ...s } : null;
}

/** Shorthands for the optimizer. */
export const bestPrefillGroup = (s: AcceleratorSpec, m: ModelSpec, t: WorkloadTargets, o?: SearchOptions) =>
  bestServingGroup(s, m, t, 'prefill', o);
export const bestDecodeGroup = (s: AcceleratorSpec, m: ModelSpec, t: WorkloadTargets, o?: SearchOptions) =>
  bestServingGroup(s, m, t, 'decode', o);
