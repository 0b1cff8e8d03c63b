import { describe, expect, it } from 'vitest';
import { customEngine, defaultEngine, engineAsOf, engineProfileSchema, ENGINE_PROFILES, engineOrDefault, findEngine } from '../../../shared/model/engines';
import { combineStep, commParts, decodeStep, kvOccupancy, linearComputeSeconds, makeContext, routedHalfTokens } from '../../../shared/model/perf';
import { expertEfficiency } from '../../../shared/model/expert-gemm';
import { findModel } from '../../../shared/model/presets';
import { bestServingGroup } from '../../../shared/model/serving';
import { modelShape, type AcceleratorSpec } from '../../../shared/model/spec';
import { ROOFLINE_ENGINE, TOY, TOY_DENSE, TOY_MOE } from './fixtures';

const layout = (g: number, attnTp = g) => ({ groupSize: g, attnTp, weightPrecision: 'bf16' as const, kvPrecision: 'bf16' as const });

describe('engine profiles', () => {
  it('every built-in profile is dated, sourced (but the fallback) and in range', () => {
    for (const e of Object.values(ENGINE_PROFILES)) {
      expect(e.asOf.length, e.id).toBeGreaterThan(0);
      if (e.id !== 'unknown') expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) expect(s.url, e.id).toMatch(/^https:\/\//);
      expect(e.overlap).toBeGreaterThanOrEqual(0);
      expect(e.overlap).toBeLessThanOrEqual(1);
      expect(e.blockTokens).toBeGreaterThanOrEqual(1);
    }
    expect(Object.keys(ENGINE_PROFILES).sort()).toEqual(['lmdeploy', 'mindie', 'sglang', 'tensorrt-llm', 'unknown', 'vllm', 'vllm-rocm-2024']);
  });

  it('vintages: vLLM on ROCm before 2025 runs the 2024 profile; later dates, other stacks and engines keep theirs', () => {
    const vllm = ENGINE_PROFILES.vllm!;
    expect(engineAsOf(vllm, 'rocm', '2024-10').id).toBe('vllm-rocm-2024');
    expect(engineAsOf(vllm, 'rocm', '2024-12-31').id).toBe('vllm-rocm-2024');
    expect(engineAsOf(vllm, 'rocm', '2025-01').id).toBe('vllm');
    expect(engineAsOf(vllm, 'cuda', '2024-10').id).toBe('vllm');
    expect(engineAsOf(ENGINE_PROFILES.sglang!, 'rocm', '2024-10').id).toBe('sglang');
    expect(engineAsOf(vllm, 'rocm', undefined).id).toBe('vllm');
    // a user picks the vintage by id or by name
    expect(findEngine('vllm-rocm-2024')!.maxRunningSequences).toBe(256);
    expect(findEngine('vLLM (ROCm, 2024)')!.id).toBe('vllm-rocm-2024');
  });

  it("the batch search stops at the engine's running-sequence cap", () => {
    // decode-only, 10 in / 2 out, no latency target: KV memory admits far more than 100 sequences
    const t = { inputTokens: 10, outputTokens: 2, tpotMs: 1e6, ttftMs: 1e9, groupSize: 1 };
    const free = bestServingGroup(TOY, TOY_DENSE, t, 'decode', { maxCards: 1 });
    expect(free.batch).toBeGreaterThan(100);
    const capped = bestServingGroup({ ...TOY, engine: { ...ROOFLINE_ENGINE, maxRunningSequences: 100 } }, TOY_DENSE, t, 'decode', { maxCards: 1 });
    expect(capped.batch).toBe(100);
    expect(capped.batchLimit).toBe('max-batch');
  });

  it('names, aliases and defaults by stack', () => {
    expect(findEngine('TensorRT-LLM')!.id).toBe('tensorrt-llm');
    expect(findEngine('trtllm')!.id).toBe('tensorrt-llm');
    expect(findEngine('vllm-ascend')!.id).toBe('mindie');
    expect(findEngine('SGLang')!.id).toBe('sglang');
    expect(findEngine('cloudmatrix-infer')).toBeUndefined();
    expect(defaultEngine('cuda').id).toBe('vllm');
    expect(defaultEngine('cann').id).toBe('mindie');
    expect(defaultEngine('musa').id).toBe('unknown');
    expect(defaultEngine(undefined).id).toBe('unknown');
    // an engine we have no profile for runs as the stack's default
    expect(engineOrDefault('cloudmatrix-infer', 'cann').id).toBe('mindie');
  });

  it('a user profile keeps its base for what it does not set', () => {
    const e = customEngine({ name: 'our fork', base: 'vllm', stepOverheadMs: 4 });
    expect(e.stepOverheadMs).toBe(4);
    expect(e.blockTokens).toBe(16); // from vLLM
    expect(e.name).toBe('our fork');
    expect(customEngine({ name: 'bare' }).pagedKv).toBe(false); // base: unknown engine
  });

  it('an inline profile may set the new terms, within their ranges', () => {
    const p = engineProfileSchema.parse({ name: 'tbo fork', base: 'sglang', epOverlap: 1, expertStreamShare: 0.3, fp8Attention: false, maxRunningSequences: 512 });
    const e = customEngine(p);
    expect(e).toMatchObject({ epOverlap: 1, expertStreamShare: 0.3, fp8Attention: false, maxRunningSequences: 512, blockTokens: 1 });
    expect(engineProfileSchema.safeParse({ name: 'x', epOverlap: 1.5 }).error?.issues[0]?.message).toBe('expected an EP overlap share between 0 and 1');
    expect(engineProfileSchema.safeParse({ name: 'x', expertStreamShare: -0.1 }).error?.issues[0]?.message).toBe('expected a weight-stream share between 0 and 1');
    expect(engineProfileSchema.safeParse({ name: 'x', maxRunningSequences: 0 }).error?.issues[0]?.message).toBe('expected a positive integer number of sequences');
  });
});

