/**
 * The `.procure.json` scenario: what to evaluate (builds of accelerator lines), where (site),
 * for which workload and with which finance and risk assumptions. Every field not given takes
 * the default documented here and in docs/model.md; errors name the JSON path and what was
 * expected, e.g. `builds[0].lines[1].count: expected a positive integer`.
 */
import { z } from 'zod';
import { keyedCheck } from '../i18n/translate';
import { formatPath, issueMessage, issueRef, issuesOf, parseDocument, parseDocumentText, type FieldIssue } from '../document/parse';
import { EXPORT_STATUSES } from '../domain/accelerator';
import { isoDateSchema } from '../domain/source';
import { currencySchema, priceSchema } from '../money';
import { KV_PRECISIONS, modelSpecSchema, WEIGHT_PRECISIONS } from '../model/spec';
import { ENGINE_IDS, engineProfileSchema } from '../model/engines';
import { FINANCE_DEFAULTS } from '../model/tco';
import { WORKLOAD_PRESETS } from '../model/workload-presets';
import { CONCENTRATION_WEIGHT_DEFAULT, RISK_WEIGHT_DEFAULTS } from '../model/risk';

// ---------------------------------------------------------------- building blocks

const num = (what: string) => z.number({ error: `expected ${what}` });
const nonNeg = (what: string, max = 1e12) =>
  num(what).min(0, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const pos = (what: string, max = 1e12) =>
  num(what).positive({ error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const posInt = (what: string, max = 1_000_000) =>
  num(what).int({ error: `expected ${what}` }).positive({ error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max})` });
const fraction = (what: string) => num(what).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const text = (what: string, max = 200) =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` }).max(max, { error: `expected ${what} (at most ${max} characters)` });

/** A currency code, with the price schema's error message. */
const currency = priceSchema.shape.currency;

/**
 * `A | B` where A is a name and B an inline object: the error comes from the branch that matches
 * the value's JSON type, so nested paths survive (zod's union would only say "Invalid input").
 */
function nameOrObject<T extends z.ZodType>(nameWhat: string, obj: T, what: string) {
  return z.unknown().transform((v, ctx): string | z.output<T> => {
    if (typeof v === 'string') {
      const r = text(nameWhat, 200).safeParse(v);
      if (r.success) return r.data;
      ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? `expected ${nameWhat}` });
      return z.NEVER;
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const r = obj.safeParse(v);
      if (r.success) return r.data as z.output<T>;
      for (const i of r.error.issues) {
        ctx.addIssue({ code: 'custom', message: issueMessage(i), params: { i18n: issueRef(i) }, path: i.path.filter((p) => typeof p !== 'symbol') as (string | number)[] });
      }
      return z.NEVER;
    }
    ctx.addIssue({ code: 'custom', message: `expected ${what}` });
    return z.NEVER;
  });
}

// ---------------------------------------------------------------- inline parts

export const inlineAcceleratorSchema = z.strictObject({
  name: text('an accelerator name', 120),
  vendor: text('a vendor name', 80).default('Custom'),
  memoryGB: pos('memory in GB, a positive number', 10_000),
  memoryBandwidthTBps: pos('memory bandwidth in TB/s, a positive number', 100),
  tflops: z
    .strictObject({
      fp16: pos('TFLOPS, a positive number', 100_000).optional(),
      bf16: pos('TFLOPS, a positive number', 100_000).optional(),
      fp8: pos('TFLOPS, a positive number', 100_000).optional(),
      int8: pos('TOPS, a positive number', 100_000).optional(),
      fp4: pos('TFLOPS, a positive number', 100_000).optional(),
    }, { error: 'expected dense peak TFLOPS per precision, e.g. {"bf16": 989, "fp8": 1979}' })
    .refine((t) => Object.values(t).some((v) => v !== undefined), keyedCheck('errors.checks.onePrecisionExample')),
  tdpW: pos('TDP in watts, a positive number', 5000),
  /** Default: 20 % of TDP. */
  idleW: nonNeg('idle power in watts', 5000).optional(),
  /** Both directions added, as datasheets quote NVLink/HCCS; 0 = PCIe only. */
  scaleUpGBps: nonNeg('scale-up bandwidth in GB/s', 100_000).default(0),
  scaleOutGBps: nonNeg('scale-out bandwidth in GB/s per card', 10_000).default(50),
  softwareStack: z.string({ error: 'expected a software stack name' }).max(80).default(''),
  /** Default: by software stack (docs/model.md, "Efficiency defaults"). */
  mbu: num('MBU, a number in (0, 1]').gt(0, { error: 'expected MBU in (0, 1]' }).max(1, { error: 'expected MBU in (0, 1]' }).optional(),
  mfu: num('MFU, a number in (0, 1]').gt(0, { error: 'expected MFU in (0, 1]' }).max(1, { error: 'expected MFU in (0, 1]' }).optional(),
  domestic: z.boolean({ error: 'expected true or false' }).default(false),
  exportControl: z
    .strictObject({
      CN: z.enum(EXPORT_STATUSES, { error: `expected one of ${EXPORT_STATUSES.join(', ')}` }),
      other: z.enum(EXPORT_STATUSES, { error: `expected one of ${EXPORT_STATUSES.join(', ')}` }),
    })
    .default({ CN: 'free', other: 'free' }),
  foundry: z.string({ error: 'expected a foundry name' }).max(80).default(''),
  hbmSupply: z.string({ error: 'expected an HBM source' }).max(80).default(''),
  softwareMaturity: fraction('software maturity in [0, 1]').default(0.5),
  leadTimeWeeks: nonNeg('lead time in weeks', 520).optional(),
});
export type InlineAccelerator = z.output<typeof inlineAcceleratorSchema>;

