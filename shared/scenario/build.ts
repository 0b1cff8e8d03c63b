/**
 * A saved cluster build: named lines of catalog parts with the assumptions it is evaluated
 * with. A build turns into a one-build scenario, so the UI, the CLI and reports evaluate it
 * with the very same code (`evaluateScenario`).
 */
import { z } from 'zod';
import { priceSchema } from '../money';
import { engineProfileSchema } from '../model/engines';
import { ROLES, type inlineSiteSchema, scenarioSchema, type workloadSchema, type ScenarioInput } from './schema';
import type { ModelSpecInput } from '../model/spec';

export const buildLineSchema = z.strictObject({
  /** Catalog slug of the part. */
  accelerator: z.string().min(1).max(80),
  count: z.number().int().positive().max(1_000_000),
  role: z.enum(ROLES).default('both'),
  /** Catalog server slug; default: the part's compatible host. */
  server: z.string().min(1).max(80).optional(),
  networkPerCard: priceSchema.optional(),
  /** Overrides the price policy's quote. */
  unitPrice: priceSchema.optional(),
  /** Use this stored quote (a correction of it follows) instead of the price policy's choice. */
  pinQuoteId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Use this supplier's latest quote instead of the price policy's choice. */
  pinSupplier: z.string().trim().min(1).max(160).optional(),
  /** Overrides the rental quote the price policy chooses (buy versus rent). */
  rentalPricePerCardHour: priceSchema.optional(),
  /** Lead time in weeks; default: the quote's, else the part's. */
  leadTimeWeeks: z.number().min(0).max(520).optional(),
  /** Serving engine: a profile name (shared/model/engines.ts) or an inline profile; default by software stack. */
  engine: z.union([z.string().trim().min(1).max(120), engineProfileSchema]).optional(),
});
export type BuildLine = z.output<typeof buildLineSchema>;
export type BuildLineInput = z.input<typeof buildLineSchema>;

/** The scenario fields a build carries, validated by the scenario schema itself. */
export const buildAssumptionsSchema = scenarioSchema.pick({ currency: true, site: true, finance: true, workload: true, risk: true });
type RawAssumptions = z.input<typeof buildAssumptionsSchema>;
/** The site is a catalog site slug or an inline site; the model a preset id or an inline spec. */
export type SiteRef = string | z.input<typeof inlineSiteSchema>;
export type BuildAssumptions = Omit<RawAssumptions, 'site' | 'workload'> & {
  site: SiteRef;
  workload: Omit<z.input<typeof workloadSchema>, 'model'> & { model: string | ModelSpecInput };
};

export interface BuildRecord {
  id: number;
  name: string;
  assumptions: BuildAssumptions;
  lines: BuildLine[];
  createdAt: string;
  updatedAt: string;
}

