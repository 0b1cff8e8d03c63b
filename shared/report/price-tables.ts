/**
 * The catalog and a part's price history as plain tables (header row, rows of numbers and
 * texts, a number format per column), labelled in the UI language: the rows the XLSX and CSV
 * exports write (electron/report/table-file), the same columns the price history panel shows.
 */
import { FIGURE_KEYS, type Accelerator } from '../domain/accelerator';
import { figureValue } from '../domain/figures';
import type { PriceHistoryRow } from '../domain/price-history';
import { tr, type Lang } from '../i18n/translate';
import type { Currency } from '../money';

export type TableCell = string | number | null;

export interface ExportTable {
  /** Sheet name (XLSX) and the base of the file name. */
  name: string;
  header: string[];
  rows: TableCell[][];
  /** Excel number format per column, for number cells ('' for none). */
  formats: string[];
}

const MONEY = '#,##0.00';

/** The source of a history row in words. */
export function sourceText(r: Pick<PriceHistoryRow, 'source'>, lang: Lang): string {
  const s = r.source;
  if (s.kind === 'hand') return tr(lang, 'priceHistory.source.hand');
  if (s.kind === 'file') return s.row === null ? tr(lang, 'priceHistory.source.fileNoRow', { file: s.file }) : tr(lang, 'priceHistory.source.file', { file: s.file, sheet: s.sheet, row: s.row });
  return s.url ? `${s.title} <${s.url}>` : s.title;
}

/** The kind of a history row in words: card, server (n cards), rental. */
export function formText(r: Pick<PriceHistoryRow, 'form' | 'rental' | 'cardsPerServer'>, lang: Lang): string {
  if (r.rental) return tr(lang, 'priceHistory.form.rental');
  return r.form === 'server' ? tr(lang, 'priceHistory.form.server', { n: r.cardsPerServer ?? '?' }) : tr(lang, 'priceHistory.form.card');
}

/** The status of a history row in words, with its retirement or the quote it corrects. */
export function stateText(r: Pick<PriceHistoryRow, 'state' | 'retired' | 'supersedesId'>, lang: Lang): string {
  const parts = [tr(lang, `priceHistory.state.${r.state}`)];
  if (r.retired) parts.push(tr(lang, 'priceHistory.retiredBy', { at: r.retired.at.slice(0, 10), by: r.retired.by, reason: r.retired.reason }));
  if (r.supersedesId !== null) parts.push(tr(lang, 'priceHistory.corrects', { id: r.supersedesId }));
  return parts.join('; ');
}

export function priceHistoryTable(partName: string, rows: readonly PriceHistoryRow[], currency: Currency, lang: Lang): ExportTable {
  const c = (k: string) => tr(lang, `priceHistory.cols.${k}`, { currency });
  return {
    name: `${tr(lang, 'priceHistory.title')} ${partName}`,
    header: [c('id'), c('supplier'), c('form'), c('quoteDate'), c('validUntil'), c('leadTime'), c('moq'), c('currency'), c('exVat'), c('inclVat'), c('quotedAs'), c('vatRate'), c('cardExVat'), c('state'), c('age'), c('source'), c('quoteNumber')],
    formats: ['', '', '', '', '', '0.0', '#,##0', '', MONEY, MONEY, '', '0%', MONEY, '', '#,##0', '', ''],
    rows: rows.map((r) => [
      r.id,
      r.supplier,
      formText(r, lang),
      r.quoteDate,
      r.validUntil,
      r.leadTimeWeeks,
      r.moq,
      r.currency,
      r.priceExVat,
      r.priceInclVat,
      tr(lang, r.vatIncluded ? 'priceHistory.quotedIncl' : 'priceHistory.quotedEx'),
      r.vatRate,
      r.cardExVat,
      stateText(r, lang),
      r.ageDays,
      sourceText(r, lang),
      r.quoteNumber,
    ]),
  };
}

/** A catalog part and the price builds use for it (ex VAT, in `currency`), if any. */
export type CatalogRow = Accelerator & { bestPrice?: { price: number; currency: Currency; supplier: string; asOf: string; estimate: boolean } };

export function catalogTable(parts: readonly CatalogRow[], lang: Lang): ExportTable {
  const figures = FIGURE_KEYS.filter((k) => k !== 'exportControl');
  return {
    name: tr(lang, 'catalog.title'),
    header: [
      tr(lang, 'catalog.cols.vendor'),
      tr(lang, 'catalog.cols.model'),
      'slug',
      ...figures.map((k) => tr(lang, `figure.${k}`)),
      tr(lang, 'catalog.cols.exportCN'),
      tr(lang, 'catalog.origin'),
      tr(lang, 'catalog.cols.price'),
      tr(lang, 'priceHistory.cols.currency'),
      tr(lang, 'priceHistory.cols.supplier'),
      tr(lang, 'priceHistory.cols.quoteDate'),
      tr(lang, 'common.estimate'),
    ],
    formats: ['', '', '', ...figures.map(() => ''), '', '', MONEY, '', '', '', ''],
    rows: parts.map((a) => {
      const p = a.bestPrice;
      return [
        a.vendor,
        a.model,
        a.slug,
        ...figures.map((k) => figureValue(a, k).value ?? null),
        tr(lang, `export.${a.exportControl.CN}`),
        tr(lang, a.domestic ? 'catalog.domestic' : 'catalog.foreign'),
        p?.price ?? null,
        p?.currency ?? null,
        p?.supplier ?? null,
        p?.asOf ?? null,
        p ? tr(lang, p.estimate ? 'common.yes' : 'common.no') : null,
      ];
    }),
  };
}
