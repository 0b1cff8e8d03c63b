/** The sentence on what the optimizer's search proved (shared/report/optimize-search.ts, on the Optimize page), in both languages, from hand-made results. */
import { describe, expect, it } from 'vitest';
import { searchNote } from '../../../shared/report/optimize-search';
import { tr, type Lang } from '../../../shared/i18n/translate';
import type { OptimizeResult } from '../../../shared/optimize/types';

const t = (lang: Lang) => (key: string, vars?: Record<string, string | number>) => tr(lang, key, vars);

function result(over: { status: OptimizeResult['status']; value: number | null; bound: number | null; search: OptimizeResult['search']; kind?: OptimizeResult['objective']['kind'] }): OptimizeResult {
  return {
    status: over.status,
    objective: { kind: over.kind ?? 'tco', value: over.value, bound: over.bound },
    currency: 'CNY',
    timings: { candidatesMs: 1, solveMs: 1234, bindingMs: 0, frontierMs: 0, totalMs: 1300, solves: 1 },
    search: over.search,
  } as OptimizeResult;
}

describe('search note', () => {
  it('proven optimal, with the start it came from', () => {
    const r = result({ status: 'optimal', value: 12_018_218, bound: 12_018_218, search: { startedFrom: 'relaxation', startObjective: 14_093_240, gap: 0 } });
    expect(searchNote(r, t('en'), 'en', { wan: false })).toEqual({
      kind: 'proven',
      text: 'Proven optimal in 1.2 s: no build that meets every constraint is cheaper. It started from a rounded first estimate (¥14,093,240).',
    });
    // 14,093,240 / 10,000 = 1,409.32 万元; the sentences joined without a space
    expect(searchNote(r, t('zh-CN'), 'zh-CN', { wan: true })!.text).toBe('已证明最优（求解 1.2 秒）：满足全部约束的方案中没有更便宜的。本次从取整后的初步估算（1,409.32 万元）开始搜索。');
  });

  it('optimal to the solver tolerance says how close', () => {
    // (10,000,000 − 9,999,000) / 10,000,000 = 0.01 %
    const r = result({ status: 'optimal', value: 10_000_000, bound: 9_999_000, search: { startedFrom: 'previous', startObjective: null, gap: 0 } });
    expect(searchNote(r, t('en'), 'en', {})!.text).toBe(
      'Proven optimal in 1.2 s, to within 0.01 %: no build that meets every constraint is more than 0.01 % cheaper. It started from your previous answer.',
    );
  });

  it('time limit with a bound: within x % of the best possible', () => {
    const r = result({ status: 'feasible', value: 10_000_000, bound: 9_960_000, search: { startedFrom: 'none', startObjective: null, gap: 0.004 } });
    expect(searchNote(r, t('en'), 'en', {})).toEqual({
      kind: 'within',
      text: 'Within 0.4 % of the best possible: the solver proved that no build can be more than 0.4 % cheaper, then stopped at its time limit after 1.2 s.',
    });
    expect(searchNote(r, t('zh-CN'), 'zh-CN', {})!.text).toBe('与理论最优相差不超过 0.4 %：求解器已证明任何方案至多再便宜 0.4 %，随后在 1.2 秒时达到时间上限而停止。');
  });

  it('time limit without a bound (a ratio objective), and nothing for an infeasible run', () => {
    const r = result({ status: 'feasible', value: 6.76, bound: null, kind: 'costPerMillionTokens', search: { startedFrom: 'none', startObjective: null, gap: null } });
    expect(searchNote(r, t('en'), 'en', {})!.kind).toBe('unproven');
    expect(searchNote(r, t('en'), 'en', {})!.text).toMatch(/^Not proven optimal: the solver stopped at its time limit after 1\.2 s/);
    expect(searchNote(result({ status: 'infeasible', value: null, bound: null, search: { startedFrom: 'none', startObjective: null, gap: null } }), t('en'), 'en', {})).toBeNull();
  });
});
