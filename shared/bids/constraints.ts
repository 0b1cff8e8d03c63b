/**
 * Hard constraints (资格性/符合性审查): a bid that misses one is shown with the reason and
 * is not scored. Each failure is a value (code, actual, limit) so the UI, the PDF and the
 * CLI can word it in their language; `describeFailure` does the wording.
 */
import { addDays } from '../calendar';
import { tr, type Lang } from '../i18n/translate';
import { formatKpi } from '../report/kpis';
import { rowMoneyFormat } from '../format';
import type { Currency } from '../money';
import type { BidConstraints } from './schema';

export const FAILURE_CODES = ['throughput', 'latency', 'budget', 'power', 'delivery', 'risk', 'domestic', 'expired'] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];
type FailureUnit = 'tokPerSec' | 'money' | 'kW' | 'date' | 'score' | 'share' | 'text';

export interface ConstraintFailure {
  code: FailureCode;
  unit: FailureUnit;
  actual: number | string;
  limit: number | string;
  /** English wording (for the CLI and logs). */
  message: string;
}

/** What the checks need to know about one evaluated bid, in the file's currency. */
export interface ConstraintFacts {
  outputTokensPerSecond: number;
  /** Lines whose serving groups cannot meet the TPOT/TTFT targets. */
  linesMissingTargets: string[];
  /** The bid's quoted total, ex and incl. VAT. */
  bidTotalExVat: number;
  bidTotalInclVat: number;
  facilityPowerKW: number;
  deliveryDate: string;
  riskScore: number;
  domesticShare: number;
  validUntil?: string;
  asOf: string;
}

export interface ConstraintLimits extends BidConstraints {
  /** Output tokens/s needed (from minOutputTokensPerSecond and tokensPerDay). */
  requiredTokensPerSecond?: number;
  /** The budget converted to the file's currency. */
  budgetInFileCurrency?: number;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function formatFailureValue(unit: FailureUnit, v: number | string, currency: Currency, lang: Lang, money: { wan?: boolean; wanFrom?: number } = {}): string {
  if (typeof v === 'string') return v;
  if (unit === 'share') return pct(v);
  if (unit === 'date' || unit === 'text') return String(v);
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en';
  return formatKpi(unit, v, currency, locale, unit === 'money' ? money : {});
}

/**
 * `wan`: CNY amounts in 万元 as the 万元 / 元 setting says (shared/format wanFor); the amount and
 * its limit then share one unit (rowMoneyFormat), so "271.20 万元" never stands beside "¥2,700,000".
 */
export function describeFailure(f: Pick<ConstraintFailure, 'code' | 'unit' | 'actual' | 'limit'>, lang: Lang, currency: Currency, wan = false): string {
  const money = rowMoneyFormat([f.actual, f.limit], wan);
  return tr(lang, `bids.failure.${f.code}`, {
    actual: formatFailureValue(f.unit, f.actual, currency, lang, money),
    limit: formatFailureValue(f.unit, f.limit, currency, lang, money),
  });
}

/** Every hard constraint the bid misses, in a fixed order (empty = the bid passes). */
export function checkConstraints(facts: ConstraintFacts, limits: ConstraintLimits, currency: Currency): ConstraintFailure[] {
  const out: Omit<ConstraintFailure, 'message'>[] = [];
  const need = limits.requiredTokensPerSecond;
  // a small tolerance: a bid sized exactly to the requirement must not fail on rounding
  if (need !== undefined && facts.outputTokensPerSecond < need * (1 - 1e-9)) {
    out.push({ code: 'throughput', unit: 'tokPerSec', actual: facts.outputTokensPerSecond, limit: need });
  }
  if (facts.linesMissingTargets.length > 0) {
    out.push({ code: 'latency', unit: 'text', actual: facts.linesMissingTargets.join(', '), limit: '' });
  }
  if (limits.budgetCap && limits.budgetInFileCurrency !== undefined) {
    const total = limits.budgetCap.vatIncluded ? facts.bidTotalInclVat : facts.bidTotalExVat;
    if (total > limits.budgetInFileCurrency + 0.005) out.push({ code: 'budget', unit: 'money', actual: total, limit: limits.budgetInFileCurrency });
  }
  if (limits.maxFacilityPowerKW !== undefined && facts.facilityPowerKW > limits.maxFacilityPowerKW + 1e-9) {
    out.push({ code: 'power', unit: 'kW', actual: facts.facilityPowerKW, limit: limits.maxFacilityPowerKW });
  }
  if (limits.deliveryDeadline !== undefined && facts.deliveryDate > limits.deliveryDeadline) {
    out.push({ code: 'delivery', unit: 'date', actual: facts.deliveryDate, limit: limits.deliveryDeadline });
  }
  if (limits.maxRiskScore !== undefined && facts.riskScore > limits.maxRiskScore + 1e-9) {
    out.push({ code: 'risk', unit: 'score', actual: facts.riskScore, limit: limits.maxRiskScore });
  }
  if (limits.minDomesticShare !== undefined && facts.domesticShare < limits.minDomesticShare - 1e-9) {
    out.push({ code: 'domestic', unit: 'share', actual: facts.domesticShare, limit: limits.minDomesticShare });
  }
  if (facts.validUntil !== undefined && facts.validUntil < facts.asOf) {
    out.push({ code: 'expired', unit: 'date', actual: facts.validUntil, limit: facts.asOf });
  }
  return out.map((f) => ({ ...f, message: describeFailure(f, 'en', currency) }));
}

/** `date` plus whole weeks, as YYYY-MM-DD (UTC, so no time zone shifts the day). */
export function addWeeks(date: string, weeks: number): string {
  return addDays(date, weeks * 7);
}
