import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { evaluateScenario } from '../../../shared/scenario/evaluate';
import { parseScenario, ScenarioError, type Scenario } from '../../../shared/scenario/schema';
import { runProcure } from '../../helpers/cli';
import { tmpDbPath } from '../../helpers/tmp';
import { baseScenario, SNAPSHOT, TODAY } from './fixtures';

const lookup = createCatalogLookup(SNAPSHOT);
function parsed(v: unknown): Scenario {
  const r = parseScenario(v);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}

describe('catalog look-up', () => {
  it('best valid purchase quote: ex-VAT, converted, expired and future quotes skipped', () => {
    const q = lookup.bestCardPrice('nvidia-h20', TODAY, 'CNY')!;
    // 113,000 incl. 13 % VAT → 100,000; USD 15,000 · 7.1 = 106,500; expired 50,000 and future 40,000 ignored
    expect(q.price).toBeCloseTo(100_000, 6);
    expect(q.quote.supplier).toBe('VAT incl.');
    expect(q.ageDays).toBe(179); // 2026-06-01 → 2026-11-27
    // in USD: 100,000 / 7.1
    expect(lookup.bestCardPrice('nvidia-h20', TODAY, 'USD')!.price).toBeCloseTo(100_000 / 7.1, 6);
    // before the expiry date the cheap quote wins
    expect(lookup.bestCardPrice('nvidia-h20', '2025-12-31', 'CNY')).toBeUndefined(); // all quotes dated 2026-06-01
    expect(lookup.bestCardPrice('nope', TODAY, 'CNY')).toBeUndefined();
  });

  it('rental price, default server, site, FX and models', () => {
    expect(lookup.rentalPrice('nvidia-h20', TODAY, 'CNY')!.price).toBe(10);
    expect(lookup.defaultServer('nvidia-h20')!.slug).toBe('hgx-host');
    expect(lookup.defaultServer('ascend-910b')).toBeUndefined();
    expect(lookup.site('west-china')!.name).toBe('Western China hub');
    expect(lookup.site('西部')!.slug).toBe('west-china');
    expect(lookup.fx()).toEqual({ USD: 7.1 }); // the latest rate
    expect(lookup.model('DeepSeek-V3')!.moe!.experts).toBe(256);
    // "910b" is an exact alias of the 910B (and a substring of 910B4): the exact match wins
    const m = lookup.findAccelerator('910b');
    expect(m.ok && m.value.slug).toBe('ascend-910b');
  });
});

