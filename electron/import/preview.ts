/**
 * The import plan: read the file, pick the sheet, find the header, map the columns, read every
 * row, match it to the catalog and compare it with the price history. Nothing is written here;
 * commit.ts writes exactly what a plan says.
 */
import type { AppContext } from '../context';
import type {
  ColumnOverride,
  PreviousPrice,
  ColumnView,
  ImportCounts,
  ImportPreview,
  ImportPreviewInput,
  PreviewRow,
} from '../../shared/contract/import';
import { AppError } from '../../shared/contract/result';
import type { SeedQuote, Server } from '../../shared/domain/catalog';
import type { Accelerator } from '../../shared/domain/accelerator';
import { exVat, type Currency } from '../../shared/money';
import { readWorkbook } from './read';
import { detectHeader, sheetScore, titleHints } from './header';
import { applyOverrides, layoutKey, proposeMapping, toOverrides, columnsByField } from './mapping';
import { readRow, rowContext, type RowContext } from './rows';
import { PreviousPrices, compare, priceKey } from './previous';
import { resolveItem, type Resolver } from './resolve';
import { unreadable } from './errors';
import { looksLikeFormula } from './text';
import { cellText, isBlank, type SheetGrid } from './grid';
import { QuoteValidator } from './validate-quote';

export interface Plan {
  preview: ImportPreview;
  /** The quote each committable row would append, by sheet row number. */
  quotes: Map<number, SeedQuote>;
  /** Parts and servers that committing the rows would create, by slug. */
  newParts: Map<string, { part: Accelerator; rows: number[] }>;
  newServers: Map<string, { server: Server; rows: number[] }>;
  /** The mapping to remember on commit. */
  mapping: { supplier: string; layoutKey: string; headerRow: number; columns: ColumnOverride[] };
}

export const DEFAULT_VAT_RATE = 0.13;

function pickSheet(sheets: (SheetGrid & { hidden?: boolean })[], wanted: string | undefined, scores: number[], file: string): number {
  if (wanted !== undefined) {
    let i = sheets.findIndex((s) => s.name === wanted);
    if (i < 0) i = sheets.findIndex((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (i < 0) {
      throw new AppError('invalid-input', `${file} has no sheet "${wanted}"; its sheets: ${sheets.map((s) => s.name).join(', ')}`, [
        { path: 'sheet', message: 'no such sheet' },
      ]);
    }
    return i;
  }
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]!) best = i;
  });
  return best;
}

/** The first of the top rows whose layout has a remembered mapping. */
function rememberedHeaderRow(sheet: SheetGrid, known: Set<string>): number | undefined {
  if (known.size === 0) return undefined;
  for (let i = 0; i < Math.min(sheet.rows.length, 40); i++) {
    const cells = sheet.rows[i] ?? [];
    if (cells.filter((c) => !isBlank(c)).length < 2) continue;
    if (known.has(layoutKey(cells.map((c) => cellText(c))))) return i;
  }
  return undefined;
}