describe('step terms', () => {
  it('overlap: step = fixed + max + (1 − overlap)·(sum − max)', () => {
    // m 10, k 6, n 4, fixed 2, overlap 0.6: hidden 0.6·(20 − 10) = 6 → 2 + 20 − 6 = 16
    const s = combineStep(10, 6, 4, 2, 0.6);
    expect(s.totalMs).toBeCloseTo(16, 12);
    expect(s.overlapMs).toBeCloseTo(6, 12);
    expect(s.dominant).toBe('memory');
    // overlap 1 is the roofline max(), 0 the plain sum
    expect(combineStep(10, 6, 4, 0, 1).totalMs).toBeCloseTo(10, 12);
    expect(combineStep(10, 6, 4, 0, 0).totalMs).toBeCloseTo(20, 12);
    // a fixed cost larger than every term is what binds
    expect(combineStep(1, 1, 0, 3, 1)).toMatchObject({ totalMs: 4, dominant: 'overhead' });
  });

  it('grouped expert GEMM efficiency t/(t + t½)', () => {
    expect(expertEfficiency(8, 8)).toBe(0.5);
    expect(expertEfficiency(24, 8)).toBe(0.75);
    expect(expertEfficiency(5, 0)).toBe(1);
    expect(expertEfficiency(0, 8)).toBe(0);
  });

  it('micro-batch overlap hides EP dispatch/combine behind compute, at most the compute, and nothing else', () => {
    // m 10, k 6, n 4, fixed 1, overlap 0.3, EP all-to-all 3 of the 4 ms: h = min(3, 4, 6) = 3, n' = 1
    // step = 1 + 10 + 0.7·(6 + 1) = 15.9; hidden = 3 + 0.3·7 = 5.1
    const s = combineStep(10, 6, 4, 1, 0.3, 3);
    expect(s.totalMs).toBeCloseTo(15.9, 12);
    expect(s.overlapMs).toBeCloseTo(5.1, 12);
    expect(s.commMs).toBe(4);
    // the hidden part never exceeds the compute it hides behind: k 2 → h = 2, n' = 2; step = 1 + 10 + 0.7·(2 + 2) = 13.8
    expect(combineStep(10, 2, 4, 1, 0.3, 4).totalMs).toBeCloseTo(13.8, 12);
    // without EP traffic nothing changes: 1 + 10 + 0.7·(6 + 4) = 18
    expect(combineStep(10, 6, 4, 1, 0.3, 0).totalMs).toBeCloseTo(18, 12);
  });

  it('EP overlap applies only where the step has all-to-all traffic', () => {
    const eng = { ...ROOFLINE_ENGINE, overlap: 0, epOverlap: 1 };
    // dense TP2: all-reduces only, so the EP overlap hides nothing
    const dense = makeContext({ ...TOY, engine: eng }, modelShape(TOY_DENSE), layout(2));
    expect(commParts(dense, 16).allToAll).toBe(0);
    const sDense = decodeStep(dense, 16, 100);
    expect(sDense.totalMs).toBeCloseTo(sDense.memoryMs + sDense.computeMs + sDense.commMs, 9);
    // MoE with DP attention over 2 cards: dispatch/combine exist and hide behind compute
    const moe = makeContext({ ...TOY, engine: eng }, modelShape(TOY_MOE), layout(2, 1));
    const parts = commParts(moe, 16);
    expect(parts.allToAll).toBeGreaterThan(0);
    const s = decodeStep(moe, 16, 100);
    const h = Math.min(parts.allToAll * 1e3, s.computeMs);
    expect(s.totalMs).toBeCloseTo(s.memoryMs + s.computeMs + s.commMs - h, 9);
  });

  it('FP8 attention: attention FLOPs at the FP8 peak only with an FP8 KV cache and an engine that has the kernels', () => {
    const part: AcceleratorSpec = { ...TOY, tflops: { bf16: 100, fp8: 200 } };
    const kv8 = { groupSize: 1, attnTp: 1, weightPrecision: 'bf16' as const, kvPrecision: 'fp8' as const };
    // 200 TFLOPS · MFU 0.5 = 100e12 with FP8 attention, else 100 · 0.5 = 50e12
    expect(makeContext({ ...part, engine: { ...ROOFLINE_ENGINE, fp8Attention: true } }, modelShape(TOY_DENSE), kv8).attnPeak).toBe(100e12);
    expect(makeContext({ ...part, engine: ROOFLINE_ENGINE }, modelShape(TOY_DENSE), kv8).attnPeak).toBe(50e12);
    expect(makeContext({ ...part, engine: { ...ROOFLINE_ENGINE, fp8Attention: true } }, modelShape(TOY_DENSE), { ...kv8, kvPrecision: 'bf16' }).attnPeak).toBe(50e12);
    expect(ENGINE_PROFILES.sglang!.fp8Attention).toBe(true);
  });

  it('routed experts on a compute-rich part: t½ from the unoverlapped weight stream', () => {
    // TOY: 50e12 FLOP/s and 0.5e12 B/s effective, BF16 (2 B/param): 0.51 · 2 · 100 / 2 = 51 tokens
    const c = makeContext({ ...TOY, engine: { ...ROOFLINE_ENGINE, expertHalfTokens: 8, expertStreamShare: 0.51 } }, modelShape(TOY_MOE), layout(1));
    expect(routedHalfTokens(c)).toBeCloseTo(51, 9);
    // 16 tokens: t = 1.5530 (below), eff = 1.5530 / 52.5530 = 0.029551; routed 2·6e9·16 / 50e12 / 0.029551 = 129.94 ms
    expect(linearComputeSeconds(c, 16) * 1e3).toBeCloseTo(2.56 + 129.94, 1);
  });

  it('routed-expert FLOPs run at the efficiency of the tokens each touched expert gets', () => {
    const c = makeContext({ ...TOY, engine: { ...ROOFLINE_ENGINE, expertHalfTokens: 8 } }, modelShape(TOY_MOE), layout(1));
    // 16 tokens: touched experts 64·(1 − (60/64)^16) = 41.216, t = 16·4 / 41.216 = 1.5530, eff = t/(t + 8) = 0.16256
    // dense 4B active: 2·4e9·16 / 50e12 = 2.56 ms; routed 6B active: 2·6e9·16 / 50e12 / 0.16256 = 23.621 ms
    expect(linearComputeSeconds(c, 16) * 1e3).toBeCloseTo(2.56 + 23.6214, 3);
    // t½ = 0: no penalty, 2·10e9·16 / 50e12 = 6.4 ms
    const c0 = makeContext(TOY, modelShape(TOY_MOE), layout(1));
    expect(linearComputeSeconds(c0, 16) * 1e3).toBeCloseTo(6.4, 9);
  });

  it('a decode step carries the engine overhead and overlap', () => {
    const vllmToy: AcceleratorSpec = { ...TOY, engine: ENGINE_PROFILES.vllm };
    const c = makeContext(vllmToy, modelShape(TOY_DENSE), layout(1));
    // memory: 20 GB weights + 1000 ctx · 40,000 B = 20.04 GB / 0.5 TB/s = 40.08 ms; compute 2·10e9 / 50e12 = 0.4 ms
    // + attention 1000 · 4·10·100·10 FLOPs = 0.04 GFLOP / 50e12 = 0.0008 ms; fixed 1 ms, overlap 0.3 (calibrated, § 10)
    const s = decodeStep(c, 1, 1000);
    expect(s.fixedMs).toBe(1);
    expect(s.totalMs).toBeCloseTo(1 + 40.08 + 0.4008 * 0.7, 9);
  });
});

