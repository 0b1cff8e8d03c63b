/**
 * Agent-era workloads: prefix caching, multi-turn sessions, KV offload, multi-token prediction,
 * a mix of workloads served by one build, the split of a build's cost between input and output
 * tokens, and self-hosting against a per-token API price. Pure functions; each formula is
 * stated in docs/model.md, "Agent-era workloads", with its source.
 */
import { HOURS_PER_YEAR } from './power';

// ---------------------------------------------------------------- multi-turn sessions

export interface TurnsInput {
  /** Calls to the model in one session (an agent loop or a conversation). */
  count: number;
  /** Tokens before the first turn's new input: system prompt, tools, repository context. */
  contextTokens: number;
  /** New input tokens each turn (the user's message or the tool results). */
  inputTokensPerTurn: number;
  /** Output tokens each turn. */
  outputTokensPerTurn: number;
}

export interface SessionShape {
  turns: number;
  /** Input of turn n: I₁ = C + u, Iₙ = Iₙ₋₁ + o + u. */
  inputTokensByTurn: number[];
  /** Mean input per request (turn), all tokens, cached or not. */
  meanInputTokens: number;
  outputTokens: number;
  /** Σ cached / Σ input: the prefix of turn n (n ≥ 2) is turn n−1's whole context, Iₙ₋₁ + o. */
  prefixCacheHitRate: number;
  inputTokensPerSession: number;
  cachedTokensPerSession: number;
  /** Mean context a decode step attends to: mean over turns of Iₙ + o/2. */
  meanDecodeContextTokens: number;
  /** The last turn's full context, I_N + o: what one sequence may reserve at most. */
  maxContextTokens: number;
}

/**
 * A session of N turns whose context grows each turn: turn n's prompt is the whole previous
 * context (turn n−1's input and output) plus u new tokens, and that previous context is served
 * from the prefix cache (vLLM automatic prefix caching, SGLang RadixAttention).
 *   Iₙ = C + u + (n − 1)(o + u),  cachedₙ = Iₙ₋₁ + o (n ≥ 2),  hit rate = Σ cachedₙ / Σ Iₙ.
 */
export function multiTurnSession(t: TurnsInput): SessionShape {
  const n = Math.max(1, Math.floor(t.count));
  const c = Math.max(0, t.contextTokens);
  const u = Math.max(0, t.inputTokensPerTurn);
  const o = Math.max(1, t.outputTokensPerTurn);
  const inputs: number[] = [];
  let cached = 0;
  for (let i = 1; i <= n; i++) {
    const prev = inputs[i - 2];
    inputs.push(prev === undefined ? c + u : prev + o + u);
    if (prev !== undefined) cached += prev + o;
  }
  const total = inputs.reduce((s, x) => s + x, 0);
  const mean = total / n;
  return {
    turns: n,
    inputTokensByTurn: inputs,
    meanInputTokens: mean,
    outputTokens: o,
    prefixCacheHitRate: total > 0 ? cached / total : 0,
    inputTokensPerSession: total,
    cachedTokensPerSession: cached,
    meanDecodeContextTokens: mean + o / 2,
    maxContextTokens: (inputs[n - 1] ?? 0) + o,
  };
}

/** Cached and computed tokens of a prompt of `input` tokens at hit rate h (cached rounded down). */
export function splitPrompt(input: number, hitRate: number): { cached: number; computed: number } {
  const h = Math.min(1, Math.max(0, hitRate));
  // never the whole prompt: at least the last token is computed to produce the first output token
  const cached = Math.min(Math.max(0, input - 1), Math.floor(input * h));
  return { cached, computed: input - cached };
}

// ---------------------------------------------------------------- KV offload

export interface KvOffload {
  /** Host DRAM per server set aside for cached prefixes, GB. */
  hostMemoryGBPerServer: number;
  /** Host-to-accelerator bandwidth per server (PCIe, all cards together), GB/s. */
  bandwidthGBpsPerServer: number;
}

