/** Bid files: schema errors with paths, VAT, hard constraints with reasons, and evaluation through the scenario models. */
import { describe, it, expect } from 'vitest';
import { parseBidFile, bidLabels, type BidFileInput } from '../../../shared/bids/schema';
import { evaluateBidFile, requiredTokensPerSecond } from '../../../shared/bids/evaluate';
import { describeFailure, addWeeks } from '../../../shared/bids/constraints';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { ScenarioError } from '../../../shared/scenario/schema';
import { SNAPSHOT, TODAY } from '../scenario/fixtures';

const lookup = createCatalogLookup(SNAPSHOT);

function file(over: Partial<BidFileInput> = {}): BidFileInput {
  return {
    kind: 'bids',
    currency: 'CNY',
    asOf: '2026-11-01',
    requirement: {
      name: 'DeepSeek-V3 cluster',
      site: { name: 'Ningxia', powerPricePerKWh: 0.25, pue: 1.2, jurisdiction: 'CN' },
      workload: { model: 'deepseek-v3' },
      awardDate: '2026-12-01',
    },
    bids: [
      // 113,000 incl. 13 % VAT = 100,000 ex VAT per card; 400,000 ex VAT host
      { vendor: 'Alpha', vatIncluded: true, deliveryWeeks: 8, lines: [{ accelerator: 'H20', count: 16, unitPrice: { amount: 113_000, currency: 'CNY' }, server: { cardsPerServer: 8, price: { amount: 452_000, currency: 'CNY' }, powerW: 3000 } }] },
      { vendor: 'Beta', deliveryWeeks: 12, lines: [{ accelerator: '910B', count: 16, unitPrice: { amount: 110_000, currency: 'CNY' } }] },
    ],
    ...over,
  };
}

function parse(f: unknown) {
  const p = parseBidFile(f);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.value;
}

describe('bid file schema', () => {
  it('names the path of each error', () => {
    const f = file() as Record<string, unknown>;
    const bad = { ...f, bids: [(f.bids as unknown[])[0], { vendor: 'B', deliveryWeeks: -1, lines: [{ accelerator: 'H20', count: 0, unitPrice: { amount: -5, currency: 'CNY' } }] }] };
    const p = parseBidFile(bad);
    expect(p.ok).toBe(false);
    const paths = !p.ok ? p.issues.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['bids[1].deliveryWeeks', 'bids[1].lines[0].count', 'bids[1].lines[0].unitPrice.amount']));
  });

  it('refuses a scenario file, unknown keys and bad dates', () => {
    const p1 = parseBidFile({ ...file(), kind: undefined });
    expect(!p1.ok && p1.issues[0]!.path).toBe('kind');
    const p2 = parseBidFile({ ...file(), bidz: [] });
    expect(!p2.ok && p2.issues[0]!.message).toMatch(/unknown key "bidz"/);
    const f = file();
    const p3 = parseBidFile({ ...f, requirement: { ...f.requirement, constraints: { deliveryDeadline: '2027-02-30x' } } });
    expect(!p3.ok && p3.issues[0]!.path).toBe('requirement.constraints.deliveryDeadline');
  });

  it('fills the default scheme: capex, ex VAT, 40/25/15/12/8', () => {
    const f = parse(file());
    expect(f.scoring).toEqual({ evaluatedPrice: 'capex', includeVat: false, weights: { price: 40, costPerMTok: 25, tokensPerWatt: 15, supplyRisk: 12, delivery: 8 } });
    expect(f.bids[1]!.vatRate).toBe(0.13);
  });

  it('labels a vendor bidding twice by its offer', () => {
    expect(bidLabels([{ vendor: 'A', name: '' }, { vendor: 'A', name: 'x' }, { vendor: 'B', name: '' }])).toEqual(['A #1', 'A · x', 'B']);
  });
});

