/** Escaping and number formatting for the report template (numbers come computed from shared/). */
import { formatKpi, type KpiUnit } from '../../shared/report/kpis';
import type { Currency } from '../../shared/money';
import { formatNumber, formatPercent, formatQuantity, rowMoneyFormat, wanFor, type CnyUnit, type Quantity } from '../../shared/format';
import { tr, type Lang } from '../../shared/i18n/translate';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\0': '&#xfffd;' };
/**
 * Every text from a file (vendor names, notes) goes through here, in element text and in quoted
 * attributes alike: no markup survives, and control characters (U+0000–U+001F, U+007F) travel
 * as character references (NUL as U+FFFD, which is what a parser makes of it).
 */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'\u0000-\u001f\u007f]/g, (c) => ESC[c] ?? `&#x${c.charCodeAt(0).toString(16)};`);
}

export interface Fmt {
  lang: Lang;
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** `row`: the other values of its table row, so a row with an amount from 100 万 up is all in 万元. */
  kpi: (unit: KpiUnit, v: number | string | null, row?: readonly unknown[]) => string;
  /** Money; CNY amounts from 1,000,000 (100 万) up print in 万元 with two decimals where the 万元 / 元 setting says so (by default in zh-CN, as Chinese buyers read them). */
  money: (v: number) => string;
  num: (v: number, digits?: number) => string;
  /** A figure with the decimals of its quantity (bandwidth 3.28, TDP 1,000). */
  qty: (q: Quantity, v: number) => string;
  /** A fraction as a percentage: 0.06 → "6 %"; digits fixed when given. */
  pct: (v: number, digits?: number) => string;
}

export function formatter(lang: Lang, currency: Currency, cnyUnit: CnyUnit = 'auto'): Fmt {
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en';
  const wan = wanFor(cnyUnit, locale);
  return {
    lang,
    t: (key, vars) => tr(lang, key, vars),
    kpi: (unit, v, row) => formatKpi(unit, v, currency, locale, row ? rowMoneyFormat(row, wan) : { wan }),
    money: (v) => formatKpi('money', v, currency, locale, { wan }),
    num: (v, digits = 0) => formatNumber(v, digits, locale),
    qty: (q, v) => formatQuantity(q, v, locale),
    pct: (v, digits) => formatPercent(v, locale, digits),
  };
}

/** A catalog figure's label; figure keys hold dots (`tflops.bf16`), which `tr` reads as nesting. */
export function figureLabel(lang: Lang, key: string): string {
  const table: Record<string, string> = lang === 'zh-CN' ? zhCN.figure : en.figure;
  return table[key] ?? key;
}
