/** The catalog: a sortable, filterable, virtualized table of parts, a details panel and the editor. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type SortingFn,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import type { CatalogRow } from '../../../shared/contract/catalog';
import { normalizeName } from '../../../shared/domain/match';
import { localName } from '../../../shared/domain/catalog';
import { formatQuantity, type Quantity } from '../../../shared/format';
import { formatMajor } from '../../../shared/money';
import { useShallow } from 'zustand/react/shallow';
import { useCatalog, selectAccelerators, selectMemoryTypes, selectVendorNames, selectVendors } from '../stores/catalog';
import { useQuotes } from '../stores/quotes';
import { AcceleratorDetail } from '../components/AcceleratorDetail';
import { AcceleratorEditor } from '../components/AcceleratorEditor';
import { ColumnChooser } from '../components/ColumnChooser';
import { CatalogGrid } from './CatalogGrid';
import { sayStored } from '../../../shared/domain/stored-words';

/** A search in either language: a vendor is found by its name and its Chinese name (华为 finds Huawei). */
const searchWith =
  (vendorZh: ReadonlyMap<string, string>): FilterFn<CatalogRow> =>
  (row, _col, query: string) => {
    const q = normalizeName(query);
    if (!q) return true;
    const a = row.original;
    return [a.vendor, vendorZh.get(a.vendor) ?? '', a.model, a.slug, a.memoryType, a.softwareStack, ...a.aliases].some((s) => s && normalizeName(s).includes(q));
  };

// Text columns sort by one kept collator, digits as numbers ("H20" before "H100"): TanStack's
// default for text (alphanumeric) splits both strings with a regular expression on every
// comparison: 10,000 parts sorted by model took 0.34–0.63 s that way and 0.05–0.09 s with the
// collator (by vendor 0.09–0.14 s against 0.02–0.04 s; Node, 2 busy cores).
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byText: SortingFn<CatalogRow> = (a, b, id) => collator.compare(a.getValue<string>(id), b.getValue<string>(id));

/** Catalog figures with the decimals of their quantity (shared/format, cached formatters): TDP "1,000", bandwidth "3.28". */
const fig = (q: Quantity) => (v: number | undefined) => (v === undefined ? '–' : formatQuantity(q, v));
const num = fig('tflops');
const gb = fig('gb');
const bandwidth = fig('bandwidthTBps');
const watts = fig('watts');
const gbps = fig('gbps');

