/**
 * Evaluating a bid file: every bid through the scenario models (as one build each), then the
 * hard constraints, then the comprehensive score and the ranking. Pure: the catalog comes in
 * as a look-up, the date as an argument.
 */
import { convertMajor, type Currency } from '../money';
import type { CatalogLookup } from '../scenario/catalog-lookup';
import { evaluateResolved, type BuildResult, type EvaluationResult } from '../scenario/evaluate';
import { resolveScenario, type ResolvedBuild } from '../scenario/resolve';
import { ScenarioError } from '../scenario/schema';
import { addWeeks, checkConstraints, type ConstraintFailure, type ConstraintLimits } from './constraints';
import { bidLabels, type BidFile, type ScoreCriterion } from './schema';
import { maxPoints, round2, scoreBids, type ScoreResult } from './scoring';
import { bidTotals, priceLines, type PriceLine } from './price-lines';
import { bidFileToScenario, bidPath } from './to-scenario';

const SECONDS_PER_DAY = 86_400;

export interface BidResult extends ScoreResult {
  index: number;
  vendor: string;
  name: string;
  /** Vendor (and offer when a vendor bids twice): the build's name in charts and tables. */
  label: string;
  pass: boolean;
  failures: ConstraintFailure[];
  /** Cards, hosts and network, ex and incl. VAT, in the file's currency. */
  priceLines: PriceLine[];
  /** The bid's quoted total (cards, quoted hosts, network) in the file's currency. */
  bidTotalExVat: number;
  bidTotalInclVat: number;
  vatAmount: number;
  vatRate: number;
  vatIncluded: boolean;
  evaluatedPrice: number;
  deliveryWeeks: number;
  deliveryDate: string;
  warrantyYears: number;
  paymentTerms: string;
  validUntil?: string;
  notes: string;
  /** Share of accelerator value from domestic parts, 0–1. */
  domesticShare: number;
  /** The models' KPIs of the offered build. */
  build: BuildResult;
}

export interface BidEvaluation {
  file: BidFile;
  currency: Currency;
  /** The evaluation of all bids as builds (KPIs, assumptions echoed, sensitivity when asked). */
  evaluation: EvaluationResult;
  bids: BidResult[];
  /** Indices of passing bids, best first. */
  ranking: number[];
  /** Indices of the bids ranked first (more than one on a full tie; none when all fail). */
  recommended: number[];
  requiredTokensPerSecond?: number;
  awardDate: string;
  weights: Record<ScoreCriterion, number>;
  maxPoints: number;
  warnings: string[];
}

export interface BidEvaluateOptions {
  today: string;
  sensitivity?: boolean;
}

export function requiredTokensPerSecond(file: BidFile): number | undefined {
  const r = file.requirement;
  const perDay = r.tokensPerDay !== undefined ? r.tokensPerDay / SECONDS_PER_DAY : undefined;
  if (r.minOutputTokensPerSecond === undefined) return perDay;
  return perDay === undefined ? r.minOutputTokensPerSecond : Math.max(perDay, r.minOutputTokensPerSecond);
}


function domesticShare(rb: ResolvedBuild): number {
  const value = rb.lines.reduce((s, l) => s + l.count * l.cardPrice, 0);
  if (value <= 0) {
    const cards = rb.lines.reduce((s, l) => s + l.count, 0);
    return cards ? rb.lines.reduce((s, l) => s + (l.spec.domestic ? l.count : 0), 0) / cards : 0;
  }
  return rb.lines.reduce((s, l) => s + (l.spec.domestic ? l.count * l.cardPrice : 0), 0) / value;
}

