/**
 * The KPIs shown for a build — in the Builds panel, the Compare table, the PDF and the XLSX —
 * declared once: how to read each from a BuildResult, its unit and which direction is better.
 */
import type { BuildResult } from '../scenario/evaluate';
import type { Currency } from '../money';
import { formatMoney, formatNumber, formatPercent, formatQuantity, type MoneyFormat } from '../format';

export type KpiUnit = 'money' | 'moneyPerMTok' | 'moneyPerHour' | 'kW' | 'kWh' | 'tokPerSec' | 'tokPerSecPerW' | 'score' | 'count' | 'percent' | 'text';

export interface KpiDef {
  key: string;
  unit: KpiUnit;
  better: 'lower' | 'higher' | 'none';
  value(b: BuildResult): number | string | null;
}

export const KPIS: readonly KpiDef[] = [
  { key: 'capex', unit: 'money', better: 'lower', value: (b) => b.capex },
  { key: 'tco', unit: 'money', better: 'lower', value: (b) => b.tco },
  { key: 'annualizedCost', unit: 'money', better: 'lower', value: (b) => b.annualizedCost },
  { key: 'opexPerYear', unit: 'money', better: 'lower', value: (b) => b.opexPerYear },
  { key: 'itPowerKW', unit: 'kW', better: 'lower', value: (b) => b.itPowerKW },
  { key: 'facilityPowerKW', unit: 'kW', better: 'lower', value: (b) => b.facilityPowerKW },
  { key: 'energyKWhPerYear', unit: 'kWh', better: 'lower', value: (b) => b.energyKWhPerYear },
  { key: 'outputTokensPerSecond', unit: 'tokPerSec', better: 'higher', value: (b) => b.outputTokensPerSecond },
  { key: 'costPerMillionOutputTokens', unit: 'moneyPerMTok', better: 'lower', value: (b) => b.costPerMillionOutputTokens },
  // agent-era workloads: all input tokens, the prefilled ones, and the cost split by token type
  { key: 'inputTokensPerSecond', unit: 'tokPerSec', better: 'higher', value: (b) => b.inputTokensPerSecond },
  { key: 'computedInputTokensPerSecond', unit: 'tokPerSec', better: 'none', value: (b) => b.computedInputTokensPerSecond },
  { key: 'costPerMillionInputTokens', unit: 'moneyPerMTok', better: 'lower', value: (b) => b.costPerMillionInputTokens },
  { key: 'costPerMillionCachedInputTokens', unit: 'moneyPerMTok', better: 'lower', value: (b) => b.costPerMillionCachedInputTokens },
  { key: 'splitCostPerMillionOutputTokens', unit: 'moneyPerMTok', better: 'lower', value: (b) => b.tokenCosts.perMillionOutputTokens },
  { key: 'apiBreakEvenUtilization', unit: 'percent', better: 'lower', value: (b) => b.selfHostVsApi?.breakEvenUtilization ?? null },
  { key: 'tokensPerSecondPerWatt', unit: 'tokPerSecPerW', better: 'higher', value: (b) => b.tokensPerSecondPerWatt },
  { key: 'costPerCardHour', unit: 'moneyPerHour', better: 'lower', value: (b) => b.costPerCardHour },
  { key: 'risk', unit: 'score', better: 'lower', value: (b) => b.risk.score },
  { key: 'cards', unit: 'count', better: 'none', value: (b) => b.cards },
  { key: 'bound', unit: 'text', better: 'none', value: (b) => b.bound },
];

const fmt = formatNumber;

/** Display text of a KPI value, with its unit (shared/format); `wan`: CNY money from 100 万 up in 万元 (shared/format wanFor decides it from the setting). */
export function formatKpi(unit: KpiUnit, v: number | string | null, currency: Currency, locale = 'en', opts: Pick<MoneyFormat, 'wan' | 'wanFrom'> = {}): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  const zh = locale.startsWith('zh');
  switch (unit) {
    case 'money':
      return formatMoney(v, currency, locale, opts.wan ? { wan: true, wanFrom: opts.wanFrom } : { digits: Math.abs(v) >= 1000 ? 0 : undefined });
    case 'moneyPerMTok':
      return `${formatMoney(v, currency, locale, { digits: 2 })} ${zh ? '/百万 token' : '/M tok'}`;
    case 'moneyPerHour':
      return `${formatMoney(v, currency, locale, { digits: 2 })} ${zh ? '/卡·时' : '/card·h'}`;
    case 'kW':
      return `${formatQuantity('kW', v, locale)} kW`;
    case 'kWh':
      return `${formatQuantity('kWh', v, locale)} kWh`;
    case 'tokPerSec':
      return `${formatQuantity('tokPerSec', v, locale)} tok/s`;
    case 'tokPerSecPerW':
      return `${formatQuantity('tokPerSecPerW', v, locale)} tok/s/W`;
    case 'score':
      return `${fmt(v, 0, locale)} / 100`;
    case 'count':
      return fmt(v, 0, locale);
    case 'percent':
      return formatPercent(v, locale, 1);
    default:
      return String(v);
  }
}

/** Index of the best value in a row (ties: the first), or -1 when none is better. */
export function bestIndex(def: KpiDef, values: (number | string | null)[]): number {
  if (def.better === 'none') return -1;
  let best = -1;
  values.forEach((v, i) => {
    if (typeof v !== 'number') return;
    const b = best >= 0 ? (values[best] as number) : undefined;
    if (b === undefined || (def.better === 'lower' ? v < b : v > b)) best = i;
  });
  return best;
}

/** Relative difference against a baseline, e.g. +0.125 = 12.5 % more. */
export function deltaVs(value: number | string | null, baseline: number | string | null): number | null {
  if (typeof value !== 'number' || typeof baseline !== 'number' || baseline === 0) return null;
  return (value - baseline) / Math.abs(baseline);
}
