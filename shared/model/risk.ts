/**
 * Supply risk, 0 (none) … 100 (cannot rely on delivery), per part and per build.
 * Each factor has a value in [0, 1] and an editable weight; a part's score is
 * 100 · Σ wᵢvᵢ / Σ wᵢ and each factor's contribution is its share of that sum.
 * A build's score is (1 − c) · capex-weighted mean of its parts + c · 100 · HHI, where HHI is
 * the Herfindahl index of vendor capex shares. See docs/model.md, "Supply risk".
 */
import type { ExportStatus } from '../domain/accelerator';

export const RISK_FACTORS = ['exportControl', 'foundry', 'hbm', 'leadTime', 'softwareMaturity', 'quoteAge'] as const;
export type RiskFactorName = (typeof RISK_FACTORS)[number];
export type RiskWeights = Record<RiskFactorName, number>;

export const RISK_WEIGHT_DEFAULTS: RiskWeights = {
  exportControl: 0.3,
  foundry: 0.15,
  hbm: 0.15,
  leadTime: 0.15,
  softwareMaturity: 0.15,
  quoteAge: 0.1,
};
/** Weight of the vendor-concentration term in a build's score. */
export const CONCENTRATION_WEIGHT_DEFAULT = 0.2;

export const EXPORT_STATUS_RISK: Record<ExportStatus, number> = {
  free: 0,
  licensed: 0.6,
  restricted: 0.85,
  prohibited: 1,
};

export interface RiskFactor {
  name: string;
  value: number;
  weight: number;
  /** Points of the 0–100 score this factor adds. */
  contribution: number;
  note: string;
}
export interface RiskResult {
  score: number;
  factors: RiskFactor[];
}

export interface PartRiskInputs {
  exportStatus: ExportStatus;
  foundry: string;
  hbmSupply: string;
  /** Chinese vendor (drives which foundry and HBM sources are exposed). */
  domestic: boolean;
  leadTimeWeeks?: number;
  softwareMaturity: number;
  /** Age of the price used, days; undefined when the price was typed into the scenario. */
  quoteAgeDays?: number;
}

/** Foundry exposure: a Chinese design at TSMC/Samsung is cut off (2024 rules); SMIC is capacity-bound. */
export function foundryRisk(foundry: string, domestic: boolean): { value: number; note: string } {
  const f = foundry.toLowerCase();
  if (!f) return { value: 0.5, note: 'foundry unknown' };
  if (/smic|中芯/.test(f)) return { value: 0.6, note: 'SMIC advanced nodes: constrained capacity and yield' };
  if (/tsmc|台积电|samsung/.test(f)) {
    return domestic
      ? { value: 0.9, note: 'Chinese design at a foundry barred from making it (stockpile only)' }
      : { value: 0.2, note: 'leading-edge foundry, single source' };
  }
  return { value: 0.4, note: `foundry ${foundry}` };
}

/** HBM exposure: none for GDDR/LPDDR parts; Korean/US HBM for Chinese parts is export-controlled since Dec 2024. */
export function hbmRisk(hbmSupply: string, domestic: boolean): { value: number; note: string } {
  const h = hbmSupply.toLowerCase();
  if (!h) return { value: 0.5, note: 'HBM source unknown' };
  if (/^none$|gddr|lpddr|ddr/.test(h)) return { value: 0.1, note: 'no HBM (GDDR/LPDDR)' };
  if (/stockpile|库存/.test(h)) return { value: 0.9, note: 'HBM from stockpile' };
  if (/cxmt|长鑫|domestic|国产/.test(h)) return { value: 0.6, note: 'domestic HBM, early volume' };
  if (/hynix|samsung|micron/.test(h)) {
    return domestic
      ? { value: 0.8, note: 'foreign HBM for a Chinese part: export-controlled since Dec 2024' }
      : { value: 0.25, note: 'HBM from three suppliers, tight allocation' };
  }
  return { value: 0.5, note: `HBM: ${hbmSupply}` };
}

