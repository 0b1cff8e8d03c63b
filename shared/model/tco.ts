/**
 * Total cost of ownership of a build in one currency (major units).
 *   capex     = cards·price + servers·host price + cards·network + IT kW·infra per kW, × (1 + installation)
 *   opex/yr   = energy·price per kWh + maintenance·hardware capex + racks·rack cost + cards·software
 *   TCO (PV)  = capex + opex·AF(r, N) − residual·hardware capex / (1 + r)^N
 *   annual    = TCO · CRF(r, N)
 * AF is the annuity (present value) factor, CRF the capital recovery factor = 1 / AF.
 * See docs/model.md, "TCO".
 */
import { HOURS_PER_YEAR } from './power';

export interface FinanceAssumptions {
  years: number;
  discountRate: number;
  /** Share of hours the build runs at full throughput (0–1). */
  utilization: number;
  /** Maintenance per year as a share of hardware capex. */
  maintenanceRate: number;
  /** Resale value at the horizon as a share of hardware capex. */
  residualValueRate: number;
  /** Installation and integration as a share of hardware capex. */
  installationRate: number;
  /** Software licences and support per card per year. */
  softwarePerCardPerYear: number;
}

export const FINANCE_DEFAULTS: FinanceAssumptions = {
  years: 5,
  discountRate: 0.06,
  utilization: 0.6,
  maintenanceRate: 0.05,
  residualValueRate: 0,
  installationRate: 0,
  softwarePerCardPerYear: 0,
};

/** Present value of 1 per year for N years at rate r: (1 − (1 + r)^−N) / r; N when r = 0. */
export function annuityFactor(r: number, years: number): number {
  if (Math.abs(r) < 1e-12) return years;
  return (1 - Math.pow(1 + r, -years)) / r;
}

/** Capital recovery factor: r(1 + r)^N / ((1 + r)^N − 1); 1/N when r = 0. */
export function capitalRecoveryFactor(r: number, years: number): number {
  return 1 / annuityFactor(r, years);
}

export interface CapexLine {
  cards: number;
  cardPrice: number;
  servers: number;
  serverPrice: number;
  networkPerCard: number;
}

export interface TcoInputs {
  lines: readonly CapexLine[];
  itPowerKW: number;
  energyKWhPerYear: number;
  powerPricePerKWh: number;
  infraCostPerKW: number;
  racks: number;
  rackCostPerYear: number;
  finance: FinanceAssumptions;
}

export interface TcoResult {
  hardwareCapex: number;
  infraCapex: number;
  installation: number;
  capex: number;
  energyCostPerYear: number;
  maintenancePerYear: number;
  rackCostPerYear: number;
  softwarePerYear: number;
  opexPerYear: number;
  residualValue: number;
  /** Present value over the horizon. */
  tco: number;
  annualizedCost: number;
  /** Annualised cost per card per calendar hour. */
  costPerCardHour: number;
  annuityFactor: number;
  capitalRecoveryFactor: number;
}

export function computeTco(i: TcoInputs): TcoResult {
  const f = i.finance;
  let hardware = 0;
  let cards = 0;
  for (const l of i.lines) {
    hardware += l.cards * l.cardPrice + l.servers * l.serverPrice + l.cards * l.networkPerCard;
    cards += l.cards;
  }
  const infra = i.itPowerKW * i.infraCostPerKW;
  const installation = hardware * f.installationRate;
  const capex = hardware + infra + installation;
  const energy = i.energyKWhPerYear * i.powerPricePerKWh;
  const maintenance = hardware * f.maintenanceRate;
  const racks = i.racks * i.rackCostPerYear;
  const software = cards * f.softwarePerCardPerYear;
  const opex = energy + maintenance + racks + software;
  const af = annuityFactor(f.discountRate, f.years);
  const residual = hardware * f.residualValueRate;
  const tco = capex + opex * af - residual / Math.pow(1 + f.discountRate, f.years);
  const crf = 1 / af;
  const annual = tco * crf;
  return {
    hardwareCapex: hardware,
    infraCapex: infra,
    installation,
    capex,
    energyCostPerYear: energy,
    maintenancePerYear: maintenance,
    rackCostPerYear: racks,
    softwarePerYear: software,
    opexPerYear: opex,
    residualValue: residual,
    tco,
    annualizedCost: annual,
    costPerCardHour: cards > 0 ? annual / (cards * HOURS_PER_YEAR) : 0,
    annuityFactor: af,
    capitalRecoveryFactor: crf,
  };
}

/**
 * Cost per million output tokens: annualised cost over the tokens served in a year at the
 * utilisation: annual / (tokens/s · u · 3600 · 8760) · 10⁶. Infinity when nothing is served.
 */
export function costPerMillionTokens(annualizedCost: number, tokensPerSecond: number, utilization: number): number {
  const tokensPerYear = tokensPerSecond * Math.max(0, utilization) * 3600 * HOURS_PER_YEAR;
  return tokensPerYear > 0 ? (annualizedCost / tokensPerYear) * 1e6 : Number.POSITIVE_INFINITY;
}

export interface BuyVsRent {
  rentalPricePerCardHour: number;
  /** Renting the same cards for the hours used: price · cards · 8760 · u. */
  rentAnnualCost: number;
  buyAnnualCost: number;
  /** Utilisation at which owning costs the same as renting; null if owning never wins. */
  breakEvenUtilization: number | null;
  cheaper: 'buy' | 'rent';
}

/**
 * Buy versus rent. Owning costs A(u) = A₀ + v·u a year, where v is the energy that scales
 * with utilisation (cards·(TDP − idle)·PUE·8760/1000·price); renting costs p·cards·8760·u.
 * Break-even: u* = A₀ / (p·cards·8760 − v).
 */
export function buyVsRent(args: {
  annualizedCost: number;
  utilization: number;
  cards: number;
  rentalPricePerCardHour: number;
  /** Annual cost that scales with utilisation (per unit of u). */
  variableCostPerUtilization: number;
}): BuyVsRent {
  const { annualizedCost: a, utilization: u, cards, rentalPricePerCardHour: p, variableCostPerUtilization: v } = args;
  const fixed = a - v * u;
  const rentPerU = p * cards * HOURS_PER_YEAR;
  const rent = rentPerU * u;
  const denom = rentPerU - v;
  const be = denom > 0 ? fixed / denom : null;
  return {
    rentalPricePerCardHour: p,
    rentAnnualCost: rent,
    buyAnnualCost: a,
    breakEvenUtilization: be !== null && be <= 1 ? be : null,
    cheaper: a <= rent ? 'buy' : 'rent',
  };
}