export async function buildPlan(ctx: AppContext, input: ImportPreviewInput, today = ctx.today()): Promise<Plan> {
  const file = input.fileName.replace(/^.*[\\/]/, '');
  const inputSupplier = (input.supplier ?? '').trim();
  if (inputSupplier && looksLikeFormula(inputSupplier)) {
    throw new AppError('invalid-input', 'the supplier name looks like a spreadsheet formula', [{ path: 'supplier', message: 'starts with =, +, - or @' }]);
  }
  const wb = await readWorkbook(Buffer.from(input.dataBase64, 'base64'), file);
  const scores = wb.sheets.map((s) => sheetScore(s));
  const sheetIndex = pickSheet(wb.sheets, input.sheet, scores, file);
  const sheet = wb.sheets[sheetIndex]!;
  // A header row the user confirmed before (a remembered layout) wins over detection; an
  // undetectable header is still importable when the user says which row it is or maps columns.
  const firstRow = sheet.rows.findIndex((r) => r.some((c) => !isBlank(c)));
  const forced = input.headerRow !== undefined ? input.headerRow - 1 : (rememberedHeaderRow(sheet, ctx.imports.layoutKeys()) ?? undefined);
  const header = detectHeader(sheet, forced) ?? (input.mapping && firstRow >= 0 ? detectHeader(sheet, firstRow) : undefined);
  if (!header) {
    throw unreadable(
      file,
      `no header row found in sheet "${sheet.name}" (looked for columns like 型号/Model and 单价/Unit Price in the first 40 rows)`,
    );
  }

  const warnings: string[] = [];
  // ---- mapping: detected, then remembered for this layout, then the user's overrides
  const layout = layoutKey(header.headers);
  let columns: ColumnView[] = proposeMapping(header.headers, header.readings);
  let mappingSource: ImportPreview['mappingSource'] = 'detected';
  const remembered = input.mapping ? undefined : ctx.imports.mapping(inputSupplier, layout);
  if (remembered) {
    columns = applyOverrides(
      columns.map((c) => ({ ...c, field: null, confidence: 0 })),
      remembered.columns.filter((o) => o.column < columns.length),
    );
    mappingSource = 'remembered';
  }
  if (input.mapping) {
    const beyond = input.mapping.find((o) => o.column >= columns.length);
    if (beyond) {
      throw new AppError('invalid-input', `column ${beyond.column + 1} is beyond the header (${columns.length} columns)`, [
        { path: 'mapping', message: 'column out of range' },
      ]);
    }
    columns = applyOverrides(columns, input.mapping);
    mappingSource = 'user';
  }
  const hint = titleHints(sheet, header.index);
  if (hint && mappingSource === 'detected') {
    for (const c of columns) {
      if (c.field !== 'unitPrice' && c.field !== 'totalPrice') continue;
      const said: string[] = [];
      if (c.multiplier === 1 && hint.unit.multiplier !== 1) {
        c.multiplier = hint.unit.multiplier;
        said.push(`×${hint.unit.multiplier}`);
      }
      if (!c.currency && hint.unit.currency) {
        c.currency = hint.unit.currency;
        said.push(hint.unit.currency);
      }
      if (c.vatIncluded === undefined && hint.unit.vatIncluded !== undefined) {
        c.vatIncluded = hint.unit.vatIncluded;
        said.push(hint.unit.vatIncluded ? 'incl. VAT' : 'excl. VAT');
      }
      if (said.length > 0) {
        c.unitLabel = [c.unitLabel, ...said].filter(Boolean).join(' ');
        warnings.push(`column ${c.letter} (${c.header}): ${said.join(', ')} taken from the title in row ${hint.row}`);
      }
    }
  }
  const by = columnsByField(columns);
  if (!by.item) warnings.push('no column was recognised as the item (型号 / Model); map one');
  if (!by.unitPrice && !by.totalPrice) warnings.push('no column was recognised as the price (单价 / Unit Price); map one');
  if (mappingSource === 'remembered') warnings.push('column mapping remembered from an earlier import of this layout');

  // ---- rows
  const rc: RowContext = rowContext({
    file,
    sheet: sheet.name,
    by,
    headerKeys: new Set(header.headers.map((h) => h.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean)),
    today,
  });
  const vatRateDefault = input.vatRate ?? DEFAULT_VAT_RATE;
  const resolver: Resolver = {
    ctx,
    file,
    sheet: sheet.name,
    itemColumn: { letter: by.item?.letter ?? '', header: by.item?.header ?? '' },
    today,
    createUnknown: input.createUnknown === true,
    parts: ctx.accelerators.list(),
    servers: ctx.servers.list(),
    vendors: ctx.accelerators.vendors(),
    newParts: new Map(),
    newServers: new Map(),
    partByText: new Map(),
  };
  // Only the suppliers this sheet can name are compared with, so only their latest prices are
  // read: the one given with the file and those in a supplier column (a superset: rows that turn
  // out skipped count too).
  const suppliers = new Set([inputSupplier]);
  if (by.supplier) {
    for (let i = header.index + 1; i < sheet.rows.length; i++) {
      const named = rc.memo.supplier.get(sheet.rows[i]?.[by.supplier.column] ?? null).value;
      if (named !== undefined) suppliers.add(named);
    }
  }
  const previous = new PreviousPrices(ctx.quotes.latestPrices(suppliers));
  const groups = new PriceGroups(previous);
  const quotes = new Map<number, SeedQuote>();
  const rows: PreviewRow[] = [];
  let assumedCurrency = false;
  let assumedVat = false;
  const validator = new QuoteValidator();
  // One source object per supplier and note, so the validator checks each once (by identity).
  const sources = new Map<string, SeedQuote['source']>();

  for (let i = header.index + 1; i < sheet.rows.length; i++) {
    const draft = readRow(sheet.rows[i] ?? [], i, rc);
    if (!draft) continue;
    if (draft.skipReason) {
      rows.push({ row: draft.row, status: 'skipped', accepted: false, text: draft.text, issues: draft.issues, skipReason: draft.skipReason });
      continue;
    }
    const currency = draft.currency ?? 'CNY';
    if (!draft.currency && draft.price !== undefined) assumedCurrency = true;
    const vatIncluded = draft.vatIncluded ?? input.vatIncluded ?? currency === 'CNY';
    if (draft.vatIncluded === undefined && input.vatIncluded === undefined && draft.price !== undefined) assumedVat = true;
    const vatRate = draft.vatRate ?? vatRateDefault;
    const supplier = draft.supplier ?? inputSupplier;
    // The fields every read row has, in one literal, then the others one by one, in the order
    // the preview has always listed them (a conditional spread per field cost an object each).
    const out: PreviewRow = { row: draft.row, status: 'new', accepted: false, text: draft.text, issues: draft.issues, currency, vatIncluded, vatRate };
    rows.push(out);
    if (draft.price !== undefined) {
      out.price = draft.price;
      out.priceExVat = exVat(draft.price, vatIncluded, vatRate, currency);
    }
    if (draft.qty !== undefined) out.qty = draft.qty;
    if (draft.moq !== undefined) out.moq = draft.moq;
    if (draft.leadTimeWeeks !== undefined) out.leadTimeWeeks = draft.leadTimeWeeks;
    if (draft.validUntil !== undefined) out.validUntil = draft.validUntil;
    if (draft.memoryGB !== undefined) out.memoryGB = draft.memoryGB;
    if (draft.vendor !== undefined) out.vendor = draft.vendor;
    if (supplier) out.supplier = supplier;
    if (draft.notes !== undefined) out.notes = draft.notes;
    const item = draft.text && out.issues.length === 0 ? resolveItem(resolver, draft, out, currency) : undefined;
    if (out.status === 'skipped') continue;
    if (out.issues.length > 0 || !item || draft.price === undefined) {
      out.issues.sort(byColumn);
      out.status = 'error';
      continue;
    }
    const note = draft.notes ?? '';
    // the supplier's length first, so supplier and note read back unambiguously from the key
    const sourceKey = `${supplier.length}:${supplier}${note}`;
    let source = sources.get(sourceKey);
    if (!source) {
      source = { title: `${supplier || 'Vendor'} price sheet ${file}`.slice(0, 500), url: '', asOf: today, estimate: false, note };
      sources.set(sourceKey, source);
    }
    // Every quote is validated against quoteSchema (see QuoteValidator for what it remembers).
    const quote = validator.validate({
      item: item.item,
      kind: item.kind,
      supplier,
      price: draft.price,
      currency,
      vatIncluded,
      vatRate,
      cardsPerServer: item.cards,
      cardSlug: item.cards !== undefined ? item.cardSlug : undefined,
      moq: draft.moq,
      leadTimeWeeks: draft.leadTimeWeeks,
      validUntil: draft.validUntil,
      source,
    });
    if (!quote.success) {
      out.status = 'error';
      out.issues.push(...quote.error.issues.map((iss) => ({ file, sheet: sheet.name, row: draft.row, column: '', header: '', message: `${iss.path.join('.')}: ${iss.message}` })));
      continue;
    }
    const ex = out.priceExVat!;
    const group = groups.get(item.kind, item.item, supplier, currency);
    const cents = Math.round(ex * 100);
    const dupOf = group.rows.get(cents);
    if (dupOf !== undefined) {
      out.status = 'skipped';
      out.skipReason = `duplicate of row ${dupOf}`;
      continue;
    }
    group.rows.set(cents, draft.row);
    const prev = group.previous;
    const cmp = compare(ex, currency, prev);
    out.status = cmp.status;
    if (prev) out.previous = prev;
    if (cmp.changePct !== undefined) out.changePct = cmp.changePct;
    out.accepted = cmp.status === 'new' || cmp.status === 'price-change';
    quotes.set(draft.row, quote.data);
  }
  if (assumedCurrency) warnings.push('the sheet does not say the currency for some prices; CNY was assumed');
  if (assumedVat) {
    warnings.push(
      `the sheet does not say whether prices include VAT; CNY prices were taken as including ${Math.round(vatRateDefault * 1000) / 10} % VAT (含税), others as excluding it`,
    );
  }
  const preview: ImportPreview = {
    fileName: file,
    format: wb.format,
    encoding: wb.encoding,
    sheet: sheet.name,
    sheets: wb.sheets.map((s, i) => ({ name: s.name, rows: s.rows.length, score: scores[i]! })),
    headerRow: header.index + 1,
    layoutKey: layout,
    mappingSource,
    columns,
    supplier: inputSupplier,
    vatRate: vatRateDefault,
    rows,
    counts: countRows(rows),
    warnings,
  };
  return {
    preview,
    quotes,
    newParts: resolver.newParts,
    newServers: resolver.newServers,
    mapping: { supplier: inputSupplier, layoutKey: layout, headerRow: header.index + 1, columns: toOverrides(columns) },
  };
}

