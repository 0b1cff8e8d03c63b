/**
 * A quote entered by hand: the text a person types in the catalog's quote form or on the
 * command line (`procure quote add … --price "12.5万" --lead-time "6周"`), read with the
 * importer's own value parsers (shared/document price-text and value-text: 万, ¥, USD, 含税,
 * full-width digits), into the values the `quotes:add` and `quotes:correct` channels take.
 * Every problem names its field with a UI string key, so the form shows it in the user's
 * language and the CLI in English.
 */
import { z } from 'zod';
import { keyedCheck } from '../i18n/translate';
import { CURRENCIES, type Currency } from '../money';
import { clean, looksLikeFormula } from '../document/cell-text';
import { parsePrice, MAX_PRICE, type Currency as PriceTextCurrency } from '../document/price-text';
import { parseCount, parseDate, parseLeadTime, parseVatCell } from '../document/value-text';
import { isoDateSchema } from './source';
import { supplierNameSchema } from './supplier';

/** The document layer spells out the currencies it reads; they must be money's (both ways). */
const _sameCurrencies: [Currency, PriceTextCurrency] extends [PriceTextCurrency, Currency] ? true : never = true;
void _sameCurrencies;

/** The default VAT rate of a manual quote (China's 13 % on goods). */
export const MANUAL_VAT_RATE = 0.13;

/** Fields of the quote form, as typed. */
export const QUOTE_FORM_FIELDS = ['supplier', 'price', 'vat', 'vatRate', 'quoteDate', 'validUntil', 'leadTime', 'moq', 'quoteNumber', 'note'] as const;
export type QuoteFormField = (typeof QUOTE_FORM_FIELDS)[number];

export interface QuoteFormText {
  supplier?: string;
  /** "125000", "12.5万", "¥125,000", "USD 28,500", "含税 9.8万", "１２万". */
  price?: string;
  /** Said outright (a checkbox, --vat-included / --vat-excluded); else the price text's 含税/不含税, else the currency's custom. */
  vat?: 'included' | 'excluded';
  /** "13%", "0.13", "13" (default 13 %). */
  vatRate?: string;
  quoteDate?: string;
  validUntil?: string;
  /** "6周", "6-8 weeks", "30天", "现货". */
  leadTime?: string;
  moq?: string;
  quoteNumber?: string;
  note?: string;
}

