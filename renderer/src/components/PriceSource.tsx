/**
 * Whose price it is, next to the price, on Builds, Compare and Bids: the supplier (a bid: its
 * vendor), the quote date and age, and badges with tooltips for estimate, expired, stale and
 * pinned. The view comes from shared/report/price-source; nothing is decided here.
 */
import { useTranslation } from 'react-i18next';
import type { LinePriceRow, PriceFlag, PriceSourceView } from '../../../shared/report/price-source';
import { formatMajor, type Currency } from '../../../shared/money';

function badgeText(t: (k: string, v?: Record<string, unknown>) => string, flag: PriceFlag, s: PriceSourceView): { label: string; tip: string } {
  switch (flag) {
    case 'estimate':
      return { label: t('common.estimate'), tip: t('price.tip.estimate') };
    case 'expired':
      return { label: t('price.flag.expired', { date: s.validUntil ?? '' }), tip: t(s.kind === 'bid' ? 'price.tip.bidExpired' : 'price.tip.expired', { date: s.validUntil ?? '' }) };
    case 'stale':
      return { label: t('price.flag.stale'), tip: t('price.tip.stale', { days: s.ageDays ?? 0, limit: s.staleDays }) };
    case 'pinned':
      return { label: t('price.flag.pinned'), tip: s.pin === 'quote' ? t('price.tip.pinnedQuote', { id: s.quoteId ?? '' }) : t('price.tip.pinnedSupplier') };
    case 'pinUnavailable':
      return { label: t('price.flag.pinUnavailable'), tip: t('price.tip.pinUnavailable') };
  }
}

export function PriceSource({ source }: { source: PriceSourceView }) {
  const { t } = useTranslation();
  const s = source;
  if (s.kind === 'line') return <span className="price-source">{t('builds.priceOnLine')}</span>;
  if (s.kind === 'none') return <span className="price-source">{t('builds.priceNone')}</span>;
  return (
    <span className="price-source" data-price-source={s.kind} title={t(s.kind === 'bid' ? 'price.tip.bid' : 'price.tip.quote')}>
      {s.kind === 'bid' && t('price.bidOf')}
      <span data-price-supplier>{s.supplier}</span>
      {s.kind === 'quote' && t('builds.quotedOn', { date: s.quoteDate ?? '', days: s.ageDays ?? 0 })}
      {s.kind === 'bid' && (s.validUntil ? t('price.validUntil', { date: s.validUntil }) : t('price.noValidity'))}
      {s.flags.map((f) => {
        const b = badgeText(t, f, s);
        return (
          <span key={f} className={`badge price-flag ${f}`} data-price-flag={f} title={b.tip}>
            {b.label}
          </span>
        );
      })}
    </span>
  );
}

/** A build's (or a bid's) card prices, one line each: part × count, the ex-VAT price, whose it is. */
export function PriceRows({ rows, currency }: { rows: readonly LinePriceRow[]; currency: Currency }) {
  const { t } = useTranslation();
  return (
    <ul className="price-rows">
      {rows.map((r, i) => (
        <li key={i} data-price-row={i}>
          <span className="price-part">
            {r.accelerator} ×{r.count}
          </span>{' '}
          <span className="price-amount">{t('price.exVat', { price: formatMajor(r.cardPrice, currency) })}</span> · <PriceSource source={r.source} />
        </li>
      ))}
    </ul>
  );
}