describe('strict TPOT targets', () => {
  it('the fixed step cost decides whether a target is reachable at all', () => {
    // decode-only at context 999 + 2/2 = 1,000: roofline step 40.08 ms; vLLM 1 + 40.08 + 0.7·0.4008 = 41.36056 ms
    const t = { inputTokens: 999, outputTokens: 2, tpotMs: 40.5, ttftMs: 1e9, groupSize: 1 };
    const roof = bestServingGroup(TOY, TOY_DENSE, t, 'decode', { maxCards: 1 });
    expect(roof.meetsTargets).toBe(true);
    expect(roof.tpotMs).toBeGreaterThan(40);
    const vllm = bestServingGroup({ ...TOY, engine: ENGINE_PROFILES.vllm }, TOY_DENSE, t, 'decode', { maxCards: 1 });
    expect(vllm.meetsTargets).toBe(false);
    expect(vllm.bound).toBe('latency');
    expect(vllm.tpotMs).toBeCloseTo(41.36056, 6);
  });
});

describe('KV occupancy (issue 19)', () => {
  const paged = { pagedKv: true, blockTokens: 16, preemptionMargin: 0.05 };
  it('paged: mean L_in + L_out/2 plus half a block, plus the preemption margin, at most the full context', () => {
    // 128 in / 2,048 out, blocks of 16: mean 128 + 1,024 + 7.5 = 1,159.5; reserved ·1.05 = 1,217.475; full 2,176
    expect(kvOccupancy(paged, 128, 2048)).toEqual({ meanTokens: 1159.5, fullTokens: 2176, reservedTokens: 1159.5 * 1.05 });
    // short output: the margin would exceed the full context, which caps it (1,000 + 10 → 1,010; mean·1.05 = 1,055.25)
    expect(kvOccupancy({ ...paged, blockTokens: 1 }, 1000, 10).reservedTokens).toBe(1010);
  });
  it('static: the full context rounded up to blocks', () => {
    expect(kvOccupancy({ pagedKv: false, blockTokens: 16, preemptionMargin: 0 }, 100, 0)).toMatchObject({ fullTokens: 112, reservedTokens: 112 });
  });

  // Llama 2 13B, FP8 weights and KV (2·40·40·128 = 409,600 B/token), one H200: 141 GB · 0.9 − 13.02 GB = 113.88 GB free
  const H200: AcceleratorSpec = {
    ...TOY,
    key: 'h200',
    name: 'H200',
    memoryGB: 141,
    memoryBandwidthTBps: 4.8,
    tflops: { bf16: 989, fp8: 1979 },
    mbu: 0.75,
    mfu: 0.5,
    scaleUpGBps: 900,
  };
  const llama13 = findModel('llama-2-13b')!;
  const targets = { inputTokens: 128, outputTokens: 2048, tpotMs: 1e6, ttftMs: 1e9, batch: 128, groupSize: 1, weightPrecision: 'fp8' as const, kvPrecision: 'fp8' as const };

  it('Llama 2 13B FP8 at batch 128, 128 in / 2,048 out fits one H200 under TensorRT-LLM (paged)', () => {
    const g = bestServingGroup({ ...H200, engine: ENGINE_PROFILES['tensorrt-llm'] }, llama13, targets, 'both', { maxCards: 1 });
    expect(g.feasible).toBe(true);
    expect(g.batch).toBe(128);
    // blocks of 32: (128 + 1,024 + 15.5) · 1.05 = 1,225.875 tokens per sequence
    expect(g.kvTokensPerSequence).toBeCloseTo(1225.875, 9);
    expect(g.engine.name).toBe('TensorRT-LLM');
    expect(g.outputTokensPerSecond).toBeGreaterThan(0);
  });

  it('a static engine refuses it and says the KV needed at mean and full context, the memory free and the largest batch', () => {
    const g = bestServingGroup({ ...H200, engine: ROOFLINE_ENGINE }, llama13, targets, 'both', { maxCards: 1 });
    expect(g.feasible).toBe(false);
    // mean 128 · 1,152 · 409,600 = 60.4 GB; full 128 · 2,176 · 409,600 = 114.1 GB; largest ⌊113.88e9 / (2,176 · 409,600)⌋ = 127
    expect(g.kvFit).toMatchObject({ batch: 128, largestBatch: 127 });
    expect(g.kvFit!.kvMeanGBPerCard).toBeCloseTo(60.398, 3);
    expect(g.kvFit!.kvFullGBPerCard).toBeCloseTo(114.085, 3);
    expect(g.kvFit!.freeGBPerCard).toBeCloseTo(113.88, 6);
    expect(g.note).toBe(
      'batch 128 needs 60.4 GB of KV cache per card at mean occupancy (114.1 GB at full context; 114.1 GB reserved by the engine), 113.9 GB free per card after 13.0 GB of weights; the largest batch that fits is 127',
    );
  });
});
