/**
 * Resolution: a validated scenario plus a catalog look-up become plain numbers in one currency
 * (names → parts, prices → ex-VAT converted amounts with their quotes, defaults filled in).
 * Every problem is reported with the JSON path it comes from.
 */
import type { Accelerator } from '../domain/accelerator';
import { issueAt } from '../document/parse';
import { convertMajor, FxMissingError, type Currency, type FxTable, type MajorMoney } from '../money';
import type { ServingRole, WorkloadTargets } from '../model/serving';
import type { AcceleratorSpec, ModelSpec } from '../model/spec';
import { stackKey } from '../model/efficiency';
import { customEngine, defaultEngine, ENGINE_IDS, findEngine } from '../model/engines';
import type { FinanceAssumptions } from '../model/tco';
import type { RiskWeights } from '../model/risk';
import type { CatalogLookup, PriceFound, SnapshotQuote } from './catalog-lookup';
import { inlinePartSource, partFromDescription } from './inline-part';
import { ScenarioError, type InlineAccelerator, type Scenario, type ScenarioIssue } from './schema';
import type { ApiPrices } from '../model/workload';
import { resolveWorkloads, type ResolvedWorkload } from './workloads';

/** Host assumed when neither the scenario nor the catalog names one (documented in docs/model.md). */
export const DEFAULT_HOST = { name: 'Default 8-card host', cardsPerServer: 8, price: { amount: 150_000, currency: 'CNY' as Currency }, powerW: 2000 };

export type PriceOrigin =
  | { kind: 'scenario' }
  | { kind: 'quote'; quote: SnapshotQuote; ageDays: number; choice: PriceFound }
  | { kind: 'default' }
  | { kind: 'none' };

export interface ResolvedLine {
  index: number;
  name: string;
  slug?: string;
  origin: 'catalog' | 'inline';
  spec: AcceleratorSpec;
  count: number;
  role: ServingRole;
  cardPrice: number;
  cardPriceOrigin: PriceOrigin;
  /** Whether a price was converted from another currency (for the FX sensitivity). */
  cardPriceForeign: boolean;
  rentalPricePerCardHour?: number;
  rentalOrigin: PriceOrigin;
  server: { name: string; cardsPerServer: number; price: number; powerW: number; origin: 'scenario' | 'catalog' | 'default'; foreign: boolean };
  servers: number;
  networkPerCard: number;
  networkForeign: boolean;
  quoteAgeDays?: number;
}

export interface ResolvedBuild {
  name: string;
  lines: ResolvedLine[];
}

export interface ResolvedSite {
  name: string;
  origin: 'catalog' | 'inline';
  powerPricePerKWh: number;
  pue: number;
  jurisdiction: 'CN' | 'other';
  rackCostPerYear: number;
  infraCostPerKW: number;
  serversPerRack: number;
}

export interface ResolvedScenario {
  name: string;
  currency: Currency;
  asOf: string;
  fx: FxTable;
  site: ResolvedSite;
  finance: FinanceAssumptions;
  model: ModelSpec;
  /** The first workload's targets (the workload itself without a mix). */
  targets: WorkloadTargets;
  /** Every workload served, with its share of requests (one, share 1, without a mix). */
  workloads: ResolvedWorkload[];
  /** API prices per million tokens in the scenario's currency, for self-host vs API. */
  apiPrice?: ApiPrices;
  builds: ResolvedBuild[];
  riskWeights: RiskWeights;
  concentrationWeight: number;
  warnings: string[];
}

/** A line's pinned quote or supplier, if it pins one. */
function pinOf(l: { pinQuoteId?: number; pinSupplier?: string }): { quoteId?: number; supplier?: string } | undefined {
  if (l.pinQuoteId !== undefined) return { quoteId: l.pinQuoteId };
  if (l.pinSupplier) return { supplier: l.pinSupplier };
  return undefined;
}

/** Catalog part → the model's spec. */
/** The catalog fields the performance and risk models read. */
type SpecSource = Pick<
  Accelerator,
  'slug' | 'model' | 'vendor' | 'domestic' | 'softwareStack' | 'memoryGB' | 'memoryBandwidthTBps' | 'tflops' | 'tdpW' | 'idleW'
  | 'scaleUpGBps' | 'scaleOutGBps' | 'mbu' | 'mfu' | 'exportControl' | 'foundry' | 'hbmSupply' | 'softwareMaturity'
