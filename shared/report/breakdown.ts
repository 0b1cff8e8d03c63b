/**
 * TCO broken into the parts a buyer recognises, in present value, summing exactly to the TCO:
 * accelerators, servers, network, infrastructure (incl. installation), energy, maintenance,
 * rack space, software, less the discounted residual value.
 */
import type { BuildResult } from '../scenario/evaluate';

export const TCO_PARTS = ['accelerators', 'servers', 'network', 'infrastructure', 'energy', 'maintenance', 'rack', 'software', 'residual'] as const;
export type TcoPart = (typeof TCO_PARTS)[number];

export function tcoBreakdown(b: BuildResult, discountRate: number, years: number): Record<TcoPart, number> {
  const c = b.costBreakdown;
  const accelerators = b.lines.reduce((s, l) => s + l.count * l.cardPrice, 0);
  const servers = b.lines.reduce((s, l) => s + l.server.count * l.server.price, 0);
  const af = c.annuityFactor;
  return {
    accelerators,
    servers,
    network: c.hardwareCapex - accelerators - servers,
    infrastructure: c.infraCapex + c.installation,
    energy: c.energyCostPerYear * af,
    maintenance: c.maintenancePerYear * af,
    rack: c.rackCostPerYear * af,
    software: c.softwarePerYear * af,
    residual: -c.residualValue / Math.pow(1 + discountRate, years),
  };
}

/** Cumulative discounted cost at the end of each year 0…N (year 0 = capex). */
export function cumulativeCost(b: BuildResult, discountRate: number, years: number): number[] {
  const out = [b.capex];
  for (let y = 1; y <= years; y++) {
    let v = out[y - 1]! + b.opexPerYear / Math.pow(1 + discountRate, y);
    if (y === years) v -= b.costBreakdown.residualValue / Math.pow(1 + discountRate, years);
    out.push(v);
  }
  return out;
}
