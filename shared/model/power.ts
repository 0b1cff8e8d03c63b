/**
 * Power and energy of a build. Card power scales linearly between idle and TDP with
 * utilisation; host power is constant; the facility draws IT power × PUE.
 * See docs/model.md, "Power".
 */

export const HOURS_PER_YEAR = 8760;

export interface PowerLine {
  cards: number;
  tdpW: number;
  idleW: number;
  servers: number;
  hostPowerW: number;
}

export interface PowerResult {
  /** Peak IT power: every card at TDP plus hosts, kW. */
  itPowerKW: number;
  /** Mean IT power at the utilisation, kW. */
  itPowerAvgKW: number;
  /** Peak facility power (IT × PUE), kW: what the site must provision. */
  facilityPowerKW: number;
  /** Facility energy per year at the utilisation, kWh. */
  energyKWhPerYear: number;
}

/** P_card(u) = idle + (TDP − idle) · u, u clamped to [0, 1]. */
export function cardPowerW(tdpW: number, idleW: number, utilization: number): number {
  const u = Math.min(1, Math.max(0, utilization));
  return idleW + (tdpW - idleW) * u;
}

export function buildPower(lines: readonly PowerLine[], utilization: number, pue: number): PowerResult {
  let peakW = 0;
  let avgW = 0;
  for (const l of lines) {
    const host = l.servers * l.hostPowerW;
    peakW += l.cards * l.tdpW + host;
    avgW += l.cards * cardPowerW(l.tdpW, l.idleW, utilization) + host;
  }
  return {
    itPowerKW: peakW / 1000,
    itPowerAvgKW: avgW / 1000,
    facilityPowerKW: (peakW * pue) / 1000,
    energyKWhPerYear: ((avgW * pue) / 1000) * HOURS_PER_YEAR,
  };
}

/** Servers needed for `cards` cards at `cardsPerServer` each. */
export function serversFor(cards: number, cardsPerServer: number): number {
  return Math.ceil(cards / Math.max(1, cardsPerServer));
}
