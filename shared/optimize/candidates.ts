/**
 * Candidate parts: which accelerators the optimizer may buy and everything it needs to know
 * about each — price, host, costs per card and per server, supply risk, order limits.
 * Each part is resolved exactly as a scenario line would be (`resolveScenario`), so prices,
 * hosts, lead times and quote ages are the ones `procure evaluate` uses.
 */
import type { Accelerator } from '../domain/accelerator';
import { partRisk, type RiskResult } from '../model/risk';
import type { CatalogLookup } from '../scenario/catalog-lookup';
import { resolveScenario, type ResolvedLine, type ResolvedScenario } from '../scenario/resolve';
import { ScenarioError, type Scenario, type ScenarioIssue, type ScenarioLine } from '../scenario/schema';
import { partCosts, type PartCosts } from './costs';
import type { Demand, OptimizeProblem } from './schema';

/** The scenario line that reproduces the part (for the recommended build's scenario). */
export type PartLine = Omit<ScenarioLine, 'count' | 'role'>;

export interface CandidatePart {
  /** Catalog slug, or "inline:<name>". */
  key: string;
  slug?: string;
  name: string;
  vendor: string;
  domestic: boolean;
  line: PartLine;
  resolved: ResolvedLine;
  costs: PartCosts;
  cardsPerServer: number;
  /** Part supply-risk score 0–100 for the buyer's jurisdiction, and its factors. */
  risk: number;
  riskResult: RiskResult;
  moq: number;
  available?: number;
}

export interface ExcludedPart {
  accelerator: string;
  /** Why, for the UI's own words; `reason` says it in English (CLI, JSON). */
  code: 'user' | 'prohibited' | 'unresolved';
  reason: string;
}

export interface CandidateSet {
  parts: CandidatePart[];
  excluded: ExcludedPart[];
  /** One resolved scenario per workload (site, finance, model and targets). */
  contexts: ResolvedScenario[];
  asOf: string;
}

type WorkloadInput = Scenario['workload'];

/** The scenario workload part of a demand entry (the rate and roles are the optimizer's). */
export function workloadOf(d: Demand): WorkloadInput {
  const { name: _n, outputTokensPerSecond: _a, outputTokensPerDay: _b, requestsPerSecond: _c, roles: _r, ...w } = d;
  return w;
}

function scenarioFor(p: OptimizeProblem, d: Demand, lines: ScenarioLine[], asOf: string): Scenario {
  return {
    version: 1,
    name: p.name,
    description: '',
    currency: p.currency,
    asOf,
    fx: p.fx,
    site: p.site,
    finance: p.finance,
    workload: workloadOf(d),
    builds: [{ name: 'candidates', lines }],
    risk: p.risk,
  };
}

function explicitParts(p: OptimizeProblem, lookup: CatalogLookup, issues: ScenarioIssue[]): Map<string, PartLine & { available?: number; moq?: number }> {
  const out = new Map<string, PartLine & { available?: number; moq?: number }>();
  p.candidates.parts.forEach((part, i) => {
    if (typeof part.accelerator === 'string') {
      const m = lookup.findAccelerator(part.accelerator);
      if (!m.ok) issues.push({ path: `candidates.parts[${i}].accelerator`, message: m.message });
      else out.set(m.value.slug, { ...part, accelerator: m.value.slug });
    } else {
      out.set(`inline:${part.accelerator.name}`, part);
    }
  });
  return out;
}

function slugs(names: readonly string[], path: string, lookup: CatalogLookup, issues: ScenarioIssue[]): Set<string> {
  const out = new Set<string>();
  names.forEach((n, i) => {
    const m = lookup.findAccelerator(n);
    if (m.ok) out.add(m.value.slug);
    else issues.push({ path: `${path}[${i}]`, message: m.message });
  });
  return out;
}

/**
 * Resolve the candidate parts: the include list (default: every catalog part with a valid
 * purchase price, plus parts given inline), minus the exclude list and parts whose export is
 * prohibited for the buyer. Parts that cannot be resolved (no price, unknown host) are
 * reported as excluded with the reason; a bad name or workload is an error with its path.
 */
