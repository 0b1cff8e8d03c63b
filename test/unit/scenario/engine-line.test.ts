import { describe, expect, it } from 'vitest';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { evaluateScenario } from '../../../shared/scenario/evaluate';
import { parseScenario, ScenarioError, type Scenario } from '../../../shared/scenario/schema';
import { baseScenario, SNAPSHOT, TODAY } from './fixtures';

const lookup = createCatalogLookup(SNAPSHOT);
function parsed(v: unknown): Scenario {
  const r = parseScenario(v);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}
const withEngine = (engine: unknown) => ({ ...baseScenario(), builds: [{ name: 'H20', lines: [{ accelerator: 'H20', count: 16, ...(engine === undefined ? {} : { engine }) }] }] });

describe('serving engine per scenario line', () => {
  it('defaults by software stack, takes a name, and reports the engine and the step breakdown', () => {
    const def = evaluateScenario(parsed(withEngine(undefined)), lookup, { today: TODAY }).builds[0]!.lines[0]!;
    expect(def.engine.name).toBe('vLLM'); // CUDA part
    const sg = evaluateScenario(parsed(withEngine('SGLang')), lookup, { today: TODAY }).builds[0]!.lines[0]!;
    expect(sg.engine.id).toBe('sglang');
    const s = sg.step!;
    expect(s.phase).toBe('decode');
    expect(s.fixedMs).toBe(1); // calibrated shared set (docs/model.md § 10)
    // the breakdown adds up: fixed + memory + compute + comm − overlap
    expect(s.totalMs).toBeCloseTo(s.fixedMs + s.memoryMs + s.computeMs + s.commMs - s.overlapMs, 9);
    // overlap hides 0.3 of everything but the largest term
    const top = Math.max(s.memoryMs, s.computeMs, s.commMs);
    expect(s.overlapMs).toBeCloseTo(0.3 * (s.memoryMs + s.computeMs + s.commMs - top), 9);
  });

  it('an inline profile overrides its base; a larger fixed overhead lowers throughput', () => {
    const base = evaluateScenario(parsed(withEngine('vllm')), lookup, { today: TODAY }).builds[0]!.lines[0]!;
    const slow = evaluateScenario(parsed(withEngine({ name: 'slow fork', base: 'vllm', stepOverheadMs: 10 })), lookup, { today: TODAY }).builds[0]!.lines[0]!;
    expect(slow.engine.name).toBe('slow fork');
    expect(slow.step!.fixedMs).toBe(10);
    expect(slow.outputTokensPerSecond).toBeLessThan(base.outputTokensPerSecond);
  });

  it('an unknown engine name is an error at its path', () => {
    expect(() => evaluateScenario(parsed(withEngine('turbo-x')), lookup, { today: TODAY })).toThrow(ScenarioError);
    try {
      evaluateScenario(parsed(withEngine('turbo-x')), lookup, { today: TODAY });
    } catch (e) {
      expect((e as ScenarioError).issues[0]!.path).toBe('builds[0].lines[0].engine');
    }
    const bad = parseScenario(withEngine({ name: 'x', overlap: 2 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('builds[0].lines[0].engine.overlap');
  });
});
