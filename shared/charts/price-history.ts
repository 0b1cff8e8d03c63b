/**
 * A part's ex-VAT price over time, one line per supplier, as an echarts option (the catalog's
 * price history panel; the same option could go into a PDF). The x axis is a category axis of
 * the quote dates, so the chart's "show as table" view is one row per date and one column per
 * supplier; a supplier's line joins its own quotes across the dates it did not quote.
 * Only standing purchase quotes are drawn (a superseded or retired quote was withdrawn, a
 * rental is per hour); an expired quote stays, since it was the price on its day.
 */
import { axis, chartFrame, type ChartContext, type ChartOption } from './options';
import { currencySymbol } from '../money';
import { tr } from '../i18n/translate';
import { isStandingPurchase, type PriceHistoryRow } from '../domain/price-history';

type Ctx = Pick<ChartContext, 'lang' | 'dark' | 'currency'>;

export function priceHistoryOption(rows: readonly PriceHistoryRow[], c: Ctx, partName: string): ChartOption {
  const muted = c.dark ? '#9aa4b2' : '#5b6470';
  const drawn = rows.filter((r) => isStandingPurchase(r) && r.cardExVat !== null);
  const dates = [...new Set(drawn.map((r) => r.quoteDate))].sort();
  const suppliers = [...new Set(drawn.map((r) => r.supplier))].sort((a, b) => a.localeCompare(b));
  const series = suppliers.map((s) => {
    // a supplier quoting twice on one day: its later entry is its price that day
    const byDate = new Map<string, PriceHistoryRow>();
    for (const r of drawn) {
      if (r.supplier !== s) continue;
      const cur = byDate.get(r.quoteDate);
      if (!cur || r.id > cur.id) byDate.set(r.quoteDate, r);
    }
    return {
      name: s,
      type: 'line',
      connectNulls: true,
      symbolSize: 8,
      data: dates.map((d) => {
        const r = byDate.get(d);
        return r ? Math.round(r.cardExVat! * 100) / 100 : null;
      }),
    };
  });
  const sym = currencySymbol(c.currency);
  return {
    ...chartFrame(c, tr(c.lang, 'priceHistory.chartTitle', { part: partName })),
    xAxis: axis(c, { type: 'category', data: dates, name: tr(c.lang, 'priceHistory.quoteDate'), nameLocation: 'middle', nameGap: 28, boundaryGap: false }),
    yAxis: axis(c, {
      type: 'value',
      scale: true,
      name: tr(c.lang, 'priceHistory.exVatAxis', { sym }),
      // whole amounts: one part's quotes lie close together, and 万 to one decimal would repeat labels
      axisLabel: { formatter: (v: number) => `${sym}${Math.round(v).toLocaleString('en')}`, color: muted },
    }),
    series,
  };
}
