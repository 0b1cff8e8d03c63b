/**
 * Import page state: the chosen file (as base64), the options sent with every preview, the
 * latest preview, which rows the user accepts, and the import history. The main process parses
 * the file on every preview and again on commit; nothing computed here is trusted there.
 */
import { create } from 'zustand';
import {
  MAX_IMPORT_FILE_BYTES,
  type ColumnOverride,
  type ImportBatchView,
  type ImportField,
  type ImportPreview,
  type ImportPreviewInput,
  type PreviewRow,
  type RowStatus,
} from '../../../shared/contract/import';
import { exVat, inclVat, type Currency } from '../../../shared/money';
import { call } from '../api/client';
import { readBase64 } from '../files';
import { toastDone, toastError } from './toast';
import { useCatalog } from './catalog';

/** Extensions the import reads; a dropped .json stays a scenario file (see App.tsx). */
export const IMPORT_ACCEPT = '.xlsx,.csv,.tsv,.txt';
export const isImportFileName = (name: string): boolean => /\.(xlsx|csv|tsv|txt)$/i.test(name);

export interface ImportOptions {
  sheet?: string;
  headerRow?: number;
  supplier?: string;
  vatRate?: number;
  /** undefined: as the sheet says (CNY taken as incl. VAT, others excl.). */
  vatIncluded?: boolean;
  createUnknown: boolean;
  /** The full mapping once the user has changed a column; undefined = detected or remembered. */
  mapping?: ColumnOverride[];
}

/** Errors raised here (not by the API) carry an i18n key and values. */
export interface LocalError {
  key: string;
  values?: Record<string, string | number>;
}

export interface CommitSummary {
  importId: number;
  fileName: string;
  quotes: number;
  newQuotes: number;
  priceChanges: number;
  unchanged: number;
  createdParts: number;
  createdServers: number;
}

export type StatusFilter = RowStatus | 'all';

interface ImportState {
  file: { name: string; size: number; base64: string } | null;
  options: ImportOptions;
  preview: ImportPreview | null;
  /** Where the mapping came from before the user changed anything. */
  baseSource: ImportPreview['mappingSource'];
  /** Columns whose field the user set. */
  userColumns: number[];
  selected: Set<number>;
  filter: StatusFilter;
  busy: 'reading' | 'previewing' | 'committing' | 'undoing' | null;
  error: string | LocalError | null;
  committed: CommitSummary | null;
  undone: number | null;
  history: ImportBatchView[];
  open(file: File): Promise<void>;
  setOptions(patch: Partial<ImportOptions>, resetMapping?: boolean): Promise<void>;
  setColumnField(column: number, field: ImportField | null): Promise<void>;
  toggleRow(row: number, on: boolean): void;
  setAllShown(rows: readonly PreviewRow[], on: boolean): void;
  setFilter(f: StatusFilter): void;
  commit(): Promise<void>;
  undo(importId: number): Promise<void>;
  loadHistory(): Promise<void>;
  clear(): void;
  dismissMessages(): void;
}

const DEFAULT_OPTIONS: ImportOptions = { createUnknown: false };

/** Rows that commit can write: the rest are errors or skipped. */
export const isCommittable = (r: PreviewRow): boolean => r.status === 'new' || r.status === 'unchanged' || r.status === 'price-change';

function previewInput(s: Pick<ImportState, 'file' | 'options'>): ImportPreviewInput {
  const { file, options: o } = s;
  const input: ImportPreviewInput = { fileName: file!.name, dataBase64: file!.base64, createUnknown: o.createUnknown };
  if (o.sheet !== undefined) input.sheet = o.sheet;
  if (o.headerRow !== undefined) input.headerRow = o.headerRow;
  if (o.supplier !== undefined) input.supplier = o.supplier;
  if (o.vatRate !== undefined) input.vatRate = o.vatRate;
  if (o.vatIncluded !== undefined) input.vatIncluded = o.vatIncluded;
  if (o.mapping) input.mapping = o.mapping;
  return input;
}

async function refreshElsewhere(): Promise<void> {
  // Prices changed (and parts may be new): the listing and the snapshot every page evaluates against.
  await useCatalog.getState().load();
}

// A newer preview request makes the answer of an older one stale.
let previewSeq = 0;