/** Text fields: bounded, never starting like a spreadsheet formula (they are exported to Excel). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !looksLikeFormula(s), keyedCheck('errors.checks.formula'));

/** The values of a manual quote, as the channels take them (validated again there). */
export const manualQuoteSchema = z
  .object({
    supplier: supplierNameSchema.refine((s) => !looksLikeFormula(s), keyedCheck('errors.checks.formula')),
    price: z.number().finite().positive().max(MAX_PRICE),
    currency: z.enum(CURRENCIES),
    vatIncluded: z.boolean(),
    vatRate: z.number().min(0).max(0.5).default(MANUAL_VAT_RATE),
    quoteDate: isoDateSchema.optional(),
    validUntil: isoDateSchema.optional(),
    leadTimeWeeks: z.number().min(0).max(520).optional(),
    moq: z.number().int().min(0).max(10_000_000).optional(),
    quoteNumber: text(80).optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((q) => !q.validUntil || !q.quoteDate || q.validUntil >= q.quoteDate, keyedCheck('errors.checks.validUntilBeforeQuote', {}, ['validUntil']));
export type ManualQuote = z.output<typeof manualQuoteSchema>;

export interface FormIssue {
  field: QuoteFormField;
  /** UI string key (quotes.invalid.*) and its values. */
  key: string;
  vars: Record<string, string | number>;
}

export type FormResult = { ok: true; value: ManualQuote; vatAssumed: boolean } | { ok: false; issues: FormIssue[] };

const given = (s: string | undefined): s is string => s !== undefined && clean(s) !== '';

/**
 * Read a typed quote. `base` fills what the form leaves empty (a correction keeps the quote's
 * other fields); `defaultCurrency` is the currency of a bare number. `today` counts "30天" of
 * validity and refuses a quote date in the future.
 */
export function readQuoteForm(form: QuoteFormText, today: string, opts: { base?: ManualQuote; defaultCurrency?: Currency } = {}): FormResult {
  const issues: FormIssue[] = [];
  const bad = (field: QuoteFormField, value: string | undefined, key: string = field) => issues.push({ field, key: `quotes.invalid.${key}`, vars: { value: value ?? '' } });
  const base = opts.base;

  const supplier = given(form.supplier) ? clean(form.supplier) : base?.supplier;
  if (!supplier) bad('supplier', form.supplier, 'supplierMissing');
  else if (supplier.length > 160) bad('supplier', `${supplier.slice(0, 40)}…`, 'supplierLong');
  else if (looksLikeFormula(supplier)) bad('supplier', supplier, 'formula');

  let price = base?.price;
  let currency: Currency | undefined = base?.currency;
  let textVat: boolean | undefined;
  if (given(form.price)) {
    const p = parsePrice(form.price);
    if (!p.ok) bad('price', form.price);
    else {
      price = p.value.amount;
      currency = p.value.currency ?? opts.defaultCurrency ?? 'CNY';
      textVat = p.value.vatIncluded;
    }
  } else if (price === undefined) bad('price', form.price, 'priceMissing');

  const said = form.vat === undefined ? undefined : form.vat === 'included';
  if (said !== undefined && textVat !== undefined && said !== textVat) bad('vat', form.price, 'vatConflict');
  let vatAssumed = false;
  let vatIncluded = said ?? textVat ?? (given(form.price) ? undefined : base?.vatIncluded);
  if (vatIncluded === undefined) {
    // as the importer assumes: prices in yuan are quoted with VAT unless they say otherwise
    vatIncluded = (currency ?? 'CNY') === 'CNY';
    vatAssumed = true;
  }

  let vatRate = base?.vatRate ?? MANUAL_VAT_RATE;
  if (given(form.vatRate)) {
    const r = parseVatCell(form.vatRate);
    if (!r.ok || r.value.rate === undefined) bad('vatRate', form.vatRate);
    else vatRate = r.value.rate;
  }

  const date = (field: 'quoteDate' | 'validUntil', fallback: string | undefined) => {
    const raw = form[field];
    if (!given(raw)) return fallback;
    const d = parseDate(raw, today);
    if (!d.ok) {
      bad(field, raw);
      return undefined;
    }
    return d.value;
  };
  const quoteDate = date('quoteDate', base?.quoteDate);
  if (quoteDate && quoteDate > today) bad('quoteDate', quoteDate, 'future');
  const validUntil = date('validUntil', base?.validUntil);
  if (quoteDate && validUntil && validUntil < quoteDate) bad('validUntil', validUntil, 'beforeDate');

  let leadTimeWeeks = base?.leadTimeWeeks;
  if (given(form.leadTime)) {
    const l = parseLeadTime(form.leadTime);
    if (!l.ok) bad('leadTime', form.leadTime);
    else leadTimeWeeks = l.value;
  }
  let moq = base?.moq;
  if (given(form.moq)) {
    const m = parseCount(form.moq, 'MOQ', 0);
    if (!m.ok) bad('moq', form.moq);
    else moq = m.value;
  }
  const textField = (field: 'quoteNumber' | 'note', max: number, fallback: string | undefined) => {
    const raw = form[field];
    if (!given(raw)) return fallback;
    const s = raw.trim();
    if (s.length > max) bad(field, `${s.slice(0, 40)}…`, 'tooLong');
    else if (looksLikeFormula(s)) bad(field, s, 'formula');
    return s;
  };
  const quoteNumber = textField('quoteNumber', 80, base?.quoteNumber);
  const note = textField('note', 2000, base?.note);

  if (issues.length > 0 || !supplier || price === undefined || !currency) return { ok: false, issues };
  const value: ManualQuote = { supplier, price, currency, vatIncluded, vatRate };
  if (quoteDate) value.quoteDate = quoteDate;
  if (validUntil) value.validUntil = validUntil;
  if (leadTimeWeeks !== undefined) value.leadTimeWeeks = leadTimeWeeks;
  if (moq !== undefined) value.moq = moq;
  if (quoteNumber) value.quoteNumber = quoteNumber;
  if (note) value.note = note;
  return { ok: true, value, vatAssumed };
}

/** A form problem in words: its key with the field's own label (`lang`'s strings). */
export function describeFormIssue(issue: FormIssue, translate: (key: string, vars?: Record<string, string | number>) => string): string {
  return translate(issue.key, { ...issue.vars, field: translate(`quotes.fields.${issue.field}`) });
}

/** A stored card quote's values as the form edits them (a correction starts from these). */
export function manualQuoteOf(q: {
  supplier: string;
  price: number;
  currency: Currency;
  vatIncluded: boolean;
  vatRate: number;
  quoteDate?: string;
  validUntil?: string;
  leadTimeWeeks?: number;
  moq?: number;
  quoteNumber?: string;
  source: { note: string };
}): ManualQuote {
  const v: ManualQuote = { supplier: q.supplier, price: q.price, currency: q.currency, vatIncluded: q.vatIncluded, vatRate: q.vatRate };
  if (q.quoteDate) v.quoteDate = q.quoteDate;
  if (q.validUntil) v.validUntil = q.validUntil;
  if (q.leadTimeWeeks !== undefined) v.leadTimeWeeks = q.leadTimeWeeks;
  if (q.moq !== undefined) v.moq = q.moq;
  if (q.quoteNumber) v.quoteNumber = q.quoteNumber;
  if (q.source.note) v.note = q.source.note;
  return v;
}