function scored(entries: { name: string; value: number; weight: number; note: string }[]): RiskResult {
  const wsum = entries.reduce((s, e) => s + Math.max(0, e.weight), 0);
  const factors = entries.map((e) => {
    const v = Math.min(1, Math.max(0, e.value));
    const w = Math.max(0, e.weight);
    return { name: e.name, value: v, weight: w, contribution: wsum > 0 ? (100 * w * v) / wsum : 0, note: e.note };
  });
  return { score: factors.reduce((s, f) => s + f.contribution, 0), factors };
}

export function partRisk(p: PartRiskInputs, weights: RiskWeights = RISK_WEIGHT_DEFAULTS): RiskResult {
  const foundry = foundryRisk(p.foundry, p.domestic);
  const hbm = hbmRisk(p.hbmSupply, p.domestic);
  const lead =
    p.leadTimeWeeks === undefined
      ? { value: 0.5, note: 'lead time unknown' }
      : { value: Math.min(1, p.leadTimeWeeks / 52), note: `${p.leadTimeWeeks} weeks (52 weeks = 1)` };
  const age =
    p.quoteAgeDays === undefined
      ? { value: 0, note: 'price entered in the scenario' }
      : { value: Math.min(1, Math.max(0, p.quoteAgeDays) / 365), note: `quote ${Math.round(p.quoteAgeDays)} days old (365 days = 1)` };
  return scored([
    { name: 'exportControl', value: EXPORT_STATUS_RISK[p.exportStatus], weight: weights.exportControl, note: `status for the buyer: ${p.exportStatus}` },
    { name: 'foundry', value: foundry.value, weight: weights.foundry, note: foundry.note },
    { name: 'hbm', value: hbm.value, weight: weights.hbm, note: hbm.note },
    { name: 'leadTime', value: lead.value, weight: weights.leadTime, note: lead.note },
    {
      name: 'softwareMaturity',
      value: 1 - Math.min(1, Math.max(0, p.softwareMaturity)),
      weight: weights.softwareMaturity,
      note: `maturity ${p.softwareMaturity}`,
    },
    { name: 'quoteAge', value: age.value, weight: weights.quoteAge, note: age.note },
  ]);
}

/** Herfindahl–Hirschman index of shares (normalised to sum 1): Σ sᵢ². 1 = one vendor. */
export function herfindahl(shares: readonly number[]): number {
  const total = shares.reduce((s, x) => s + Math.max(0, x), 0);
  if (total <= 0) return 0;
  return shares.reduce((s, x) => s + (Math.max(0, x) / total) ** 2, 0);
}

export interface BuildRiskPart {
  vendor: string;
  capex: number;
  risk: RiskResult;
}

/**
 * Build score = (1 − c) · Σ (capexᵢ / Σcapex) · scoreᵢ + c · 100 · HHI(vendor capex shares).
 * Factor contributions are the capex-weighted part contributions scaled by (1 − c), plus the
 * concentration factor, so they still add up to the score.
 */
export function buildRisk(parts: readonly BuildRiskPart[], concentrationWeight = CONCENTRATION_WEIGHT_DEFAULT): RiskResult {
  const c = Math.min(1, Math.max(0, concentrationWeight));
  const total = parts.reduce((s, p) => s + Math.max(0, p.capex), 0);
  const share = (p: BuildRiskPart) => (total > 0 ? Math.max(0, p.capex) / total : 1 / Math.max(1, parts.length));
  const byVendor = new Map<string, number>();
  for (const p of parts) byVendor.set(p.vendor, (byVendor.get(p.vendor) ?? 0) + share(p));
  const hhi = herfindahl([...byVendor.values()]);
  const factors: RiskFactor[] = [];
  for (const name of RISK_FACTORS) {
    let value = 0;
    let contribution = 0;
    let weight = 0;
    for (const p of parts) {
      const f = p.risk.factors.find((x) => x.name === name);
      if (!f) continue;
      value += share(p) * f.value;
      weight += share(p) * f.weight;
      contribution += share(p) * f.contribution;
    }
    factors.push({ name, value, weight: weight * (1 - c), contribution: contribution * (1 - c), note: 'capex-weighted over the parts' });
  }
  factors.push({
    name: 'vendorConcentration',
    value: hhi,
    weight: c,
    contribution: 100 * c * hhi,
    note: `Herfindahl index over ${byVendor.size} vendor(s)`,
  });
  return { score: factors.reduce((s, f) => s + f.contribution, 0), factors };
}
