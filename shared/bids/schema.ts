/**
 * The bid file (`bids-*.json`): one requirement (what must be served, hard constraints), the
 * scoring scheme (综合评分法 weights) and the vendors' bids. It reuses the scenario's building
 * blocks (site, workload, finance, risk, prices), so a bid is evaluated as a build of a
 * scenario by the very same models. Errors name the JSON path, e.g.
 * `bids[2].lines[0].unitPrice.amount: expected a non-negative amount…`.
 */
import { z } from 'zod';
import { keyedCheck } from '../i18n/translate';
import { parseDocument, parseDocumentText } from '../document/parse';
import { isoDateSchema } from '../domain/source';
import { priceSchema } from '../money';
import {
  financeSchema,
  lineSchema,
  riskSchema,
  scenarioSchema,
  workloadSchema,
  type ScenarioIssue,
} from '../scenario/schema';

const num = (what: string) => z.number({ error: `expected ${what}` });
const nonNeg = (what: string, max = 1e12) =>
  num(what).min(0, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const pos = (what: string, max = 1e12) =>
  num(what).positive({ error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const fraction = (what: string) => num(what).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const text = (what: string, max = 200) =>
  z.string({ error: `expected ${what}` }).trim().min(1, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max} characters)` });
const optText = (what: string, max: number) => z.string({ error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max} characters)` });
const date = isoDateSchema.refine((s) => Number.isFinite(Date.parse(`${s}T00:00:00Z`)), keyedCheck('errors.checks.realDate'));

// ---------------------------------------------------------------- requirement

export const constraintsSchema = z.strictObject({
  /** Compared with the bid's quoted total (cards, quoted servers, network); 最高限价 is usually incl. VAT. */
  budgetCap: z
    .strictObject({
      amount: pos('a positive budget in major units'),
      currency: priceSchema.shape.currency,
      vatIncluded: z.boolean({ error: 'expected true or false' }).default(true),
    })
    .optional(),
  /** Facility power (IT power × PUE), kW. */
  maxFacilityPowerKW: pos('a facility power cap in kW', 1e7).optional(),
  /** Latest delivery date; a bid delivers `deliveryWeeks` after the award date. */
  deliveryDeadline: date.optional(),
  /** Highest acceptable supply-risk score (0–100). */
  maxRiskScore: nonNeg('a risk score between 0 and 100', 100).optional(),
  /** Least share of accelerator value from domestic (Chinese) parts, 0–1. */
  minDomesticShare: fraction('a share between 0 and 1').optional(),
});
export type BidConstraints = z.output<typeof constraintsSchema>;

export const requirementSchema = z.strictObject({
  name: text('a requirement name'),
  description: optText('a description', 10_000).default(''),
  site: scenarioSchema.shape.site,
  workload: workloadSchema,
  finance: financeSchema.default(financeSchema.parse({})),
  risk: riskSchema.default(riskSchema.parse({})),
  /** Output tokens per second the cluster must serve at the latency targets. */
  minOutputTokensPerSecond: pos('output tokens per second', 1e12).optional(),
  /** The same need as tokens per day (converted at 86,400 s/day); the larger of the two applies. */
  tokensPerDay: pos('output tokens per day', 1e16).optional(),
  /** Delivery is counted from this date; default: the file's asOf, else today. */
  awardDate: date.optional(),
  constraints: constraintsSchema.default({}),
});
export type Requirement = z.output<typeof requirementSchema>;

// ---------------------------------------------------------------- scoring

export const SCORE_CRITERIA = ['price', 'costPerMTok', 'tokensPerWatt', 'supplyRisk', 'delivery'] as const;
export type ScoreCriterion = (typeof SCORE_CRITERIA)[number];
export type TechnicalCriterion = Exclude<ScoreCriterion, 'price'>;
export const TECHNICAL_CRITERIA: readonly TechnicalCriterion[] = ['costPerMTok', 'tokensPerWatt', 'supplyRisk', 'delivery'];

/** Price 40 points (财政部 87号令: 30–60 % for goods), technical 60; they add up to 100. */
export const DEFAULT_WEIGHTS: Record<ScoreCriterion, number> = { price: 40, costPerMTok: 25, tokensPerWatt: 15, supplyRisk: 12, delivery: 8 };

const weight = nonNeg('a non-negative weight (points)', 1000);
export const subjectiveCriterionSchema = z.strictObject({
  id: z.string({ error: 'expected a criterion id' }).regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'expected a criterion id: lower-case letters, digits and "-", at most 40' }),
  name: text('a criterion name'),
  points: pos('the most points of the criterion', 1000),
});
export type SubjectiveCriterion = z.output<typeof subjectiveCriterionSchema>;
export const scoringSchema = z.strictObject({
  /** What "price" means for the price score: capex (purchase) or the TCO over the horizon. */
  evaluatedPrice: z.enum(['capex', 'tco'], { error: 'expected "capex" or "tco"' }).default('capex'),
  /** Evaluate prices including VAT (default: ex VAT, as 13 % applies to every bid alike). */
  includeVat: z.boolean({ error: 'expected true or false' }).default(false),
  weights: z
    .strictObject({
      price: weight.default(DEFAULT_WEIGHTS.price),
      costPerMTok: weight.default(DEFAULT_WEIGHTS.costPerMTok),
      tokensPerWatt: weight.default(DEFAULT_WEIGHTS.tokensPerWatt),
      supplyRisk: weight.default(DEFAULT_WEIGHTS.supplyRisk),
      delivery: weight.default(DEFAULT_WEIGHTS.delivery),
    })
    .default(DEFAULT_WEIGHTS),
  /**
   * Subjective criteria (e.g. 技术方案, 售后服务) scored by the evaluation committee, each up to its
   * points, combined by committee.ts; their points come on top of the formula-based weights.
   */
  subjective: z
    .array(subjectiveCriterionSchema, { error: 'expected a list of subjective criteria' })
    .max(20, { error: 'expected at most 20 subjective criteria' })
    .refine((l) => new Set(l.map((c) => c.id)).size === l.length, keyedCheck('errors.checks.distinctCriteria'))
    .optional(),
  /** The committee flags an evaluator whose total for a bid deviates from the others' mean by more than this share (default 0.2). */
  deviationShare: fraction('a share between 0 and 1').optional(),
});
export type Scoring = z.output<typeof scoringSchema>;

