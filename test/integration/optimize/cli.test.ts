/** `procure optimize` on the shipped example, and the `optimize:run` channel's input checks. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import { runProcure } from '../../helpers/cli';
import { dispatch } from '../../../electron/handlers';
import { tmpDbPath } from '../../helpers/tmp';

const run = (args: string[]) => runProcure(args);

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'optimize-deepseek-v3-west-china.json');

describe('procure optimize', () => {
  const db = tmpDbPath();

  it('answers the example with the documented JSON shape', async () => {
    const r = await run(['optimize', EXAMPLE, '--json', '--db', db]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      status: string;
      objective: { kind: string; value: number };
      build: { lines: { accelerator: string; count: number }[] };
      kpis: { tco: number; capex: number; facilityPowerKW: number; risk: number; domesticShare: number };
      binding: { constraint: string }[];
      frontier: { riskCap: number; tco: number | null }[];
    };
    expect(j.status).toBe('optimal');
    expect(j.objective.kind).toBe('tco');
    expect(j.objective.value).toBeCloseTo(j.kpis.tco, 0);
    expect(j.build.lines.length).toBeGreaterThan(0);
    for (const l of j.build.lines) {
      expect(typeof l.accelerator).toBe('string');
      expect(l.count % 8).toBe(0);
    }
    // the example's limits hold
    expect(j.kpis.capex).toBeLessThanOrEqual(80_000_000);
    expect(j.kpis.facilityPowerKW).toBeLessThanOrEqual(600);
    expect(j.kpis.risk).toBeLessThanOrEqual(38);
    expect(j.kpis.domesticShare).toBeGreaterThanOrEqual(0.5 - 1e-9);
    expect(Array.isArray(j.binding)).toBe(true);
    expect(j.frontier.length).toBeGreaterThanOrEqual(5);
    for (const f of j.frontier) expect(typeof f.riskCap).toBe('number');
  }, 240_000);

  it('prints a readable answer, and names the JSON path of a bad file', async () => {
    const bad = await run(['optimize', '/dev/null', '--db', db]);
    expect(bad.code).toBe(1);
    const wrong = JSON.stringify({ site: 'west-china', demand: [{ model: 'deepseek-v3' }] });
    const r2 = await runProcure(['optimize', 'x.json', '--db', db], () => wrong);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/x\.json: demand\[0\]\.outputTokensPerSecond: expected exactly one of/);
    const usage = await run(['optimize', '--db', db]);
    expect(usage.code).toBe(2);
  });

  it('exits 3 with an explanation when the problem is infeasible', async () => {
    const tight = JSON.stringify({ asOf: '2026-12-01', site: 'west-china', demand: [{ model: 'qwen3-235b-a22b', outputTokensPerSecond: 12000, roles: ['both'] }], candidates: { include: ['ascend-910b', 'nvidia-h20'] }, constraints: { capexBudget: 1000000 } });
    const r = await runProcure(['optimize', 'tight.json', '--db', db], () => tight);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/raise the capex budget to at least ¥/);
  }, 120_000);
});

describe('optimize:run channel', () => {
  const ctx = openApp(tmpDbPath());
  const hostile: [string, unknown, RegExp][] = [
    ['no demand', { site: 'west-china', demand: [] }, /demand/],
    ['two rates', { site: 'west-china', demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 1, requestsPerSecond: 1 }] }, /exactly one of/],
    ['negative budget', { site: 'west-china', demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 1 }], constraints: { capexBudget: -5 } }, /capexBudget/],
    ['share above 1', { site: 'west-china', demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 1 }], constraints: { minDomesticShare: 2 } }, /minDomesticShare/],
    ['unknown key', { site: 'west-china', demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 1 }], bogus: 1 }, /bogus/],
    ['a string', 'optimize everything', /expected/i],
    ['unknown part', { site: 'west-china', demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 1 }], candidates: { include: ['No Such GPU 9000'] } }, /candidates\.include\[0\]/],
    ['unknown model', { site: 'west-china', demand: [{ model: 'gpt-17', outputTokensPerSecond: 1 }] }, /demand\[0\]\.model/],
  ];
  for (const [name, input, re] of hostile) {
    it(`refuses ${name} with a path`, async () => {
      const r = await dispatch(ctx, 'optimize:run', input);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid-input');
      expect(`${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`).toMatch(re);
    });
  }
});
