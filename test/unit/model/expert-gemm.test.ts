import { describe, expect, it } from 'vitest';
import {
  DEEPGEMM_MASKED_H800,
  deriveStreamShare,
  EXPERT_STREAM_SHARE,
  expertEfficiency,
  expertHalfTokens,
  pointHalfTokens,
  pointStreamShare,
} from '../../../shared/model/expert-gemm';

describe('grouped expert GEMM curve from DeepGEMM', () => {
  it('one table point: t½ = t · (dense / grouped − 1), φ = 2 · t½ / (dense / 3.35 TB/s)', () => {
    const p = DEEPGEMM_MASKED_H800.find((x) => x.tokensPerGroup === 256 && x.n === 4096)!;
    // 256 · (1,304 / 932 − 1) = 256 · 0.399142 = 102.180
    expect(pointHalfTokens(p)).toBeCloseTo(102.18, 2);
    // ridge = 1,304 / 3.35 = 389.254 FLOP per weight byte; φ = 204.361 / 389.254 = 0.52501
    expect(pointStreamShare(p)).toBeCloseTo(0.52501, 4);
  });

  it('φ is the mean of the six points, 0.51', () => {
    // t½: 58.97, 110.70, 129.97, 60.93, 102.18, 65.96; φ: 0.3030, 0.7236, 0.6678, 0.3982, 0.5250, 0.4312 → mean 0.5081
    expect(deriveStreamShare()).toBeCloseTo(0.5081, 3);
    expect(EXPERT_STREAM_SHARE).toBe(0.51);
  });

  it('t½ on a part: the larger of the tile padding and φ · bpp · FLOP/s / (2 · B/s)', () => {
    // H800 FP8, CUDA defaults: 1,979 TFLOPS · 0.5 = 989.5e12, 3.35 TB/s · 0.75 = 2.5125e12 → 0.51 · 1 · 393.83 / 2 = 100.43
    expect(expertHalfTokens(8, 0.51, 1, 989.5e12, 2.5125e12)).toBeCloseTo(100.43, 2);
    // H20 FP8: 296 · 0.5 = 148e12, 4.0 · 0.75 = 3e12 → 0.51 · 49.333 / 2 = 12.58
    expect(expertHalfTokens(8, 0.51, 1, 148e12, 3e12)).toBeCloseTo(12.58, 2);
    // a bandwidth-rich part falls back to the tile padding: 0.51 · 10 / 2 = 2.55 < 8
    expect(expertHalfTokens(8, 0.51, 1, 10e12, 1e12)).toBe(8);
    // φ = 0 switches the stream term off
    expect(expertHalfTokens(8, 0, 1, 989.5e12, 2.5125e12)).toBe(8);
  });

  it('the curve reproduces the table it was derived from within 20 %', () => {
    for (const p of DEEPGEMM_MASKED_H800) {
      const tHalf = (EXPERT_STREAM_SHARE * (p.denseTflops / 3.35)) / 2;
      const predicted = p.denseTflops * expertEfficiency(p.tokensPerGroup, tHalf);
      expect(Math.abs(predicted / p.groupedTflops - 1)).toBeLessThan(0.2);
    }
  });
});