export function resolveCandidates(p: OptimizeProblem, lookup: CatalogLookup, accelerators: readonly Accelerator[], today: string): CandidateSet {
  const issues: ScenarioIssue[] = [];
  const asOf = p.asOf ?? today;
  const fx = { ...lookup.fx(), ...(p.fx ?? {}) };
  const listed = explicitParts(p, lookup, issues);
  const include = p.candidates.include ? slugs(p.candidates.include, 'candidates.include', lookup, issues) : undefined;
  const exclude = slugs(p.candidates.exclude, 'candidates.exclude', lookup, issues);

  // the workloads first: a bad model is the problem's error, not a part's
  const contexts: ResolvedScenario[] = [];
  p.demand.forEach((d, i) => {
    try {
      const s = scenarioFor(p, d, [{ accelerator: { name: 'probe', vendor: 'probe', memoryGB: 1, memoryBandwidthTBps: 1, tflops: { bf16: 1 }, tdpW: 1, scaleUpGBps: 0, scaleOutGBps: 50, softwareStack: '', domestic: false, exportControl: { CN: 'free', other: 'free' }, foundry: '', hbmSupply: '', softwareMaturity: 0.5 }, count: 1, role: 'both', unitPrice: { amount: 1, currency: p.currency } }], asOf);
      contexts.push(resolveScenario(s, lookup, { today }));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const x of e.issues) issues.push({ path: x.path.replace(/^workload/, `demand[${i}]`), message: x.message });
    }
  });
  if (issues.length) throw new ScenarioError(issues);
  const jurisdiction = contexts[0]!.site.jurisdiction;

  const keys: string[] = [];
  const excluded: ExcludedPart[] = [];
  if (include) for (const s of include) keys.push(s);
  else {
    for (const a of accelerators) {
      if (listed.has(a.slug)) continue;
      if (lookup.bestCardPrice(a.slug, asOf, p.currency, fx)) keys.push(a.slug);
    }
  }
  for (const k of listed.keys()) if (!keys.includes(k)) keys.push(k);

  const parts: CandidatePart[] = [];
  for (const key of keys) {
    const acc = accelerators.find((a) => a.slug === key);
    const label = acc?.model ?? key.replace(/^inline:/, '');
    if (exclude.has(key)) {
      excluded.push({ accelerator: label, code: 'user', reason: 'excluded by the user' });
      continue;
    }
    const explicit = listed.get(key);
    const line: PartLine = explicit ? { ...explicit } : { accelerator: key };
    delete (line as { available?: number }).available;
    delete (line as { moq?: number }).moq;
    let resolved: ResolvedLine;
    try {
      resolved = resolveScenario(scenarioFor(p, p.demand[0]!, [{ ...line, count: 1, role: 'both' }], asOf), lookup, { today }).builds[0]!.lines[0]!;
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      excluded.push({ accelerator: label, code: 'unresolved', reason: e.issues.map((x) => x.message).join('; ') });
      continue;
    }
    const status = resolved.spec.exportControl[jurisdiction];
    const asked = include?.has(key) || explicit !== undefined || p.candidates.includeProhibited;
    if (status === 'prohibited' && !asked) {
      excluded.push({ accelerator: label, code: 'prohibited', reason: `export prohibited for a buyer in ${jurisdiction === 'CN' ? 'China' : 'this jurisdiction'}` });
      continue;
    }
    const r = contexts[0]!;
    const riskResult = partRisk(
      {
        exportStatus: status,
        foundry: resolved.spec.foundry,
        hbmSupply: resolved.spec.hbmSupply,
        domestic: resolved.spec.domestic,
        leadTimeWeeks: resolved.spec.leadTimeWeeks,
        softwareMaturity: resolved.spec.softwareMaturity,
        quoteAgeDays: resolved.quoteAgeDays,
      },
      r.riskWeights,
    );
    const quoteMoq = resolved.cardPriceOrigin.kind === 'quote' ? resolved.cardPriceOrigin.quote.moq : undefined;
    parts.push({
      key,
      slug: resolved.slug,
      name: resolved.name,
      vendor: resolved.spec.vendor,
      domestic: resolved.spec.domestic,
      line,
      resolved,
      costs: partCosts(r.site, r.finance, resolved),
      cardsPerServer: Math.max(1, resolved.server.cardsPerServer),
      risk: riskResult.score,
      riskResult,
      moq: explicit?.moq ?? quoteMoq ?? 0,
      available: explicit?.available,
    });
  }
  return { parts, excluded, contexts, asOf };
}
