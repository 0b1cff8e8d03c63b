/**
 * Money: integer minor units (fen / cents) with an ISO currency code.
 * Conversion between currencies happens only here, with explicit FX rates.
 */
import { z } from 'zod';
// format.ts imports this module too: the cycle is of functions only, called after both have loaded
import { formatMoney } from './format';
import { said, type MessageRef } from './i18n/translate';

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

const AMOUNT = 'a non-negative amount in major units (yuan, dollars)';
const MAX_AMOUNT = 1e12;

/**
 * The one price schema: a price as people write it in files, scenarios, bids and saved builds,
 * major units and a currency; errors say what was expected.
 */
export const priceSchema = z.strictObject({
  amount: z
    .number({ error: `expected ${AMOUNT}` })
    .min(0, { error: `expected ${AMOUNT}` })
    .max(MAX_AMOUNT, { error: `expected ${AMOUNT} (at most ${MAX_AMOUNT})` }),
  currency: z.enum(CURRENCIES, { error: `expected a currency: ${CURRENCIES.join(', ')}` }),
});
export type MajorMoney = z.infer<typeof priceSchema>;

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
  /** The message as a UI string. */
  readonly i18n: MessageRef;
  constructor(readonly currency: Currency) {
    const m = said('errors.fx.missing', { currency });
    super(m.message);
    this.i18n = m.i18n;
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

// ---------------------------------------------------------------- VAT
//
// The one home of ex-VAT and incl-VAT arithmetic. The rule, everywhere:
//  - the amount is first taken to integer minor units of its currency (fen, cents; whole yen),
//  - then multiplied or divided by (1 + rate) exactly (the rate is held as integer parts per
//    million, the arithmetic in BigInt, so no binary-fraction error can tip a half),
//  - and the result rounded once to the nearest minor unit, halves away from zero
//    (四舍五入, as on a fapiao).
// Example: ¥98,000.00 incl. 13 % = 9,800,000 fen; 9,800,000 / 1.13 = 8,672,566.37… fen,
// rounded to 8,672,566 fen = ¥86,725.66 ex VAT. The other way, ¥86,725.66 × 1.13 =
// 9,799,999.58 fen → ¥98,000.00.

const PPM = 1_000_000n;

function ratePpm(vatRate: number): bigint {
  if (!Number.isFinite(vatRate) || vatRate < 0) throw new RangeError(`VAT rate is not a non-negative number: ${vatRate}`);
  return BigInt(Math.round(vatRate * 1_000_000));
}

/** n / d to the nearest integer, halves away from zero (d > 0). */
function divRound(n: bigint, d: bigint): number {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** Ex-VAT minor units of an amount in minor units that includes VAT at `vatRate` (0.13 = 13 %). */
export function exVatMinor(amountMinor: number, vatRate: number): number {
  return divRound(BigInt(amountMinor) * PPM, PPM + ratePpm(vatRate));
}

/** Incl-VAT minor units of an ex-VAT amount in minor units. */
export function inclVatMinor(amountMinor: number, vatRate: number): number {
  return divRound(BigInt(amountMinor) * (PPM + ratePpm(vatRate)), PPM);
}

/**
 * The ex-VAT price, in major units to the minor unit, of a price given with or without VAT
 * (rate 0.13 = 13 %). A price already ex VAT is only taken to the minor unit.
 */
export function exVat(amountMajor: number, vatIncluded: boolean, vatRate: number, currency: Currency): number {
  const minor = money(amountMajor, currency).amountMinor;
  return toMajor({ amountMinor: vatIncluded ? exVatMinor(minor, vatRate) : minor, currency });
}

/** The incl-VAT price, in major units to the minor unit, of an ex-VAT price. */
export function inclVat(amountExVatMajor: number, vatRate: number, currency: Currency): number {
  return toMajor({ amountMinor: inclVatMinor(money(amountExVatMajor, currency).amountMinor, vatRate), currency });
}

const SYMBOL: Record<Currency, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: 'JP¥' };
export function currencySymbol(c: Currency): string {
  return SYMBOL[c];
}

/** Decimals of a currency's minor unit (fen, cents: 2; yen: 0). */
export function minorDigits(c: Currency): number {
  return Math.round(Math.log10(MINOR_PER_MAJOR[c]));
}

/** Human formatting: ¥1,234,567 (no decimals from 1000 up, the minor unit below), −¥5,000; shared/format's formatMoney. */
export function formatMajor(amount: number, currency: Currency, locale = 'en'): string {
  return formatMoney(amount, currency, locale);
}
