/** FX rates (table fx_rate): CNY per unit of a currency, dated; never overwritten, only added to. */
import type Database from 'better-sqlite3';
import type { Currency } from '../../../shared/money';
import { latestFxRates, type FxRate } from '../../../shared/domain/catalog';
import { sourceFromRow, sourceParams, type Origin, type SourceCols } from './source';

interface FxRow extends SourceCols {
  id: number;
  currency: Currency;
  cny_per: number;
  origin: string;
}

export class FxRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      history: db.prepare('SELECT * FROM fx_rate ORDER BY as_of DESC, id DESC'),
      has: db.prepare('SELECT 1 FROM fx_rate WHERE currency = ? AND as_of = ? LIMIT 1').pluck(),
      add: db.prepare(
        `INSERT INTO fx_rate (currency, cny_per, source_title, source_url, as_of, estimate, source_note, origin, created_at)
         VALUES (@currency, @cny_per, @source_title, @source_url, @as_of, @estimate, @source_note, @origin, @created_at)`,
      ),
    };
  }

  /** Latest rate per currency (by as-of date, then insertion). */
  latest(): FxRate[] {
    return [...latestFxRates(this.history()).values()]
      .map(({ id: _id, origin: _origin, ...rate }) => rate)
      .sort((a, b) => a.currency.localeCompare(b.currency));
  }

  /** Every rate ever entered, newest first. */
  history(): (FxRate & { id: number; origin: string })[] {
    return (this.stmts.history.all() as FxRow[]).map((r) => ({
      id: r.id,
      origin: r.origin,
      currency: r.currency,
      cnyPer: r.cny_per,
      asOf: r.as_of,
      source: sourceFromRow(r),
    }));
  }

  /** Whether a rate for this currency and date was ever entered. */
  has(currency: Currency, asOf: string): boolean {
    return this.stmts.has.get(currency, asOf) !== undefined;
  }

  /** The rate's date is its source's as-of date. */
  add(f: FxRate, origin: Origin): void {
    this.stmts.add.run({
      currency: f.currency,
      cny_per: f.cnyPer,
      ...sourceParams({ ...f.source, asOf: f.asOf }),
      origin,
      created_at: new Date().toISOString(),
    });
  }
}
