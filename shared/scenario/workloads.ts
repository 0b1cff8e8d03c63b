/**
 * The scenario's workload (and its optional mix) as the serving model's targets: a multi-turn
 * session becomes its mean prompt, output and prefix-cache hit rate; a mix entry takes its
 * preset's shape, then its own fields, and the rest from the workload. docs/model.md,
 * "Agent-era workloads".
 */
import type { WorkloadTargets } from '../model/serving';
import type { WeightPrecision } from '../model/spec';
import { multiTurnSession, type SessionShape, type TurnsInput } from '../model/workload';
import { workloadPreset } from '../model/workload-presets';
import type { Scenario } from './schema';

export interface ResolvedWorkload {
  name: string;
  preset?: string;
  /** Share of requests, normalised over the mix (1 without a mix). */
  share: number;
  targets: WorkloadTargets;
  session?: SessionShape;
}

type Workload = Scenario['workload'];

interface Shape {
  inputTokens: number;
  outputTokens: number;
  prefixCacheHitRate: number;
  turns?: TurnsInput;
}

function targetsOf(w: Workload, shape: Shape, over: { tpotMs?: number; ttftMs?: number; mtpAcceptanceRate?: number }, weightPrecision: WeightPrecision) {
  const session = shape.turns ? multiTurnSession(shape.turns) : undefined;
  const targets: WorkloadTargets = {
    inputTokens: session ? Math.max(1, Math.round(session.meanInputTokens)) : shape.inputTokens,
    outputTokens: session ? session.outputTokens : shape.outputTokens,
    tpotMs: over.tpotMs ?? w.tpotMs,
    ttftMs: over.ttftMs ?? w.ttftMs,
    batch: w.batch,
    groupSize: w.groupSize,
    weightPrecision,
    kvPrecision: w.kvPrecision,
    prefixCacheHitRate: session ? session.prefixCacheHitRate : shape.prefixCacheHitRate,
    mtpAcceptanceRate: over.mtpAcceptanceRate ?? w.mtpAcceptanceRate,
    kvOffload: w.kvOffload,
  };
  return { targets, session };
}

/** The workloads a scenario serves: its mix, or the workload alone (share 1). */
export function resolveWorkloads(w: Workload, weightPrecision: WeightPrecision): ResolvedWorkload[] {
  const base: Shape = { inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefixCacheHitRate: w.prefixCacheHitRate, turns: w.turns };
  if (!w.mix) {
    const { targets, session } = targetsOf(w, base, {}, weightPrecision);
    return [{ name: 'workload', share: 1, targets, session }];
  }
  const total = w.mix.reduce((s, e) => s + e.share, 0);
  return w.mix.map((e) => {
    const p = e.preset ? workloadPreset(e.preset) : undefined;
    const from: Shape = p ? { inputTokens: p.inputTokens, outputTokens: p.outputTokens, prefixCacheHitRate: p.prefixCacheHitRate, turns: p.turns } : base;
    const ownShape = e.inputTokens !== undefined || e.outputTokens !== undefined || e.prefixCacheHitRate !== undefined;
    const shape: Shape = {
      inputTokens: e.inputTokens ?? from.inputTokens,
      outputTokens: e.outputTokens ?? from.outputTokens,
      prefixCacheHitRate: e.prefixCacheHitRate ?? from.prefixCacheHitRate,
      // figures of its own replace the preset's session; its own turns replace everything
      turns: e.turns ?? (ownShape ? undefined : from.turns),
    };
    const { targets, session } = targetsOf(w, shape, { tpotMs: e.tpotMs ?? p?.tpotMs, ttftMs: e.ttftMs ?? p?.ttftMs, mtpAcceptanceRate: e.mtpAcceptanceRate }, weightPrecision);
    return { name: e.name ?? e.preset ?? 'workload', preset: e.preset, share: total > 0 ? e.share / total : 0, targets, session };
  });
}
