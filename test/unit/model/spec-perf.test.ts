import { describe, expect, it } from 'vitest';
import { findModel, MODEL_PRESETS } from '../../../shared/model/presets';
import {
  attentionParamsPerLayer,
  computePrecision,
  distinctExpertFraction,
  kvBytesPerToken16,
  modelShape,
  modelSpecSchema,
} from '../../../shared/model/spec';
import {
  allReduceSeconds,
  allToAllSeconds,
  commSeconds,
  decodeStep,
  makeContext,
  maxSequencesByMemory,
  prefillStep,
  weightBytesPerCard,
  weightBytesReadPerCard,
} from '../../../shared/model/perf';
import { TOY, TOY_DENSE, TOY_MOE } from './fixtures';

const layout = (g: number, attnTp = g) => ({ groupSize: g, attnTp, weightPrecision: 'bf16' as const, kvPrecision: 'bf16' as const });

describe('model shapes', () => {
  it('DeepSeek-V3 MLA attention parameters per layer', () => {
    const ds = findModel('deepseek-v3')!;
    // q: 7168·1536 + 1536·128·(128+64) = 11,010,048 + 37,748,736 = 48,758,784
    // kv: 7168·(512+64) + 512·128·(128+128) = 4,128,768 + 16,777,216 = 20,905,984
    // o: 128·128·7168 = 117,440,512        total 187,105,280
    expect(attentionParamsPerLayer(ds)).toBe(187_105_280);
  });

  it('Llama 3.1 8B GQA attention parameters per layer', () => {
    const m = findModel('llama-3.1-8b')!;
    // q and o: 4096·32·128·2 = 33,554,432; k and v: 2·4096·8·128 = 8,388,608 → 41,943,040
    expect(attentionParamsPerLayer(m)).toBe(41_943_040);
  });

  it('KV bytes per token: MLA latent vs GQA', () => {
    // DeepSeek-V3: 61 layers · (512 + 64) · 2 bytes = 70,272
    expect(kvBytesPerToken16(findModel('deepseek-v3')!)).toBe(70_272);
    // Llama 3.1 70B: 2 (K,V) · 80 · 8 · 128 · 2 bytes = 327,680
    expect(kvBytesPerToken16(findModel('llama-3.1-70b')!)).toBe(327_680);
    // MiniMax-M1: only 10 softmax layers: 2 · 10 · 8 · 128 · 2 = 40,960
    expect(kvBytesPerToken16(findModel('minimax-m1')!)).toBe(40_960);
  });

  it('routed-expert parameters from total, active, E and k', () => {
    const s = modelShape(TOY_MOE);
    // R = (100 − 10) / (1 − 4/64) = 90 / 0.9375 = 96 B; D = 4 B
    expect(s.routedParams).toBeCloseTo(96e9, -3);
    expect(s.denseParams).toBeCloseTo(4e9, -3);
    const ds = modelShape(findModel('deepseek-v3')!);
    // (671 − 37) / (1 − 8/256) = 634 / 0.96875 = 654.4516 B
    expect(ds.routedParams / 1e9).toBeCloseTo(654.4516, 3);
  });

  it('distinct experts E·(1 − (1 − k/E)^B)', () => {
    expect(distinctExpertFraction(256, 8, 1)).toBeCloseTo(8 / 256, 12);
    // (31/32)² = 961/1024 → 1 − 0.9384765625 = 0.0615234375
    expect(distinctExpertFraction(256, 8, 2)).toBeCloseTo(0.0615234375, 12);
    expect(distinctExpertFraction(256, 8, 10_000)).toBeCloseTo(1, 9);
    expect(distinctExpertFraction(0, 0, 5)).toBe(1); // dense
  });

  it('compute precision falls back where a part lacks FP8', () => {
    expect(computePrecision({ tflops: { bf16: 1, fp8: 2 } }, 'fp8')).toBe('fp8');
    expect(computePrecision({ tflops: { fp16: 1, int8: 2 } }, 'fp8')).toBe('int8'); // W8A8 on Ascend
    expect(computePrecision({ tflops: { bf16: 1, fp8: 2 } }, 'int4')).toBe('bf16'); // weight-only
  });

  it('every preset parses and has a source', () => {
    expect(MODEL_PRESETS.length).toBeGreaterThanOrEqual(10);
    for (const p of MODEL_PRESETS) {
      expect(p.source?.url).toMatch(/^https:\/\//);
      expect(modelSpecSchema.safeParse(p).success).toBe(true);
    }
    expect(findModel('Qwen3 235B-A22B')?.moe?.experts).toBe(128);
    expect(findModel('kimi k2')?.moe?.experts).toBe(384);
  });
});

describe('decode and prefill roofline (toy: 10B dense on 0.5 TB/s, 50 TFLOPS effective)', () => {
  const shape = modelShape(TOY_DENSE);
  const c1 = makeContext(TOY, shape, layout(1));

  it('memory: weights and KV per card', () => {
    // 10e9 params · 2 bytes = 20e9 bytes
    expect(weightBytesPerCard(c1)).toBeCloseTo(20e9, -3);
    // KV/token = 2·10·10·100·2 = 40,000 B; usable 90e9 − 20e9 = 70e9; per sequence of 1500: 60e6 → 1166
    expect(maxSequencesByMemory(c1, 1500)).toBe(1166);
  });

  it('decode at batch 1 is memory bound', () => {
    const s = decodeStep(c1, 1, 1000);
    // memory = (20e9 + 1·1000·40,000) / 0.5e12 = 40.08 ms
    expect(s.memoryMs).toBeCloseTo(40.08, 6);
    // compute = 2·10e9 / 50e12 = 0.4 ms + attention 1000·(4·10·100·10 = 40,000) / 50e12 = 0.0008 ms
    expect(s.computeMs).toBeCloseTo(0.4008, 6);
    expect(s.totalMs).toBeCloseTo(40.08, 6);
    expect(s.dominant).toBe('memory');
  });

  it('decode at batch 200 is compute bound', () => {
    const s = decodeStep(c1, 200, 1000);
    // memory = (20e9 + 200·1000·40,000 = 8e9) / 0.5e12 = 56 ms
    expect(s.memoryMs).toBeCloseTo(56, 6);
    // compute = 2·10e9·200 / 50e12 = 80 ms + 200·1000·40,000 / 50e12 = 0.16 ms → 80.16 ms
    expect(s.computeMs).toBeCloseTo(80.16, 6);
    expect(s.dominant).toBe('compute');
  });

  it('prefill is compute bound with a quadratic attention term', () => {
    const s = prefillStep(c1, 1, 1000);
    // linear 2·10e9·1000 / 50e12 = 400 ms; attention 10·(100+100)·10 · 1000² = 2e10 / 50e12 = 0.4 ms
    expect(s.computeMs).toBeCloseTo(400.4, 6);
    expect(s.memoryMs).toBeCloseTo(40, 6); // weights once: 20e9 / 0.5e12
    expect(s.totalMs).toBeCloseTo(400.4, 6);
  });

  it('tensor-parallel all-reduce adds bandwidth and latency terms', () => {
    const c2 = makeContext(TOY, shape, layout(2));
    // one token: 1·1000·2 bytes; ring: 2·(1/2)·2000 / 160e9 + 5 µs = 12.5 ns + 5 µs
    expect(allReduceSeconds(c2, 2, 2000)).toBeCloseTo(12.5e-9 + 5e-6, 15);
    // two all-reduces per layer, 10 layers
    expect(commSeconds(c2, 1)).toBeCloseTo(20 * (12.5e-9 + 5e-6), 15);
    // the same over scale-out (group larger than the 8-card domain): 2·(15/16)·2000 / 40e9 + 20 µs
    expect(allReduceSeconds(makeContext(TOY, shape, layout(16)), 16, 2000)).toBeCloseTo((2 * 15 * 2000) / 16 / 40e9 + 20e-6, 15);
  });
});

describe('MoE reads only the experts a batch touches', () => {
  const shape = modelShape(TOY_MOE);
  it('weights read per step grow with distinct experts', () => {
    const c = makeContext(TOY, shape, layout(1));
    // attention 24e6, other dense 4e9 − 24e6, routed 96e9 · (4/64) at one token → 4e9 + 6e9 = 10e9 params = 20e9 bytes
    expect(weightBytesReadPerCard(c, 1)).toBeCloseTo(20e9, -4);
    // two tokens: 96e9 · (1 − (60/64)²) = 96e9 · 0.12109375 = 11.625e9 → (4e9 + 11.625e9)·2
    expect(weightBytesReadPerCard(c, 2)).toBeCloseTo(31.25e9, -4);
  });

  it('expert-parallel all-to-all over scale-up and scale-out', () => {
    // g = 4 in one domain, data-parallel attention (tp 1): per card 1 token · k 4 · 1000 · (2 + 2) B · 3/4 = 12,000 B
    const c4 = makeContext(TOY, shape, layout(4, 1));
    expect(allToAllSeconds(c4, 1)).toBeCloseTo(12_000 / 160e9 + 10e-6, 15);
    // g = 16 over two 8-card domains (hierarchical): per copy 1 · 1000 · (2 + 2) = 4,000 B
    // remote domains per token n·(1 − (1 − 1/n)^k)·(n − 1)/n = 2 · (1 − 0.5⁴) · 0.5 = 0.9375
    // scale-out 4,000 · 0.9375 / 40e9 = 93.75 ns; scale-up fan-out 4,000 · 4 · 7/8 / 160e9 = 87.5 ns; + 2 · 20 µs
    const c16 = makeContext(TOY, shape, layout(16, 1));
    expect(allToAllSeconds(c16, 1)).toBeCloseTo(93.75e-9 + 40e-6, 15);
  });

  it('data-parallel attention replicates attention weights but not the KV cache', () => {
    const dp = makeContext(TOY, shape, layout(4, 1));
    // attention 24e6 whole on each card + (100e9 − 24e6)/4 others
    expect(weightBytesPerCard(dp)).toBeCloseTo((24e6 + (100e9 - 24e6) / 4) * 2, -3);
    // 4 cards of tp 4 with only 2 KV heads: the KV cache is replicated twice
    const tp = makeContext(TOY, shape, layout(4, 4));
    expect(tp.kvReplication).toBe(2);
    expect(dp.kvReplication).toBe(1);
  });
});
