import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { seedCatalogSchema } from '../../../shared/domain/catalog';
import { parseScenarioText, evaluateScenario } from '../../../shared/scenario';
import { tcoBreakdown, cumulativeCost, TCO_PARTS } from '../../../shared/report/breakdown';
import { bestIndex, deltaVs, formatKpi, KPIS } from '../../../shared/report/kpis';
import { chartTable, tableToTsv } from '../../../shared/charts/table';
import { tcoBreakdownOption, costVsThroughputOption, compactMoney } from '../../../shared/charts/options';

const seed = seedCatalogSchema.parse(JSON.parse(fs.readFileSync(new URL('../../../assets/seed/catalog.json', import.meta.url), 'utf8')));
const lookup = createCatalogLookup(seed);
const text = fs.readFileSync(new URL('../../../examples/deepseek-v3-mixed.procure.json', import.meta.url), 'utf8');
const parsed = parseScenarioText(text);
if (!parsed.ok) throw new Error('example does not parse');
const result = evaluateScenario(parsed.value, lookup, { today: '2026-11-27', sensitivity: true });
const { discountRate, years } = result.assumptions.finance;

describe('TCO breakdown', () => {
  it.each(result.builds.map((b) => [b.name, b] as const))('%s: the parts sum to the TCO', (_n, b) => {
    const parts = tcoBreakdown(b, discountRate, years);
    const sum = TCO_PARTS.reduce((s, p) => s + parts[p], 0);
    expect(sum).toBeCloseTo(b.tco, 4);
    expect(parts.accelerators + parts.servers + parts.network).toBeCloseTo(b.costBreakdown.hardwareCapex, 4);
    expect(parts.residual).toBeLessThanOrEqual(0);
  });

  it('cumulative cost starts at capex and ends at the TCO', () => {
    const b = result.builds[0]!;
    const c = cumulativeCost(b, discountRate, years);
    expect(c).toHaveLength(years + 1);
    expect(c[0]).toBe(b.capex);
    expect(c[years]).toBeCloseTo(b.tco, 4);
    // Hand check of year 1: capex + opex / (1 + r)
    expect(c[1]).toBeCloseTo(b.capex + b.opexPerYear / (1 + discountRate), 6);
  });
});

describe('KPI helpers', () => {
  it('formats with units', () => {
    expect(formatKpi('money', 1234567.4, 'CNY')).toBe('¥1,234,567');
    expect(formatKpi('moneyPerMTok', 9.638, 'CNY')).toBe('¥9.64 /M tok');
    expect(formatKpi('kW', 83.24, 'CNY')).toBe('83.2 kW');
    expect(formatKpi('tokPerSecPerW', 0.3291, 'USD')).toBe('0.329 tok/s/W');
    expect(formatKpi('score', 47.6, 'CNY')).toBe('48 / 100');
    expect(formatKpi('money', null, 'CNY')).toBe('–');
    expect(formatKpi('moneyPerMTok', 9.638, 'CNY', 'zh-CN')).toBe('¥9.64 /百万 token');
    expect(formatKpi('moneyPerHour', 5.3, 'CNY', 'zh-CN')).toBe('¥5.30 /卡·时');
  });

  it('picks the best value by direction and ignores missing ones', () => {
    const tco = KPIS.find((k) => k.key === 'tco')!;
    const tps = KPIS.find((k) => k.key === 'outputTokensPerSecond')!;
    expect(bestIndex(tco, [3, 1, 2])).toBe(1);
    expect(bestIndex(tps, [3, 1, 5])).toBe(2);
    expect(bestIndex(tco, [null, 4, 4])).toBe(1); // tie: the first
    expect(bestIndex(KPIS.find((k) => k.key === 'bound')!, ['memory', 'compute'])).toBe(-1);
  });

  it('computes differences against a baseline', () => {
    expect(deltaVs(110, 100)).toBeCloseTo(0.1);
    expect(deltaVs(90, 100)).toBeCloseTo(-0.1);
    expect(deltaVs(5, 0)).toBeNull();
    expect(deltaVs('x', 1)).toBeNull();
  });
});

describe('charts', () => {
  const ctx = { lang: 'zh-CN' as const, dark: false, currency: 'CNY' as const, finance: result.builds.map(() => ({ discountRate, years })) };

  it('titles and series follow the language; every chart is also a table', () => {
    const o = tcoBreakdownOption(result.builds, ctx);
    const t = chartTable(o);
    expect(t.caption).toBe('总拥有成本构成（现值）');
    expect(t.header).toContain('加速卡');
    expect(t.rows.map((r) => r[0])).toEqual(result.builds.map((b) => b.name));
    expect(tableToTsv(t).split('\n')).toHaveLength(result.builds.length + 1);
    const s = chartTable(costVsThroughputOption(result.builds, { ...ctx, lang: 'en' }));
    expect(s.rows[0]![1]).toBe(Math.round(result.builds[0]!.outputTokensPerSecond));
  });

  it('compacts money for axes', () => {
    expect(compactMoney(21_708_800, 'CNY', 'zh-CN')).toBe('¥2,170.9万');
    expect(compactMoney(-5_000_000, 'CNY', 'en')).toBe('−¥5M');
    expect(compactMoney(-5_000_000, 'CNY', 'zh-CN')).toBe('−¥500万');
    expect(compactMoney(210_000_000, 'CNY', 'zh-CN')).toBe('¥2.1亿');
    expect(compactMoney(21_708_800, 'USD', 'en')).toBe('$21.71M');
  });
});