export const useImport = create<ImportState>((set, get) => {
  async function runPreview(): Promise<void> {
    const seq = ++previewSeq;
    set({ busy: 'previewing', error: null });
    try {
      const preview = await call('import:preview', previewInput(get()));
      if (seq !== previewSeq) return;
      const first = get().preview === null || get().options.mapping === undefined;
      set({
        preview,
        busy: null,
        selected: new Set(preview.rows.filter((r) => r.accepted).map((r) => r.row)),
        ...(first && { baseSource: preview.mappingSource }),
      });
    } catch (e) {
      if (seq !== previewSeq) return;
      set({ busy: null, error: (e as Error).message });
    }
  }

  return {
    file: null,
    options: DEFAULT_OPTIONS,
    preview: null,
    baseSource: 'detected',
    userColumns: [],
    selected: new Set(),
    filter: 'all',
    busy: null,
    error: null,
    committed: null,
    undone: null,
    history: [],

    async open(file) {
      set({ committed: null, undone: null, error: null });
      if (!isImportFileName(file.name)) return set({ error: { key: 'importPage.errors.type', values: { file: file.name } } });
      if (file.size === 0) return set({ error: { key: 'importPage.errors.empty', values: { file: file.name } } });
      if (file.size > MAX_IMPORT_FILE_BYTES) {
        return set({ error: { key: 'importPage.errors.tooLarge', values: { file: file.name, mb: Math.floor(MAX_IMPORT_FILE_BYTES / 1024 / 1024) } } });
      }
      set({ busy: 'reading' });
      let base64: string;
      try {
        base64 = await readBase64(file);
      } catch {
        return set({ busy: null, error: { key: 'importPage.errors.read', values: { file: file.name } } });
      }
      set({ file: { name: file.name, size: file.size, base64 }, options: DEFAULT_OPTIONS, preview: null, userColumns: [], filter: 'all' });
      await runPreview();
      // A file that cannot be read at all leaves nothing to adjust.
      if (!get().preview) set({ file: null });
    },

    async setOptions(patch, resetMapping = false) {
      if (!get().file) return;
      const options = { ...get().options, ...patch };
      if (resetMapping) {
        delete options.mapping;
        set({ userColumns: [] });
      }
      set({ options });
      await runPreview();
    },

    async setColumnField(column, field) {
      const p = get().preview;
      if (!p) return;
      // Send the whole mapping so the answer is exactly what the user sees, with one field per column.
      const mapping: ColumnOverride[] = p.columns.map((c) => {
        const f = c.column === column ? field : c.field === field ? null : c.field;
        const o: ColumnOverride = { column: c.column, field: f };
        if (f !== null) o.multiplier = c.multiplier;
        if (f !== null && c.currency) o.currency = c.currency;
        if (f !== null && c.vatIncluded !== undefined) o.vatIncluded = c.vatIncluded;
        return o;
      });
      set({ options: { ...get().options, mapping }, userColumns: [...new Set([...get().userColumns, column])] });
      await runPreview();
    },

    toggleRow(row, on) {
      const selected = new Set(get().selected);
      if (on) selected.add(row);
      else selected.delete(row);
      set({ selected });
    },

    setAllShown(rows, on) {
      const selected = new Set(get().selected);
      for (const r of rows) {
        if (!isCommittable(r)) continue;
        if (on) selected.add(r.row);
        else selected.delete(r.row);
      }
      set({ selected });
    },

    setFilter(filter) {
      set({ filter });
    },

    async commit() {
      const s = get();
      if (!s.file || !s.preview || s.selected.size === 0) return;
      set({ busy: 'committing', error: null, committed: null, undone: null });
      try {
        const r = await call('import:commit', { ...previewInput(s), rows: [...s.selected].sort((a, b) => a - b) });
        const written = r.preview.rows.filter((row) => row.accepted);
        const count = (st: RowStatus) => written.filter((row) => row.status === st).length;
        set({
          busy: null,
          file: null,
          preview: null,
          options: DEFAULT_OPTIONS,
          userColumns: [],
          selected: new Set(),
          committed: {
            importId: r.importId,
            fileName: r.preview.fileName,
            quotes: r.quotes,
            newQuotes: count('new'),
            priceChanges: count('price-change'),
            unchanged: count('unchanged'),
            createdParts: r.createdParts.length,
            createdServers: r.createdServers.length,
          },
        });
        toastDone('toast.importCommitted', { id: r.importId, quotes: r.quotes });
        await Promise.all([get().loadHistory(), refreshElsewhere()]);
      } catch (e) {
        set({ busy: null, error: (e as Error).message });
        toastError(e);
      }
    },

    async undo(importId) {
      set({ busy: 'undoing', error: null, committed: null, undone: null });
      try {
        await call('import:undo', { importId });
        set({ busy: null, undone: importId });
        toastDone('toast.importUndone', { id: importId });
        await Promise.all([get().loadHistory(), refreshElsewhere()]);
        // The preview's old → new comparisons changed with the history.
        if (get().file) await runPreview();
      } catch (e) {
        set({ busy: null, error: (e as Error).message });
        toastError(e);
      }
    },

    async loadHistory() {
      try {
        set({ history: await call('import:list', {}) });
      } catch (e) {
        set({ error: (e as Error).message });
      }
    },

    clear() {
      previewSeq++;
      set({ file: null, preview: null, options: DEFAULT_OPTIONS, userColumns: [], selected: new Set(), error: null, busy: null, filter: 'all' });
    },

    dismissMessages() {
      set({ error: null, committed: null, undone: null });
    },
  };
});

/** The rows the status filter lets through (call inside useMemo: it makes a new array). */
export function filterRows(rows: readonly PreviewRow[], filter: StatusFilter): readonly PreviewRow[] {
  return filter === 'all' ? rows : rows.filter((r) => r.status === filter);
}

/** A row's price ex and incl. VAT, in its currency (from the VAT rules in shared/money). */
export function rowPrices(r: PreviewRow): { exVat: number; inclVat: number; currency: Currency } | undefined {
  if (r.price === undefined || r.currency === undefined) return undefined;
  const rate = r.vatRate ?? 0;
  const ex = r.priceExVat ?? exVat(r.price, r.vatIncluded ?? false, rate, r.currency);
  return { exVat: ex, inclVat: r.vatIncluded ? r.price : inclVat(r.price, rate, r.currency), currency: r.currency };
}

/** Where a column's meaning came from, as the mapping table shows it. */
export function columnSource(s: Pick<ImportState, 'userColumns' | 'baseSource'>, column: number): 'detected' | 'remembered' | 'user' {
  if (s.userColumns.includes(column)) return 'user';
  return s.baseSource === 'remembered' ? 'remembered' : 'detected';
}
