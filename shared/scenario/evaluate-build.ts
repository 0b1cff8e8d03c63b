/** Evaluating one saved build exactly as `procure evaluate` evaluates its scenario file. */
import { buildToScenario, type BuildRecord } from './build';
import { issueAt } from '../document/parse';
import type { CatalogLookup } from './catalog-lookup';
import { evaluateScenario, type EvaluationResult } from './evaluate';
import { parseScenario, ScenarioError, type ScenarioIssue } from './schema';

export type BuildEvaluation =
  | { ok: true; result: EvaluationResult }
  | { ok: false; issues: ScenarioIssue[] };

export function evaluateBuildRecord(
  b: Pick<BuildRecord, 'name' | 'assumptions' | 'lines'>,
  lookup: CatalogLookup,
  opts: { today: string; sensitivity?: boolean },
): BuildEvaluation {
  if (b.lines.length === 0) return { ok: false, issues: [issueAt('lines', 'errors.scenario.noLines')] };
  const parsed = parseScenario(buildToScenario(b));
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, result: evaluateScenario(parsed.value, lookup, opts) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, issues: e.issues };
    return { ok: false, issues: [{ path: '(root)', message: (e as Error).message }] };
  }
}
