/** Agent-era workload fields through the scenario: schema, resolution, blend, API comparison, long context. */
import { describe, expect, it } from 'vitest';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { evaluateScenario } from '../../../shared/scenario/evaluate';
import { parseScenario, type Scenario } from '../../../shared/scenario/schema';
import { baseScenario, SNAPSHOT, TODAY } from './fixtures';

const lookup = createCatalogLookup(SNAPSHOT);
function parsed(v: unknown): Scenario {
  const r = parseScenario(v);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}
const withWorkload = (w: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const s = baseScenario();
  return { ...s, workload: { ...(s.workload as object), ...w }, ...extra };
};

describe('agent-era workloads in a scenario', () => {
  it('a hit rate of 0 changes nothing; cached tokens count as input but not as computed input', () => {
    const plain = evaluateScenario(parsed(baseScenario()), lookup, { today: TODAY }).builds[0]!;
    expect(plain.computedInputTokensPerSecond).toBeCloseTo(plain.inputTokensPerSecond, 9);
    const hit = evaluateScenario(parsed(withWorkload({ prefixCacheHitRate: 0.5 })), lookup, { today: TODAY }).builds[0]!;
    // 2,000-token prompts, 1,000 cached: computed = input / 2
    expect(hit.computedInputTokensPerSecond).toBeCloseTo(hit.inputTokensPerSecond / 2, 6);
    expect(hit.cachedInputTokensPerSecond).toBeCloseTo(hit.inputTokensPerSecond / 2, 6);
    expect(hit.lines[0]!.cachedInputTokens).toBe(1000);
    expect(hit.outputTokensPerSecond).toBeGreaterThanOrEqual(plain.outputTokensPerSecond);
  });

  it('turns set the prompt, output and hit rate', () => {
    const r = evaluateScenario(parsed(withWorkload({ turns: { count: 12, contextTokens: 30_000, outputTokensPerTurn: 400 } })), lookup, { today: TODAY });
    const w = r.builds[0]!.workloads[0]!;
    expect(w.inputTokens).toBe(32_200);
    expect(w.outputTokens).toBe(400);
    expect(w.prefixCacheHitRate).toBeCloseTo(356_400 / 386_400, 12);
    expect(w.session).toEqual({ turns: 12, meanDecodeContextTokens: 32_400, maxContextTokens: 34_800, inputTokensPerSession: 386_400 });
    expect(r.assumptions.workload.inputTokens).toBe(32_200);
  });

  it('a mix is the harmonic blend of each workload served alone', () => {
    const mix = [
      { preset: 'chat', share: 3 },
      { name: 'long summaries', share: 1, inputTokens: 8000, outputTokens: 300, ttftMs: 60_000 },
    ];
    const b = evaluateScenario(parsed(withWorkload({ mix })), lookup, { today: TODAY }).builds[0]!;
    const alone = (w: Record<string, unknown>) => evaluateScenario(parsed(withWorkload(w)), lookup, { today: TODAY }).builds[0]!;
    const chat = alone({ inputTokens: 1000, outputTokens: 300, prefixCacheHitRate: 0.5, tpotMs: 50, ttftMs: 2000 });
    const summ = alone({ inputTokens: 8000, outputTokens: 300, ttftMs: 60_000 });
    const r1 = chat.outputTokensPerSecond / 300;
    const r2 = summ.outputTokensPerSecond / 300;
    const rate = 1 / (0.75 / r1 + 0.25 / r2);
    expect(b.workloads.map((w) => w.name)).toEqual(['chat', 'long summaries']);
    expect(b.workloads[0]!.share).toBe(0.75);
    expect(b.outputTokensPerSecond).toBeCloseTo(rate * 300, 6);
    expect(b.inputTokensPerSecond).toBeCloseTo(rate * (0.75 * 1000 + 0.25 * 8000), 6);
    // each workload's own cost per million output tokens is the build serving it alone
    expect(b.workloads[0]!.costPerMillionOutputTokens).toBeCloseTo(chat.costPerMillionOutputTokens!, 9);
    expect(b.workloads[0]!.timeShare + b.workloads[1]!.timeShare).toBeCloseTo(1, 12);
  });

  it('self-host vs API: the break-even utilisation equates the two annual costs', () => {
    const apiPrice = { inputPerMillion: { amount: 2, currency: 'CNY' }, cachedInputPerMillion: { amount: 0.5, currency: 'CNY' }, outputPerMillion: { amount: 8, currency: 'CNY' } };
    const s = withWorkload({ prefixCacheHitRate: 0.5 });
    const b = evaluateScenario(parsed({ ...s, finance: { apiPrice } }), lookup, { today: TODAY }).builds[0]!;
    const api = b.selfHostVsApi!;
    expect(api.prices).toEqual({ inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 });
    const k = (3600 * 8760 * (b.computedInputTokensPerSecond * 2 + b.cachedInputTokensPerSecond * 0.5 + b.outputTokensPerSecond * 8)) / 1e6;
    expect(api.apiAnnualCost).toBeCloseTo(k * 0.6, 3);
    // the input/output split adds back up to the annualised cost
    const secs = 0.6 * 3600 * 8760;
    const tc = b.tokenCosts;
    const back = ((tc.perMillionInputTokens ?? 0) * b.computedInputTokensPerSecond + (tc.perMillionCachedInputTokens ?? 0) * b.cachedInputTokensPerSecond + (tc.perMillionOutputTokens ?? 0) * b.outputTokensPerSecond) * secs / 1e6;
    expect(back).toBeCloseTo(b.annualizedCost, 3);
    expect(evaluateScenario(parsed(baseScenario()), lookup, { today: TODAY }).builds[0]!.selfHostVsApi).toBeNull();
  });

  it('256K-token contexts: the KV cache decides the batch', () => {
    const b = evaluateScenario(parsed(withWorkload({ inputTokens: 262_144, outputTokens: 1000, ttftMs: 600_000, tpotMs: 1000, prefixCacheHitRate: 0.9 })), lookup, { today: TODAY }).builds[0]!;
    const l = b.lines[0]!;
    expect(l.batchLimit).toBe('kv-memory');
    expect(b.outputTokensPerSecond).toBeGreaterThan(0);
    expect(l.cachedInputTokens).toBe(Math.floor(262_144 * 0.9));
  });

  it('rejects what it cannot read, naming the path', () => {
    const bad = (w: Record<string, unknown>) => {
      const r = parseScenario(withWorkload(w));
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(bad({ prefixCacheHitRate: 1.5 })).toEqual(['workload.prefixCacheHitRate']);
    expect(bad({ mix: [{ share: 1 }] })).toEqual(['workload.mix[0]']);
    expect(bad({ mix: [{ preset: 'nope', share: 1 }] })).toEqual(['workload.mix[0].preset']);
    expect(bad({ turns: { count: 0, contextTokens: 1, outputTokensPerTurn: 1 } })).toEqual(['workload.turns.count']);
  });
});