>;

export function specFromCatalog(a: SpecSource, scaleUpDomain: number, over: { mbu?: number; mfu?: number; leadTimeWeeks?: number } = {}): AcceleratorSpec {
  return {
    key: a.slug,
    name: a.model,
    vendor: a.vendor,
    domestic: a.domestic,
    softwareStack: a.softwareStack,
    memoryGB: a.memoryGB,
    memoryBandwidthTBps: a.memoryBandwidthTBps,
    tflops: { ...a.tflops },
    tdpW: a.tdpW,
    idleW: a.idleW,
    scaleUpGBps: a.scaleUpGBps,
    scaleOutGBps: a.scaleOutGBps,
    scaleUpDomain,
    mbu: over.mbu ?? a.mbu,
    mfu: over.mfu ?? a.mfu,
    exportControl: { ...a.exportControl },
    foundry: a.foundry,
    hbmSupply: a.hbmSupply,
    softwareMaturity: a.softwareMaturity,
    leadTimeWeeks: over.leadTimeWeeks,
  };
}

/**
 * Inline scenario part → the same spec, through the catalog part it would become on import
 * (inline-part.ts fills the defaults), so the Builds page sees the figures evaluated here.
 */
export function specFromInline(a: InlineAccelerator, scaleUpDomain: number, asOf: string, over: { mbu?: number; mfu?: number; leadTimeWeeks?: number } = {}): AcceleratorSpec {
  const part = partFromDescription(a, { slug: `inline:${a.name}`, source: inlinePartSource('(inline)', asOf) });
  return specFromCatalog(part, scaleUpDomain, { ...over, leadTimeWeeks: over.leadTimeWeeks ?? a.leadTimeWeeks });
}

export interface ResolveOptions {
  /** Today's date (YYYY-MM-DD), used when the scenario has no `asOf`. */
  today: string;
}

