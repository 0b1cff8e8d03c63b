/** The shared evaluation of the open bid set, recomputed when it or the catalog changes. */
import { useMemo } from 'react';
import { evaluateBidFile, type BidEvaluation } from '../../../shared/bids/evaluate';
import { parseBidFile, type BidFileInput } from '../../../shared/bids/schema';
import { ScenarioError, type ScenarioIssue } from '../../../shared/scenario/schema';
import { selectLookup, useCatalog } from '../stores/catalog';
import { today } from './useEvaluation';

export type BidEvaluationState = { ok: true; result: BidEvaluation } | { ok: false; issues: ScenarioIssue[] } | null;

export function useBidEvaluation(file: BidFileInput | null): BidEvaluationState {
  const lookup = useCatalog(selectLookup);
  return useMemo(() => {
    if (!file || !lookup) return null;
    const p = parseBidFile(file);
    if (!p.ok) return p;
    try {
      return { ok: true, result: evaluateBidFile(p.value, lookup, { today: today() }) };
    } catch (e) {
      if (e instanceof ScenarioError) return { ok: false, issues: e.issues };
      return { ok: false, issues: [{ path: '(root)', message: (e as Error).message }] };
    }
  }, [file, lookup]);
}
