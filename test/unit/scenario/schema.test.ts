import { describe, expect, it } from 'vitest';
import { formatPath, parseScenario, parseScenarioText } from '../../../shared/scenario/schema';
import { baseScenario } from './fixtures';

type Json = Record<string, unknown>;
function withLine(line: Json): Json {
  const s = baseScenario();
  s.builds = [{ name: 'B', lines: [{ accelerator: 'H20', count: 8 }, line] }];
  return s;
}
function issuesOf(v: unknown): string[] {
  const r = parseScenario(v);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('scenario schema: defaults', () => {
  it('fills documented defaults', () => {
    const r = parseScenario(baseScenario());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.finance).toEqual({ years: 5, discountRate: 0.06, utilization: 0.6, maintenanceRate: 0.05, residualValueRate: 0, installationRate: 0 });
    expect(r.value.builds[0]!.lines[0]!.role).toBe('both');
    expect(r.value.workload.kvPrecision).toBe('bf16');
    expect(r.value.risk.concentrationWeight).toBe(0.2);
    expect(r.value.risk.weights.exportControl).toBe(0.3);
    expect(r.value.version).toBe(1);
  });

  it('accepts inline accelerators, servers, sites and models', () => {
    const s = baseScenario();
    s.workload = { model: { name: 'Mine', totalParamsB: 7, layers: 32, hiddenSize: 4096, attention: { kind: 'gqa', heads: 32, kvHeads: 8, headDim: 128 } } };
    s.builds = [
      {
        name: 'inline',
        lines: [
          {
            accelerator: { name: 'X1', memoryGB: 64, memoryBandwidthTBps: 1.8, tflops: { bf16: 280 }, tdpW: 450, softwareStack: 'MetaX MXMACA' },
            count: 8,
            unitPrice: { amount: 90_000, currency: 'CNY' },
            server: { cardsPerServer: 8, price: { amount: 200_000, currency: 'CNY' }, powerW: 1500 },
          },
        ],
      },
    ];
    const r = parseScenario(s);
    expect(r.ok).toBe(true);
  });
});

describe('scenario schema: hostile inputs are rejected with the JSON path', () => {
  const cases: [string, Json, RegExp][] = [
    ['count as a string', withLine({ accelerator: 'H20', count: '8' }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer$/],
    ['negative count', withLine({ accelerator: 'H20', count: -4 }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer$/],
    ['fractional count', withLine({ accelerator: 'H20', count: 1.5 }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer$/],
    ['NaN count', withLine({ accelerator: 'H20', count: NaN }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer$/],
    ['Infinity count', withLine({ accelerator: 'H20', count: Infinity }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer/],
    ['zero count', withLine({ accelerator: 'H20', count: 0 }), /^builds\[0\]\.lines\[1\]\.count: expected a positive integer$/],
    ['accelerator as a number', withLine({ accelerator: 42, count: 1 }), /^builds\[0\]\.lines\[1\]\.accelerator: expected a catalog accelerator name \(string\) or an inline/],
    ['empty accelerator name', withLine({ accelerator: '', count: 1 }), /^builds\[0\]\.lines\[1\]\.accelerator: expected a catalog accelerator name/],
    ['huge accelerator name', withLine({ accelerator: 'x'.repeat(1_000_000), count: 1 }), /^builds\[0\]\.lines\[1\]\.accelerator: .*at most 200 characters/],
    ['inline part without memory', withLine({ accelerator: { name: 'X', memoryBandwidthTBps: 1, tflops: { bf16: 1 }, tdpW: 100 }, count: 1 }), /^builds\[0\]\.lines\[1\]\.accelerator\.memoryGB: expected memory in GB/],
    ['inline part with negative TDP', withLine({ accelerator: { name: 'X', memoryGB: 1, memoryBandwidthTBps: 1, tflops: { bf16: 1 }, tdpW: -5 }, count: 1 }), /accelerator\.tdpW: expected TDP in watts/],
    ['inline part with no precision', withLine({ accelerator: { name: 'X', memoryGB: 1, memoryBandwidthTBps: 1, tflops: {}, tdpW: 5 }, count: 1 }), /accelerator\.tflops: expected at least one precision/],
    ['unknown key in a line', withLine({ accelerator: 'H20', count: 1, cuont: 2 }), /^builds\[0\]\.lines\[1\]: unknown key "cuont"$/],
    ['bad role', withLine({ accelerator: 'H20', count: 1, role: 'train' }), /^builds\[0\]\.lines\[1\]\.role: expected "both", "prefill" or "decode"$/],
    ['price without currency', withLine({ accelerator: 'H20', count: 1, unitPrice: { amount: 5 } }), /^builds\[0\]\.lines\[1\]\.unitPrice\.currency: expected a currency/],
    ['negative price', withLine({ accelerator: 'H20', count: 1, unitPrice: { amount: -5, currency: 'CNY' } }), /unitPrice\.amount: expected a non-negative amount/],
    ['server with zero cards', withLine({ accelerator: 'H20', count: 1, server: { cardsPerServer: 0, price: { amount: 1, currency: 'CNY' }, powerW: 1 } }), /server\.cardsPerServer: expected a positive integer/],
  ];
  for (const [name, value, re] of cases) {
    it(name, () => {
      const msgs = issuesOf(value);
      expect(msgs.some((m) => re.test(m)), msgs.join('\n')).toBe(true);
    });
  }

  it('rejects wrong top-level shapes', () => {
    expect(issuesOf([])[0]).toMatch(/^\(root\): expected object/);
    expect(issuesOf(null)[0]).toMatch(/^\(root\)/);
    const s = baseScenario();
    s.builds = [];
    expect(issuesOf(s)).toContain('builds: expected at least one build');
    const t = baseScenario();
    t.finance = { utilization: 1.5, years: 0 };
    const msgs = issuesOf(t);
    expect(msgs).toContain('finance.utilization: expected a utilisation between 0 and 1');
    expect(msgs).toContain('finance.years: expected a horizon in years between 1 and 30');
    const u = baseScenario();
    u.workload = { model: 'deepseek-v3', tpotMs: 'fast' };
    expect(issuesOf(u)).toContain('workload.tpotMs: expected a time per output token in ms');
    const v = baseScenario();
    v.currency = 'BTC';
    expect(issuesOf(v)[0]).toMatch(/^currency: expected a currency: CNY, USD/);
    const w = baseScenario();
    w.fx = { USD: -1 };
    expect(issuesOf(w)[0]).toMatch(/^fx\.USD: expected CNY per unit/);
  });

  it('inline model errors keep their nested path', () => {
    const s = baseScenario();
    s.workload = { model: { name: 'M', totalParamsB: 10, activeParamsB: 20, layers: 2, hiddenSize: 8, attention: { kind: 'gqa', heads: 1, kvHeads: 1, headDim: 0 } } };
    const msgs = issuesOf(s);
    expect(msgs.some((m) => m.startsWith('workload.model.attention.headDim: expected a positive integer'))).toBe(true);
  });

  it('text: invalid JSON and oversized files', () => {
    const bad = parseScenarioText('{ "builds": [ }');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toMatch(/^not valid JSON/);
    const big = parseScenarioText(' '.repeat(6_000_000));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.issues[0]!.message).toMatch(/file too large/);
  });

  it('formats paths', () => {
    expect(formatPath(['builds', 0, 'lines', 1, 'count'])).toBe('builds[0].lines[1].count');
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['fx', 'a b'])).toBe('fx["a b"]');
  });
});