export function resolveScenario(s: Scenario, lookup: CatalogLookup, opts: ResolveOptions): ResolvedScenario {
  const issues: ScenarioIssue[] = [];
  const warnings: string[] = [];
  const cur = s.currency;
  const asOf = s.asOf ?? opts.today;
  const fx: FxTable = { ...lookup.fx(), ...(s.fx ?? {}) };

  const conv = (m: MajorMoney, path: string): number => {
    try {
      return convertMajor(m.amount, m.currency, cur, fx);
    } catch (e) {
      if (e instanceof FxMissingError) issues.push({ path, message: e.message, i18n: e.i18n });
      else throw e;
      return 0;
    }
  };

  // site
  let site: ResolvedSite;
  if (typeof s.site === 'string') {
    const found = lookup.site(s.site);
    if (!found) {
      issues.push(issueAt('site', 'errors.scenario.noSite', { name: s.site }));
      site = { name: s.site, origin: 'catalog', powerPricePerKWh: 0, pue: 1, jurisdiction: 'CN', rackCostPerYear: 0, infraCostPerKW: 0, serversPerRack: 4 };
    } else {
      const c = (v: number) => conv({ amount: v, currency: found.currency }, 'site');
      site = {
        name: found.name,
        origin: 'catalog',
        powerPricePerKWh: c(found.powerPricePerKWh),
        pue: found.pue,
        jurisdiction: found.jurisdiction,
        rackCostPerYear: c(found.rackCostPerYear),
        infraCostPerKW: c(found.infraCostPerKW),
        serversPerRack: 4,
      };
    }
  } else {
    const sc = s.site.currency ?? cur;
    const c = (v: number, k: string) => conv({ amount: v, currency: sc }, `site.${k}`);
    site = {
      name: s.site.name,
      origin: 'inline',
      powerPricePerKWh: c(s.site.powerPricePerKWh, 'powerPricePerKWh'),
      pue: s.site.pue,
      jurisdiction: s.site.jurisdiction,
      rackCostPerYear: c(s.site.rackCostPerYear, 'rackCostPerYear'),
      infraCostPerKW: c(s.site.infraCostPerKW, 'infraCostPerKW'),
      serversPerRack: s.site.serversPerRack,
    };
  }

  // model
  let model: ModelSpec;
  if (typeof s.workload.model === 'string') {
    const m = lookup.model(s.workload.model);
    if (!m) {
      issues.push(issueAt('workload.model', 'errors.scenario.noModel', { name: s.workload.model }));
    }
    model = m ?? { name: s.workload.model, totalParamsB: 1, layers: 1, hiddenSize: 1, attention: { kind: 'gqa', heads: 1, kvHeads: 1, headDim: 1 }, weightPrecision: 'bf16' };
  } else {
    model = s.workload.model;
  }
  const w = s.workload;
  // prefix cache, turns, MTP, KV offload and the mix: shared/scenario/workloads.ts
  const workloads = resolveWorkloads(w, w.weightPrecision ?? model.weightPrecision);
  const targets: WorkloadTargets = workloads[0]!.targets;
  const ap = s.finance.apiPrice;
  const apiPrice: ApiPrices | undefined = ap
    ? {
        inputPerMillion: conv(ap.inputPerMillion, 'finance.apiPrice.inputPerMillion'),
        cachedInputPerMillion: ap.cachedInputPerMillion ? conv(ap.cachedInputPerMillion, 'finance.apiPrice.cachedInputPerMillion') : undefined,
        outputPerMillion: conv(ap.outputPerMillion, 'finance.apiPrice.outputPerMillion'),
      }
    : undefined;

  const finance: FinanceAssumptions = {
    years: s.finance.years,
    discountRate: s.finance.discountRate,
    utilization: s.finance.utilization,
    maintenanceRate: s.finance.maintenanceRate,
    residualValueRate: s.finance.residualValueRate,
    installationRate: s.finance.installationRate,
    softwarePerCardPerYear: s.finance.softwarePerCardPerYear ? conv(s.finance.softwarePerCardPerYear, 'finance.softwarePerCardPerYear') : 0,
  };

  const builds: ResolvedBuild[] = s.builds.map((b, bi) => ({
    name: b.name,
    lines: b.lines.map((l, li): ResolvedLine => {
      const path = `builds[${bi}].lines[${li}]`;
      // the part
      let acc: Accelerator | undefined;
      if (typeof l.accelerator === 'string') {
        const m = lookup.findAccelerator(l.accelerator);
        if (m.ok) acc = m.value;
        else issues.push({ path: `${path}.accelerator`, message: m.message, i18n: m.i18n });
      }
      // the host
      let server: ResolvedLine['server'];
      if (l.server && typeof l.server === 'object') {
        server = { name: l.server.name, cardsPerServer: l.server.cardsPerServer, price: conv(l.server.price, `${path}.server.price`), powerW: l.server.powerW, origin: 'scenario', foreign: l.server.price.currency !== cur };
      } else {
        const found = typeof l.server === 'string' ? lookup.findServer(l.server) : acc ? lookup.defaultServer(acc.slug) : undefined;
        if (typeof l.server === 'string' && !found) issues.push(issueAt(`${path}.server`, 'errors.scenario.noServer', { name: l.server }));
        if (found) {
          server = { name: found.name, cardsPerServer: found.cardsPerServer, price: conv({ amount: found.hostPrice, currency: found.currency }, `${path}.server`), powerW: found.hostPowerW, origin: 'catalog', foreign: found.currency !== cur };
        } else {
          server = { ...DEFAULT_HOST, price: conv(DEFAULT_HOST.price, `${path}.server`), origin: 'default', foreign: cur !== 'CNY' };
          if (typeof l.server !== 'string') warnings.push(`${path}: no host server given or found in the catalog; assumed ${DEFAULT_HOST.cardsPerServer} cards, ¥${DEFAULT_HOST.price.amount.toLocaleString('en')}, ${DEFAULT_HOST.powerW} W`);
        }
      }
      const over = { mbu: l.mbu, mfu: l.mfu, leadTimeWeeks: l.leadTimeWeeks };
      // prices
      let cardPrice = 0;
      let cardPriceOrigin: PriceOrigin = { kind: 'none' };
      let cardPriceForeign = false;
      let quoteAgeDays: number | undefined;
      let leadTime = l.leadTimeWeeks;
      if (l.unitPrice) {
        cardPrice = conv(l.unitPrice, `${path}.unitPrice`);
        cardPriceOrigin = { kind: 'scenario' };
        cardPriceForeign = l.unitPrice.currency !== cur;
      } else if (acc) {
        const q = lookup.bestCardPrice(acc.slug, asOf, cur, fx, pinOf(l));
        if (q) {
          cardPrice = q.price;
          cardPriceOrigin = { kind: 'quote', quote: q.quote, ageDays: q.ageDays, choice: q };
          if (q.pin === 'unavailable') warnings.push(`${path}: the pinned ${l.pinQuoteId !== undefined ? `quote #${l.pinQuoteId}` : `supplier "${l.pinSupplier}"`} has no usable quote for ${acc.model}; the price policy's choice is used`);
          cardPriceForeign = q.quote.currency !== cur;
          quoteAgeDays = q.ageDays;
          leadTime ??= q.quote.leadTimeWeeks;
        } else {
          issues.push(issueAt(`${path}.unitPrice`, 'errors.scenario.noPurchaseQuote', { model: acc.model, date: asOf, currency: cur }));
        }
      } else if (typeof l.accelerator !== 'string') {
        issues.push(issueAt(`${path}.unitPrice`, 'errors.scenario.inlineNeedsPrice', { currency: cur }));
      }
      let rental: number | undefined;
      let rentalOrigin: PriceOrigin = { kind: 'none' };
      if (l.rentalPricePerCardHour) {
        rental = conv(l.rentalPricePerCardHour, `${path}.rentalPricePerCardHour`);
        rentalOrigin = { kind: 'scenario' };
      } else if (acc) {
        const q = lookup.rentalPrice(acc.slug, asOf, cur, fx);
        if (q) {
          rental = q.price;
          rentalOrigin = { kind: 'quote', quote: q.quote, ageDays: q.ageDays, choice: q };
        }
      }
      const domain = Math.max(1, server.cardsPerServer);
      const spec = acc
        ? specFromCatalog(acc, domain, { ...over, leadTimeWeeks: leadTime })
        : typeof l.accelerator === 'object'
          ? specFromInline(l.accelerator, domain, asOf, over)
          : specFromInline(
              { name: String(l.accelerator), vendor: '?', memoryGB: 1, memoryBandwidthTBps: 1, tflops: { bf16: 1 }, tdpW: 1, scaleUpGBps: 0, scaleOutGBps: 50, softwareStack: '', domestic: false, exportControl: { CN: 'free', other: 'free' }, foundry: '', hbmSupply: '', softwareMaturity: 0.5 },
              domain,
              asOf,
            );
      // the serving engine: a named profile, a user's inline profile, else the stack's default
      if (typeof l.engine === 'string') {
        const e = findEngine(l.engine);
        if (e) spec.engine = e;
        else issues.push(issueAt(`${path}.engine`, 'errors.scenario.noEngine', { name: l.engine, engines: ENGINE_IDS.join(', ') }));
      } else if (l.engine) {
        spec.engine = customEngine(l.engine);
      }
      spec.engine ??= defaultEngine(stackKey(spec.softwareStack));
      return {
        index: li,
        name: spec.name,
        slug: acc?.slug,
        origin: acc ? 'catalog' : 'inline',
        spec,
        count: l.count,
        role: l.role,
        cardPrice,
        cardPriceOrigin,
        cardPriceForeign,
        rentalPricePerCardHour: rental,
        rentalOrigin,
        server,
        servers: Math.ceil(l.count / Math.max(1, server.cardsPerServer)),
        networkPerCard: l.networkPerCard ? conv(l.networkPerCard, `${path}.networkPerCard`) : 0,
        networkForeign: l.networkPerCard ? l.networkPerCard.currency !== cur : false,
        quoteAgeDays,
      };
    }),
  }));

  if (issues.length) throw new ScenarioError(issues);
  return {
    name: s.name,
    currency: cur,
    asOf,
    fx,
    site,
    finance,
    model,
    targets,
    workloads,
    apiPrice,
    builds,
    riskWeights: { ...s.risk.weights },
    concentrationWeight: s.risk.concentrationWeight,
    warnings,
  };
}
