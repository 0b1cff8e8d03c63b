import { describe, expect, it } from 'vitest';
import { defaultEfficiency } from '../../../shared/model/efficiency';
import { buildPower, cardPowerW, serversFor } from '../../../shared/model/power';
import { buildRisk, foundryRisk, hbmRisk, herfindahl, partRisk, RISK_WEIGHT_DEFAULTS } from '../../../shared/model/risk';
import { tornado } from '../../../shared/model/sensitivity';
import {
  annuityFactor,
  buyVsRent,
  capitalRecoveryFactor,
  computeTco,
  costPerMillionTokens,
  FINANCE_DEFAULTS,
} from '../../../shared/model/tco';

describe('power', () => {
  it('card power is linear between idle and TDP', () => {
    // 100 + (700 − 100) · 0.6 = 460 W
    expect(cardPowerW(700, 100, 0.6)).toBe(460);
    expect(cardPowerW(700, 100, 2)).toBe(700); // clamped
  });
  it('build power: peak, average, facility and energy', () => {
    const p = buildPower([{ cards: 8, tdpW: 700, idleW: 100, servers: 1, hostPowerW: 2000 }], 0.6, 1.25);
    // peak 8·700 + 2000 = 7,600 W; average 8·460 + 2000 = 5,680 W
    expect(p.itPowerKW).toBeCloseTo(7.6, 12);
    expect(p.itPowerAvgKW).toBeCloseTo(5.68, 12);
    expect(p.facilityPowerKW).toBeCloseTo(9.5, 12); // 7.6 · 1.25
    expect(p.energyKWhPerYear).toBeCloseTo(5.68 * 1.25 * 8760, 6); // 62,196 kWh
    expect(serversFor(9, 8)).toBe(2);
  });
});

describe('TCO', () => {
  it('annuity and capital recovery factors', () => {
    // (1 − 1.06^−5) / 0.06 = 4.212363786
    expect(annuityFactor(0.06, 5)).toBeCloseTo(4.212363786, 8);
    expect(capitalRecoveryFactor(0.06, 5)).toBeCloseTo(0.237396400, 8);
    expect(annuityFactor(0, 5)).toBe(5);
  });

  it('capex, opex, present value and cost per card-hour (hand-computed)', () => {
    const r = computeTco({
      lines: [{ cards: 10, cardPrice: 100_000, servers: 2, serverPrice: 50_000, networkPerCard: 1000 }],
      itPowerKW: 10,
      energyKWhPerYear: 50_000,
      powerPricePerKWh: 0.5,
      infraCostPerKW: 1000,
      racks: 1,
      rackCostPerYear: 10_000,
      finance: { ...FINANCE_DEFAULTS, maintenanceRate: 0.05, residualValueRate: 0.1 },
    });
    // hardware 10·100,000 + 2·50,000 + 10·1,000 = 1,110,000; infra 10 kW · 1,000 = 10,000
    expect(r.hardwareCapex).toBe(1_110_000);
    expect(r.capex).toBe(1_120_000);
    // opex 50,000·0.5 + 5 %·1,110,000 + 10,000 = 25,000 + 55,500 + 10,000 = 90,500
    expect(r.opexPerYear).toBeCloseTo(90_500, 6);
    // TCO = 1,120,000 + 90,500·4.212363786 − 111,000 / 1.06⁵ (= 82,946.14) = 1,418,272.78
    expect(r.tco).toBeCloseTo(1_120_000 + 90_500 * 4.212363786 - 111_000 / Math.pow(1.06, 5), 2);
    expect(r.tco).toBeCloseTo(1_418_272.78, 0);
    // annualised = TCO · CRF; per card-hour = annual / (10 · 8,760)
    expect(r.annualizedCost).toBeCloseTo(r.tco * 0.2373964, 0);
    expect(r.costPerCardHour).toBeCloseTo(r.annualizedCost / 87_600, 9);
  });

  it('cost per million tokens', () => {
    // 1,000 tok/s · 0.5 · 3,600 · 8,760 = 15.768e9 tokens/yr → 1,000,000 / 15,768 = 63.42 per million
    expect(costPerMillionTokens(1_000_000, 1000, 0.5)).toBeCloseTo(63.4196, 3);
    expect(costPerMillionTokens(1_000_000, 0, 0.5)).toBe(Infinity);
  });

  it('buy versus rent break-even utilisation', () => {
    // own: 1,000,000/yr at u = 0.5 of which energy varies by 100,000 per unit u → fixed 950,000
    // rent: 10 cards · 20/h · 8,760 = 1,752,000 per unit u; u* = 950,000 / (1,752,000 − 100,000) = 0.57506
    const r = buyVsRent({ annualizedCost: 1_000_000, utilization: 0.5, cards: 10, rentalPricePerCardHour: 20, variableCostPerUtilization: 100_000 });
    expect(r.breakEvenUtilization).toBeCloseTo(950_000 / 1_652_000, 9);
    expect(r.rentAnnualCost).toBeCloseTo(876_000, 6);
    expect(r.cheaper).toBe('rent');
    // cheap rental: owning never wins
    expect(buyVsRent({ annualizedCost: 1e6, utilization: 0.5, cards: 10, rentalPricePerCardHour: 1, variableCostPerUtilization: 0 }).breakEvenUtilization).toBeNull();
  });
});