describe('evaluateScenario', () => {
  it('produces every output key and echoes the assumptions', () => {
    const r = evaluateScenario(parsed(baseScenario()), lookup, { today: TODAY, sensitivity: true });
    const b = r.builds[0]!;
    for (const k of [
      'capex', 'opexPerYear', 'tco', 'annualizedCost', 'costPerCardHour', 'itPowerKW', 'facilityPowerKW', 'energyKWhPerYear',
      'outputTokensPerSecond', 'inputTokensPerSecond', 'costPerMillionOutputTokens', 'tokensPerSecondPerWatt', 'groupSize', 'batch', 'bound', 'risk',
    ]) {
      expect(b, k).toHaveProperty(k);
    }
    expect(b.risk.factors.map((f) => f.name)).toContain('vendorConcentration');
    expect(r.assumptions.finance.years).toBe(5);
    expect(r.assumptions.workload.model).toBe('DeepSeek-V3');
    expect(r.assumptions.perf.memoryUtilization).toBe(0.9);
    expect(b.lines[0]!.cardPriceSource).toMatch(/^quote: VAT incl\./);
    expect(b.sensitivity!.length).toBe(9);
    expect(b.outputTokensPerSecond).toBeGreaterThan(0);
  });

  it('capex and power by hand: 16 H20 in 2 HGX hosts', () => {
    const r = evaluateScenario(parsed(baseScenario()), lookup, { today: TODAY });
    const b = r.builds[0]!;
    // IT peak = 16·400 + 2·3,000 = 12,400 W; infra 12.4 kW · 9,000 = 111,600
    expect(b.itPowerKW).toBeCloseTo(12.4, 9);
    // hardware = 16·100,000 + 2·400,000 = 2,400,000; capex = 2,511,600
    expect(b.capex).toBeCloseTo(2_511_600, 4);
    // energy: (16·(60 + 340·0.6) + 6,000) W = 10,224 W · 1.2 · 8,760 h = 107,474.7 kWh
    expect(b.energyKWhPerYear).toBeCloseTo(10.224 * 1.2 * 8760, 4);
    // opex = 107,474.7·0.25 + 5 %·2,400,000 + 1 rack·24,000 = 26,868.67 + 120,000 + 24,000
    expect(b.opexPerYear).toBeCloseTo(10.224 * 1.2 * 8760 * 0.25 + 120_000 + 24_000, 4);
    expect(b.facilityPowerKW).toBeCloseTo(12.4 * 1.2, 9);
    expect(b.tokensPerSecondPerWatt).toBeCloseTo(b.outputTokensPerSecond / 12_400, 12);
  });

  it('a mixed build is less concentrated than single-vendor builds', () => {
    const s = baseScenario();
    s.builds = [
      { name: 'H20', lines: [{ accelerator: 'H20', count: 16 }] },
      { name: 'Mixed', lines: [{ accelerator: 'H20', count: 16 }, { accelerator: 'Ascend 910B', count: 16 }] },
    ];
    const r = evaluateScenario(parsed(s), lookup, { today: TODAY });
    const conc = (i: number) => r.builds[i]!.risk.factors.find((f) => f.name === 'vendorConcentration')!.value;
    expect(conc(0)).toBe(1);
    expect(conc(1)).toBeLessThan(1);
    // Ascend from the quote: 26 weeks lead time flows into risk
    const asc = r.builds[1]!.lines[1]!;
    expect(asc.risk.factors.find((f) => f.name === 'leadTime')!.value).toBeCloseTo(0.5, 9);
  });

  it('unresolvable names and prices are reported with their path', () => {
    const s = baseScenario();
    s.builds = [{ name: 'B', lines: [{ accelerator: 'H20', count: 8 }, { accelerator: 'Quantum 9000', count: 8 }, { accelerator: 'Ascend 910B4', count: 8 }] }];
    s.workload = { model: 'gpt-17' };
    try {
      evaluateScenario(parsed(s), lookup, { today: TODAY });
      throw new Error('expected a ScenarioError');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const msgs = (e as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
      expect(msgs).toContain('builds[0].lines[1].accelerator: no accelerator matches "Quantum 9000"');
      expect(msgs.some((m) => m.startsWith('builds[0].lines[2].unitPrice: no valid purchase quote for Ascend 910B4'))).toBe(true);
      expect(msgs.some((m) => m.startsWith('workload.model: no model preset named "gpt-17"'))).toBe(true);
    }
  });

  it('a currency without a rate is reported at the price that needs it', () => {
    const s = baseScenario();
    s.builds = [{ name: 'B', lines: [{ accelerator: 'H20', count: 8, unitPrice: { amount: 1000, currency: 'JPY' } }] }];
    expect(() => evaluateScenario(parsed(s), lookup, { today: TODAY })).toThrow(/builds\[0\]\.lines\[0\]\.unitPrice: no exchange rate for JPY/);
  });

  it('a disaggregated build names its binding pool', () => {
    const s = baseScenario();
    s.builds = [{ name: 'PD', lines: [{ accelerator: 'Ascend 910B', count: 16, role: 'prefill' }, { accelerator: 'H20', count: 16, role: 'decode' }] }];
    const b = evaluateScenario(parsed(s), lookup, { today: TODAY }).builds[0]!;
    expect(['prefill', 'decode', 'kv-transfer']).toContain(b.binding);
    expect(b.kvTransferGBps).toBeGreaterThan(0);
    expect(b.lines[0]!.inputTokensPerSecond).toBeCloseTo(b.inputTokensPerSecond, 6);
    expect(b.lines[1]!.outputTokensPerSecond).toBeCloseTo(b.outputTokensPerSecond, 6);
  });
});

describe('procure evaluate', () => {
  const files: Record<string, string> = {
    'ok.procure.json': JSON.stringify(baseScenario()),
    'bad.procure.json': JSON.stringify({ ...baseScenario(), builds: [{ name: 'B', lines: [{ accelerator: 'H20', count: -1 }] }] }),
    'syntax.procure.json': '{ nope',
  };
  // the command evaluates through dispatch, against a real database seeded with the shipped catalog
  const db = tmpDbPath();
  async function run(args: string[]) {
    const readFile = (p: string) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
      return f;
    };
    const r = await runProcure(['evaluate', ...args, '--as-of', TODAY, '--db', db], readFile);
    return { code: r.code, out: r.out, err: r.err };
  }

  it('prints readable tables', async () => {
    const r = await run(['ok.procure.json', '--sensitivity']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/per million output tokens/);
    expect(r.out).toMatch(/Sensitivity/);
    expect(r.out).toMatch(/Supply risk/);
  });

  it('prints JSON with the documented keys', async () => {
    const r = await run(['ok.procure.json', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.builds[0]).toHaveProperty('costPerMillionOutputTokens');
    expect(j.builds[0].lines[0]).toHaveProperty('outputTokensPerSecond');
    expect(j.assumptions.site.pue).toBe(1.2);
  });

  it('fails with the file name and JSON path', async () => {
    const bad = await run(['bad.procure.json']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.procure\.json: builds\[0\]\.lines\[0\]\.count: expected a positive integer/);
    const syn = await run(['syntax.procure.json']);
    expect(syn.code).toBe(1);
    expect(syn.err).toMatch(/syntax\.procure\.json: \(root\): not valid JSON/);
    const missing = await run(['missing.json']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read missing\.json/);
    expect((await run([])).code).toBe(2);
    expect((await run(['ok.procure.json', '--bogus'])).code).toBe(2);
  });

  it('every shipped example evaluates against the seed catalog', async () => {
    const dir = path.resolve(__dirname, '../../../examples');
    const examples = fs.readdirSync(dir).filter((f) => f.endsWith('.procure.json'));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const f of examples) {
      files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
      const r = await run([f, '--json']);
      expect(r.code, `${f}: ${r.err}`).toBe(0);
      const j = JSON.parse(r.out);
      for (const b of j.builds) expect(b.outputTokensPerSecond, `${f} ${b.name}`).toBeGreaterThan(0);
    }
  });
});
