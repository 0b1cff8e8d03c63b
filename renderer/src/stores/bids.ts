/**
 * The bid set being edited (a bid file as JSON, exactly what is saved and exported), the saved
 * sets, and exports. The evaluation is the shared code's (hooks/useBidEvaluation), never the page's.
 */
import { create } from 'zustand';
import type { BidSetSummary } from '../../../shared/contract/bids';
import { isBidFileJson, type BidFileInput } from '../../../shared/bids/schema';
import { call } from '../api/client';
import i18next from '../i18n';
import { readBase64, safeFileName, saveBase64, saveTextFile } from '../files';
import { useCatalog } from './catalog';
import { exportReport, type ReportKind } from './report';

export type BidInput = BidFileInput['bids'][number];
export type BidLineInput = BidInput['lines'][number];

export function newBid(n: number, currency = 'CNY'): BidInput {
  return {
    vendor: `Vendor ${n}`,
    name: '',
    vatIncluded: false,
    vatRate: 0.13,
    deliveryWeeks: 12,
    warrantyYears: 3,
    paymentTerms: '',
    lines: [{ accelerator: 'ascend-910b', count: 128, unitPrice: { amount: 120_000, currency: currency as 'CNY' } }],
  };
}

/** A new set: DeepSeek-V3 at the western hub, 20,000 output tokens/s, no bids yet. */
export function newBidFile(title: string): BidFileInput {
  return {
    kind: 'bids',
    version: 1,
    title,
    documentNumber: '',
    preparedBy: '',
    currency: 'CNY',
    requirement: {
      name: title,
      site: 'west-china',
      workload: { model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
      minOutputTokensPerSecond: 20_000,
      constraints: {},
    },
    scoring: { evaluatedPrice: 'capex', includeVat: false, weights: { price: 40, costPerMTok: 25, tokensPerWatt: 15, supplyRisk: 12, delivery: 8 } },
    bids: [],
  };
}

interface BidsState {
  file: BidFileInput | null;
  savedId: number | null;
  sets: BidSetSummary[];
  message: string | null;
  error: string | null;
  busy: 'pdf' | 'xlsx' | 'template' | 'import' | null;
  load(): Promise<void>;
  setFile(file: BidFileInput): void;
  openText(fileName: string, text: string): boolean;
  save(): Promise<void>;
  openSaved(id: number): Promise<void>;
  deleteSaved(id: number): Promise<void>;
  saveFile(): void;
  exportReport(kind: ReportKind, lang: string): Promise<void>;
  /** The bid template (XLSX) of the open set's requirement, saved as a download. */
  /** The bid template (XLSX a supplier fills in) of the open set, or of `forFile` (a shipped example's). */
  downloadTemplate(forFile?: BidFileInput): Promise<void>;
  /** A supplier's filled template read into a bid of the open set (and saved, when the set is saved). */
  importTemplate(file: File): Promise<void>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const useBids = create<BidsState>((set, get) => ({
  file: null,
  savedId: null,
  sets: [],
  message: null,
  error: null,
  busy: null,
  async load() {
    const [sets] = await Promise.all([call('bids:list'), useCatalog.getState().ensureLoaded()]);
    set({ sets });
  },
  setFile: (file) => set({ file, error: null }),
  openText(fileName, text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      set({ error: `${fileName}: ${(e as Error).message}` });
      return false;
    }
    if (!isBidFileJson(json)) {
      set({ error: `${fileName}: not a bid file (expected "kind": "bids")` });
      return false;
    }
    set({ file: json as BidFileInput, savedId: null, error: null, message: fileName });
    return true;
  },
  async save() {
    const f = get().file;
    if (!f) return;
    try {
      const r = await call('bids:save', { ...(get().savedId ? { id: get().savedId! } : {}), name: f.title || f.requirement.name || 'Bids', body: f });
      set({ savedId: r.id, sets: await call('bids:list'), error: null, message: r.name });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  async openSaved(id) {
    const r = await call('bids:get', { id });
    set({ file: r.body as BidFileInput, savedId: r.id, error: null, message: r.name });
  },
  async deleteSaved(id) {
    await call('bids:delete', { id });
    set({ sets: await call('bids:list'), savedId: get().savedId === id ? null : get().savedId });
  },
  saveFile() {
    const f = get().file;
    if (f) saveTextFile(`${safeFileName(f.title || 'bids')}.json`, JSON.stringify(f, null, 2) + '\n');
  },
  async exportReport(kind, lang) {
    const f = get().file;
    if (!f) return;
    set({ busy: kind, error: null });
    try {
      set({ message: await exportReport(kind, { bidFile: f }, lang) });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ busy: null });
    }
  },
  async downloadTemplate(forFile) {
    const f = forFile ?? get().file;
    if (!f) return;
    set({ busy: 'template', error: null });
    try {
      const r = await call('bids:template', { bidFile: f });
      saveBase64(r.fileName, r.dataBase64, XLSX_TYPE);
      set({ message: i18next.t('bidTemplate.ui.downloaded', { file: r.fileName }) });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ busy: null });
    }
  },
  async importTemplate(picked) {
    const f = get().file;
    if (!f) return;
    set({ busy: 'import', error: null });
    try {
      const dataBase64 = await readBase64(picked);
      const id = get().savedId;
      // a saved set gets the bid in the database (one transaction); the editor adds it to what is open either way
      const r = await call('bids:template-import', { fileName: picked.name, dataBase64, ...(id !== null ? { id } : { bidFile: f }) });
      const open = get().file ?? f;
      set({
        file: { ...open, bids: [...open.bids, r.bid as BidInput] },
        message: i18next.t('bidTemplate.ui.imported', { vendor: r.bid.vendor, file: picked.name, n: open.bids.length + 1 }),
        ...(r.record ? { sets: await call('bids:list') } : {}),
      });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ busy: null });
    }
  },
}));
