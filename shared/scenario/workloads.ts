/**
 * The scenario's workload (and its optional mix) as the serving model's targets: a multi-turn
 * session becomes its mean prompt, output and prefix-cache hit rate; a mix entry takes its
 * preset's shape, then its own fields, and the rest from the workload. docs/model.md,
 * "Agent-era workloads".
 */
import type { WorkloadTargets } from '../model/serving';
import type { WeightPrecision } from '../model/spec';
import { multiTurnSession, type SessionShape, type TurnsInput } from '../model/workload';
import { WORKLOAD_PRESETS, workloadPreset } from '../model/workload-presets';
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

// ---------------------------------------------------------------- presets in the editor

type WorkloadFields = {
  inputTokens?: number;
  outputTokens?: number;
  prefixCacheHitRate?: number;
  turns?: { count: number; contextTokens: number; inputTokensPerTurn?: number; outputTokensPerTurn: number };
  tpotMs?: number;
  ttftMs?: number;
};

/** A workload with a preset's shape and targets applied (the model and the other fields kept). */
export function applyWorkloadPreset<W extends WorkloadFields>(w: W, id: string): W {
  const p = workloadPreset(id);
  if (!p) return w;
  const next: W = { ...w, inputTokens: p.inputTokens, outputTokens: p.outputTokens, prefixCacheHitRate: p.prefixCacheHitRate, tpotMs: p.tpotMs, ttftMs: p.ttftMs };
  if (p.turns) next.turns = { ...p.turns };
  else delete next.turns;
  return next;
}

/** The preset a workload is exactly, if any (for the editor's preset menu). */
export function matchingPreset(w: WorkloadFields): string | undefined {
  const same = (a: WorkloadFields['turns'], b: TurnsInput | undefined) =>
    a === undefined ? b === undefined : b !== undefined && a.count === b.count && a.contextTokens === b.contextTokens && (a.inputTokensPerTurn ?? 0) === b.inputTokensPerTurn && a.outputTokensPerTurn === b.outputTokensPerTurn;
  return WORKLOAD_PRESETS.find(
    (p) => same(w.turns, p.turns) && (p.turns !== undefined || (w.inputTokens === p.inputTokens && w.outputTokens === p.outputTokens && (w.prefixCacheHitRate ?? 0) === p.prefixCacheHitRate)) && w.tpotMs === p.tpotMs && w.ttftMs === p.ttftMs,
  )?.id;
}