export const inlineServerSchema = z.strictObject({
  name: text('a server name', 160).default('Host server'),
  cardsPerServer: posInt('a positive integer number of cards per server', 1024),
  price: priceSchema,
  /** Host power without the accelerators, W. */
  powerW: nonNeg('host power in watts', 100_000),
});
export type InlineServer = z.output<typeof inlineServerSchema>;

export const inlineSiteSchema = z.strictObject({
  name: text('a site name', 160).default('Site'),
  powerPricePerKWh: nonNeg('a power price per kWh', 100),
  /** Currency of the power price, rack and infrastructure costs; default: the scenario's. */
  currency: currency.optional(),
  pue: num('a PUE between 1 and 5').min(1, { error: 'expected a PUE between 1 and 5' }).max(5, { error: 'expected a PUE between 1 and 5' }).default(1.3),
  jurisdiction: z.enum(['CN', 'other'], { error: 'expected "CN" or "other"' }).default('CN'),
  rackCostPerYear: nonNeg('a rack cost per rack per year').default(0),
  infraCostPerKW: nonNeg('a power-infrastructure cost per kW').default(0),
  serversPerRack: posInt('a positive integer number of servers per rack', 64).default(4),
});
export type InlineSite = z.output<typeof inlineSiteSchema>;

// ---------------------------------------------------------------- scenario

export const ROLES = ['both', 'prefill', 'decode'] as const;

export const lineSchema = z.strictObject({
  accelerator: nameOrObject('a catalog accelerator name', inlineAcceleratorSchema, 'a catalog accelerator name (string) or an inline accelerator spec (object)'),
  count: posInt('a positive integer', 1_000_000),
  role: z.enum(ROLES, { error: 'expected "both", "prefill" or "decode"' }).default('both'),
  /** Default: the catalog's quote chosen by the price policy (shared/domain/price-policy). */
  unitPrice: priceSchema.optional(),
  /** Use this stored quote (by id; a correction of it follows) instead of the policy's choice. */
  pinQuoteId: posInt('a quote id (a positive integer)', Number.MAX_SAFE_INTEGER).optional(),
  /** Use this supplier's latest quote instead of the policy's choice. */
  pinSupplier: text('a supplier name', 160).optional(),
  /** Default: the catalog's rental quote chosen by the price policy (shared/domain/price-policy), if any. */
  rentalPricePerCardHour: priceSchema.optional(),
  /** Default: the catalog's compatible server, else 8 cards, ¥150,000, 2,000 W. */
  server: nameOrObject('a catalog server name', inlineServerSchema, 'a catalog server name (string) or {cardsPerServer, price, powerW}').optional(),
  networkPerCard: priceSchema.optional(),
  leadTimeWeeks: nonNeg('lead time in weeks', 520).optional(),
  mbu: num('MBU, a number in (0, 1]').gt(0, { error: 'expected MBU in (0, 1]' }).max(1, { error: 'expected MBU in (0, 1]' }).optional(),
  mfu: num('MFU, a number in (0, 1]').gt(0, { error: 'expected MFU in (0, 1]' }).max(1, { error: 'expected MFU in (0, 1]' }).optional(),
  /** Serving engine: a profile name (vllm, sglang, tensorrt-llm, mindie, lmdeploy, unknown) or an inline profile; default by software stack. */
  engine: nameOrObject(`an engine name (${ENGINE_IDS.join(', ')})`, engineProfileSchema, 'an engine name (string) or an inline engine profile (object)').optional(),
});
export type ScenarioLine = z.output<typeof lineSchema>;

