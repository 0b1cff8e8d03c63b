/**
 * Numbers as people write them, for every surface (UI, PDF, XLSX, CLI): thousands separators,
 * fixed decimals per quantity, rates as percentages, negative money as "−¥5M", ISO dates, and
 * Chinese 万元 for large CNY amounts where the caller asks for it. One home: shared/money's
 * formatMajor, shared/report/kpis' formatKpi, the report formatter and the renderer's tables call
 * these instead of toLocaleString/toFixed of their own.
 */
import { z } from 'zod';
import { currencySymbol, minorDigits, type Currency } from './money';

/** How many decimals each displayed quantity gets. */
export const DECIMALS = {
  bandwidthTBps: 2,
  tflops: 0,
  watts: 0,
  gb: 0,
  gbps: 0,
  kW: 1,
  kWh: 0,
  tokPerSec: 0,
  tokPerSecPerW: 3,
  ms: 1,
  pue: 2,
  powerPrice: 3,
  fx: 4,
  score: 0,
  points: 2,
} as const;
export type Quantity = keyof typeof DECIMALS;

const MINUS = '\u2212';

/** The two number locales the app writes in: Chinese for zh*, English otherwise. */
const numberLocale = (locale: string): 'zh-CN' | 'en' => (locale.startsWith('zh') ? 'zh-CN' : 'en');

