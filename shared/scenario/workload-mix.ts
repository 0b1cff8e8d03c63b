/**
 * One build serving several workloads: each workload is run through the cluster model on its
 * own, then blended by share of requests (shared/model/workload.ts blendMix). The blended
 * result is a ClusterResult (the largest-share workload's lines, their token rates blended) so
 * TCO, cost per token and sensitivity read it as before. docs/model.md, "Agent-era workloads".
 */
import type { ClusterLineResult, ClusterResult } from '../model/cluster';
import { blendMix, splitPrompt, type MixResult } from '../model/workload';
import type { ResolvedWorkload } from './workloads';

export interface WorkloadRun {
  workload: ResolvedWorkload;
  cluster: ClusterResult;
}

export interface BlendedCluster extends ClusterResult {
  runs: WorkloadRun[];
  mix: MixResult;
  /** Index of the run whose lines (groups, batches, latencies) speak for the build. */
  primary: number;
  cachedInputTokensPerSecond: number;
  /** Share of the build's card-time in prefill, and the part of it due to cached tokens. */
  prefillShare: number;
  cachedShareOfPrefill: number;
}

/** Card-weighted prefill share of one run: prefill lines 1, decode lines 0, colocated lines their group's share. */
export function runPrefillShares(c: ClusterResult): { prefillShare: number; cachedShareOfPrefill: number } {
  let cards = 0;
  let pre = 0;
  let cachedPart = 0;
  for (const l of c.lines) {
    if (!l.group.feasible || l.replicas === 0) continue;
    const n = l.replicas * l.group.groupSize;
    const phi = l.effectiveRole === 'prefill' ? 1 : l.effectiveRole === 'decode' ? 0 : (l.group.prefillShare ?? 0);
    cards += n;
    pre += n * phi;
    cachedPart += n * phi * (l.group.cachedShareOfPrefill ?? 0);
  }
  return { prefillShare: cards > 0 ? pre / cards : 0, cachedShareOfPrefill: pre > 0 ? cachedPart / pre : 0 };
}

export function blendRuns(runs: WorkloadRun[]): BlendedCluster {
  const mix = blendMix(
    runs.map((r) => {
      const t = r.workload.targets;
      return {
        name: r.workload.name,
        share: r.workload.share,
        requestsPerSecond: r.cluster.requestsPerSecond,
        inputTokens: t.inputTokens,
        cachedInputTokens: splitPrompt(t.inputTokens, t.prefixCacheHitRate ?? 0).cached,
        outputTokens: t.outputTokens,
      };
    }),
  );
  let primary = 0;
  runs.forEach((r, i) => {
    if (r.workload.share > runs[primary]!.workload.share) primary = i;
  });
  // how much of each run's stand-alone rate the mix serves
  const scale = runs.map((r, i) => (r.cluster.requestsPerSecond > 0 ? mix.workloads[i]!.requestsPerSecond / r.cluster.requestsPerSecond : 0));
  const base = runs[primary]!.cluster;
  const lines: ClusterLineResult[] = base.lines.map((l, li) => {
    const sum = (k: 'requestsPerSecond' | 'outputTokensPerSecond' | 'inputTokensPerSecond') => runs.reduce((s, r, i) => s + (r.cluster.lines[li]?.[k] ?? 0) * scale[i]!, 0);
    const rps = sum('requestsPerSecond');
    return { ...l, requestsPerSecond: rps, outputTokensPerSecond: sum('outputTokensPerSecond'), inputTokensPerSecond: sum('inputTokensPerSecond'), load: runs.reduce((s, r, i) => s + (r.cluster.lines[li]?.load ?? 0) * scale[i]!, 0) };
  });
  const many = runs.length > 1;
  const warnings = [...new Set(runs.flatMap((r) => r.cluster.warnings.map((w) => (many ? `${r.workload.name}: ${w}` : w))))];
  const shares = runs.map((r) => runPrefillShares(r.cluster));
  const timeShares = mix.workloads.map((w) => w.timeShare);
  const phi = shares.reduce((s, x, i) => s + x.prefillShare * timeShares[i]!, 0);
  const psiNum = shares.reduce((s, x, i) => s + x.prefillShare * x.cachedShareOfPrefill * timeShares[i]!, 0);
  return {
    ...base,
    outputTokensPerSecond: mix.outputTokensPerSecond,
    inputTokensPerSecond: mix.inputTokensPerSecond,
    computedInputTokensPerSecond: mix.computedInputTokensPerSecond,
    cachedInputTokensPerSecond: mix.inputTokensPerSecond - mix.computedInputTokensPerSecond,
    requestsPerSecond: mix.requestsPerSecond,
    kvTransferGBps: runs.reduce((s, r, i) => s + r.cluster.kvTransferGBps * scale[i]!, 0),
    lines,
    warnings,
    runs,
    mix,
    primary,
    prefillShare: phi,
    cachedShareOfPrefill: phi > 0 ? psiNum / phi : 0,
  };
}