interface PriceGroup {
  previous: PreviousPrice | undefined;
  /** Ex-VAT amount in cents → the first row with it. */
  rows: Map<number, number>;
}

/**
 * The rows of one price key (kind, item, supplier as priceKey folds it, currency): its latest
 * price and the amounts seen so far, for duplicates. Found through nested maps by the row's own
 * strings (the plan's shared instances, hashed once), so most rows build no key string.
 */
class PriceGroups {
  private readonly byKey = new Map<string, PriceGroup>();
  private readonly bySpelling = new Map<string, Map<string, Map<string, Map<Currency, PriceGroup>>>>();

  constructor(private readonly previous: PreviousPrices) {}

  get(kind: string, item: string, supplier: string, currency: Currency): PriceGroup {
    const l = this.last;
    if (l && l.kind === kind && l.item === item && l.supplier === supplier && l.currency === currency) return l.group;
    const group = this.find(kind, item, supplier, currency);
    this.last = { kind, item, supplier, currency, group };
    return group;
  }

  /** The previous row's group: rows of one item often come together. */
  private last?: { kind: string; item: string; supplier: string; currency: Currency; group: PriceGroup };

  private find(kind: string, item: string, supplier: string, currency: Currency): PriceGroup {
    const byCurrency = level(level(level(this.bySpelling, kind), item), supplier);
    let g = byCurrency.get(currency);
    if (g) return g;
    const key = priceKey(kind, item, supplier, currency);
    g = this.byKey.get(key);
    if (!g) this.byKey.set(key, (g = { previous: this.previous.get(key), rows: new Map() }));
    byCurrency.set(currency, g);
    return g;
  }
}

function level<K, V>(m: Map<K, Map<string, V>>, k: K): Map<string, V> {
  let v = m.get(k);
  if (!v) m.set(k, (v = new Map()));
  return v;
}

/** Issues left to right, as the user reads the row; whole-row issues first. */
function byColumn(a: { column: string }, b: { column: string }): number {
  return a.column.length - b.column.length || a.column.localeCompare(b.column);
}

export function countRows(rows: readonly PreviewRow[]): ImportCounts {
  const c: ImportCounts = { total: rows.length, new: 0, unchanged: 0, priceChange: 0, error: 0, skipped: 0 };
  for (const r of rows) {
    if (r.status === 'price-change') c.priceChange++;
    else c[r.status]++;
  }
  return c;
}