// One Intl.NumberFormat per locale and digits, made on first use: toLocaleString builds (and
// throws away) a formatter on every call, which on a scrolled 10,000-row table was a tenth of
// the scroll's CPU; a kept formatter prints the same text 24–32× faster.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const loc = numberLocale(locale);
  const key = `${loc}|${minDigits}|${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(loc, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits, useGrouping: true });
    formatters.set(key, f);
  }
  return f;
}

/** Whether a formatted number reads as zero ("0.00", "−0"). */
const readsAsZero = (s: string) => Number(s.replace(/[^\d.]/g, '')) === 0;

/** `abs` formatted with the sign in front (U+2212), none when it reads as zero. */
const signed = (v: number, abs: string) => (v < 0 && !readsAsZero(abs) ? `${MINUS}${abs}` : abs);

/** 1234567.8 → "1,234,568"; digits fixed (min = max); −0 prints as 0; the minus sign is U+2212. */
export function formatNumber(v: number, digits = 0, locale = 'en'): string {
  if (!Number.isFinite(v)) return '–';
  return signed(v, numberFormat(locale, digits, digits).format(Math.abs(v)));
}

/** Up to `maxDigits` decimals, none shown when they are zeros: 2.5 → "2.5", 3 → "3", 1234.56 (1) → "1,234.6". */
export function formatNumberUpTo(v: number, maxDigits: number, locale = 'en'): string {
  if (!Number.isFinite(v)) return '–';
  return signed(v, numberFormat(locale, 0, maxDigits).format(Math.abs(v)));
}

/** A figure of a known quantity: bandwidth 3.2768 → "3.28", TDP 1000 → "1,000". */
export function formatQuantity(q: Quantity, v: number, locale = 'en'): string {
  return formatNumber(v, DECIMALS[q], locale);
}

/** A rate held as a fraction: 0.06 → "6 %", 0.125 → "12.5 %" (digits: fixed decimals, else up to 1 and none when whole). */
export function formatPercent(fraction: number, locale = 'en', digits?: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const pct = fraction * 100;
  const d = digits ?? (Math.abs(pct - Math.round(pct)) < 1e-9 ? 0 : 1);
  return `${formatNumber(pct, d, locale)} %`;
}

export interface MoneyFormat {
  /** Decimals; default: none from 1,000 up, the currency's minor unit below. */
  digits?: number;
  /** zh-CN: CNY amounts of 1,000,000 (100 万) and more as "2,504.45 万元"; unit prices below stay exact in ¥. */
  wan?: boolean;
  /** With `wan`: the amount from which 万元 is used (default WAN_FROM); 0 puts a whole table row in 万元. */
  wanFrom?: number;
}

export const WAN_FROM = 1_000_000;

/**
 * The 万元 / 元 display setting for CNY (Settings, saved as `cnyUnit`): 'auto' shows amounts from
 * ¥1,000,000 (100 万) up in 万元 in Chinese and in 元 in English; 'wan' in 万元 in both
 * languages; 'yuan' always in 元. The UI, the PDFs and the XLSX money columns follow it.
 */
export const CNY_UNITS = ['auto', 'wan', 'yuan'] as const;
export type CnyUnit = (typeof CNY_UNITS)[number];
export const cnyUnitSchema = z.enum(CNY_UNITS);

/** The saved setting, 'auto' when none (or not one of ours) is saved. */
export function cnyUnitOf(v: unknown): CnyUnit {
  const r = cnyUnitSchema.safeParse(v);
  return r.success ? r.data : 'auto';
}

/** Whether CNY amounts from WAN_FROM up show in 万元 under `unit` in `locale` (formatMoney's `wan`). */
export function wanFor(unit: CnyUnit, locale: string): boolean {
  return unit === 'wan' || (unit === 'auto' && locale.startsWith('zh'));
}

/**
 * The 万元 rule for one row of a comparison table: when any amount in it reaches WAN_FROM, the whole
 * row is in 万元, so "¥797,573" never stands beside "115.06 万元" in one row.
 */
export function rowMoneyFormat(values: readonly unknown[], wan: boolean): Pick<MoneyFormat, 'wan' | 'wanFrom'> {
  if (!wan) return { wan };
  return values.some((v) => typeof v === 'number' && Math.abs(v) >= WAN_FROM) ? { wan, wanFrom: 0 } : { wan };
}

/**
 * Whether a table or sheet column of CNY totals is written in 万元 (a column cannot switch unit
 * row by row): only when the user chose 万元; the values are then divided by 10,000.
 */
export function wanColumns(unit: CnyUnit, currency: Currency): boolean {
  return unit === 'wan' && currency === 'CNY';
}

/** ¥1,234,567 · −¥5,000 · ¥10.36; with wan, ¥25,044,504 → "2,504.45 万元". */
export function formatMoney(amount: number, currency: Currency, locale = 'en', opts: MoneyFormat = {}): string {
  if (!Number.isFinite(amount)) return '–';
  if (opts.wan && currency === 'CNY' && Math.abs(amount) >= (opts.wanFrom ?? WAN_FROM)) return `${formatNumber(amount / 10_000, opts.digits ?? 2, locale)} 万元`;
  const digits = opts.digits ?? (Math.abs(amount) >= 1000 ? 0 : minorDigits(currency));
  const s = formatNumber(Math.abs(amount), digits, locale);
  return `${amount < 0 && !readsAsZero(s) ? MINUS : ''}${currencySymbol(currency)}${s}`;
}

/** Compact money for chart axes: ¥21.71M, ¥250k, −¥5M (en); zh-CN in 万 / 亿 (¥2,170.9万, ¥2.1亿). */
export function formatMoneyShort(amount: number, currency: Currency, locale = 'en'): string {
  const a = Math.abs(amount);
  const sign = amount < 0 && a >= 0.5 ? MINUS : '';
  const sym = currencySymbol(currency);
  // up to `digits` decimals, trailing zeros dropped
  const n = (x: number, digits: number) => formatNumber(+x.toFixed(digits), String(+x.toFixed(digits)).split('.')[1]?.length ?? 0, locale);
  if (locale.startsWith('zh')) {
    if (a >= 1e8) return `${sign}${sym}${n(a / 1e8, 2)}亿`;
    if (a >= 1e4) return `${sign}${sym}${n(a / 1e4, 1)}万`;
    return `${sign}${sym}${n(a, 0)}`;
  }
  if (a >= 1e9) return `${sign}${sym}${n(a / 1e9, 2)}B`;
  if (a >= 1e6) return `${sign}${sym}${n(a / 1e6, 2)}M`;
  if (a >= 1e3) return `${sign}${sym}${n(a / 1e3, 1)}k`;
  return `${sign}${sym}${n(a, 0)}`;
}

/** The unit of a money input or column: "¥", "$", or per a quantity, "¥/kWh". */
export function moneyUnit(currency: Currency, per?: string): string {
  return per ? `${currencySymbol(currency)}/${per}` : currencySymbol(currency);
}

/** A label with its unit, as every input and table header writes it: "Network per card (¥)". */
export function withUnit(label: string, unit: string): string {
  return `${label} (${unit})`;
}

/** A money amount rounded to its currency's minor unit, as a file should hold it (no 120000.00000000001). */
export function roundToMinor(amount: number, currency: Currency): number {
  const f = 10 ** minorDigits(currency);
  return Math.round((amount + Number.EPSILON * Math.sign(amount)) * f) / f;
}

/** Any date as YYYY-MM-DD (strings already ISO pass through; "12/15/2026" and Date objects are read). */
export function isoDate(d: string | Date): string {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(d.trim());
  if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return d;
}

/** An instant as YYYY-MM-DD HH:mm in an IANA time zone (a sync's time): the same digits in every language. */
export function formatDateTime(instant: string | Date, timeZone = 'UTC'): string {
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
