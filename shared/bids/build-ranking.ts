/**
 * The ranking a build-comparison report (a scenario, no bids) leads with: by cost per million
 * output tokens, the unit cost a buyer of inference compares; builds that serve nothing last.
 * Ties fall to the lower TCO, then to file order.
 */
import type { BuildResult } from '../scenario/evaluate';

export function rankBuildsByUnitCost(builds: readonly BuildResult[]): number[] {
  const cpm = (b: BuildResult) => b.costPerMillionOutputTokens ?? Number.POSITIVE_INFINITY;
  return builds
    .map((_, i) => i)
    .sort((a, b) => cpm(builds[a]!) - cpm(builds[b]!) || builds[a]!.tco - builds[b]!.tco || a - b);
}