/** The default assumptions for a new build: Western China, DeepSeek-V3, 5 years. */
export const DEFAULT_ASSUMPTIONS: BuildAssumptions = {
  currency: 'CNY',
  site: 'west-china',
  finance: { years: 5, discountRate: 0.06, utilization: 0.6, maintenanceRate: 0.05, residualValueRate: 0.05 },
  workload: { model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
};

/** A build as a one-build scenario file (what "Save scenario" writes and `procure evaluate` reads). */
export function buildToScenario(b: Pick<BuildRecord, 'name' | 'assumptions' | 'lines'>): ScenarioInput {
  return {
    version: 1,
    name: b.name,
    ...b.assumptions,
    builds: [
      {
        name: b.name,
        lines: b.lines.map((l) => ({
          accelerator: l.accelerator,
          count: l.count,
          role: l.role,
          ...(l.server ? { server: l.server } : {}),
          ...(l.networkPerCard ? { networkPerCard: l.networkPerCard } : {}),
          ...(l.unitPrice ? { unitPrice: l.unitPrice } : {}),
          ...(l.pinQuoteId !== undefined ? { pinQuoteId: l.pinQuoteId } : {}),
          ...(l.pinSupplier ? { pinSupplier: l.pinSupplier } : {}),
          ...(l.rentalPricePerCardHour ? { rentalPricePerCardHour: l.rentalPricePerCardHour } : {}),
          ...(l.leadTimeWeeks !== undefined ? { leadTimeWeeks: l.leadTimeWeeks } : {}),
          ...(l.engine !== undefined ? { engine: l.engine } : {}),
        })),
      },
    ],
  };
}

/**
 * Several builds as one scenario file, for reports: possible when they share their assumptions
 * (a scenario has one site, workload and finance); otherwise undefined.
 */
export function buildsToScenario(
  builds: Pick<BuildRecord, 'name' | 'assumptions' | 'lines'>[],
  name: string,
  site?: (s: SiteRef) => unknown,
): ScenarioInput | undefined {
  if (builds.length === 0) return undefined;
  if (assumptionsDifference(builds, site)) return undefined;
  const parts = builds.map((b) => buildToScenario(b));
  return { ...parts[0]!, name, builds: parts.flatMap((p) => p.builds) };
}

export const ASSUMPTION_KEYS = ['currency', 'site', 'finance', 'workload', 'risk'] as const;
export type AssumptionKey = (typeof ASSUMPTION_KEYS)[number];

/** A value as text with its object keys sorted, so the order a form or a file wrote them in does not count. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * The first build whose assumptions differ from the first build's, by value, and which
 * assumption; undefined when all agree. `site` maps a site as written (a catalog slug or an
 * inline site) to the figures that count, so a custom site with a preset's numbers is the same site.
 */
export function assumptionsDifference(
  builds: Pick<BuildRecord, 'name' | 'assumptions'>[],
  site: (s: SiteRef) => unknown = (s) => s,
): { index: number; key: AssumptionKey; path: string } | undefined {
  const first = builds[0];
  if (!first) return undefined;
  const raw = (b: Pick<BuildRecord, 'assumptions'>, k: AssumptionKey) => (k === 'site' ? site(b.assumptions.site) : b.assumptions[k]);
  for (let index = 1; index < builds.length; index++) {
    const key = ASSUMPTION_KEYS.find((k) => canonical(raw(builds[index]!, k)) !== canonical(raw(first, k)));
    if (key) return { index, key, path: [key, ...firstDifference(raw(first, key), raw(builds[index]!, key))].join('.') };
  }
  return undefined;
}

/** Where two values first differ, as the keys down to it (empty: they differ as a whole). */
function firstDifference(a: unknown, b: unknown): string[] {
  const obj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!obj(a) || !obj(b)) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const k = keys.find((x) => canonical(a[x]) !== canonical(b[x]));
  return k === undefined ? [] : [k, ...firstDifference(a[k], b[k])];
}

/** What a catalog site holds that counts for the figures (the scenario's resolve reads the same fields). */
export interface SiteFiguresSource {
  slug: string;
  powerPricePerKWh: number;
  currency: string;
  pue: number;
  jurisdiction: string;
  rackCostPerYear: number;
  infraCostPerKW: number;
}

/**
 * A site as the figures it stands for, its name aside: a catalog site by its slug's entry, an
 * inline site with the schema's defaults. "Ningxia Zhongwei" at 0.25 ¥/kWh and PUE 1.2 is then the
 * Western China preset when that preset has the same numbers. An unknown slug stays itself.
 */
export function siteFigures(sites: readonly SiteFiguresSource[], currency = 'CNY'): (s: SiteRef) => unknown {
  return (s) => {
    if (typeof s === 'string') {
      const c = sites.find((x) => x.slug === s);
      if (!c) return s;
      return { powerPricePerKWh: c.powerPricePerKWh, currency: c.currency, pue: c.pue, jurisdiction: c.jurisdiction, rackCostPerYear: c.rackCostPerYear, infraCostPerKW: c.infraCostPerKW, serversPerRack: 4 };
    }
    return {
      powerPricePerKWh: s.powerPricePerKWh,
      currency: s.currency ?? currency,
      pue: s.pue ?? 1.3,
      jurisdiction: s.jurisdiction ?? 'CN',
      rackCostPerYear: s.rackCostPerYear ?? 0,
      infraCostPerKW: s.infraCostPerKW ?? 0,
      serversPerRack: s.serversPerRack ?? 4,
    };
  };
}