export const buildSchema = z.strictObject({
  name: text('a build name', 200),
  lines: z.array(lineSchema, { error: 'expected a list of lines' }).min(1, { error: 'expected at least one line' }).max(100, { error: 'expected at most 100 lines' }),
});

// ---------------------------------------------------------------- agent-era workload fields

/** A multi-turn session: its context grows each turn (docs/model.md, "Agent-era workloads"). */
export const turnsSchema = z.strictObject({
  count: posInt('a positive integer number of turns', 10_000),
  contextTokens: nonNeg('tokens of context before the first turn (system prompt, repository)', 10_000_000),
  inputTokensPerTurn: nonNeg('new input tokens per turn', 10_000_000).default(0),
  outputTokensPerTurn: posInt('a positive integer number of output tokens per turn', 10_000_000),
});

export const kvOffloadSchema = z.strictObject({
  hostMemoryGBPerServer: pos('host DRAM per server for cached prefixes, GB', 100_000),
  bandwidthGBpsPerServer: pos('host-to-accelerator bandwidth per server, GB/s', 10_000),
});

const PRESET_IDS = WORKLOAD_PRESETS.map((p) => p.id) as [string, ...string[]];
const hitRate = fraction('a prefix-cache hit rate between 0 and 1');
const mtp = fraction('an MTP acceptance rate between 0 and 1');

/** One workload of a mix: a preset and/or its own figures; what it leaves out comes from the workload. */
export const mixEntrySchema = z
  .strictObject({
    name: text('a workload name', 120).optional(),
    preset: z.enum(PRESET_IDS, { error: `expected one of ${PRESET_IDS.join(', ')}` }).optional(),
    share: pos('a positive share of requests', 1e6),
    inputTokens: posInt('a positive integer number of input tokens', 10_000_000).optional(),
    outputTokens: posInt('a positive integer number of output tokens', 10_000_000).optional(),
    prefixCacheHitRate: hitRate.optional(),
    turns: turnsSchema.optional(),
    tpotMs: pos('a time per output token in ms', 1e6).optional(),
    ttftMs: pos('a time to first token in ms', 1e7).optional(),
    mtpAcceptanceRate: mtp.optional(),
  })
  .refine((e) => e.name !== undefined || e.preset !== undefined, keyedCheck('errors.checks.nameOrPreset'));
export type MixEntryInput = z.input<typeof mixEntrySchema>;

export const workloadSchema = z.strictObject({
  model: nameOrObject('a model preset name such as "deepseek-v3"', modelSpecSchema, 'a model preset name (string) or an inline model spec (object)'),
  inputTokens: posInt('a positive integer number of input tokens', 10_000_000).default(2000),
  outputTokens: posInt('a positive integer number of output tokens', 10_000_000).default(500),
  tpotMs: pos('a time per output token in ms', 1e6).default(50),
  ttftMs: pos('a time to first token in ms', 1e7).default(3000),
  batch: posInt('a positive integer batch', 10_000_000).optional(),
  groupSize: posInt('a positive integer group size', 100_000).optional(),
  weightPrecision: z.enum(WEIGHT_PRECISIONS, { error: `expected one of ${WEIGHT_PRECISIONS.join(', ')}` }).optional(),
  kvPrecision: z.enum(KV_PRECISIONS, { error: `expected one of ${KV_PRECISIONS.join(', ')}` }).default('bf16'),
  /** Share of input tokens served from the prefix cache. */
  prefixCacheHitRate: hitRate.default(0),
  /** A multi-turn session; when given it sets inputTokens, outputTokens and prefixCacheHitRate. */
  turns: turnsSchema.optional(),
  /** Multi-token prediction / speculative decoding with one draft token: its acceptance rate. */
  mtpAcceptanceRate: mtp.optional(),
  kvOffload: kvOffloadSchema.optional(),
  /** Serve a mix of workloads (shares of requests); default: this workload alone. */
  mix: z.array(mixEntrySchema, { error: 'expected a list of workloads' }).min(1, { error: 'expected at least one workload' }).max(20, { error: 'expected at most 20 workloads' }).optional(),
});

