/** Agent-era workloads: every expectation below is computed by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { decodeStep, makeContext, prefillStep } from '../../../shared/model/perf';
import { bestServingGroup } from '../../../shared/model/serving';
import { modelShape } from '../../../shared/model/spec';
import {
  blendMix,
  kvReloadSeconds,
  multiTurnSession,
  offloadCapacitySessions,
  selfHostVsApi,
  splitPrompt,
  tokenCosts,
  tokensPerDecodeStep,
} from '../../../shared/model/workload';
import { WORKLOAD_PRESETS, workloadPreset } from '../../../shared/model/workload-presets';
import { TOY, TOY_DENSE } from './fixtures';

const layout = (g: number) => ({ groupSize: g, attnTp: g, weightPrecision: 'bf16' as const, kvPrecision: 'bf16' as const });

describe('multi-turn sessions', () => {
  it('a coding agent: 12 turns, 30K tokens of repository context, 400 output tokens a turn', () => {
    const s = multiTurnSession({ count: 12, contextTokens: 30_000, inputTokensPerTurn: 0, outputTokensPerTurn: 400 });
    // Iₙ = 30,000 + (n − 1)·400: 30,000 … 34,400; Σ = 12·30,000 + 400·(0+…+11) = 360,000 + 26,400 = 386,400
    expect(s.inputTokensByTurn[0]).toBe(30_000);
    expect(s.inputTokensByTurn[11]).toBe(34_400);
    expect(s.inputTokensPerSession).toBe(386_400);
    expect(s.meanInputTokens).toBe(32_200);
    // cached: turns 2–12 reuse Iₙ₋₁ + 400 = Iₙ (no new input) → 386,400 − 30,000 = 356,400
    expect(s.cachedTokensPerSession).toBe(356_400);
    expect(s.prefixCacheHitRate).toBeCloseTo(356_400 / 386_400, 12); // 0.92236
    // mean decode context 32,200 + 200; the last turn holds 34,400 + 400
    expect(s.meanDecodeContextTokens).toBe(32_400);
    expect(s.maxContextTokens).toBe(34_800);
  });

  it('new input each turn is computed, not cached', () => {
    // 3 turns, C = 100, u = 10, o = 20: I = 110, 140, 170 (Σ 420); cached 130 + 160 = 290
    const s = multiTurnSession({ count: 3, contextTokens: 100, inputTokensPerTurn: 10, outputTokensPerTurn: 20 });
    expect(s.inputTokensByTurn).toEqual([110, 140, 170]);
    expect(s.cachedTokensPerSession).toBe(290);
    expect(s.prefixCacheHitRate).toBeCloseTo(290 / 420, 12);
    // one turn: nothing to reuse
    expect(multiTurnSession({ count: 1, contextTokens: 500, inputTokensPerTurn: 0, outputTokensPerTurn: 50 }).prefixCacheHitRate).toBe(0);
  });

  it('the coding-agent preset is the session it describes', () => {
    const p = workloadPreset('coding-agent')!;
    const s = multiTurnSession(p.turns!);
    // Iₙ = 31,000 + (n − 1)·1,400 → mean 31,000 + 5.5·1,400 = 38,700; cached Σ(Iₙ − 1,000), n ≥ 2 = 464,400 − 31,000 − 11,000 = 422,400
    expect(s.meanInputTokens).toBe(38_700);
    expect(p.inputTokens).toBe(38_700);
    expect(s.prefixCacheHitRate).toBeCloseTo(422_400 / 464_400, 12);
    expect(p.prefixCacheHitRate).toBeCloseTo(s.prefixCacheHitRate, 4);
    // ≈ 97:1 input to output
    expect(s.meanInputTokens / s.outputTokens).toBeCloseTo(96.75, 2);
    expect(WORKLOAD_PRESETS.map((x) => x.id)).toEqual(['chat', 'rag', 'coding-agent', 'batch-summarisation', 'reasoning', 'deepseek-production']);
  });

  it('the DeepSeek production preset reproduces the disclosure: 608B in, 168B out, mean KV length 4,989', () => {
    const p = workloadPreset('deepseek-production')!;
    expect(p.inputTokens / p.outputTokens).toBeCloseTo(608 / 168, 2);
    expect(p.inputTokens + p.outputTokens / 2).toBeCloseTo(4989, -1);
    expect(p.prefixCacheHitRate).toBe(0.563);
  });
});

describe('prefix cache in prefill', () => {
  const shape = modelShape(TOY_DENSE);
  const c1 = makeContext(TOY, shape, layout(1));

  it('cached tokens skip the linear work and the attention among themselves, and their KV is read', () => {
    const full = prefillStep(c1, 1, 1000);
    const hit = prefillStep(c1, 1, 1000, 800);
    // linear 2·10e9·200 / 50e12 = 80 ms; attention 20,000·(1000² − 800²) = 7.2e9 / 50e12 = 0.144 ms
    expect(hit.computeMs).toBeCloseTo(80.144, 6);
    expect(full.computeMs).toBeCloseTo(400.4, 6);
    // memory: weights 20e9 B + 800 tokens · 40,000 B of KV (2·10·10·100·2) = 20.032e9 / 0.5e12 = 40.064 ms
    expect(hit.memoryMs).toBeCloseTo(40.064, 6);
  });

  it('splitPrompt keeps at least one token to compute', () => {
    expect(splitPrompt(1000, 0.8)).toEqual({ cached: 800, computed: 200 });
    expect(splitPrompt(1000, 1)).toEqual({ cached: 999, computed: 1 });
    expect(splitPrompt(1001, 0.5)).toEqual({ cached: 500, computed: 501 });
  });

  it('the serving search charges only computed tokens: 80 % hits cut the colocated prefill per request', () => {
    const t = { inputTokens: 1000, outputTokens: 100, tpotMs: 1e6, ttftMs: 1e7, batch: 1, groupSize: 1 };
    const cold = bestServingGroup(TOY, TOY_DENSE, t, 'both');
    const warm = bestServingGroup(TOY, TOY_DENSE, { ...t, prefixCacheHitRate: 0.8 }, 'both');
    expect(warm.cachedInputTokens).toBe(800);
    expect(warm.prefillStep!.computeMs).toBeCloseTo(80.144, 6);
    expect(cold.prefillStep!.computeMs).toBeCloseTo(400.4, 6);
    // every input token still counts: input tok/s = rate · 1000 in both
    expect(warm.inputTokensPerSecond).toBeCloseTo(warm.requestsPerSecond * 1000, 9);
    expect(warm.requestsPerSecond).toBeGreaterThan(cold.requestsPerSecond);
    // prefill share φ = prefill / (prefill + decode) per request
    const pre = warm.prefillStep!.totalMs;
    const dec = 100 * warm.decodeStep!.totalMs;
    expect(warm.prefillShare).toBeCloseTo(pre / (pre + dec), 9);
  });
});

describe('KV offload tier', () => {
  it('reload time = bytes per card / (GB/s per server ÷ cards per server)', () => {
    // DeepSeek-V3 BF16 KV 70,272 B/token · 30,000 cached tokens = 2.10816e9 B; 64 GB/s over 8 cards = 8 GB/s → 0.26352 s
    expect(kvReloadSeconds(30_000 * 70_272, { hostMemoryGBPerServer: 1024, bandwidthGBpsPerServer: 64 }, 8)).toBeCloseTo(0.26352, 9);
    // 2 servers · 1,024 GB hold ⌊2.048e12 / 2.10816e9⌋ = 971 session prefixes
    expect(offloadCapacitySessions({ hostMemoryGBPerServer: 1024, bandwidthGBpsPerServer: 64 }, 2, 30_000 * 70_272)).toBe(971);
  });

  it('is counted in TTFT by the serving search', () => {
    const t = { inputTokens: 1000, outputTokens: 100, tpotMs: 1e6, ttftMs: 1e7, batch: 1, groupSize: 1, prefixCacheHitRate: 0.8, cardsPerServer: 8 };
    const g = bestServingGroup(TOY, TOY_DENSE, { ...t, kvOffload: { hostMemoryGBPerServer: 512, bandwidthGBpsPerServer: 16 } }, 'both');
    // 800 tokens · 40,000 B = 32e6 B over 16/8 = 2 GB/s per card = 16 ms
    expect(g.kvReloadMs).toBeCloseTo(16, 9);
    expect(g.ttftMs).toBeCloseTo(g.prefillStep!.totalMs + 16 + g.decodeStep!.totalMs, 9);
    const noTier = bestServingGroup(TOY, TOY_DENSE, t, 'both');
    expect(noTier.kvReloadMs).toBeUndefined();
    expect(g.ttftMs - noTier.ttftMs).toBeCloseTo(16, 9);
  });
});

describe('multi-token prediction', () => {
  it('one draft token: 1 + acceptance tokens per step', () => {
    expect(tokensPerDecodeStep(undefined)).toBe(1);
    expect(tokensPerDecodeStep(0.85)).toBeCloseTo(1.85, 12);
    expect(tokensPerDecodeStep(2)).toBe(2);
  });

  it('verifying the draft doubles the step FLOPs but not its memory traffic', () => {
    const c1 = makeContext(TOY, modelShape(TOY_DENSE), layout(1));
    const one = decodeStep(c1, 1, 1000);
    const two = decodeStep(c1, 1, 1000, 1);
    // memory: 20e9 B of weights + 1000 · 40,000 B of KV = 20.04e9 / 0.5e12 = 40.08 ms, both
    expect(one.memoryMs).toBeCloseTo(40.08, 6);
    expect(two.memoryMs).toBeCloseTo(40.08, 6);
    // compute: 2·10e9·2 / 50e12 = 0.8 ms + 2·1000·40,000 / 50e12 = 0.0016 ms
    expect(two.computeMs).toBeCloseTo(0.8016, 9);
    expect(two.computeMs).toBeCloseTo(2 * one.computeMs, 9);
  });

  it('a decode pool at 85 % acceptance serves 1.85 tokens per step (DeepSeek-V3 reports 85–90 % and 1.8× TPS)', () => {
    const t = { inputTokens: 1000, outputTokens: 100, tpotMs: 1e6, ttftMs: 1e7, batch: 1, groupSize: 1 };
    const base = bestServingGroup(TOY, TOY_DENSE, t, 'decode');
    const mtp = bestServingGroup(TOY, TOY_DENSE, { ...t, mtpAcceptanceRate: 0.85 }, 'decode');
    expect(mtp.tokensPerStep).toBeCloseTo(1.85, 12);
    // rate = 1.85 tokens per (slightly longer) step; TPOT = step / 1.85
    expect(mtp.outputTokensPerSecond).toBeCloseTo((1.85 / mtp.decodeStep!.totalMs) * 1e3, 9);
    expect(mtp.tpotMs).toBeCloseTo(mtp.decodeStep!.totalMs / 1.85, 9);
    const speedup = mtp.outputTokensPerSecond / base.outputTokensPerSecond;
    expect(speedup).toBeGreaterThan(1.7);
    expect(speedup).toBeLessThanOrEqual(1.85);
  });
});

describe('a mix of workloads', () => {
  it('the blended request rate is the harmonic mean by share', () => {
    const m = blendMix([
      { name: 'chat', share: 3, requestsPerSecond: 10, inputTokens: 1000, cachedInputTokens: 500, outputTokens: 100 },
      { name: 'summaries', share: 3, requestsPerSecond: 2, inputTokens: 8000, cachedInputTokens: 0, outputTokens: 300 },
    ]);
    // R = 1 / (0.5/10 + 0.5/2) = 1 / 0.3 = 3.3333; each workload 1.6667 req/s
    expect(m.requestsPerSecond).toBeCloseTo(10 / 3, 12);
    expect(m.workloads[0]!.requestsPerSecond).toBeCloseTo(5 / 3, 12);
    // output 1.6667·100 + 1.6667·300 = 666.67; input 1.6667·9,000 = 15,000; computed 1.6667·8,500 = 14,166.67
    expect(m.outputTokensPerSecond).toBeCloseTo(2000 / 3, 9);
    expect(m.inputTokensPerSecond).toBeCloseTo(15_000, 9);
    expect(m.computedInputTokensPerSecond).toBeCloseTo(42_500 / 3, 9);
    // time shares 1.6667/10 and 1.6667/2 add up to 1
    expect(m.workloads[0]!.timeShare).toBeCloseTo(1 / 6, 12);
    expect(m.workloads[1]!.timeShare).toBeCloseTo(5 / 6, 12);
  });

  it('a workload the build cannot serve makes the mix unservable; a single workload is itself', () => {
    expect(blendMix([
      { name: 'a', share: 1, requestsPerSecond: 10, inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 },
      { name: 'b', share: 1, requestsPerSecond: 0, inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 },
    ]).requestsPerSecond).toBe(0);
    const one = blendMix([{ name: 'a', share: 1, requestsPerSecond: 4, inputTokens: 2000, cachedInputTokens: 1000, outputTokens: 500 }]);
    expect(one.requestsPerSecond).toBe(4);
    expect(one.outputTokensPerSecond).toBe(2000);
    expect(one.workloads[0]!.timeShare).toBe(1);
  });
});

describe('cost per token type and self-host vs API', () => {
  const rates = { computedInputTokensPerSecond: 1000, cachedInputTokensPerSecond: 4000, outputTokensPerSecond: 500 };

  it('splits the annual cost by card-time: φ to input (ψ of it cached), 1 − φ to output', () => {
    // u = 0.5: 0.5 · 3,600 · 8,760 = 15,768,000 s a year
    const c = tokenCosts(1_000_000, 0.5, rates, 0.4, 0.25);
    // input 1e6·0.3 / (1,000 · 15,768,000) · 1e6 = 19.0259; cached 1e5 / (4,000 · 15,768,000) · 1e6 = 1.58549; output 6e5 / (500 · 15,768,000) · 1e6 = 76.1035
    expect(c.perMillionInputTokens).toBeCloseTo(300_000 / 15_768, 4);
    expect(c.perMillionCachedInputTokens).toBeCloseTo(100_000 / 63_072, 6);
    expect(c.perMillionOutputTokens).toBeCloseTo(600_000 / 7_884, 4);
    expect(tokenCosts(1, 0, rates, 0.4, 0.25).perMillionOutputTokens).toBeNull();
  });

  it('break-even utilisation against an API price list', () => {
    // A = 1,000,000 at u 0.5 with v = 200,000 → A₀ = 900,000
    // k = 31,536,000 · (1,000·20 + 4,000·2 + 500·80) / 1e6 = 31.536 · 68,000 = 2,144,448
    const r = selfHostVsApi({ annualizedCost: 1_000_000, utilization: 0.5, variableCostPerUtilization: 200_000, rates, prices: { inputPerMillion: 20, cachedInputPerMillion: 2, outputPerMillion: 80 } });
    expect(r.apiAnnualCost).toBeCloseTo(1_072_224, 6);
    // u* = 900,000 / (2,144,448 − 200,000) = 0.462858
    expect(r.breakEvenUtilization).toBeCloseTo(900_000 / 1_944_448, 12);
    expect(r.cheaper).toBe('build');
    // ten times cheaper API: u* = 900,000 / 14,444.8 ≫ 1 → never; the API wins
    const cheap = selfHostVsApi({ annualizedCost: 1_000_000, utilization: 0.5, variableCostPerUtilization: 200_000, rates, prices: { inputPerMillion: 2, cachedInputPerMillion: 0.2, outputPerMillion: 8 } });
    expect(cheap.breakEvenUtilization).toBeNull();
    expect(cheap.cheaper).toBe('api');
    // without a cached price, cached tokens pay the input price
    expect(selfHostVsApi({ annualizedCost: 1, utilization: 1, variableCostPerUtilization: 0, rates, prices: { inputPerMillion: 1, outputPerMillion: 1 } }).prices.cachedInputPerMillion).toBe(1);
  });
});