/**
 * Seconds to reload a cached prefix from host DRAM: the bytes each card must receive over its
 * share of the server's host link,
 *   t = cached tokens · KV bytes per token per card / (GB/s per server / cards per server).
 */
export function kvReloadSeconds(bytesPerCard: number, offload: KvOffload, cardsPerServer: number): number {
  const perCard = (offload.bandwidthGBpsPerServer * 1e9) / Math.max(1, cardsPerServer);
  return perCard > 0 ? bytesPerCard / perCard : Number.POSITIVE_INFINITY;
}

/** Session prefixes that fit in the host tier: servers · GB per server / KV bytes per session. */
export function offloadCapacitySessions(offload: KvOffload, servers: number, kvBytesPerSession: number): number {
  return kvBytesPerSession > 0 ? Math.floor((servers * offload.hostMemoryGBPerServer * 1e9) / kvBytesPerSession) : 0;
}

// ---------------------------------------------------------------- multi-token prediction

/**
 * Output tokens per decode step with one draft token (DeepSeek-V3 MTP depth 1, or any
 * one-token speculative decoding): the verified token always, the draft with probability a.
 */
export function tokensPerDecodeStep(acceptanceRate: number | undefined): number {
  return 1 + Math.min(1, Math.max(0, acceptanceRate ?? 0));
}

// ---------------------------------------------------------------- a mix of workloads

