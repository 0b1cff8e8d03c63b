/** The bids: vendor, offer, terms, VAT and the priced lines (part, cards, unit price, host price per server). */
import { useTranslation } from 'react-i18next';
import type { BidFileInput } from '../../../shared/bids/schema';
import { newBid, type BidInput, type BidLineInput } from '../stores/bids';
import { AcceleratorPicker } from './AcceleratorPicker';
import { DateField } from './DateField';
import { NumberField } from './NumberField';

type Currency = NonNullable<BidFileInput['currency']>;
type HostInput = { name?: string; cardsPerServer?: number; powerW?: number; price: { amount: number; currency: Currency } };

function LineRow({ line, n, currency, onChange, onRemove }: { line: BidLineInput; n: string; currency: Currency; onChange: (l: BidLineInput) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  // in a file these may be names or inline objects (the schema's input type is `unknown`)
  const host = typeof line.server === 'object' && line.server !== null ? (line.server as HostInput) : undefined;
  const acc = line.accelerator as string | { name?: string };
  return (
    <tr data-line={n}>
      <td>
        <AcceleratorPicker label={`${t('bids.accelerator')} ${n}`} value={typeof acc === 'string' ? acc : (acc.name ?? '')} onChange={(slug) => onChange({ ...line, accelerator: slug })} />
      </td>
      <td>
        <NumberField label={`${t('bids.count')} ${n}`} hideLabel id={`count-${n}`} value={line.count} min={1} max={1_000_000} integer onChange={(v) => v !== undefined && onChange({ ...line, count: v })} />
      </td>
      <td>
        <NumberField label={`${t('bids.unitPrice')} ${n}`} hideLabel id={`price-${n}`} value={line.unitPrice.amount} min={0} onChange={(v) => v !== undefined && onChange({ ...line, unitPrice: { amount: v, currency: line.unitPrice.currency } })} />
      </td>
      <td>
        <NumberField
          label={`${t('bids.hostPrice')} ${n}`}
          hideLabel
          id={`host-${n}`}
          value={host?.price.amount}
          min={0}
          optional
          onChange={(v) =>
            onChange({
              ...line,
              server: v === undefined ? undefined : { name: host?.name ?? 'Host server', cardsPerServer: host?.cardsPerServer ?? 8, powerW: host?.powerW ?? 2500, price: { amount: v, currency } },
            })
          }
        />
      </td>
      <td>
        <button aria-label={`${t('bids.removeLine')} ${n}`} onClick={onRemove}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** What a supplier declared in the bid template's technical response (recorded; the constraints are checked by the models). */
function TechnicalResponse({ bid, n }: { bid: BidInput; n: number }) {
  const { t } = useTranslation();
  const responses = bid.responses ?? [];
  if (responses.length === 0) return null;
  const deviations = responses.filter((r) => !r.complies);
  return (
    <p className="muted small" data-testid={`responses-${n}`}>
      {t('bidTemplate.ui.responses', { complies: responses.length - deviations.length, deviates: deviations.length })}
      {deviations.length > 0 && (
        <>
          {' · '}
          {t('bidTemplate.ui.deviations', { list: deviations.map((d) => `${t(`bidTemplate.item.${d.item}`)}${d.remarks ? ` (${d.remarks})` : ''}`).join('; ') })}
        </>
      )}
    </p>
  );
}

function BidCard({ bid, i, currency, onChange, onRemove }: { bid: BidInput; i: number; currency: Currency; onChange: (b: BidInput) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const n = i + 1;
  const setLine = (k: number, l: BidLineInput) => onChange({ ...bid, lines: bid.lines.map((x, j) => (j === k ? l : x)) });
  return (
    <fieldset className="bid-card" data-bid={i}>
      <legend>
        #{n} {bid.vendor}
      </legend>
      <div className="form-grid4">
        <label className="num-field wide2">
          <span>{t('bids.vendor')}</span>
          <input aria-label={`${t('bids.vendor')} ${n}`} value={bid.vendor} maxLength={200} onChange={(e) => onChange({ ...bid, vendor: e.target.value })} />
        </label>
        <label className="num-field wide2">
          <span>{t('bids.offer')}</span>
          <input aria-label={`${t('bids.offer')} ${n}`} value={bid.name ?? ''} maxLength={200} onChange={(e) => onChange({ ...bid, name: e.target.value })} />
        </label>
        <NumberField label={t('bids.deliveryWeeks')} id={`delivery-${n}`} value={bid.deliveryWeeks} min={0} max={520} onChange={(v) => v !== undefined && onChange({ ...bid, deliveryWeeks: v })} />
        <NumberField label={t('bids.warrantyYears')} id={`warranty-${n}`} value={bid.warrantyYears} min={0} max={50} onChange={(v) => v !== undefined && onChange({ ...bid, warrantyYears: v })} />
        <label className="num-field check">
          <span>{t('bids.vatIncluded')}</span>
          <input type="checkbox" aria-label={`${t('bids.vatIncluded')} ${n}`} checked={bid.vatIncluded ?? false} onChange={(e) => onChange({ ...bid, vatIncluded: e.target.checked })} />
        </label>
        <DateField label={t('bids.validUntil')} ariaLabel={`${t('bids.validUntil')} ${n}`} id={`valid-${n}`} value={bid.validUntil} optional onChange={(v) => onChange({ ...bid, validUntil: v })} />
        <label className="num-field">
          <span>{t('bids.paymentTerms')}</span>
          <input aria-label={`${t('bids.paymentTerms')} ${n}`} value={bid.paymentTerms ?? ''} maxLength={500} onChange={(e) => onChange({ ...bid, paymentTerms: e.target.value })} />
        </label>
      </div>
      <TechnicalResponse bid={bid} n={n} />
      <table className="lines bid-lines">
        <thead>
          <tr>
            <th>{t('bids.accelerator')}</th>
            <th>{t('bids.count')}</th>
            <th>{t('bids.unitPrice')}</th>
            <th>{t('bids.hostPrice')}</th>
            <th>
              <span className="sr-only">{t('bids.removeLine')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bid.lines.map((l, k) => (
            <LineRow key={k} line={l} n={`${n}.${k + 1}`} currency={currency} onChange={(x) => setLine(k, x)} onRemove={() => onChange({ ...bid, lines: bid.lines.filter((_, j) => j !== k) })} />
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button onClick={() => onChange({ ...bid, lines: [...bid.lines, { accelerator: 'ascend-910b', count: 8, unitPrice: { amount: 120_000, currency } }] })}>+ {t('bids.addLine')}</button>
        <button className="danger" onClick={onRemove}>
          {t('bids.removeBid')}
        </button>
      </div>
    </fieldset>
  );
}

export function BidEditor({ file, onChange }: { file: BidFileInput; onChange: (f: BidFileInput) => void }) {
  const { t } = useTranslation();
  const currency: Currency = file.currency ?? 'CNY';
  const setBids = (bids: BidInput[]) => onChange({ ...file, bids });
  return (
    <section className="card bid-editor" aria-label={t('bids.bidsList')}>
      <h2>
        {t('bids.bidsList')} ({file.bids.length})
      </h2>
      {file.bids.map((b, i) => (
        <BidCard key={i} bid={b} i={i} currency={currency} onChange={(x) => setBids(file.bids.map((y, j) => (j === i ? x : y)))} onRemove={() => setBids(file.bids.filter((_, j) => j !== i))} />
      ))}
      <button className="primary" onClick={() => setBids([...file.bids, { ...newBid(file.bids.length + 1, currency), vendor: t('bids.newVendor', { n: file.bids.length + 1 }) }])}>
        + {t('bids.addBid')}
      </button>
    </section>
  );
}
