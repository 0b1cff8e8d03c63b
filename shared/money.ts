/**
 * Money: integer minor units (fen / cents) with an ISO currency code.
 * Conversion between currencies happens only here, with explicit FX rates.
 */
import { z } from 'zod';

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'] as const;
export const currencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof currencySchema>;

/** Minor units per major unit (JPY has none). */
const MINOR_PER_MAJOR: Record<Currency, number> = { CNY: 100, USD: 100, EUR: 100, HKD: 100, JPY: 1 };

export const moneySchema = z.object({
  amountMinor: z.number().int().safe(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

/** A price as people write it in files: major units. */
export const majorMoneySchema = z.object({
  amount: z.number().finite().nonnegative(),
  currency: currencySchema,
});
export type MajorMoney = z.infer<typeof majorMoneySchema>;

export function money(amountMajor: number, currency: Currency): Money {
  if (!Number.isFinite(amountMajor)) throw new RangeError(`amount is not a finite number: ${amountMajor}`);
  return { amountMinor: Math.round(amountMajor * MINOR_PER_MAJOR[currency]), currency };
}

export function toMajor(m: Money): number {
  return m.amountMinor / MINOR_PER_MAJOR[m.currency];
}

export function fromMajor(m: MajorMoney): Money {
  return money(m.amount, m.currency);
}

/** FX table: value of one unit of `currency` in CNY (the catalog's pivot currency). */
export type FxTable = Partial<Record<Currency, number>>;

export class FxMissingError extends Error {
  constructor(readonly currency: Currency) {
    super(`no exchange rate for ${currency}; add one under Settings → FX rates or in the scenario's "fx"`);
  }
}

/** CNY per unit of `c`; CNY itself is 1. */
export function cnyPer(c: Currency, fx: FxTable): number {
  if (c === 'CNY') return 1;
  const r = fx[c];
  if (r === undefined || !(r > 0)) throw new FxMissingError(c);
  return r;
}

/** Convert a major-unit amount between currencies through the CNY pivot. */
export function convertMajor(amount: number, from: Currency, to: Currency, fx: FxTable): number {
  if (from === to) return amount;
  return (amount * cnyPer(from, fx)) / cnyPer(to, fx);
}

export function convert(m: Money, to: Currency, fx: FxTable): Money {
  return money(convertMajor(toMajor(m), m.currency, to, fx), to);
}

/** Remove VAT from a price that includes it (rate 0.13 = 13 %). */
export function exVat(amountMajor: number, vatIncluded: boolean, vatRate: number): number {
  return vatIncluded ? amountMajor / (1 + vatRate) : amountMajor;
}

const SYMBOL: Record<Currency, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: 'JP¥' };
export function currencySymbol(c: Currency): string {
  return SYMBOL[c];
}

/** Human formatting: ¥1,234,567 (no decimals above 1000, 2 below). */
export function formatMajor(amount: number, currency: Currency, locale = 'en'): string {
  const digits = Math.abs(amount) >= 1000 ? 0 : 2;
  return (
    SYMBOL[currency] +
    amount.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
  );
}