describe('supply risk', () => {
  it('part score is the weighted sum of factor values, contributions add up', () => {
    const r = partRisk({
      exportStatus: 'licensed', // 0.6
      foundry: 'TSMC N4', // foreign part at TSMC: 0.2
      hbmSupply: 'SK hynix', // foreign part: 0.25
      domestic: false,
      leadTimeWeeks: 26, // 0.5
      softwareMaturity: 0.9, // 0.1
      quoteAgeDays: 73, // 0.2
    });
    // 100 · (0.3·0.6 + 0.15·0.2 + 0.15·0.25 + 0.15·0.5 + 0.15·0.1 + 0.1·0.2) / 1.0
    //   = 100 · (0.18 + 0.03 + 0.0375 + 0.075 + 0.015 + 0.02) = 35.75
    expect(r.score).toBeCloseTo(35.75, 9);
    expect(r.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(r.score, 9);
    expect(r.factors.find((f) => f.name === 'exportControl')!.contribution).toBeCloseTo(18, 9);
  });

  it('foundry and HBM depend on whether the part is Chinese', () => {
    expect(foundryRisk('TSMC N7', true).value).toBe(0.9);
    expect(foundryRisk('SMIC N+2', true).value).toBe(0.6);
    expect(hbmRisk('none', true).value).toBe(0.1);
    expect(hbmRisk('stockpiled SK hynix HBM2e', true).value).toBe(0.9);
    expect(hbmRisk('SK hynix', true).value).toBe(0.8);
  });

  it('build score: capex-weighted mean plus Herfindahl concentration', () => {
    // shares 0.5/0.5 → HHI 0.5; one vendor → 1
    expect(herfindahl([1, 1])).toBeCloseTo(0.5, 12);
    expect(herfindahl([3])).toBe(1);
    const a = { score: 40, factors: [{ name: 'exportControl', value: 0.4 / 0.3, weight: 0.3, contribution: 40, note: '' }] };
    const b = { score: 20, factors: [{ name: 'exportControl', value: 0.2 / 0.3, weight: 0.3, contribution: 20, note: '' }] };
    const mixed = buildRisk([{ vendor: 'A', capex: 300, risk: a }, { vendor: 'B', capex: 100, risk: b }], 0.2);
    // mean 0.75·40 + 0.25·20 = 35; HHI 0.75² + 0.25² = 0.625; score 0.8·35 + 0.2·100·0.625 = 28 + 12.5 = 40.5
    expect(mixed.score).toBeCloseTo(40.5, 9);
    const single = buildRisk([{ vendor: 'A', capex: 400, risk: a }], 0.2);
    // 0.8·40 + 20 = 52: the single-vendor build is riskier than the mixed one
    expect(single.score).toBeCloseTo(52, 9);
    expect(mixed.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(mixed.score, 9);
    expect(Object.values(RISK_WEIGHT_DEFAULTS).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});

describe('sensitivity and efficiency defaults', () => {
  it('tornado: ±20 % per assumption, widest swing first', () => {
    // toy: TCO = 100·a + 10·b; cost = TCO / 10
    const f = (a: number, b: number) => ({ tco: 100 * a + 10 * b, costPerMillionTokens: (100 * a + 10 * b) / 10 });
    const rows = tornado([{ name: 'b', base: 1 }, { name: 'a', base: 1 }], (n, v) => (n === 'a' ? f(v, 1) : f(1, v)), f(1, 1));
    expect(rows[0]!.assumption).toBe('a');
    // a at 0.8: 80 + 10 = 90 → ΔTCO −20; at 1.2: +20
    expect(rows[0]!.deltaTcoLow).toBeCloseTo(-20, 9);
    expect(rows[0]!.deltaTcoHigh).toBeCloseTo(20, 9);
    expect(rows[1]!.deltaCostPerMTokHigh).toBeCloseTo(0.2, 9);
  });

  it('MBU/MFU defaults by software stack', () => {
    expect(defaultEfficiency('CUDA')).toEqual({ mbu: 0.75, mfu: 0.5 });
    expect(defaultEfficiency('CANN 8.0')).toEqual({ mbu: 0.6, mfu: 0.4 });
    expect(defaultEfficiency('Cambricon Neuware')).toEqual({ mbu: 0.5, mfu: 0.35 });
    expect(defaultEfficiency('Moore Threads MUSA')).toEqual({ mbu: 0.45, mfu: 0.3 });
    expect(defaultEfficiency('something new')).toEqual({ mbu: 0.45, mfu: 0.3 });
  });
});
