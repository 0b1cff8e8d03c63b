/**
 * Price history of the part open in the catalog's detail panel, and the quotes entered by hand
 * there: add, correct (a new quote superseding), retire. A write reloads the catalog, so the
 * price every page uses follows at once. The form's text is read by shared/domain/manual-quote
 * (the CLI reads it the same way); problems come back per field as UI string keys.
 */
import { create } from 'zustand';
import type { PriceHistory } from '../../../shared/contract/quotes';
import { readQuoteForm, manualQuoteOf, type FormIssue, type QuoteFormText } from '../../../shared/domain/manual-quote';
import type { PriceHistoryRow } from '../../../shared/domain/price-history';
import type { Lang } from '../../../shared/i18n/translate';
import { ApiCallError, call } from '../api/client';
import { saveBase64 } from '../files';
import { useCatalog } from './catalog';
import { useSettings } from './settings';

/** A write's answer: done (with a notice to show), or the problems, per field where known. */
export type WriteResult = { ok: true; notice: { key: string; vars: Record<string, string | number> }; vatAssumed: boolean } | { ok: false; issues: FormIssue[]; message: string | null };

export interface QuotesState {
  item: string | null;
  history: PriceHistory | null;
  error: string | null;
  load(item: string | null): Promise<void>;
  add(form: QuoteFormText): Promise<WriteResult>;
  correct(row: PriceHistoryRow, form: QuoteFormText): Promise<WriteResult>;
  retire(id: number, reason: string): Promise<WriteResult>;
  exportHistory(format: 'xlsx' | 'csv'): Promise<void>;
  exportCatalog(format: 'xlsx' | 'csv'): Promise<void>;
}

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' } as const;

/** After a write: every page's prices, and the detail panel's quote list, read again. */
async function refreshCatalog(): Promise<void> {
  const c = useCatalog.getState();
  await c.load();
  if (c.selectedSlug) await c.select(c.selectedSlug);
}

function failed(e: unknown): WriteResult {
  return { ok: false, issues: [], message: e instanceof ApiCallError || e instanceof Error ? e.message : String(e) };
}

export const useQuotes = create<QuotesState>((set, get) => ({
  item: null,
  history: null,
  error: null,
  async load(item) {
    set({ item, history: get().item === item ? get().history : null, error: null });
    if (!item) return;
    try {
      const history = await call('quotes:history', { item });
      if (get().item === item) set({ history });
    } catch (e) {
      if (get().item === item) set({ error: (e as Error).message });
    }
  },
  async add(form) {
    const { item, history } = get();
    if (!item || !history) return { ok: false, issues: [], message: null };
    const r = readQuoteForm(form, history.today);
    if (!r.ok) return { ok: false, issues: r.issues, message: null };
    try {
      const w = await call('quotes:add', { item, quote: r.value, vatAssumed: r.vatAssumed });
      set({ history: w.history });
      await refreshCatalog();
      return { ok: true, notice: { key: 'quotes.added', vars: { id: w.id, supplier: r.value.supplier } }, vatAssumed: w.vatAssumed };
    } catch (e) {
      return failed(e);
    }
  },
  async correct(row, form) {
    const { history } = get();
    if (!history) return { ok: false, issues: [], message: null };
    try {
      const old = await call('quotes:get', { id: row.id });
      const r = readQuoteForm(form, history.today, { base: manualQuoteOf(old) });
      if (!r.ok) return { ok: false, issues: r.issues, message: null };
      const w = await call('quotes:correct', { id: row.id, quote: r.value, vatAssumed: r.vatAssumed });
      set({ history: w.history });
      await refreshCatalog();
      return { ok: true, notice: { key: 'quotes.corrected', vars: { id: w.id, old: row.id } }, vatAssumed: w.vatAssumed };
    } catch (e) {
      return failed(e);
    }
  },
  async retire(id, reason) {
    if (!reason.trim()) return { ok: false, issues: [], message: null };
    try {
      const history = await call('quotes:retire', { id, reason });
      set({ history });
      await refreshCatalog();
      return { ok: true, notice: { key: 'quotes.retired', vars: { id } }, vatAssumed: false };
    } catch (e) {
      return failed(e);
    }
  },
  async exportHistory(format) {
    const { item } = get();
    if (!item) return;
    const f = await call('quotes:export', { item, format, lang: useSettings.getState().language as Lang });
    saveBase64(f.fileName, f.dataBase64, MIME[format]);
  },
  async exportCatalog(format) {
    const f = await call('catalog:export', { format, lang: useSettings.getState().language as Lang });
    saveBase64(f.fileName, f.dataBase64, MIME[format]);
  },
}));