/** Throws ScenarioError (paths as in the bid file) when a part, site or price cannot be resolved. */
export function evaluateBidFile(file: BidFile, lookup: CatalogLookup, opts: BidEvaluateOptions): BidEvaluation {
  const scenario = bidFileToScenario(file);
  let resolved;
  try {
    resolved = resolveScenario(scenario, lookup, { today: opts.today });
  } catch (e) {
    if (e instanceof ScenarioError) throw new ScenarioError(e.issues.map((i) => ({ ...i, path: bidPath(i.path) })));
    throw e;
  }
  const evaluation = evaluateResolved(resolved, { today: opts.today, sensitivity: opts.sensitivity });
  const cur = file.currency;
  const req = file.requirement;
  const asOf = resolved.asOf;
  const awardDate = req.awardDate ?? asOf;
  const need = requiredTokensPerSecond(file);
  const cap = req.constraints.budgetCap;
  const limits: ConstraintLimits = {
    ...req.constraints,
    requiredTokensPerSecond: need,
    budgetInFileCurrency: cap ? convertMajor(cap.amount, cap.currency, cur, resolved.fx) : undefined,
  };
  const labels = bidLabels(file.bids);
  const basis = file.scoring.evaluatedPrice;

  const partial = file.bids.map((bid, i) => {
    const build = evaluation.builds[i]!;
    const rb = resolved.builds[i]!;
    const lines = priceLines(build, {
      vatRate: bid.vatRate,
      networkPerCard: rb.lines.map((l) => l.networkPerCard),
      hostQuoted: bid.lines.map((l) => typeof l.server === 'object'),
    });
    const totals = bidTotals(lines, bid.vatRate, build.currency);
    const exVatTotal = totals.exVat;
    const vatAmount = totals.vat;
    const deliveryDate = addWeeks(awardDate, bid.deliveryWeeks);
    const share = domesticShare(rb);
    const failures = checkConstraints(
      {
        outputTokensPerSecond: build.outputTokensPerSecond,
        linesMissingTargets: build.lines.filter((l) => !l.meetsTargets).map((l) => l.accelerator),
        bidTotalExVat: exVatTotal,
        bidTotalInclVat: exVatTotal + vatAmount,
        facilityPowerKW: build.facilityPowerKW,
        deliveryDate,
        riskScore: build.risk.score,
        domesticShare: share,
        validUntil: bid.validUntil,
        asOf,
      },
      limits,
      cur,
    );
    // VAT is paid on the quoted items only; everything else in capex/TCO is modelled ex VAT.
    const evaluatedPrice = (basis === 'tco' ? build.tco : build.capex) + (file.scoring.includeVat ? vatAmount : 0);
    return { bid, build, lines, exVatTotal, vatAmount, deliveryDate, share, failures, evaluatedPrice };
  });

  const scores = scoreBids(
    partial.map((p) => ({
      pass: p.failures.length === 0,
      evaluatedPrice: p.evaluatedPrice,
      costPerMTok: p.build.costPerMillionOutputTokens,
      tokensPerWatt: p.build.tokensPerSecondPerWatt,
      riskScore: p.build.risk.score,
      deliveryWeeks: p.bid.deliveryWeeks,
    })),
    file.scoring.weights,
  );

  const bids: BidResult[] = partial.map((p, i) => ({
    index: i,
    vendor: p.bid.vendor,
    name: p.bid.name,
    label: labels[i]!,
    pass: p.failures.length === 0,
    failures: p.failures,
    priceLines: p.lines,
    bidTotalExVat: p.exVatTotal,
    bidTotalInclVat: p.exVatTotal + p.vatAmount,
    vatAmount: p.vatAmount,
    vatRate: p.bid.vatRate,
    vatIncluded: p.bid.vatIncluded,
    evaluatedPrice: p.evaluatedPrice,
    ...scores[i]!,
    deliveryWeeks: p.bid.deliveryWeeks,
    deliveryDate: p.deliveryDate,
    warrantyYears: p.bid.warrantyYears,
    paymentTerms: p.bid.paymentTerms,
    validUntil: p.bid.validUntil,
    notes: p.bid.notes,
    domesticShare: p.share,
    build: p.build,
  }));

  const ranking = bids.filter((b) => b.rank !== null).sort((a, b) => a.rank! - b.rank! || a.index - b.index).map((b) => b.index);
  const recommended = ranking.filter((i) => bids[i]!.rank === 1);
  const total = maxPoints(file.scoring.weights);
  const warnings = [...evaluation.warnings.map(bidPath)];
  if (total !== 100) warnings.push(`the scoring weights add up to ${total} points, not 100`);
  if (ranking.length === 0) warnings.push('no bid meets every hard constraint: none can be recommended');
  return {
    file,
    currency: cur,
    evaluation,
    bids,
    ranking,
    recommended,
    requiredTokensPerSecond: need === undefined ? undefined : round2(need),
    awardDate,
    weights: { ...file.scoring.weights },
    maxPoints: total,
    warnings,
  };
}
