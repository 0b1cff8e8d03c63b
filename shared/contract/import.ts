/**
 * API channels of the vendor price-sheet import: preview, commit, undo, list.
 * The file travels as base64 bytes; the main process parses it every time (commit re-runs the
 * preview), so nothing the client computed is ever trusted.
 */
import type { MessageRef } from '../i18n/translate';
import { z } from 'zod';
import { currencySchema, type Currency } from '../money';

/** What a sheet column can mean. `null` in a mapping = the column is ignored. */
export const IMPORT_FIELDS = [
  'item',
  'vendor',
  'supplier',
  'unitPrice',
  'totalPrice',
  'currency',
  'qty',
  'leadTime',
  'validUntil',
  'moq',
  'notes',
  'vat',
  'memory',
  'cards',
  /** A generic name column (货物名称, 设备名称, Description) when a model column says the part. */
  'name',
  /** Technical parameters (主要技术参数, 配置, Specification): extra evidence for the part and card count. */
  'spec',
  /** The unit of the quantity (单位: 台, 套, 张, node): a server unit makes a whole-server quote. */
  'unit',
] as const;
export const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;

/** Largest file accepted (the API argument limit is 20 MB of JSON, base64 adds a third). */
export const MAX_IMPORT_FILE_BYTES = 14 * 1024 * 1024;

/** An uploaded spreadsheet's bytes, base64 (standard alphabet): price sheets and filled bid templates. */
export const fileBytesSchema = z
  .string()
  .min(1, 'the file is empty')
  .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4, 'file too large (limit 14 MB)')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** A user-confirmed column: what it means and, for prices, its unit when the header does not say. */
export const columnOverrideSchema = z
  .object({
    column: z.number().int().min(0).max(499),
    field: importFieldSchema.nullable(),
    /** Multiplier from the cell's number to major units: 10000 for 万元, 1000 for "USD k". */
    multiplier: z.number().positive().max(1e8).optional(),
    currency: currencySchema.optional(),
    vatIncluded: z.boolean().optional(),
  })
  .strict();
export type ColumnOverride = z.infer<typeof columnOverrideSchema>;

const previewInputSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    dataBase64: fileBytesSchema,
    sheet: z.string().min(1).max(120).optional(),
    /** 1-based row of the header, when detection picked the wrong one. */
    headerRow: z.number().int().min(1).max(1000).optional(),
    supplier: z.string().max(160).optional(),
    mapping: z.array(columnOverrideSchema).max(500).optional(),
    vatRate: z.number().min(0).max(0.5).optional(),
    /** Whether prices include VAT when neither the header nor a VAT column says. */
    vatIncluded: z.boolean().optional(),
    /** Unknown parts: create them from the row (true) or skip the row (false, default). */
    createUnknown: z.boolean().optional(),
  })
  .strict();

export const importPreviewInputSchema = previewInputSchema;
export type ImportPreviewInput = z.infer<typeof previewInputSchema>;

export const importCommitInputSchema = previewInputSchema
  .extend({
    /** Sheet row numbers (1-based, as Excel shows them) to commit; absent = every new or changed price. */
    rows: z.array(z.number().int().min(1).max(10_000_000)).max(200_000).optional(),
    /**
     * Without `rows`: commit the rows that need confirmation too (an implausible price, a card
     * name with a server unit). Rows named in `rows` are the user's confirmed choice either way.
     */
    acceptFlagged: z.boolean().optional(),
  })
  .strict();
export type ImportCommitInput = z.infer<typeof importCommitInputSchema>;

export type RowStatus = 'new' | 'unchanged' | 'price-change' | 'error' | 'skipped';

/** A problem in one cell (or the whole row when column is empty). */
export interface RowIssue {
  file: string;
  sheet: string;
  row: number;
  /** Spreadsheet column letter ("C"), or "" for the row as a whole. */
  column: string;
  header: string;
  message: string;
  /** The message as a UI string, when it is one (the UI says it in its language; `message` is English). */
  i18n?: MessageRef;
}

/** Something on a row worth a look that does not stop it (a 总价 that is not 单价 × 数量). */
export interface RowWarning {
  /** Spreadsheet column letter, or "" for the row as a whole. */
  column: string;
  header: string;
  message: string;
  i18n?: MessageRef;
}

/** A sheet-wide note (a default assumed, a column not found): English, and its key when it has one. */
export interface ImportNote {
  message: string;
  i18n?: MessageRef;
}

