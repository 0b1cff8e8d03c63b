/**
 * The price a row changes: the latest quote (of undone imports, none) for the same item, kind,
 * supplier and currency. A supplier's new sheet is compared with that supplier's last price.
 */
import type { PreviousPrice, RowStatus } from '../../shared/contract/import';
import { exVat, money, type Currency } from '../../shared/money';
import type { QuoteRecord } from '../db/repos/prices';

export function priceKey(kind: string, item: string, supplier: string, currency: Currency): string {
  return `${kind}|${item}|${supplier.trim().toLowerCase()}|${currency}`;
}

export class PreviousPrices {
  private readonly latest = new Map<string, PreviousPrice>();

  /** `quotes` newest first, as PriceRepo.quotes() returns them. */
  constructor(quotes: readonly QuoteRecord[]) {
    for (const q of quotes) {
      const k = priceKey(q.kind, q.item, q.supplier, q.currency);
      if (this.latest.has(k)) continue;
      this.latest.set(k, {
        price: q.price,
        currency: q.currency,
        vatIncluded: q.vatIncluded,
        exVat: exVat(q.price, q.vatIncluded, q.vatRate),
        asOf: q.source.asOf,
        supplier: q.supplier,
      });
    }
  }

  get(key: string): PreviousPrice | undefined {
    return this.latest.get(key);
  }
}

/** new / unchanged (same ex-VAT amount to the cent) / price-change with its percentage. */
export function compare(
  exVatNew: number,
  currency: Currency,
  prev: PreviousPrice | undefined,
): { status: RowStatus; changePct?: number } {
  if (!prev) return { status: 'new' };
  const a = money(exVatNew, currency).amountMinor;
  const b = money(prev.exVat, currency).amountMinor;
  if (a === b) return { status: 'unchanged', changePct: 0 };
  return { status: 'price-change', changePct: b === 0 ? undefined : Math.round(((a - b) / b) * 1000) / 10 };
}
