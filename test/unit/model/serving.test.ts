import { describe, expect, it } from 'vitest';
import { evaluateCluster } from '../../../shared/model/cluster';
import { decodeStep, makeContext, prefillStep } from '../../../shared/model/perf';
import { findModel } from '../../../shared/model/presets';
import { bestDecodeGroup, bestPrefillGroup, bestServingGroup } from '../../../shared/model/serving';
import { modelShape } from '../../../shared/model/spec';
import { TOY, TOY_DENSE } from './fixtures';

const T = { inputTokens: 1000, outputTokens: 1000, tpotMs: 60, ttftMs: 5000 };

describe('batch search', () => {
  it('decode-only: the largest batch under TPOT (hand-computed)', () => {
    const g = bestDecodeGroup(TOY, TOY_DENSE, { ...T, groupSize: 1 });
    // mean context 1000 + 1000/2 = 1500; compute per sequence (2·10e9 + 1500·40,000) / 50e12 = 0.4012 ms
    // 60 / 0.4012 = 149.55 → 149; memory at 149: (20e9 + 149·1500·40,000) / 0.5e12 = 57.88 ms < 59.78 ms compute
    expect(g.batch).toBe(149);
    expect(g.bound).toBe('compute');
    expect(g.batchLimit).toBe('tpot');
    expect(g.tpotMs).toBeCloseTo(149 * 0.4012, 6);
    // output = 149 / 59.7788 ms = 2,492.5 tok/s
    expect(g.outputTokensPerSecond).toBeCloseTo(149 / (149 * 0.4012e-3), 3);
  });

  it('colocated: pinned batch combines prefill and decode time', () => {
    const g = bestServingGroup(TOY, TOY_DENSE, { ...T, groupSize: 1, batch: 100 }, 'both');
    const c = makeContext(TOY, modelShape(TOY_DENSE), { groupSize: 1, attnTp: 1, weightPrecision: 'bf16', kvPrecision: 'bf16' });
    const pre = prefillStep(c, 1, 1000).totalMs; // 400.4 ms per request
    const step = decodeStep(c, 100, 1500).totalMs; // max(52 ms memory, 40.12 ms compute) = 52 ms
    expect(step).toBeCloseTo(52, 6);
    // request rate = 1 / (0.4004 + 1000 · 0.052 / 100) = 1 / 0.9204 s
    expect(g.requestsPerSecond).toBeCloseTo(1 / (pre / 1e3 + (1000 * step) / 1e3 / 100), 9);
    expect(g.outputTokensPerSecond).toBeCloseTo(1000 / 0.9204, 3);
    // effective TPOT = 52 + (100/1000) · 400.4 = 92.04 ms > 60 → targets missed at this pinned batch
    expect(g.tpotMs).toBeCloseTo(92.04, 6);
    expect(g.meetsTargets).toBe(false);
  });

  it('searched batch meets the targets and the next one would not', () => {
    const g = bestServingGroup(TOY, TOY_DENSE, { ...T, groupSize: 1 });
    expect(g.meetsTargets).toBe(true);
    expect(g.tpotMs).toBeLessThanOrEqual(60);
    const next = bestServingGroup(TOY, TOY_DENSE, { ...T, groupSize: 1, batch: g.batch + 1 });
    expect(next.tpotMs).toBeGreaterThan(60);
  });

  it('capacity: a model that does not fit reports capacity and zero throughput', () => {
    const g = bestServingGroup({ ...TOY, memoryGB: 10 }, TOY_DENSE, T, 'both', { maxCards: 1 });
    expect(g.feasible).toBe(false);
    expect(g.bound).toBe('capacity');
    expect(g.outputTokensPerSecond).toBe(0);
  });

  it('latency: a target no batch can meet is reported as latency bound', () => {
    const g = bestServingGroup(TOY, TOY_DENSE, { ...T, tpotMs: 1, groupSize: 1 });
    expect(g.meetsTargets).toBe(false);
    expect(g.bound).toBe('latency');
    expect(g.batch).toBe(1);
  });

  it('group search picks the smallest group that fits a big model and reports power', () => {
    const ds = findModel('deepseek-v3')!;
    const h20 = { ...TOY, memoryGB: 96, memoryBandwidthTBps: 4, tflops: { bf16: 148, fp8: 296 }, tdpW: 400, scaleUpGBps: 900, mbu: 0.75 };
    const g = bestServingGroup(h20, ds, { inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000, hostPowerWPerCard: 375 }, 'both', { maxCards: 8 });
    // 671 GB of FP8 weights need 8 × 96 GB at 90 %
    expect(g.groupSize).toBe(8);
    expect(g.powerW).toBe(8 * (400 + 375));
    expect(g.computePrecision).toBe('fp8');
  });

  it('prefill-only groups fill the TTFT budget; decode-only groups the TPOT budget', () => {
    const p = bestPrefillGroup(TOY, TOY_DENSE, { ...T, groupSize: 1 });
    // one prompt takes 400.4 ms of compute + KV transfer 1000·40,000 B / 40e9 B/s = 1 ms → 12 prompts per pass within 5 s
    expect(p.batch).toBe(12);
    expect(p.ttftMs).toBeLessThanOrEqual(5000);
    expect(p.inputTokensPerSecond).toBeCloseTo((12 * 1000) / (12 * 400.4e-3), 0);
    const d = bestDecodeGroup(TOY, TOY_DENSE, { ...T, groupSize: 1 });
    expect(d.tpotMs).toBeLessThanOrEqual(60);
  });
});

describe('disaggregated pools', () => {
  it('the build rate is the slower pool; per-line figures add up', () => {
    const lines = [
      { spec: TOY, cards: 2, role: 'prefill' as const },
      { spec: TOY, cards: 2, role: 'decode' as const },
    ];
    const r = evaluateCluster(lines, TOY_DENSE, T);
    const pre = r.lines[0]!;
    const dec = r.lines[1]!;
    expect(r.requestsPerSecond).toBeCloseTo(Math.min(pre.capacityRequestsPerSecond, dec.capacityRequestsPerSecond), 9);
    expect(r.binding).toBe(pre.capacityRequestsPerSecond <= dec.capacityRequestsPerSecond ? 'prefill' : 'decode');
    expect(r.outputTokensPerSecond).toBeCloseTo(r.requestsPerSecond * 1000, 6);
    expect(dec.outputTokensPerSecond + pre.outputTokensPerSecond).toBeCloseTo(r.outputTokensPerSecond, 6);
    // KV traffic = rate · 1000 tokens · 40,000 B
    expect(r.kvTransferGBps).toBeCloseTo((r.requestsPerSecond * 1000 * 40_000) / 1e9, 9);
  });

  it('a lone prefill pool falls back to colocated serving with a warning', () => {
    const r = evaluateCluster([{ spec: TOY, cards: 2, role: 'prefill' }], TOY_DENSE, T);
    expect(r.lines[0]!.effectiveRole).toBe('both');
    expect(r.warnings.join()).toMatch(/needs a decode pool/);
    expect(r.outputTokensPerSecond).toBeGreaterThan(0);
  });

  it('colocated lines add their replicas', () => {
    const one = evaluateCluster([{ spec: TOY, cards: 1, role: 'both' }], TOY_DENSE, { ...T, groupSize: 1 });
    const three = evaluateCluster([{ spec: TOY, cards: 3, role: 'both' }], TOY_DENSE, { ...T, groupSize: 1 });
    expect(three.outputTokensPerSecond).toBeCloseTo(3 * one.outputTokensPerSecond, 6);
    expect(three.lines[0]!.replicas).toBe(3);
  });
});
