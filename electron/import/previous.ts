/**
 * The price a row changes: the latest quote (of undone imports, none) for the same item, kind,
 * supplier and currency. A supplier's new sheet is compared with that supplier's last price.
 */
import type { PreviousPrice, RowStatus } from '../../shared/contract/import';
import { exVat, money, type Currency } from '../../shared/money';
import { supplierKey, type LatestPrice } from '../db/repos/quotes';

export function priceKey(kind: string, item: string, supplier: string, currency: Currency): string {
  return `${kind}|${item}|${supplierKey(supplier)}|${currency}`;
}

export class PreviousPrices {
  private readonly latest = new Map<string, PreviousPrice>();
  private readonly ids = new Map<string, number>();

  /** The newest quote per item, kind, supplier and currency (see QuoteRepo.latestPrices). */
  constructor(latest: readonly LatestPrice[]) {
    for (const q of latest) {
      const k = priceKey(q.kind, q.item, q.supplier, q.currency);
      const cur = this.latest.get(k);
      // Suppliers differing only in letter case share a key: keep the newer quote.
      if (cur && (cur.asOf > q.asOf || (cur.asOf === q.asOf && this.ids.get(k)! > q.id))) continue;
      this.ids.set(k, q.id);
      this.latest.set(k, {
        price: q.price,
        currency: q.currency,
        vatIncluded: q.vatIncluded,
        exVat: exVat(q.price, q.vatIncluded, q.vatRate, q.currency),
        asOf: q.asOf,
        supplier: q.supplier,
      });
    }
  }

  get(key: string): PreviousPrice | undefined {
    return this.latest.get(key);
  }
}

const NEW: { readonly status: RowStatus } = Object.freeze({ status: 'new' });

/** new / unchanged (same ex-VAT amount to the cent) / price-change with its percentage. */
export function compare(
  exVatNew: number,
  currency: Currency,
  prev: PreviousPrice | undefined,
): { status: RowStatus; changePct?: number } {
  if (!prev) return NEW;
  const a = money(exVatNew, currency).amountMinor;
  const b = money(prev.exVat, currency).amountMinor;
  if (a === b) return { status: 'unchanged', changePct: 0 };
  return { status: 'price-change', changePct: b === 0 ? undefined : Math.round(((a - b) / b) * 1000) / 10 };
}
