/** The preview's rows: counts and a filter by status, then a virtualized table with a checkbox per row. */
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportCounts, ImportPreview, PreviewRow, RowStatus } from '../../../shared/contract/import';
import { formatMajor } from '../../../shared/money';
import { useImport, filterRows, isCommittable, rowPrices, type StatusFilter } from '../stores/import';
import { say } from '../i18n';

const STATUS_KEY: Record<RowStatus, keyof Omit<ImportCounts, 'total'>> = {
  new: 'new',
  unchanged: 'unchanged',
  'price-change': 'priceChange',
  error: 'error',
  skipped: 'skipped',
};
const FILTERS: StatusFilter[] = ['all', 'new', 'price-change', 'unchanged', 'error', 'skipped'];

function ItemCell({ r }: { r: PreviewRow }) {
  const { t } = useTranslation();
  let detail: string | null = null;
  if (r.server) {
    detail = `${t('importPage.server', {
      cards: r.server.cards,
      card: r.match?.name ?? r.server.cardSlug,
      perCard: r.server.perCardExVat !== undefined && r.currency ? formatMajor(r.server.perCardExVat, r.currency) : '–',
    })} · ${r.server.name}${r.server.create ? ` (${t('importPage.newPlatform')})` : ''}`;
  } else if (r.createPart) detail = t('importPage.createPart', { vendor: r.createPart.vendor, model: r.createPart.model });
  else if (r.match) detail = `→ ${r.match.name}`;
  const skipReason = r.skipReason === undefined ? undefined : say({ message: r.skipReason, i18n: r.skipReasonI18n });
  if (detail === null && skipReason) detail = skipReason;
  else if (detail === null && r.status === 'error' && r.text && r.issues.length === 0) detail = t('importPage.noMatch');
  const kind = r.kind === 'server-purchase' ? 'server' : r.kind ? 'card' : null;
  return (
    <div className="import-item">
      <span className="item-text" title={r.text}>
        {kind && <span className={`badge kind-${kind}`}>{t(`importPage.kinds.${kind}`)}</span>} {r.text || '–'}
      </span>
      {detail && (
        <span className={`item-detail${r.createPart || r.server?.create ? ' create' : ''}`} title={detail}>
          {detail}
        </span>
      )}
      {skipReason && detail !== skipReason && <span className="item-detail">{skipReason}</span>}
      {r.needsConfirmation && r.confirmReason && (
        <span className="row-confirm" role="note">
          {t('importPage.needsConfirmation', { reason: say({ message: r.confirmReason, i18n: r.confirmReasonI18n }) })}
        </span>
      )}
      {r.warnings.some((w) => !w.message.startsWith('needs confirmation')) && (
        <ul className="row-warnings">
          {r.warnings
            .filter((w) => !w.message.startsWith('needs confirmation'))
            .map((w, n) => (
              <li key={n}>{w.column ? t('importPage.issue', { column: w.column, header: w.header, message: say(w) }) : say(w)}</li>
            ))}
        </ul>
      )}
      {r.issues.length > 0 && (
        <ul className="row-issues">
          {r.issues.map((i, n) => (
            <li key={n}>
              {i.column
                ? t('importPage.issue', { column: i.column, header: i.header, message: say(i) })
                : t('importPage.rowIssue', { row: i.row, message: say(i) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StatusCell({ r }: { r: PreviewRow }) {
  const { t } = useTranslation();
  const pct = r.changePct === undefined ? '' : `${r.changePct > 0 ? '+' : ''}${r.changePct} %`;
  return (
    <div className="import-status">
      <span className={`badge status-${r.status}`}>{t(`importPage.status.${STATUS_KEY[r.status]}`)}</span>
      {r.status === 'price-change' && r.previous && r.priceExVat !== undefined && r.currency && (
        <span className={`change ${(r.changePct ?? 0) < 0 ? 'down' : 'up'}`}>
          <span>{t('importPage.change', { old: formatMajor(r.previous.exVat, r.previous.currency), new: formatMajor(r.priceExVat, r.currency) })}</span>
          {pct && <span>{pct}</span>}
        </span>
      )}
    </div>
  );
}

function PriceCell({ r }: { r: PreviewRow }) {
  const { t } = useTranslation();
  const p = rowPrices(r);
  if (!p) return <>–</>;
  return (
    <div className="import-price">
      <span>{formatMajor(p.exVat, p.currency)}</span>
      <span className="muted small">{t('importPage.inclVat', { price: formatMajor(p.inclVat, p.currency) })}</span>
    </div>
  );
}

export function ImportRows({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const filter = useImport((s) => s.filter);
  const setFilter = useImport((s) => s.setFilter);
  const selected = useImport((s) => s.selected);
  const toggleRow = useImport((s) => s.toggleRow);
  const setAllShown = useImport((s) => s.setAllShown);
  const shown = useMemo(() => filterRows(preview.rows, filter), [preview.rows, filter]);
  const shownCommittable = shown.filter(isCommittable);
  const allShownOn = shownCommittable.length > 0 && shownCommittable.every((r) => selected.has(r.row));

  const columns = useMemo<ColumnDef<PreviewRow>[]>(
    () => [
      {
        id: 'select',
        header: () => (
          <input
            type="checkbox"
            aria-label={t('importPage.selectShown')}
            checked={allShownOn}
            disabled={shownCommittable.length === 0}
            onChange={(e) => setAllShown(shown, e.target.checked)}
          />
        ),
        cell: (c) => (
          <input
            type="checkbox"
            aria-label={t('importPage.selectRow', { row: c.row.original.row })}
            checked={selected.has(c.row.original.row)}
            disabled={!isCommittable(c.row.original)}
            onChange={(e) => toggleRow(c.row.original.row, e.target.checked)}
          />
        ),
      },
      { id: 'row', accessorKey: 'row', header: t('importPage.cols.row'), meta: { numeric: true } },
      { id: 'item', header: t('importPage.cols.item'), cell: (c) => <ItemCell r={c.row.original} /> },
      { id: 'price', header: t('importPage.cols.price'), cell: (c) => <PriceCell r={c.row.original} />, meta: { numeric: true } },
      {
        id: 'qty',
        header: t('importPage.cols.qty'),
        meta: { numeric: true },
        cell: (c) => (
          <div className="import-qty">
            <span>{c.row.original.qty ?? '–'}</span>
            {c.row.original.moq !== undefined && <span className="muted small">{t('importPage.moq', { n: c.row.original.moq })}</span>}
          </div>
        ),
      },
      {
        id: 'lead',
        header: t('importPage.cols.lead'),
        cell: (c) => (c.row.original.leadTimeWeeks === undefined ? '–' : t('importPage.weeks', { n: c.row.original.leadTimeWeeks })),
        meta: { numeric: true },
      },
      { id: 'validUntil', header: t('importPage.cols.validUntil'), cell: (c) => c.row.original.validUntil ?? '–' },
      { id: 'status', header: t('importPage.cols.status'), cell: (c) => <StatusCell r={c.row.original} /> },
    ],
    [t, selected, shown, allShownOn, shownCommittable.length, setAllShown, toggleRow],
  );

  const table = useReactTable({ data: shown as PreviewRow[], columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.row) });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 48,
    overscan: 10,
    // Sizes are cached by sheet row, so a filter change keeps them; rows are measured as they render.
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  const numeric = (meta: unknown) => (meta as { numeric?: boolean } | undefined)?.numeric;

  return (
    <section className="import-rows" aria-label={t('importPage.filter')}>
      <div className="status-filter" role="group" aria-label={t('importPage.filter')}>
        {FILTERS.map((f) => {
          const n = f === 'all' ? preview.counts.total : preview.counts[STATUS_KEY[f]];
          return (
            <button key={f} aria-pressed={filter === f} className={`chip status-${f}`} onClick={() => setFilter(f)} data-status={f}>
              {t(`importPage.status.${f === 'all' ? 'all' : STATUS_KEY[f]}`)} <span className="count">{n}</span>
            </button>
          );
        })}
      </div>
      <div className="grid import-grid" role="table" aria-rowcount={rows.length}>
        <div className="grid-head" role="rowgroup">
          {table.getHeaderGroups().map((hg) => (
            <div className="grid-row" role="row" key={hg.id}>
              {hg.headers.map((h) => (
                <div key={h.id} role="columnheader" className={`cell head${numeric(h.column.columnDef.meta) ? ' num' : ''}`}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </div>
              ))}
            </div>
          ))}
        </div>
        <div className="grid-scroll" ref={scrollRef}>
          {rows.length === 0 && <p className="empty">{t('importPage.noRows')}</p>}
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((vi) => {
              const row = rows[vi.index]!;
              const r = row.original;
              return (
                <div
                  key={row.id}
                  role="row"
                  data-index={vi.index}
                  data-row={r.row}
                  data-status={r.status}
                  ref={virtualizer.measureElement}
                  className={`grid-row body status-${r.status}${selected.has(r.row) ? ' checked' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${vi.start}px)` }}
                >
                  {row.getVisibleCells().map((c) => (
                    <div role="cell" key={c.id} className={`cell col-${c.column.id}${numeric(c.column.columnDef.meta) ? ' num' : ''}`}>
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
        <div className="grid-foot">{t('importPage.selected', { selected: selected.size, total: preview.counts.total })}</div>
      </div>
    </section>
  );
}
