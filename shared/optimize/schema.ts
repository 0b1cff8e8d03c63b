/**
 * The optimize problem (`procure optimize FILE`, the `optimize:run` channel, the Optimize page):
 * what must be served (`demand`), which parts may be bought (`candidates`), where and with which
 * money (`site`, `finance`, `risk`, as in a scenario file) and the limits (`constraints`).
 * Errors name the JSON path, e.g. `demand[0].outputTokensPerSecond: expected a positive number`.
 */
import { z } from 'zod';
import { formatIssues, lineSchema, ROLES, scenarioSchema, workloadSchema, type ScenarioIssue } from '../scenario/schema';
import { readDocumentJson } from '../document/parse';

const num = (what: string) => z.number({ error: `expected ${what}` });
const pos = (what: string, max = 1e15) =>
  num(what).positive({ error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const nonNegInt = (what: string, max = 10_000_000) =>
  num(what).int({ error: `expected ${what}` }).min(0, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const fraction = (what: string) => num(what).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const name = z.string({ error: 'expected a name' }).min(1, { error: 'expected a name' }).max(200, { error: 'expected a name (at most 200 characters)' });

export const OBJECTIVES = ['tco', 'capex', 'costPerMillionTokens'] as const;
export type ObjectiveKind = (typeof OBJECTIVES)[number];
export const SHARE_BASES = ['capex', 'cards'] as const;

/** The smallest demand an optimize problem may state, in output tokens per second. */
export const MIN_DEMAND_TOKENS_PER_SECOND = 1;

/** One workload to serve: a scenario workload plus how much of it (exactly one rate). */
export const demandSchema = workloadSchema
  .extend({
    name: z.string({ error: 'expected a workload name' }).max(120).optional(),
    outputTokensPerSecond: pos('output tokens per second, a positive number').optional(),
    outputTokensPerDay: pos('output tokens per day, a positive number').optional(),
    requestsPerSecond: pos('requests per second, a positive number').optional(),
    /** Which pools may serve it: colocated ('both'), or prefill and decode pools (disaggregated). */
    roles: z
      .array(z.enum(ROLES, { error: 'expected "both", "prefill" or "decode"' }), { error: 'expected a list of roles' })
      .min(1, { error: 'expected at least one role' })
      .max(3)
      .default(['both', 'prefill', 'decode']),
  })
  .superRefine((d, ctx) => {
    const given = [d.outputTokensPerSecond, d.outputTokensPerDay, d.requestsPerSecond].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', path: ['outputTokensPerSecond'], message: 'expected exactly one of outputTokensPerSecond, outputTokensPerDay, requestsPerSecond' });
      return;
    }
    // Below a token a second the demand row drowns in the solver's tolerances (a build of no
    // cards "serves" it); no real service is that small, one card gives hundreds.
    const perSecond = d.outputTokensPerSecond ?? (d.outputTokensPerDay !== undefined ? d.outputTokensPerDay / 86_400 : d.requestsPerSecond! * d.outputTokens);
    if (!(perSecond >= MIN_DEMAND_TOKENS_PER_SECOND)) {
      const key = d.outputTokensPerSecond !== undefined ? 'outputTokensPerSecond' : d.outputTokensPerDay !== undefined ? 'outputTokensPerDay' : 'requestsPerSecond';
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a demand of at least ${MIN_DEMAND_TOKENS_PER_SECOND} output token per second (${(MIN_DEMAND_TOKENS_PER_SECOND * 86_400).toLocaleString('en')} a day)`,
      });
    }
  });
export type DemandInput = z.input<typeof demandSchema>;
export type Demand = z.output<typeof demandSchema>;

/** A candidate part with overrides: a scenario line without count and role, plus supply limits. */
export const candidatePartSchema = lineSchema.omit({ count: true, role: true }).extend({
  /** Cards that can be delivered (stock); default: unlimited. */
  available: nonNegInt('a whole number of cards available').optional(),
  /** Minimum order quantity in cards; default: the MOQ of the quote used, if any. */
  moq: nonNegInt('a whole number of cards (minimum order)').optional(),
});
export type CandidatePartInput = z.input<typeof candidatePartSchema>;

export const candidatesSchema = z.strictObject({
  /** Catalog names or slugs; default: every part with a valid purchase price. */
  include: z.array(name, { error: 'expected a list of accelerator names' }).max(300).optional(),
  exclude: z.array(name, { error: 'expected a list of accelerator names' }).max(300).default([]),
  /** Parts whose export status for the buyer is "prohibited" are left out unless this is true or they are listed. */
  includeProhibited: z.boolean({ error: 'expected true or false' }).default(false),
  parts: z.array(candidatePartSchema, { error: 'expected a list of parts' }).max(300).default([]),
});

export const constraintsSchema = z.strictObject({
  /** Capex ceiling (cards, hosts, network, power infrastructure, installation) in the problem's currency. */
  capexBudget: pos('a capex budget in major units (yuan, dollars)').optional(),
  /** Facility power ceiling: peak IT power × PUE, kW. */
  powerCapKW: pos('a facility power cap in kW').optional(),
  /** Ceiling on the build's supply-risk score (0–100). */
  maxRiskScore: num('a risk score between 0 and 100').min(0, { error: 'expected a risk score between 0 and 100' }).max(100, { error: 'expected a risk score between 0 and 100' }).optional(),
  minDomesticShare: fraction('a share between 0 and 1').optional(),
  maxVendorShare: fraction('a share between 0 and 1').optional(),
  /** Whether the two shares above count hardware capex or cards. */
  shareBasis: z.enum(SHARE_BASES, { error: 'expected "capex" or "cards"' }).default('capex'),
  /** Buy whole servers only (cards per line a multiple of the host's cards per server). */
  wholeServers: z.boolean({ error: 'expected true or false' }).default(true),
});
export type Constraints = z.output<typeof constraintsSchema>;
export type ConstraintsInput = z.input<typeof constraintsSchema>;

export const optimizeOptionsSchema = z.strictObject({
  /** Risk caps on the cost–risk frontier (at least 5). */
  frontierPoints: num('a whole number of points between 5 and 20').int().min(5, { error: 'expected at least 5 points' }).max(20, { error: 'expected at most 20 points' }).default(7),
  /** For the cost-per-token objective: capacity may exceed demand by at most this share. */
  maxHeadroom: num('a headroom share between 0 and 10').min(0).max(10).default(0.5),
  /** Seconds one solve may take before the best solution found is used. */
  timeLimitS: num('a time limit in seconds').positive().max(600).default(10),
  /** Relative optimality gap at which a solve stops: 10⁻⁴ is ¥3,000 on a ¥30M build. */
  mipGap: num('a relative gap between 0 and 0.1').min(0).max(0.1).default(1e-4),
});

const base = scenarioSchema.pick({ $schema: true, version: true, name: true, description: true, currency: true, asOf: true, fx: true, site: true, finance: true, risk: true });

export const optimizeProblemSchema = base.extend({
  demand: z.array(demandSchema, { error: 'expected a list of workloads to serve' }).min(1, { error: 'expected at least one workload' }).max(5, { error: 'expected at most 5 workloads' }),
  candidates: candidatesSchema.default(candidatesSchema.parse({})),
  constraints: constraintsSchema.default(constraintsSchema.parse({})),
  objective: z.enum(OBJECTIVES, { error: `expected one of ${OBJECTIVES.join(', ')}` }).default('tco'),
  options: optimizeOptionsSchema.default(optimizeOptionsSchema.parse({})),
});
export type OptimizeProblemInput = z.input<typeof optimizeProblemSchema>;
export type OptimizeProblem = z.output<typeof optimizeProblemSchema>;

export type ProblemParse = { ok: true; value: OptimizeProblem } | { ok: false; issues: ScenarioIssue[] };

export function parseOptimizeProblem(value: unknown): ProblemParse {
  const r = optimizeProblemSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: formatIssues(r.error) };
}

export function parseOptimizeText(text: string): ProblemParse {
  const json = readDocumentJson(text);
  return json.ok ? parseOptimizeProblem(json.value) : json;
}

/** Requests per second a workload must sustain. */
export function demandRequestsPerSecond(d: Demand): number {
  if (d.requestsPerSecond !== undefined) return d.requestsPerSecond;
  const outPerS = d.outputTokensPerSecond ?? (d.outputTokensPerDay ?? 0) / 86_400;
  return outPerS / d.outputTokens;
}
