/**
 * quoteSchema for the quotes of one sheet, field by field, remembering each field's answer.
 *
 * quoteSchema is a plain z.object with no checks across fields, so a quote passes exactly when
 * every field passes its own schema, and the parsed quote is the fields' parsed values in the
 * schema's key order. A sheet's quotes share most of their values (item, kind, supplier,
 * currency, VAT, lead time, validity, the source), so each distinct value of a field is run
 * through that field's zod schema once per sheet; the price, new on nearly every row, is run for
 * every quote. Whole-object safeParse per row was a fifth of a 50,000-row preview and most of its
 * garbage. A quote that fails anywhere is parsed again whole, so its issues read exactly as
 * quoteSchema's own.
 */
import type { z } from 'zod';
import { quoteSchema, type SeedQuote } from '../../shared/domain/catalog';
import { Remembered } from './memo';

type Shape = typeof quoteSchema.shape;
type Field = keyof Shape;

/** A quote as the import builds it; an optional field that is undefined is left out. */
export interface QuoteInput {
  item: string;
  kind: string;
  supplier: string;
  price: number;
  currency: string;
  vatIncluded: boolean;
  vatRate: number;
  cardsPerServer: number | undefined;
  cardSlug: string | undefined;
  moq: number | undefined;
  leadTimeWeeks: number | undefined;
  validUntil: string | undefined;
  quoteNumber?: string;
  quoteDate?: string;
  platform?: string;
  /** The same object for quotes with the same source: it is checked once, by identity. */
  source: object;
}

/** The object quoteSchema itself is given: the input without its undefined optional fields. */
export function quoteCandidate(q: QuoteInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

const FAIL: unique symbol = Symbol('invalid');
type Checked<T> = T | typeof FAIL;

/** One field's zod schema, with its answers remembered by value (or object identity). */
class FieldCheck<F extends Field> {
  private readonly schema: z.ZodType;
  private readonly answers = new Remembered<unknown, unknown>((v) => this.parse(v));

  constructor(
    field: F,
    private readonly remember: boolean,
  ) {
    this.schema = quoteSchema.shape[field] as z.ZodType;
  }

  check(value: unknown): Checked<z.output<Shape[F]>> {
    // -0 and 0 are one Map key (and ===) but not one value.
    const r = !this.remember || Object.is(value, -0) ? this.parse(value) : this.answers.get(value);
    return r as Checked<z.output<Shape[F]>>;
  }

  private parse(value: unknown): unknown {
    const r = this.schema.safeParse(value);
    if (!r.success) return FAIL;
    // A parsed object (the source) is shared by the quotes that gave the same object: frozen,
    // so no holder can change the others' copy.
    return typeof r.data === 'object' && r.data !== null ? Object.freeze(r.data) : r.data;
  }
}

/** quoteSchema's keys in order; the validator below writes them in this order (a test checks it). */
export const QUOTE_FIELDS: readonly Field[] = [
  'item', 'kind', 'supplier', 'price', 'currency', 'vatIncluded', 'vatRate',
  'cardsPerServer', 'cardSlug', 'moq', 'leadTimeWeeks', 'validUntil', 'quoteNumber', 'quoteDate', 'platform', 'source',
];

/** The optional fields, in quoteSchema's order: written only when the row has them. */
const OPTIONAL_FIELDS = ['cardsPerServer', 'cardSlug', 'moq', 'leadTimeWeeks', 'validUntil', 'quoteNumber', 'quoteDate', 'platform'] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export class QuoteValidator {
  private readonly item = new FieldCheck('item', true);
  private readonly kind = new FieldCheck('kind', true);
  private readonly supplier = new FieldCheck('supplier', true);
  /** New on nearly every row: checked each time, never remembered. */
  private readonly price = new FieldCheck('price', false);
  private readonly currency = new FieldCheck('currency', true);
  private readonly vatIncluded = new FieldCheck('vatIncluded', true);
  private readonly vatRate = new FieldCheck('vatRate', true);
  private readonly optional = Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f, new FieldCheck(f, true)])) as { [F in OptionalField]: FieldCheck<F> };
  private readonly source = new FieldCheck('source', true);

  validate(q: QuoteInput): { success: true; data: SeedQuote } | ReturnType<typeof quoteSchema.safeParse> {
    const item = this.item.check(q.item);
    const kind = this.kind.check(q.kind);
    const supplier = this.supplier.check(q.supplier);
    const price = this.price.check(q.price);
    const currency = this.currency.check(q.currency);
    const vatIncluded = this.vatIncluded.check(q.vatIncluded);
    const vatRate = this.vatRate.check(q.vatRate);
    const source = this.source.check(q.source);
    if (item === FAIL || kind === FAIL || supplier === FAIL || price === FAIL || currency === FAIL || vatIncluded === FAIL || vatRate === FAIL || source === FAIL) {
      return quoteSchema.safeParse(quoteCandidate(q));
    }
    const out: SeedQuote = { item, kind, supplier, price, currency, vatIncluded, vatRate } as SeedQuote;
    for (const f of OPTIONAL_FIELDS) {
      const x = q[f];
      if (x === undefined) continue;
      const v = this.optional[f].check(x);
      if (v === FAIL) return quoteSchema.safeParse(quoteCandidate(q));
      (out as Record<OptionalField, unknown>)[f] = v;
    }
    out.source = source;
    return { success: true, data: out };
  }
}