/** API list prices to compare self-hosting with (per million tokens). */
export const apiPriceSchema = z.strictObject({
  inputPerMillion: priceSchema,
  /** Default: the input price. */
  cachedInputPerMillion: priceSchema.optional(),
  outputPerMillion: priceSchema,
});

export const financeSchema = z.strictObject({
  years: num('a horizon in years between 1 and 30').min(1, { error: 'expected a horizon in years between 1 and 30' }).max(30, { error: 'expected a horizon in years between 1 and 30' }).default(FINANCE_DEFAULTS.years),
  discountRate: num('a discount rate between 0 and 1').min(0, { error: 'expected a discount rate between 0 and 1' }).max(1, { error: 'expected a discount rate between 0 and 1' }).default(FINANCE_DEFAULTS.discountRate),
  utilization: fraction('a utilisation between 0 and 1').default(FINANCE_DEFAULTS.utilization),
  maintenanceRate: fraction('a maintenance rate between 0 and 1').default(FINANCE_DEFAULTS.maintenanceRate),
  residualValueRate: fraction('a residual value rate between 0 and 1').default(FINANCE_DEFAULTS.residualValueRate),
  installationRate: fraction('an installation rate between 0 and 1').default(FINANCE_DEFAULTS.installationRate),
  softwarePerCardPerYear: priceSchema.optional(),
  /** A per-token API price to compare with (self-host vs API). */
  apiPrice: apiPriceSchema.optional(),
});

const weight = nonNeg('a non-negative weight', 100);
export const riskSchema = z.strictObject({
  weights: z
    .strictObject({
      exportControl: weight.default(RISK_WEIGHT_DEFAULTS.exportControl),
      foundry: weight.default(RISK_WEIGHT_DEFAULTS.foundry),
      hbm: weight.default(RISK_WEIGHT_DEFAULTS.hbm),
      leadTime: weight.default(RISK_WEIGHT_DEFAULTS.leadTime),
      softwareMaturity: weight.default(RISK_WEIGHT_DEFAULTS.softwareMaturity),
      quoteAge: weight.default(RISK_WEIGHT_DEFAULTS.quoteAge),
    })
    .default(RISK_WEIGHT_DEFAULTS),
  concentrationWeight: fraction('a concentration weight between 0 and 1').default(CONCENTRATION_WEIGHT_DEFAULT),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  version: z.literal(1, { error: 'expected version 1' }).default(1),
  name: z.string({ error: 'expected a scenario name' }).max(200).default(''),
  description: z.string({ error: 'expected a description' }).max(10_000).default(''),
  currency: currency.default('CNY'),
  /** Date quotes must still be valid on and quote ages are measured from; default: today. */
  asOf: isoDateSchema.optional(),
  /** CNY per one unit of each currency; overrides the catalog's rates. */
  fx: z
    .partialRecord(currencySchema, pos('CNY per unit, a positive number', 1e6), { error: 'expected {"USD": 7.1, …}: CNY per unit of each currency' })
    .optional(),
  site: nameOrObject('a catalog site name', inlineSiteSchema, 'a catalog site name (string) or an inline site (object)'),
  finance: financeSchema.default(financeSchema.parse({})),
  workload: workloadSchema,
  builds: z.array(buildSchema, { error: 'expected a list of builds' }).min(1, { error: 'expected at least one build' }).max(50, { error: 'expected at most 50 builds' }),
  risk: riskSchema.default(riskSchema.parse({})),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

// ---------------------------------------------------------------- errors

export type ScenarioIssue = FieldIssue;
export { formatPath, issuesOf as formatIssues };

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

export type ParseResult = { ok: true; value: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Validate an already-parsed JSON value. */
export function parseScenario(value: unknown): ParseResult {
  return parseDocument(scenarioSchema, value);
}

/** Parse scenario text (JSON); a JSON syntax or size error is reported at the root. */
export function parseScenarioText(text: string): ParseResult {
  return parseDocumentText(scenarioSchema, text);
}