export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const parts = useCatalog(selectAccelerators);
  const vendorList = useCatalog(selectVendors);
  const vendorZh = useMemo(() => new Map(vendorList.filter((v) => v.nameZh).map((v) => [v.name, v.nameZh])), [vendorList]);
  const vendorName = useCallback((name: string) => localName({ name, nameZh: vendorZh.get(name) }, i18n.language), [vendorZh, i18n.language]);
  const matchesSearch = useMemo(() => searchWith(vendorZh), [vendorZh]);
  const load = useCatalog((s) => s.load);
  const select = useCatalog((s) => s.select);
  const selectedSlug = useCatalog((s) => s.selectedSlug);
  const error = useCatalog((s) => s.error);
  const exportCatalog = useQuotes((s) => s.exportCatalog);
  const vendors = useCatalog(useShallow(selectVendorNames));
  const memoryTypes = useCatalog(useShallow(selectMemoryTypes));
  const [sorting, setSorting] = useState<SortingState>([{ id: 'vendor', desc: false }]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({ generation: false, releaseYear: false, formFactor: false });
  const [editing, setEditing] = useState<{ slug: string | null } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnDef<CatalogRow>[]>(
    () => [
      { id: 'vendor', accessorKey: 'vendor', header: t('catalog.cols.vendor'), filterFn: 'equalsString', sortingFn: byText, cell: (c) => vendorName(c.getValue<string>()) },
      {
        id: 'model',
        accessorKey: 'model',
        sortingFn: byText,
        header: t('catalog.cols.model'),
        cell: (c) => (
          <span>
            {c.row.original.model}
            {c.row.original.userEdited && <span className="badge edited">{t('catalog.edited')}</span>}
          </span>
        ),
      },
      { id: 'memoryGB', accessorKey: 'memoryGB', header: t('catalog.cols.memoryGB'), cell: (c) => gb(c.getValue<number>()), meta: { numeric: true } },
      { id: 'memoryType', accessorKey: 'memoryType', header: t('catalog.cols.memoryType'), filterFn: 'equalsString', sortingFn: byText, cell: (c) => sayStored(c.getValue<string>(), t) },
      { id: 'memoryBandwidthTBps', accessorKey: 'memoryBandwidthTBps', header: t('catalog.cols.memoryBandwidthTBps'), cell: (c) => bandwidth(c.getValue<number>()), meta: { numeric: true } },
      { id: 'bf16', accessorFn: (a) => a.tflops.bf16 ?? a.tflops.fp16, header: t('catalog.cols.bf16'), cell: (c) => num(c.getValue<number | undefined>()), sortUndefined: 'last', meta: { numeric: true } },
      { id: 'fp8', accessorFn: (a) => a.tflops.fp8, header: t('catalog.cols.fp8'), cell: (c) => num(c.getValue<number | undefined>()), sortUndefined: 'last', meta: { numeric: true } },
      { id: 'int8', accessorFn: (a) => a.tflops.int8, header: t('catalog.cols.int8'), cell: (c) => num(c.getValue<number | undefined>()), sortUndefined: 'last', meta: { numeric: true } },
      { id: 'tdpW', accessorKey: 'tdpW', header: t('catalog.cols.tdpW'), cell: (c) => watts(c.getValue<number>()), meta: { numeric: true } },
      { id: 'scaleUpGBps', accessorKey: 'scaleUpGBps', header: t('catalog.cols.scaleUpGBps'), cell: (c) => gbps(c.getValue<number | undefined>()), meta: { numeric: true } },
      { id: 'formFactor', accessorKey: 'formFactor', header: t('catalog.cols.formFactor'), sortingFn: byText, cell: (c) => sayStored(c.getValue<string>(), t) },
      { id: 'softwareStack', accessorKey: 'softwareStack', header: t('catalog.cols.softwareStack'), sortingFn: byText },
      { id: 'releaseYear', accessorKey: 'releaseYear', header: t('catalog.cols.releaseYear'), meta: { numeric: true } },
      {
        id: 'domestic',
        sortingFn: byText,
        accessorFn: (a) => (a.domestic ? 'domestic' : 'foreign'),
        header: t('catalog.origin'),
        cell: (c) => (c.row.original.domestic ? t('catalog.domestic') : t('catalog.foreign')),
        filterFn: 'equalsString',
      },
      { id: 'exportCN', accessorKey: 'exportCN', header: t('catalog.cols.exportCN'), sortingFn: byText, cell: (c) => t(`export.${c.getValue<string>()}`) },
      {
        id: 'price',
        accessorFn: (a) => a.bestPrice?.price,
        header: t('catalog.cols.price'),
        sortUndefined: 'last',
        meta: { numeric: true },
        cell: (c) => {
          const p = c.row.original.bestPrice;
          return p ? (
            <span>
              {formatMajor(p.price, p.currency)}
              {p.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
            </span>
          ) : (
            '–'
          );
        },
      },
    ],
    [t, vendorName],
  );

  const table = useReactTable({
    data: parts,
    columns,
    state: { sorting, columnFilters, globalFilter, columnVisibility },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    onColumnVisibilityChange: setColumnVisibility,
    globalFilterFn: matchesSearch,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const rows = table.getRowModel().rows;
  const filterValue = (id: string) => (columnFilters.find((f) => f.id === id)?.value as string | undefined) ?? '';
  const setFilter = (id: string, value: string) => table.getColumn(id)?.setFilterValue(value || undefined);
  const visibleColumns = table.getVisibleLeafColumns();
  const template = visibleColumns.map((c) => (c.id === 'model' ? 'minmax(170px, 2.2fr)' : c.id === 'vendor' || c.id === 'price' ? 'minmax(96px, 1.2fr)' : 'minmax(64px, 1fr)')).join(' ');

  return (
    <div className="page catalog-page">
      <header className="page-header">
        <h1>{t('catalog.title')}</h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label={t('common.search')}
            placeholder={t('catalog.searchPlaceholder')}
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
          />
          <label>
            {t('catalog.vendor')}
            <select aria-label={t('catalog.vendor')} value={filterValue('vendor')} onChange={(e) => setFilter('vendor', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {vendors.map((v) => (
                <option key={v} value={v}>
                  {vendorName(v)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('catalog.memoryType')}
            <select aria-label={t('catalog.memoryType')} value={filterValue('memoryType')} onChange={(e) => setFilter('memoryType', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {memoryTypes.map((v) => (
                <option key={v} value={v}>
                  {sayStored(v, t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('catalog.origin')}
            <select aria-label={t('catalog.origin')} value={filterValue('domestic')} onChange={(e) => setFilter('domestic', e.target.value)}>
              <option value="">{t('common.all')}</option>
              <option value="domestic">{t('catalog.domestic')}</option>
              <option value="foreign">{t('catalog.foreign')}</option>
            </select>
          </label>
          <ColumnChooser table={table} />
          <button onClick={() => void exportCatalog('xlsx')}>{t('quotes.exportCatalogXlsx')}</button>
          <button onClick={() => void exportCatalog('csv')}>{t('quotes.exportCatalogCsv')}</button>
          <button className="primary" onClick={() => setEditing({ slug: null })}>
            {t('catalog.addAccelerator')}
          </button>
        </div>
      </header>
      {error && <div className="error-banner" role="alert">{error}</div>}
      <div className="catalog-body">
        <div className="grid" role="table" aria-rowcount={rows.length} style={{ ['--cols' as string]: template }}>
          <div className="grid-head" role="rowgroup">
            {table.getHeaderGroups().map((hg) => (
              <div className="grid-row" role="row" key={hg.id}>
                {hg.headers.map((h) => {
                  const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  const dir = h.column.getIsSorted();
                  return (
                    <button
                      key={h.id}
                      role="columnheader"
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                      className={`cell head${numeric ? ' num' : ''}`}
                      onClick={h.column.getToggleSortingHandler()}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
          <CatalogGrid rows={rows} selectedSlug={selectedSlug} onSelect={select} emptyText={t('catalog.noResults')} />
          <div className="grid-foot">{t('catalog.count', { shown: rows.length, total: parts.length })}</div>
        </div>
        {selectedSlug && !editing && <AcceleratorDetail onEdit={() => setEditing({ slug: selectedSlug })} />}
        {editing && <AcceleratorEditor slug={editing.slug} onClose={() => setEditing(null)} />}
      </div>
    </div>
  );
}
