/**
 * Grouped expert GEMM efficiency (docs/model.md § 3, "Grouped expert GEMMs").
 *
 * A grouped GEMM over the experts a batch touches runs each expert's weights once for its t
 * tokens. Its cost beyond the ideal FLOPs has two parts:
 * - tile padding: rows padded to the kernel's M tile, on average (M_tile − 1)/2 — the engine's
 *   `expertHalfTokens` (8 for the 16-row tiles of small-batch fused-MoE kernels);
 * - the part of each expert's own weight stream the kernel cannot overlap with its math
 *   (pipeline fill and drain, one weight tile per CTA before the first MMA): a share φ of the
 *   expert's weight-read time, charged as compute. In rows of work that is
 *   t½ = φ · (FLOPs per weight byte at the part's roofline) / 2 = φ · bpp · P·MFU / (2 · BW·MBU),
 *   so it scales with how compute-rich the card is (≈ 100 rows on H800 FP8, ≈ 13 on H20).
 * The curve is t / (t + t½) with t½ the larger of the two, rising with t and saturating at
 * the dense MFU.
 *
 * φ is derived here from DeepGEMM's published table (deepseek-ai/DeepGEMM README, H800, FP8
 * masked grouped GEMM against the dense M = 4,096 GEMM of the same shape), not fitted to the
 * validation rows: each point gives t½ = t · (dense / grouped − 1) and φ = 2 · t½ / ridge with
 * ridge = dense TFLOPS / 3.35 TB/s (the H800's FP8 FLOPs per weight byte as measured), and φ is
 * their mean.
 */

export interface GroupedGemmPoint {
  /** Tokens per group (expert), "M per group". */
  tokensPerGroup: number;
  n: number;
  k: number;
  groupedTflops: number;
  /** The dense M = 4,096 GEMM of the same N, K. */
  denseTflops: number;
}

/** H800 memory bandwidth the DeepGEMM table was measured on, TB/s. */
export const DEEPGEMM_H800_TBPS = 3.35;

/** deepseek-ai/DeepGEMM README (2025-02), "Grouped GEMMs for MoE models (masked layout)" and "Normal GEMMs for dense models" (M = 4,096). */
export const DEEPGEMM_MASKED_H800: readonly GroupedGemmPoint[] = [
  { tokensPerGroup: 1024, n: 4096, k: 7168, groupedTflops: 1233, denseTflops: 1304 },
  { tokensPerGroup: 1024, n: 7168, k: 2048, groupedTflops: 925, denseTflops: 1025 },
  { tokensPerGroup: 512, n: 4096, k: 7168, groupedTflops: 1040, denseTflops: 1304 },
  { tokensPerGroup: 512, n: 7168, k: 2048, groupedTflops: 916, denseTflops: 1025 },
  { tokensPerGroup: 256, n: 4096, k: 7168, groupedTflops: 932, denseTflops: 1304 },
  { tokensPerGroup: 256, n: 7168, k: 2048, groupedTflops: 815, denseTflops: 1025 },
];

/** Half-saturation tokens one point implies: t · (dense / grouped − 1). */
export function pointHalfTokens(p: GroupedGemmPoint): number {
  return p.tokensPerGroup * (p.denseTflops / p.groupedTflops - 1);
}

/** The unoverlapped weight-stream share one point implies: 2 · t½ / (dense TFLOPS / TB/s), FP8 (1 byte per weight). */
export function pointStreamShare(p: GroupedGemmPoint, tbps = DEEPGEMM_H800_TBPS): number {
  return (2 * pointHalfTokens(p)) / (p.denseTflops / tbps);
}

/** φ: the mean over the table's points. */
export function deriveStreamShare(points: readonly GroupedGemmPoint[] = DEEPGEMM_MASKED_H800): number {
  return points.reduce((s, p) => s + pointStreamShare(p), 0) / points.length;
}

/** φ from DeepGEMM's table, rounded to two decimals (0.51). */
export const EXPERT_STREAM_SHARE = Math.round(deriveStreamShare() * 100) / 100;

/**
 * t½ in tokens for a part: the larger of the tile padding and φ · bpp · (FLOP/s) / (2 · B/s),
 * with the part's effective linear peak and bandwidth (after MFU and MBU).
 */
export function expertHalfTokens(tileHalfTokens: number, streamShare: number, bytesPerParam: number, linearFlops: number, bandwidth: number): number {
  const stream = bandwidth > 0 ? (streamShare * bytesPerParam * linearFlops) / (2 * bandwidth) : 0;
  return Math.max(tileHalfTokens, stream);
}

/**
 * Efficiency of grouped expert GEMMs relative to the dense MFU at t tokens per expert per
 * step: t / (t + t½). Rises with t and saturates at 1 (the dense MFU); t½ = 0 switches it off.
 */
export function expertEfficiency(tokensPerExpert: number, halfTokens: number): number {
  if (halfTokens <= 0) return 1;
  if (tokensPerExpert <= 0) return 0;
  return tokensPerExpert / (tokensPerExpert + halfTokens);
}