export interface MixEntry {
  name: string;
  /** Share of requests (normalised over the mix). */
  share: number;
  /** Requests per second the build sustains serving this workload alone. */
  requestsPerSecond: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

export interface MixShare {
  name: string;
  share: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  computedInputTokensPerSecond: number;
  /** Share of the build's time this workload takes. */
  timeShare: number;
}

export interface MixResult {
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  computedInputTokensPerSecond: number;
  workloads: MixShare[];
}

/**
 * Requests arrive in shares sᵢ; a request of workload i occupies the build for 1/Rᵢ seconds
 * (Rᵢ: the rate the build sustains on workload i alone), so the blended request rate is the
 * harmonic mean R = 1 / Σ (sᵢ / Rᵢ), workload i is served at R·sᵢ and takes (sᵢ/Rᵢ)·R of the
 * time. A workload the build cannot serve (Rᵢ = 0) with a share > 0 makes the mix unservable.
 */
export function blendMix(entries: readonly MixEntry[]): MixResult {
  const total = entries.reduce((s, e) => s + Math.max(0, e.share), 0);
  const shares = entries.map((e) => (total > 0 ? Math.max(0, e.share) / total : 0));
  let denom = 0;
  let blocked = false;
  entries.forEach((e, i) => {
    const s = shares[i]!;
    if (s <= 0) return;
    if (e.requestsPerSecond > 0) denom += s / e.requestsPerSecond;
    else blocked = true;
  });
  const rate = blocked || denom <= 0 ? 0 : 1 / denom;
  const workloads = entries.map((e, i): MixShare => {
    const s = shares[i]!;
    const r = rate * s;
    return {
      name: e.name,
      share: s,
      requestsPerSecond: r,
      outputTokensPerSecond: r * e.outputTokens,
      inputTokensPerSecond: r * e.inputTokens,
      computedInputTokensPerSecond: r * (e.inputTokens - e.cachedInputTokens),
      timeShare: e.requestsPerSecond > 0 ? r / e.requestsPerSecond : 0,
    };
  });
  const sum = (k: keyof Pick<MixShare, 'outputTokensPerSecond' | 'inputTokensPerSecond' | 'computedInputTokensPerSecond'>) =>
    workloads.reduce((s, w) => s + w[k], 0);
  return {
    requestsPerSecond: rate,
    outputTokensPerSecond: sum('outputTokensPerSecond'),
    inputTokensPerSecond: sum('inputTokensPerSecond'),
    computedInputTokensPerSecond: sum('computedInputTokensPerSecond'),
    workloads,
  };
}

// ---------------------------------------------------------------- cost per token type

export interface TokenRates {
  /** Tokens per second at full load. */
  computedInputTokensPerSecond: number;
  cachedInputTokensPerSecond: number;
  outputTokensPerSecond: number;
}

export interface TokenCosts {
  /** Share of the build's card-time spent on prefill (input), the rest on decode (output). */
  prefillShare: number;
  /** Share of the prefill time due to cached tokens (their KV read and the attention over them). */
  cachedShareOfPrefill: number;
  perMillionInputTokens: number | null;
  perMillionCachedInputTokens: number | null;
  perMillionOutputTokens: number | null;
}

/**
 * The annualised cost split by the card-time each token type takes: prefill gets a share φ
 * (of which ψ is due to cached tokens), decode 1 − φ; each part over that type's tokens a year
 * at utilisation u:  cost per M = annual · part / (tokens/s · u · 3,600 · 8,760) · 10⁶.
 */
export function tokenCosts(annualizedCost: number, utilization: number, rates: TokenRates, prefillShare: number, cachedShareOfPrefill: number): TokenCosts {
  const secs = Math.max(0, utilization) * 3600 * HOURS_PER_YEAR;
  const phi = Math.min(1, Math.max(0, prefillShare));
  const psi = Math.min(1, Math.max(0, cachedShareOfPrefill));
  const per = (part: number, tps: number) => (tps * secs > 0 ? ((annualizedCost * part) / (tps * secs)) * 1e6 : null);
  return {
    prefillShare: phi,
    cachedShareOfPrefill: psi,
    perMillionInputTokens: per(phi * (1 - psi), rates.computedInputTokensPerSecond),
    perMillionCachedInputTokens: per(phi * psi, rates.cachedInputTokensPerSecond),
    perMillionOutputTokens: per(1 - phi, rates.outputTokensPerSecond),
  };
}

// ---------------------------------------------------------------- self-host vs API

export interface ApiPrices {
  /** Per million uncached input tokens, in the build's currency. */
  inputPerMillion: number;
  /** Per million cached input tokens; default: the input price. */
  cachedInputPerMillion?: number;
  outputPerMillion: number;
}

export interface ApiComparison {
  prices: Required<ApiPrices>;
  /** What the API charges a year for the tokens the build serves at the utilisation. */
  apiAnnualCost: number;
  buildAnnualCost: number;
  /** Utilisation at which owning costs the same as the API bill; null if the API is always cheaper. */
  breakEvenUtilization: number | null;
  cheaper: 'build' | 'api';
}

/**
 * Owning costs A(u) = A₀ + v·u a year (v: the energy that scales with utilisation, as in buy
 * vs rent); the API bill for the same tokens is k·u with
 * k = 3,600 · 8,760 · (computed in · p_in + cached in · p_cached + out · p_out) / 10⁶ (rates at
 * full load). Break-even u* = A₀ / (k − v); none when k ≤ v or u* > 1.
 */
export function selfHostVsApi(args: {
  annualizedCost: number;
  utilization: number;
  variableCostPerUtilization: number;
  rates: TokenRates;
  prices: ApiPrices;
}): ApiComparison {
  const { annualizedCost: a, utilization: u, variableCostPerUtilization: v, rates, prices } = args;
  const p = { inputPerMillion: prices.inputPerMillion, cachedInputPerMillion: prices.cachedInputPerMillion ?? prices.inputPerMillion, outputPerMillion: prices.outputPerMillion };
  const k =
    (3600 * HOURS_PER_YEAR *
      (rates.computedInputTokensPerSecond * p.inputPerMillion + rates.cachedInputTokensPerSecond * p.cachedInputPerMillion + rates.outputTokensPerSecond * p.outputPerMillion)) /
    1e6;
  const fixed = a - v * u;
  const denom = k - v;
  const be = denom > 0 ? fixed / denom : null;
  const api = k * u;
  return {
    prices: p,
    apiAnnualCost: api,
    buildAnnualCost: a,
    breakEvenUtilization: be !== null && be <= 1 ? Math.max(0, be) : null,
    cheaper: a <= api ? 'build' : 'api',
  };
}
