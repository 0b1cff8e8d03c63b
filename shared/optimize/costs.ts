/**
 * Cost, power and capex of one card, one host server and one rack, as coefficients of the
 * optimizer's linear model. They are read off the TCO and power models themselves
 * (`computeTco`, `buildPower` are linear in cards, servers and racks, with no constant), so the
 * optimizer's TCO of a build is the TCO `procure evaluate` reports for it, by construction.
 */
import { buildPower } from '../model/power';
import { computeTco, type FinanceAssumptions } from '../model/tco';
import type { ResolvedLine, ResolvedSite } from '../scenario/resolve';

export interface UnitCost {
  /** Present value over the horizon (the TCO). */
  tco: number;
  capex: number;
  /** Cards + hosts + network: the capex that weights supply risk and the shares. */
  hardware: number;
  /** Peak facility power (IT × PUE), kW. */
  facilityKW: number;
}

export interface PartCosts {
  perCard: UnitCost;
  perServer: UnitCost;
}

const ZERO: UnitCost = { tco: 0, capex: 0, hardware: 0, facilityKW: 0 };

function unit(
  site: ResolvedSite,
  finance: FinanceAssumptions,
  l: Pick<ResolvedLine, 'cardPrice' | 'networkPerCard' | 'server' | 'spec'> | undefined,
  cards: number,
  servers: number,
  racks: number,
): UnitCost {
  const power = buildPower(l ? [{ cards, tdpW: l.spec.tdpW, idleW: l.spec.idleW, servers, hostPowerW: l.server.powerW }] : [], finance.utilization, site.pue);
  const tco = computeTco({
    lines: l ? [{ cards, cardPrice: l.cardPrice, servers, serverPrice: l.server.price, networkPerCard: l.networkPerCard }] : [],
    itPowerKW: power.itPowerKW,
    energyKWhPerYear: power.energyKWhPerYear,
    powerPricePerKWh: site.powerPricePerKWh,
    infraCostPerKW: site.infraCostPerKW,
    racks,
    rackCostPerYear: site.rackCostPerYear,
    finance,
  });
  return { tco: tco.tco, capex: tco.capex, hardware: tco.hardwareCapex, facilityKW: power.facilityPowerKW };
}

export function partCosts(site: ResolvedSite, finance: FinanceAssumptions, l: ResolvedLine): PartCosts {
  return { perCard: unit(site, finance, l, 1, 0, 0), perServer: unit(site, finance, l, 0, 1, 0) };
}

/** TCO of one rack of space over the horizon (racks are rented: opex only). */
export function rackTco(site: ResolvedSite, finance: FinanceAssumptions): number {
  return site.rackCostPerYear > 0 ? unit(site, finance, undefined, 0, 0, 1).tco : ZERO.tco;
}
