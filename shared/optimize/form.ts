/**
 * The Optimize page's form: a flat, editable subset of the problem (one workload, a catalog
 * site, the constraints), its defaults, and its translation into the problem the
 * `optimize:run` channel takes. Kept here so the page holds no logic of its own.
 */
import type { Accelerator } from '../domain/accelerator';
import type { CatalogLookup, CatalogSnapshot } from '../scenario/catalog-lookup';
import type { ObjectiveKind, OptimizeProblemInput } from './schema';

export interface OptimizeForm {
  model: string;
  outputTokensPerSecond: number;
  inputTokens: number;
  outputTokens: number;
  tpotMs: number;
  ttftMs: number;
  /** Allow prefill and decode pools on different parts. */
  disaggregated: boolean;
  site: string;
  /** Money in the problem's currency (CNY); undefined = no limit. */
  capexBudget?: number;
  powerCapKW?: number;
  maxRiskScore?: number;
  /** Percent, 0–100. */
  minDomesticPct?: number;
  maxVendorPct?: number;
  shareBasis: 'capex' | 'cards';
  wholeServers: boolean;
  objective: ObjectiveKind;
  /** Catalog slugs; null = every part with a valid price (the default candidates). */
  parts: string[] | null;
}

/** The shipped example's problem (examples/optimize-deepseek-v3-west-china.json), as a form. */
export const DEFAULT_FORM: OptimizeForm = {
  model: 'deepseek-v3',
  outputTokensPerSecond: 100_000,
  inputTokens: 2000,
  outputTokens: 500,
  tpotMs: 50,
  ttftMs: 3000,
  disaggregated: true,
  site: 'west-china',
  capexBudget: 80_000_000,
  powerCapKW: 600,
  maxRiskScore: 38,
  minDomesticPct: 50,
  maxVendorPct: 80,
  shareBasis: 'capex',
  wholeServers: true,
  objective: 'tco',
  parts: null,
};

export function formToProblem(f: OptimizeForm, name: string): OptimizeProblemInput {
  return {
    name,
    currency: 'CNY',
    site: f.site,
    finance: { years: 5, discountRate: 0.06, utilization: 0.6, maintenanceRate: 0.05, residualValueRate: 0.05 },
    demand: [
      {
        model: f.model,
        inputTokens: f.inputTokens,
        outputTokens: f.outputTokens,
        tpotMs: f.tpotMs,
        ttftMs: f.ttftMs,
        outputTokensPerSecond: f.outputTokensPerSecond,
        roles: f.disaggregated ? ['both', 'prefill', 'decode'] : ['both'],
      },
    ],
    candidates: f.parts ? { include: f.parts } : {},
    constraints: {
      capexBudget: f.capexBudget,
      powerCapKW: f.powerCapKW,
      maxRiskScore: f.maxRiskScore,
      minDomesticShare: f.minDomesticPct === undefined ? undefined : f.minDomesticPct / 100,
      maxVendorShare: f.maxVendorPct === undefined ? undefined : f.maxVendorPct / 100,
      shareBasis: f.shareBasis,
      wholeServers: f.wholeServers,
    },
    objective: f.objective,
  };
}

export interface PartChoice {
  slug: string;
  name: string;
  vendor: string;
  domestic: boolean;
  price: number;
}

/** Catalog parts the optimizer would consider by default: a valid price, export not prohibited for the site's buyer. */
export function defaultCandidates(snapshot: CatalogSnapshot, lookup: CatalogLookup, siteSlug: string, today: string): PartChoice[] {
  const jurisdiction = lookup.site(siteSlug)?.jurisdiction ?? 'CN';
  return snapshot.accelerators
    .filter((a: Accelerator) => a.exportControl[jurisdiction] !== 'prohibited')
    .flatMap((a) => {
      const p = lookup.bestCardPrice(a.slug, today, 'CNY');
      return p ? [{ slug: a.slug, name: a.model, vendor: a.vendor, domestic: a.domestic, price: p.price }] : [];
    })
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.name.localeCompare(b.name));
}
