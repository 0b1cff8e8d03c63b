/**
 * Serving options: for a part, a workload and a role, what a line of c cards serves.
 *
 * The evaluation (`evaluateCluster`) gives a line of c cards the group that maximises throughput
 * per card among the group sizes that fit in c (powers of two up to 1024 and the scale-up
 * domain), and counts ⌊c / g⌋ replicas of it. So the throughput of a line is a step function of
 * c that changes only where a larger size becomes the best one. We cut it into segments
 * [Gⱼ, Gⱼ₊₁ − 1] in which the group is Gⱼ; the last segment is unbounded. In segment j the
 * line serves nⱼ · rateⱼ with nⱼ ≤ ⌊c / Gⱼ⌋ — exactly what the evaluation will report for the
 * same line, which is why the optimizer does not use a cheaper-looking group the evaluation
 * would not choose. See docs/model.md, "Optimizer".
 */
import { BYTES_PER_KV, modelShape } from '../model/spec';
import { PERF_DEFAULTS } from '../model/perf';
import { bestServingGroup, type ServingGroup, type ServingRole } from '../model/serving';
import type { CandidatePart, CandidateSet } from './candidates';
import { demandRequestsPerSecond, type OptimizeProblem } from './schema';

export interface ServingSegment {
  part: number;
  workload: number;
  role: ServingRole;
  groupSize: number;
  /** Requests per second one group sustains. */
  rate: number;
  /** Largest line (cards) that still evaluates to this group; Infinity for the last segment. */
  maxCards: number;
  group: Pick<ServingGroup, 'batch' | 'bound' | 'tpotMs' | 'ttftMs' | 'outputTokensPerSecond' | 'inputTokensPerSecond'>;
}

export interface WorkloadNeed {
  requestsPerSecond: number;
  outputTokens: number;
  /** KV-cache bytes each request moves from a prefill pool to a decode pool. */
  kvBytesPerRequest: number;
  roles: ServingRole[];
  label: string;
}

const MAX_GROUP = 1024;

function groupSizes(domain: number, pinned?: number): number[] {
  if (pinned !== undefined) return [pinned];
  const out: number[] = [];
  for (let g = 1; g <= MAX_GROUP; g *= 2) out.push(g);
  if (!out.includes(domain)) out.push(domain);
  return out.sort((a, b) => a - b);
}

function perCard(g: ServingGroup): number {
  return (g.role === 'prefill' ? g.inputTokensPerSecond : g.outputTokensPerSecond) / g.groupSize;
}

/** The same preference as the serving search: meets the targets first, then more per card. */
function better(a: ServingGroup, b: ServingGroup | undefined): boolean {
  if (!b) return true;
  if (a.meetsTargets !== b.meetsTargets) return a.meetsTargets;
  return perCard(a) > perCard(b) * (1 + 1e-9);
}

export function segmentsFor(c: CandidateSet, partIndex: number, workload: number, role: ServingRole): ServingSegment[] {
  const part: CandidatePart = c.parts[partIndex]!;
  const r = c.contexts[workload]!;
  const spec = part.resolved.spec;
  const hostPowerWPerCard = part.resolved.server.powerW / part.cardsPerServer;
  const starts: ServingGroup[] = [];
  let best: ServingGroup | undefined;
  for (const g of groupSizes(spec.scaleUpDomain, r.targets.groupSize)) {
    const res = bestServingGroup(spec, r.model, { ...r.targets, groupSize: g, hostPowerWPerCard }, role, { tunables: PERF_DEFAULTS });
    if (!res.feasible || !better(res, best)) continue;
    best = res;
    starts.push(res);
  }
  const out: ServingSegment[] = [];
  starts.forEach((g, i) => {
    if (!g.meetsTargets || g.requestsPerSecond <= 0) return;
    const next = starts[i + 1];
    out.push({
      part: partIndex,
      workload,
      role,
      groupSize: g.groupSize,
      rate: g.requestsPerSecond,
      maxCards: next ? next.groupSize - 1 : Infinity,
      group: { batch: g.batch, bound: g.bound, tpotMs: g.tpotMs, ttftMs: g.ttftMs, outputTokensPerSecond: g.outputTokensPerSecond, inputTokensPerSecond: g.inputTokensPerSecond },
    });
  });
  return out;
}

export function workloadNeeds(p: OptimizeProblem, c: CandidateSet): WorkloadNeed[] {
  return p.demand.map((d, i) => {
    const r = c.contexts[i]!;
    const shape = modelShape(r.model);
    // the same KV volume the cluster model moves between pools
    const kv = r.targets.inputTokens * shape.kvBytesPerToken16 * (BYTES_PER_KV[r.targets.kvPrecision ?? 'bf16'] / 2);
    return {
      requestsPerSecond: demandRequestsPerSecond(d),
      outputTokens: d.outputTokens,
      kvBytesPerRequest: kv,
      roles: [...new Set(d.roles)],
      label: d.name ?? r.model.name,
    };
  });
}

/** Every segment of every part × workload × role the demand allows. */
export function allSegments(p: OptimizeProblem, c: CandidateSet): ServingSegment[] {
  const out: ServingSegment[] = [];
  p.demand.forEach((d, w) => {
    const roles = new Set(d.roles);
    // a prefill pool is useless without a decode pool and vice versa
    const pools = roles.has('prefill') && roles.has('decode');
    c.parts.forEach((_, i) => {
      if (roles.has('both')) out.push(...segmentsFor(c, i, w, 'both'));
      if (pools) {
        out.push(...segmentsFor(c, i, w, 'prefill'));
        out.push(...segmentsFor(c, i, w, 'decode'));
      }
    });
  });
  return out;
}

/** Cards per second of KV the decode NICs take in: requests/s one decode card can receive. */
export function kvRequestsPerCard(part: CandidatePart, kvBytesPerRequest: number): number {
  if (kvBytesPerRequest <= 0) return Infinity;
  return (Math.max(1, part.resolved.spec.scaleOutGBps) * 1e9 * PERF_DEFAULTS.scaleOutEfficiency) / kvBytesPerRequest;
}
