/** Evaluations of builds by the shared models, recomputed when a build or the catalog changes. */
import { useMemo } from 'react';
import type { BuildRecord } from '../../../shared/scenario/build';
import { evaluateBuildRecord, type BuildEvaluation } from '../../../shared/scenario/evaluate-build';
import { selectLookup, useCatalog } from '../stores/catalog';
import { today } from '../stores/settings';

/** Today in the user's time zone (the settings store holds the zone). */
export { today };

export function useEvaluation(build: BuildRecord | undefined, sensitivity = false): BuildEvaluation | null {
  const lookup = useCatalog(selectLookup);
  return useMemo(
    () => (build && lookup ? evaluateBuildRecord(build, lookup, { today: today(), sensitivity }) : null),
    [build, lookup, sensitivity],
  );
}

export function useEvaluations(builds: BuildRecord[], sensitivity = false): Map<number, BuildEvaluation> {
  const lookup = useCatalog(selectLookup);
  return useMemo(() => {
    const out = new Map<number, BuildEvaluation>();
    if (!lookup) return out;
    for (const b of builds) out.set(b.id, evaluateBuildRecord(b, lookup, { today: today(), sensitivity }));
    return out;
  }, [builds, lookup, sensitivity]);
}