export interface ColumnView {
  column: number;
  letter: string;
  header: string;
  field: ImportField | null;
  /** 0..1: how sure the detection is (1 for remembered or user-set columns). */
  confidence: number;
  multiplier: number;
  currency?: Currency;
  vatIncluded?: boolean;
  /** Unit read from the header, e.g. "万元", "USD k", "GB". */
  unitLabel: string;
}

export interface PreviousPrice {
  price: number;
  currency: Currency;
  vatIncluded: boolean;
  exVat: number;
  asOf: string;
  supplier: string;
}

export interface PreviewRow {
  row: number;
  status: RowStatus;
  /** Committed by default (new or changed prices). */
  accepted: boolean;
  /** The item text as written in the sheet. */
  text: string;
  kind?: 'purchase' | 'rental-card-hour' | 'server-purchase';
  /** Matched catalog part (card quotes) or the card inside a server quote. */
  match?: { slug: string; name: string; confidence: number; via: string };
  /** A part that will be created from this row (createUnknown). */
  createPart?: { slug: string; vendor: string; model: string };
  server?: {
    slug: string;
    name: string;
    cards: number;
    cardSlug: string;
    /** No fitting platform yet: committing creates it. */
    create: boolean;
    perCardExVat?: number;
  };
  price?: number;
  currency?: Currency;
  vatIncluded?: boolean;
  vatRate?: number;
  priceExVat?: number;
  qty?: number;
  moq?: number;
  leadTimeWeeks?: number;
  validUntil?: string;
  memoryGB?: number;
  vendor?: string;
  supplier?: string;
  notes?: string;
  previous?: PreviousPrice;
  /** Change of the ex-VAT price against `previous`, in percent. */
  changePct?: number;
  skipReason?: string;
  /** `skipReason` as a UI string. */
  skipReasonI18n?: MessageRef;
  issues: RowIssue[];
  warnings: RowWarning[];
  /**
   * The price is implausible for what the row matched (outside 0.2–5× that part's current
   * price) or a card name comes with a server unit: not pre-selected, and left out of a commit
   * unless confirmed. `confirmReason` says why.
   */
  needsConfirmation: boolean;
  confirmReason?: string;
  confirmReasonI18n?: MessageRef;
  /** The quantity's unit as written (台, 张, node). */
  unit?: string;
  /** The quote's date (YYYY-MM-DD) from the sheet, when it says. */
  quoteDate?: string;
}

export interface SheetSummary {
  name: string;
  rows: number;
  /** How much it looks like a price table (the highest is picked when none is named). */
  score: number;
}

export interface ImportCounts {
  total: number;
  new: number;
  unchanged: number;
  priceChange: number;
  error: number;
  skipped: number;
  /** Rows flagged for confirmation (also counted under their status). */
  needsConfirmation: number;
}

export interface ImportPreview {
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: string;
  sheet: string;
  sheets: SheetSummary[];
  headerRow: number;
  layoutKey: string;
  mappingSource: 'detected' | 'remembered' | 'user';
  columns: ColumnView[];
  /** The supplier the quotes are recorded under: the one given with the file, else the sheet's. */
  supplier: string;
  /** Where `supplier` came from: given with the file, read from the sheet (row), or none. */
  supplierSource: { from: 'input' | 'sheet' | 'none'; row?: number; text?: string };
  /** The quote date the sheet states (报价日期, Quotation date), YYYY-MM-DD, or null. */
  quoteDate: string | null;
  quoteDateRow?: number;
  vatRate: number;
  rows: PreviewRow[];
  counts: ImportCounts;
  /** Sheet-wide notes: defaults that were assumed, columns that were not found (English, for logs and the CLI). */
  warnings: string[];
  /** The same notes, each with its key where it has one: what the UI shows. */
  notes: ImportNote[];
}

export interface ImportCommitResult {
  importId: number;
  quotes: number;
  createdParts: string[];
  createdServers: string[];
  preview: ImportPreview;
}

export interface ImportBatchView {
  id: number;
  fileName: string;
  sheet: string;
  supplier: string;
  rowCount: number;
  importedAt: string;
  undoneAt: string | null;
}

export const importChannels = {
  'import:preview': { input: importPreviewInputSchema, output: {} as ImportPreview },
  'import:commit': { input: importCommitInputSchema, output: {} as ImportCommitResult },
  'import:undo': {
    input: z.object({ importId: z.number().int().positive() }).strict(),
    output: {} as ImportBatchView,
  },
  'import:list': { input: z.object({}).strict().optional(), output: [] as ImportBatchView[] },
} as const;