// ---------------------------------------------------------------- bids

export const bidLineSchema = z.strictObject({
  accelerator: lineSchema.shape.accelerator,
  count: lineSchema.shape.count,
  role: lineSchema.shape.role,
  /** The vendor's unit price per card, with or without VAT as the bid says. */
  unitPrice: priceSchema,
  /** A quoted host (inline, with its price) or a catalog server name (catalog price, not part of the bid total). */
  server: lineSchema.shape.server,
  networkPerCard: priceSchema.optional(),
});
export type BidLine = z.output<typeof bidLineSchema>;

/**
 * The hard constraints and workload a supplier answers in the bid template's technical response
 * (技术响应): complies or deviates, with remarks. Recorded with the bid; the app still checks every
 * constraint itself from the models, whatever the supplier declares.
 */
export const RESPONSE_ITEMS = ['model', 'throughput', 'latency', 'budget', 'power', 'delivery', 'risk', 'domestic'] as const;
export type ResponseItem = (typeof RESPONSE_ITEMS)[number];
export const bidResponseSchema = z.strictObject({
  item: z.enum(RESPONSE_ITEMS, { error: `expected one of ${RESPONSE_ITEMS.join(', ')}` }),
  complies: z.boolean({ error: 'expected true or false' }),
  remarks: optText('remarks', 1000).default(''),
});
export type BidResponse = z.output<typeof bidResponseSchema>;

export const bidSchema = z.strictObject({
  vendor: text('a vendor name'),
  /** What is offered, e.g. "Atlas 800I A2 × 16"; default: the vendor name. */
  name: optText('a bid name', 200).default(''),
  /** Whether the quoted prices include VAT, and its rate (13 % for goods in China). */
  vatIncluded: z.boolean({ error: 'expected true or false' }).default(false),
  vatRate: fraction('a VAT rate between 0 and 1').default(0.13),
  deliveryWeeks: nonNeg('delivery in weeks after award', 520),
  warrantyYears: nonNeg('warranty in years', 50).default(3),
  paymentTerms: optText('payment terms', 500).default(''),
  validUntil: date.optional(),
  notes: optText('notes', 5000).default(''),
  /** The technical response (技术响应) from a filled bid template, one entry per requirement item. */
  responses: z.array(bidResponseSchema, { error: 'expected a list of responses' }).max(RESPONSE_ITEMS.length, { error: 'expected at most one response per item' }).optional(),
  lines: z.array(bidLineSchema, { error: 'expected a list of lines' }).min(1, { error: 'expected at least one line' }).max(100, { error: 'expected at most 100 lines' }),
});
export type Bid = z.output<typeof bidSchema>;

export const bidFileSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  version: z.literal(1, { error: 'expected version 1' }).default(1),
  /** Tells a bid file from a scenario file. */
  kind: z.literal('bids', { error: 'expected "bids"' }),
  title: optText('a title', 300).default(''),
  documentNumber: optText('a document number', 100).default(''),
  preparedBy: optText('a name', 200).default(''),
  /** Report date; default: today. */
  date: date.optional(),
  currency: scenarioSchema.shape.currency,
  asOf: scenarioSchema.shape.asOf,
  fx: scenarioSchema.shape.fx,
  requirement: requirementSchema,
  scoring: scoringSchema.default(scoringSchema.parse({})),
  bids: z.array(bidSchema, { error: 'expected a list of bids' }).min(1, { error: 'expected at least one bid' }).max(50, { error: 'expected at most 50 bids' }),
});
/** A bid file still being prepared: the requirement set, the bids still to come (a bid template is made from one). */
export const bidFileDraftSchema = bidFileSchema.extend({
  bids: z.array(bidSchema, { error: 'expected a list of bids' }).max(50, { error: 'expected at most 50 bids' }).default([]),
});
export type BidFileInput = z.input<typeof bidFileSchema>;
export type BidFile = z.output<typeof bidFileSchema>;

export type BidParseResult = { ok: true; value: BidFile } | { ok: false; issues: ScenarioIssue[] };

export function parseBidFile(value: unknown): BidParseResult {
  return parseDocument(bidFileSchema, value);
}

export function parseBidFileText(source: string): BidParseResult {
  return parseDocumentText(bidFileSchema, source);
}

/** Whether a parsed JSON value looks like a bid file rather than a scenario. */
export function isBidFileJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { kind?: unknown }).kind === 'bids';
}

/** The label a bid goes by in tables and charts: vendor, plus the offer when the vendor bids twice. */
export function bidLabels(bids: readonly Pick<Bid, 'vendor' | 'name'>[]): string[] {
  return bids.map((b, i) => {
    const same = bids.filter((x) => x.vendor === b.vendor).length > 1;
    if (!same) return b.vendor;
    return b.name ? `${b.vendor} · ${b.name}` : `${b.vendor} #${i + 1}`;
  });
}
