/** Per-workload results of a build serving a mix (or one workload): rates, latencies, cost, offload capacity. */
import { costPerMillionTokens } from '../model/tco';
import { BYTES_PER_KV, modelShape } from '../model/spec';
import { offloadCapacitySessions } from '../model/workload';
import type { ResolvedBuild, ResolvedScenario } from './resolve';
import type { BlendedCluster } from './workload-mix';

export interface WorkloadResult {
  name: string;
  preset?: string;
  /** Share of requests. */
  share: number;
  /** Share of the build's time it takes. */
  timeShare: number;
  inputTokens: number;
  outputTokens: number;
  prefixCacheHitRate: number;
  mtpAcceptanceRate: number | null;
  /** A multi-turn session's shape, when the workload is one. */
  session: { turns: number; meanDecodeContextTokens: number; maxContextTokens: number; inputTokensPerSession: number } | null;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  computedInputTokensPerSecond: number;
  /** The build serving this workload alone: cost per million output tokens. */
  costPerMillionOutputTokens: number | null;
  /** The largest serving line's latencies for this workload. */
  tpotMs: number;
  ttftMs: number;
  kvReloadMs: number | null;
  meetsTargets: boolean;
  /** Session prefixes the host tier holds (KV offload), null without one. */
  offloadCapacitySessions: number | null;
}

export function workloadResults(c: BlendedCluster, b: ResolvedBuild, r: ResolvedScenario, annualizedCost: number): WorkloadResult[] {
  const shape = modelShape(r.model);
  const servers = b.lines.reduce((s, l) => s + l.servers, 0);
  return c.runs.map((run, i) => {
    const t = run.workload.targets;
    const m = c.mix.workloads[i]!;
    const serving = run.cluster.lines.filter((l) => l.replicas > 0);
    const leadLine = serving.reduce<(typeof serving)[number] | undefined>((best, l) => (!best || l.replicas * l.group.groupSize > best.replicas * best.group.groupSize ? l : best), undefined);
    const cpm = costPerMillionTokens(annualizedCost, run.cluster.outputTokensPerSecond, r.finance.utilization);
    const s = run.workload.session;
    const kvPerToken = (shape.kvBytesPerToken16 * BYTES_PER_KV[t.kvPrecision ?? 'bf16']) / 2;
    const sessionTokens = s ? s.maxContextTokens : t.inputTokens + t.outputTokens;
    return {
      name: run.workload.name,
      preset: run.workload.preset,
      share: m.share,
      timeShare: m.timeShare,
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      prefixCacheHitRate: t.prefixCacheHitRate ?? 0,
      mtpAcceptanceRate: t.mtpAcceptanceRate ?? null,
      session: s ? { turns: s.turns, meanDecodeContextTokens: s.meanDecodeContextTokens, maxContextTokens: s.maxContextTokens, inputTokensPerSession: s.inputTokensPerSession } : null,
      requestsPerSecond: m.requestsPerSecond,
      outputTokensPerSecond: m.outputTokensPerSecond,
      inputTokensPerSecond: m.inputTokensPerSecond,
      computedInputTokensPerSecond: m.computedInputTokensPerSecond,
      costPerMillionOutputTokens: Number.isFinite(cpm) ? cpm : null,
      tpotMs: leadLine?.group.tpotMs ?? 0,
      ttftMs: leadLine?.group.ttftMs ?? 0,
      kvReloadMs: leadLine?.group.kvReloadMs ?? null,
      meetsTargets: serving.length > 0 && serving.every((l) => l.group.meetsTargets),
      offloadCapacitySessions: t.kvOffload ? offloadCapacitySessions(t.kvOffload, servers, sessionTokens * kvPerToken) : null,
    };
  });
}
