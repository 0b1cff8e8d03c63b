/**
 * Throughput of a whole build. Lines with role 'both' serve their own replicas; lines with
 * role 'prefill' and 'decode' form two pools (prefill/decode disaggregation): the build's
 * request rate is the slower pool's, and every request's KV cache crosses the scale-out
 * network from the prefill pool to the decode pool. See docs/model.md, "Disaggregation".
 */
import { PERF_DEFAULTS, type PerfTunables } from './perf';
import { bestServingGroup, type ServingGroup, type ServingRole, type WorkloadTargets } from './serving';
import { BYTES_PER_KV, modelShape, type AcceleratorSpec, type ModelSpec } from './spec';
import { splitPrompt } from './workload';

export interface ClusterLineInput {
  spec: AcceleratorSpec;
  cards: number;
  role: ServingRole;
  hostPowerWPerCard?: number;
  /** Cards per server (the host link a KV offload tier shares). */
  cardsPerServer?: number;
}

export interface ClusterLineResult {
  role: ServingRole;
  /** Role actually used (a lone prefill or decode pool falls back to 'both'). */
  effectiveRole: ServingRole;
  group: ServingGroup;
  replicas: number;
  idleCards: number;
  /** What the line could sustain alone (requests/s), and what it serves in the build. */
  capacityRequestsPerSecond: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  /** Share of the line's capacity used by the build's rate (pool lines can be idle part of the time). */
  load: number;
}

export interface ClusterResult {
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  /** Input tokens prefilled (not served from the prefix cache), per second. */
  computedInputTokensPerSecond: number;
  requestsPerSecond: number;
  /** Which part binds: the colocated lines alone, or the prefill / decode pool / KV network. */
  binding: 'colocated' | 'prefill' | 'decode' | 'kv-transfer' | 'none';
  kvBytesPerRequest: number;
  /** KV traffic between pools at the build's rate, GB/s. */
  kvTransferGBps: number;
  lines: ClusterLineResult[];
  warnings: string[];
}

export function evaluateCluster(
  lines: readonly ClusterLineInput[],
  model: ModelSpec,
  targets: WorkloadTargets,
  tunables: PerfTunables = PERF_DEFAULTS,
): ClusterResult {
  const warnings: string[] = [];
  const hasPrefill = lines.some((l) => l.role === 'prefill');
  const hasDecode = lines.some((l) => l.role === 'decode');
  const pooled = hasPrefill && hasDecode;
  if (hasPrefill !== hasDecode) {
    warnings.push(
      `a ${hasPrefill ? 'prefill' : 'decode'} pool needs a ${hasPrefill ? 'decode' : 'prefill'} pool; those lines serve prefill and decode themselves`,
    );
  }
  const results: ClusterLineResult[] = lines.map((l) => {
    const effectiveRole: ServingRole = pooled ? l.role : 'both';
    const group = bestServingGroup(l.spec, model, { ...targets, hostPowerWPerCard: l.hostPowerWPerCard, cardsPerServer: l.cardsPerServer }, effectiveRole, {
      maxCards: l.cards,
      tunables,
    });
    const replicas = group.feasible ? Math.floor(l.cards / group.groupSize) : 0;
    if (!group.feasible) warnings.push(`${l.spec.name}: ${group.note ?? 'does not fit'}`);
    else if (!group.meetsTargets) warnings.push(`${l.spec.name} (${effectiveRole}): latency targets not met even at batch ${group.batch}`);
    const idle = group.feasible ? l.cards - replicas * group.groupSize : 0;
    if (idle > 0) warnings.push(`${l.spec.name}: ${idle} of ${l.cards} cards idle; a replica needs ${group.groupSize} cards`);
    const cap = replicas * group.requestsPerSecond;
    return {
      role: l.role,
      effectiveRole,
      group,
      replicas,
      idleCards: l.cards - replicas * (group.feasible ? group.groupSize : 0),
      capacityRequestsPerSecond: cap,
      requestsPerSecond: 0,
      outputTokensPerSecond: 0,
      inputTokensPerSecond: 0,
      load: 0,
    };
  });

  const shape = modelShape(model);
  const kvBytesPerRequest = targets.inputTokens * shape.kvBytesPerToken16 * (BYTES_PER_KV[targets.kvPrecision ?? 'bf16'] / 2);
  const colocatedRate = results.filter((r) => r.effectiveRole === 'both').reduce((s, r) => s + r.capacityRequestsPerSecond, 0);
  let poolRate = 0;
  let binding: ClusterResult['binding'] = colocatedRate > 0 ? 'colocated' : 'none';
  if (pooled) {
    const pre = results.filter((r) => r.effectiveRole === 'prefill').reduce((s, r) => s + r.capacityRequestsPerSecond, 0);
    const dec = results.filter((r) => r.effectiveRole === 'decode').reduce((s, r) => s + r.capacityRequestsPerSecond, 0);
    // the decode pool's NICs must also take in every request's KV cache
    const nicBps = lines
      .filter((l) => l.role === 'decode')
      .reduce((s, l) => s + l.cards * Math.max(1, l.spec.scaleOutGBps) * 1e9 * tunables.scaleOutEfficiency, 0);
    const net = kvBytesPerRequest > 0 ? nicBps / kvBytesPerRequest : Infinity;
    poolRate = Math.min(pre, dec, net);
    const poolBinding = poolRate === net && net < Math.min(pre, dec) ? 'kv-transfer' : pre <= dec ? 'prefill' : 'decode';
    if (poolRate > 0 || binding === 'none') binding = poolBinding;
    for (const r of results) {
      if (r.effectiveRole === 'both') continue;
      const total = r.effectiveRole === 'prefill' ? pre : dec;
      const share = total > 0 ? r.capacityRequestsPerSecond / total : 0;
      setRate(r, poolRate * share, targets);
    }
  }
  for (const r of results) if (r.effectiveRole === 'both') setRate(r, r.capacityRequestsPerSecond, targets);

  const rate = colocatedRate + poolRate;
  return {
    outputTokensPerSecond: rate * targets.outputTokens,
    inputTokensPerSecond: rate * targets.inputTokens,
    computedInputTokensPerSecond: rate * splitPrompt(targets.inputTokens, targets.prefixCacheHitRate ?? 0).computed,
    requestsPerSecond: rate,
    binding,
    kvBytesPerRequest,
    kvTransferGBps: (poolRate * kvBytesPerRequest) / 1e9,
    lines: results,
    warnings,
  };
}

function setRate(r: ClusterLineResult, rate: number, t: WorkloadTargets): void {
  r.requestsPerSecond = rate;
  r.load = r.capacityRequestsPerSecond > 0 ? rate / r.capacityRequestsPerSecond : 0;
  // a prefill line produces the first token and reads the prompts; a decode line produces the rest
  r.inputTokensPerSecond = r.effectiveRole === 'decode' ? 0 : rate * t.inputTokens;
  r.outputTokensPerSecond = r.effectiveRole === 'prefill' ? 0 : rate * t.outputTokens;
}