describe('evaluateBidFile', () => {
  it('evaluates each bid as a build at its ex-VAT prices and totals the quote incl. VAT', () => {
    const r = evaluateBidFile(parse(file()), lookup, { today: TODAY });
    const a = r.bids[0]!;
    expect(a.build.lines[0]!.cardPrice).toBeCloseTo(100_000, 6);
    expect(a.build.lines[0]!.server.price).toBeCloseTo(400_000, 6);
    // 16 × 100,000 + 2 hosts × 400,000 = 2,400,000 ex VAT; + 13 % = 2,712,000
    expect(a.bidTotalExVat).toBeCloseTo(2_400_000, 4);
    expect(a.bidTotalInclVat).toBeCloseTo(2_712_000, 4);
    expect(a.evaluatedPrice).toBeCloseTo(a.build.capex, 6);
    expect(a.deliveryDate).toBe('2027-01-26'); // 2026-12-01 + 8 weeks
    // Beta's host is the catalog's default, not part of its quote: its total is the cards only
    expect(r.bids[1]!.bidTotalExVat).toBeCloseTo(16 * 110_000, 4);
    expect(r.bids[1]!.priceLines.find((l) => l.kind === 'hosts')?.inBid ?? false).toBe(false);
    expect(r.bids[1]!.domesticShare).toBe(1);
    expect(a.domesticShare).toBe(0);
    expect(r.ranking).toHaveLength(2);
    expect(r.maxPoints).toBe(100);
  });

  it('adds the VAT on the quoted items when the scheme evaluates incl. VAT, and can use the TCO', () => {
    const ex = evaluateBidFile(parse(file()), lookup, { today: TODAY }).bids[0]!;
    const incl = evaluateBidFile(parse(file({ scoring: { includeVat: true } })), lookup, { today: TODAY }).bids[0]!;
    expect(incl.evaluatedPrice - ex.evaluatedPrice).toBeCloseTo(312_000, 4);
    const tco = evaluateBidFile(parse(file({ scoring: { evaluatedPrice: 'tco' } })), lookup, { today: TODAY }).bids[0]!;
    expect(tco.evaluatedPrice).toBeCloseTo(tco.build.tco, 6);
  });

  it('fails bids on each hard constraint with the reason, and ranks only the others', () => {
    const f = file();
    const base = evaluateBidFile(parse(f), lookup, { today: TODAY });
    const alphaPower = base.bids[0]!.build.facilityPowerKW;
    const strict = parse({
      ...f,
      requirement: {
        ...f.requirement,
        minOutputTokensPerSecond: 1,
        constraints: {
          budgetCap: { amount: 2_700_000, currency: 'CNY' }, // Alpha 2,712,000 incl. VAT: over
          maxFacilityPowerKW: alphaPower + 100,
          deliveryDeadline: '2027-02-01', // Beta: 2026-12-01 + 12 weeks = 2027-02-23: late
          minDomesticShare: 0.5, // Alpha: 0 %
        },
      },
    });
    const r = evaluateBidFile(strict, lookup, { today: TODAY });
    expect(r.bids[0]!.failures.map((x) => x.code)).toEqual(['budget', 'domestic']);
    expect(r.bids[1]!.failures.map((x) => x.code)).toEqual(['delivery']);
    expect(r.bids[1]!.failures[0]!.message).toBe('delivery on 2027-02-23 is after the deadline 2027-02-01');
    expect(describeFailure(r.bids[0]!.failures[0]!, 'zh-CN', 'CNY')).toBe('投标总价 ¥2,712,000 超过最高限价 ¥2,700,000');
    // with the 万元 setting on, the amount and its limit share one unit: 2,712,000 / 10,000 = 271.20
    expect(describeFailure(r.bids[0]!.failures[0]!, 'zh-CN', 'CNY', true)).toBe('投标总价 271.20 万元 超过最高限价 270.00 万元');
    expect(describeFailure({ code: 'budget', unit: 'money', actual: 1_200_000, limit: 950_000 }, 'en', 'CNY', true)).toMatch(/120\.00 万元.*95\.00 万元/);
    expect(r.ranking).toEqual([]);
    expect(r.recommended).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/no bid meets every hard constraint/);
    expect(r.bids.every((b) => b.rank === null && b.totalScore === null)).toBe(true);
  });

  it('checks throughput (tokens/s or per day), power, risk and bid validity', () => {
    const f = file();
    const r = evaluateBidFile(
      parse({
        ...f,
        requirement: { ...f.requirement, tokensPerDay: 1e15, constraints: { maxFacilityPowerKW: 1, maxRiskScore: 0 } },
        bids: [{ ...(f.bids[1] as object), validUntil: '2026-10-31' }],
      } as BidFileInput),
      lookup,
      { today: TODAY },
    );
    expect(r.bids[0]!.failures.map((x) => x.code)).toEqual(['throughput', 'power', 'risk', 'expired']);
    expect(r.requiredTokensPerSecond).toBeCloseTo(1e15 / 86_400, 0);
  });

  it('uses the larger of tokens/s and tokens per day', () => {
    const f = parse(file());
    expect(requiredTokensPerSecond({ ...f, requirement: { ...f.requirement, minOutputTokensPerSecond: 100, tokensPerDay: 86_400 * 50 } })).toBe(100);
    expect(requiredTokensPerSecond({ ...f, requirement: { ...f.requirement, minOutputTokensPerSecond: 10, tokensPerDay: 86_400 * 50 } })).toBe(50);
  });

  it('reports an unknown part with the bid file path', () => {
    const f = file();
    const bad = parse({ ...f, bids: [{ vendor: 'X', deliveryWeeks: 1, lines: [{ accelerator: 'No Such Card', count: 8, unitPrice: { amount: 1, currency: 'CNY' } }] }] });
    try {
      evaluateBidFile(bad, lookup, { today: TODAY });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues[0]!.path).toBe('bids[0].lines[0].accelerator');
    }
  });

  it('adds whole weeks in UTC', () => {
    expect(addWeeks('2026-12-15', 16)).toBe('2027-04-06');
    expect(addWeeks('2027-03-20', 1)).toBe('2027-03-27');
  });
});
