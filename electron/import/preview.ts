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
  ImportNote,
  ImportPreview,
  ImportPreviewInput,
  PreviewRow,
} from '../../shared/contract/import';
import { translatedError } from '../../shared/contract/result';
import { said, type MessageVar } from '../../shared/i18n/translate';
import { issuesOf } from '../../shared/document/parse';
import type { SeedQuote, Server } from '../../shared/domain/catalog';
import type { Accelerator } from '../../shared/domain/accelerator';
import { exVat, type Currency } from '../../shared/money';
import { readKept } from './kept';
import { detectHeader, sheetScore, titleHints } from './header';
import { applyOverrides, layoutKey, proposeMapping, toOverrides, columnsByField } from './mapping';
import { readRow, rowContext, type RowContext } from './rows';
import { PreviousPrices, compare, priceKey } from './previous';
import { resolveItem, resolveKnownServer, type Resolver } from './resolve';
import { PartMatcher } from './catalog-match';
import { unreadable } from './errors';
import { saidOften } from './said-often';
import { looksLikeFormula } from './text';
import { cellText, isBlank, type SheetGrid } from './grid';
import { QuoteValidator } from './validate-quote';
import { readSheetMeta, rowLineReason } from './preamble';
import { settleItemColumn } from './item-column';
import { CurrentPrices, confirmationReason } from './plausibility';
import { staleQuoteDays } from '../db/snapshot';
import { oemServerNames } from '../db/server-catalog';
import { latestFxRates } from '../../shared/domain/catalog';

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
      throw translatedError('invalid-input', 'errors.import.noSheet', { file, sheet: wanted, sheets: sheets.map((s) => s.name).join(', ') }, [
        { path: 'sheet', ...said('errors.import.noSuchSheet') },
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

/** Hears how long each stage of an import took (the bench): reading the file, planning, writing. */
export type StageTimer = (stage: 'read' | 'plan' | 'write', ms: number) => void;

export async function buildPlan(ctx: AppContext, input: ImportPreviewInput, today = ctx.today(), stage?: StageTimer): Promise<Plan> {
  const started = performance.now();
  const file = input.fileName.replace(/^.*[\\/]/, '');
  const inputSupplier = (input.supplier ?? '').trim();
  if (inputSupplier && looksLikeFormula(inputSupplier)) {
    throw translatedError('invalid-input', 'errors.import.supplierFormula', {}, [{ path: 'supplier', ...said('errors.import.startsWithFormula') }]);
  }
  // The preview's read of these bytes when this is its commit (see kept.ts).
  const wb = await readKept(Buffer.from(input.dataBase64, 'base64'), file);
  const read = performance.now();
  stage?.('read', read - started);
  const scores = wb.sheets.map((s) => sheetScore(s));
  const sheetIndex = pickSheet(wb.sheets, input.sheet, scores, file);
  const sheet = wb.sheets[sheetIndex]!;
  // A header row the user confirmed before (a remembered layout) wins over detection; an
  // undetectable header is still importable when the user says which row it is or maps columns.
  const firstRow = sheet.rows.findIndex((r) => r.some((c) => !isBlank(c)));
  const forced = input.headerRow !== undefined ? input.headerRow - 1 : (rememberedHeaderRow(sheet, ctx.imports.layoutKeys()) ?? undefined);
  const header = detectHeader(sheet, forced) ?? (input.mapping && firstRow >= 0 ? detectHeader(sheet, firstRow) : undefined);
  if (!header) {
    throw unreadable(file, said('errors.import.noHeader', { sheet: sheet.name }));
  }

  const notes: ImportNote[] = [];
  const note = (key: string, vars: Record<string, MessageVar> = {}) => notes.push(said(key, vars));
  // ---- who quotes and when: the sheet's preamble and footer; the supplier given with the file wins
  const meta = readSheetMeta(sheet, header.index, today, (i) => looksLikeQuoteLine(sheet.rows[i] ?? []));
  const supplierName = inputSupplier || meta.supplier?.name || '';
  const quoteDate = meta.quoteDate?.date;
  if (inputSupplier && meta.supplier && meta.supplier.name.toLowerCase() !== inputSupplier.toLowerCase()) {
    note('errors.import.supplierOverridden', { sheet: meta.supplier.name, row: meta.supplier.row, given: inputSupplier });
  } else if (!inputSupplier && meta.supplier) {
    note('errors.import.supplierFromRow', { name: meta.supplier.name, row: meta.supplier.row });
  }
  if (meta.quoteDate) note('errors.import.quoteDateFromRow', { date: meta.quoteDate.date, row: meta.quoteDate.row });
  // ---- mapping: detected, then remembered for this layout, then the user's overrides
  const layout = layoutKey(header.headers);
  let columns: ColumnView[] = proposeMapping(header.headers, header.readings);
  let mappingSource: ImportPreview['mappingSource'] = 'detected';
  const remembered = input.mapping ? undefined : ctx.imports.mapping(supplierName, layout);
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
      throw translatedError('invalid-input', 'errors.import.columnBeyond', { column: beyond.column + 1, columns: columns.length }, [
        { path: 'mapping', ...said('errors.import.columnOutOfRange') },
      ]);
    }
    columns = applyOverrides(columns, input.mapping);
    mappingSource = 'user';
  }
  const hint = titleHints(sheet, header.index);
  if (hint && mappingSource === 'detected') {
    for (const c of columns) {
      if (c.field !== 'unitPrice' && c.field !== 'totalPrice') continue;
      const taken: string[] = [];
      const takenRefs: MessageVar[] = [];
      if (c.multiplier === 1 && hint.unit.multiplier !== 1) {
        c.multiplier = hint.unit.multiplier;
        taken.push(`×${hint.unit.multiplier}`);
        takenRefs.push(`×${hint.unit.multiplier}`);
      }
      if (!c.currency && hint.unit.currency) {
        c.currency = hint.unit.currency;
        taken.push(hint.unit.currency);
        takenRefs.push(hint.unit.currency);
      }
      if (c.vatIncluded === undefined && hint.unit.vatIncluded !== undefined) {
        c.vatIncluded = hint.unit.vatIncluded;
        taken.push(hint.unit.vatIncluded ? 'incl. VAT' : 'excl. VAT');
        takenRefs.push({ key: hint.unit.vatIncluded ? 'errors.import.inclVat' : 'errors.import.exclVat' });
      }
      if (taken.length > 0) {
        c.unitLabel = [c.unitLabel, ...taken].filter(Boolean).join(' ');
        note('errors.import.fromTitle', { column: c.letter, header: c.header, said: takenRefs, row: hint.row });
      }
    }
  }
  // ---- rows: the resolver, also used to tell which column names catalog parts
  const resolver: Resolver = {
    ctx,
    file,
    sheet: sheet.name,
    itemColumn: { letter: '', header: '' },
    today,
    createUnknown: input.createUnknown === true,
    parts: ctx.accelerators.list(),
    servers: ctx.servers.list(),
    vendors: ctx.accelerators.vendors(),
    newParts: new Map(),
    newServers: new Map(),
    partByText: new Map(),
    oem: oemServerNames(ctx),
  };
  if (mappingSource === 'detected') {
    const settled = settleItemColumn(columns, sheet.rows.slice(header.index + 1), (text) => identifiesPart(resolver, text));
    if (settled) notes.push(settled);
  }
  const by = columnsByField(columns);
  resolver.itemColumn = { letter: by.item?.letter ?? '', header: by.item?.header ?? '' };
  if (!by.item) note('errors.import.noItemColumn');
  if (!by.unitPrice && !by.totalPrice) note('errors.import.noPriceColumn');
  if (mappingSource === 'remembered') note('errors.import.remembered');

  // ---- rows
  const rc: RowContext = rowContext({
    file,
    sheet: sheet.name,
    by,
    headerKeys: new Set(header.headers.map((h) => h.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean)),
    // Validity written as a period ("30天") counts from the quote's date.
    today: quoteDate ?? today,
  });
  const vatRateDefault = input.vatRate ?? DEFAULT_VAT_RATE;
  // Only the suppliers this sheet can name are compared with, so only their latest prices are
  // read: the one given with the file and those in a supplier column (a superset: rows that turn
  // out skipped count too).
  // A quote without a supplier is recorded under its source's title (shared/domain/supplier
  // supplierNameOf), so that is the name its earlier prices carry.
  const anonymous = `Vendor price sheet ${file}`.slice(0, 500);
  const suppliers = new Set([supplierName || anonymous]);
  if (by.supplier) {
    for (let i = header.index + 1; i < sheet.rows.length; i++) {
      const named = rc.memo.supplier.get(sheet.rows[i]?.[by.supplier.column] ?? null).value;
      if (named !== undefined) suppliers.add(named);
    }
  }
  const previous = new PreviousPrices(ctx.quotes.latestPrices(suppliers));
  const fx: Partial<Record<Currency, number>> = {};
  for (const [c, r] of latestFxRates(ctx.fx.latest())) fx[c] = r.cnyPer;
  const current = new CurrentPrices(ctx.quotes.purchaseCandidates(today), fx, { today, staleDays: staleQuoteDays(ctx) });
  const serverBySlug = new Map(resolver.servers.map((s) => [s.slug, s]));
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
      rows.push({ row: draft.row, status: 'skipped', accepted: false, text: draft.text, issues: draft.issues, warnings: draft.warnings, needsConfirmation: false, skipReason: draft.skipReason, ...(draft.skipReasonI18n && { skipReasonI18n: draft.skipReasonI18n }) });
      continue;
    }
    const currency = draft.currency ?? 'CNY';
    if (!draft.currency && draft.price !== undefined) assumedCurrency = true;
    const vatIncluded = draft.vatIncluded ?? input.vatIncluded ?? currency === 'CNY';
    if (draft.vatIncluded === undefined && input.vatIncluded === undefined && draft.price !== undefined) assumedVat = true;
    const vatRate = draft.vatRate ?? vatRateDefault;
    const supplier = draft.supplier ?? supplierName;
    // The fields every read row has, in one literal, then the others one by one, in the order
    // the preview has always listed them (a conditional spread per field cost an object each).
    const out: PreviewRow = { row: draft.row, status: 'new', accepted: false, text: draft.text, issues: draft.issues, warnings: draft.warnings, needsConfirmation: false, currency, vatIncluded, vatRate };
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
    if (draft.unit !== undefined) out.unit = draft.unit;
    if (quoteDate) out.quoteDate = quoteDate;
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
      source = { title: `${supplier || 'Vendor'} price sheet ${file}`.slice(0, 500), url: '', asOf: quoteDate ?? today, estimate: false, note };
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
      quoteDate,
      source,
    });
    if (!quote.success) {
      out.status = 'error';
      out.issues.push(...issuesOf(quote.error).map((iss) => ({ file, sheet: sheet.name, row: draft.row, column: '', header: '', message: `${iss.path}: ${iss.message}`, ...(iss.i18n && { i18n: { key: 'errors.withPath', vars: { path: iss.path, message: iss.i18n } } }) })));
      continue;
    }
    const ex = out.priceExVat!;
    const group = groups.get(item.kind, item.item, supplier || source.title, currency);
    const cents = Math.round(ex * 100);
    const dupOf = group.rows.get(cents);
    if (dupOf !== undefined) {
      out.status = 'skipped';
      const why = saidOften('errors.import.skip.duplicate', { row: dupOf });
      out.skipReason = why.message;
      out.skipReasonI18n = why.i18n;
      continue;
    }
    group.rows.set(cents, draft.row);
    const prev = group.previous;
    const cmp = compare(ex, currency, prev);
    out.status = cmp.status;
    if (prev) out.previous = prev;
    if (cmp.changePct !== undefined) out.changePct = cmp.changePct;
    const why = confirmationReason(out, current, item.kind === 'server-purchase' ? serverBySlug.get(item.item) : undefined);
    if (why) {
      out.needsConfirmation = true;
      out.confirmReason = why.message;
      if (why.i18n) out.confirmReasonI18n = why.i18n;
      const flagged = saidOften('errors.import.row.needsConfirmation', { why: why.i18n ?? why.message }, { why: why.message });
      out.warnings.push({ column: by.unitPrice?.letter ?? by.totalPrice?.letter ?? '', header: by.unitPrice?.header ?? by.totalPrice?.header ?? '', ...flagged });
    }
    out.accepted = (cmp.status === 'new' || cmp.status === 'price-change') && !out.needsConfirmation;
    quotes.set(draft.row, quote.data);
  }
  if (assumedCurrency) note('errors.import.currencyAssumed');
  if (assumedVat) note('errors.import.vatAssumed', { rate: Math.round(vatRateDefault * 1000) / 10 });
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
    supplier: supplierName,
    supplierSource: inputSupplier
      ? { from: 'input' }
      : meta.supplier
        ? { from: 'sheet', row: meta.supplier.row, text: meta.supplier.text }
        : { from: 'none' },
    quoteDate: quoteDate ?? null,
    ...(meta.quoteDate && { quoteDateRow: meta.quoteDate.row }),
    vatRate: vatRateDefault,
    rows,
    counts: countRows(rows),
    warnings: notes.map((n) => n.message),
    notes,
  };
  stage?.('plan', performance.now() - read);
  return {
    preview,
    quotes,
    newParts: resolver.newParts,
    newServers: resolver.newServers,
    mapping: { supplier: supplierName, layoutKey: layout, headerRow: header.index + 1, columns: toOverrides(columns) },
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
  const c: ImportCounts = { total: rows.length, new: 0, unchanged: 0, priceChange: 0, error: 0, skipped: 0, needsConfirmation: 0 };
  for (const r of rows) {
    if (r.status === 'price-change') c.priceChange++;
    else c[r.status]++;
    if (r.needsConfirmation) c.needsConfirmation++;
  }
  return c;
}

/** A row under the header that may be a quote line (not a footer, signature or date line). */
function looksLikeQuoteLine(cells: readonly (string | number | boolean | Date | null)[]): boolean {
  let n = 0;
  let number = false;
  for (const c of cells) {
    if (isBlank(c)) continue;
    n++;
    if (typeof c === 'number') number = true;
  }
  if (n < 3 || !number) return false;
  return rowLineReason(cells) === undefined;
}

/** Whether a cell's text names a catalog part or a known server (for choosing the item column). */
function identifiesPart(r: Resolver, text: string): boolean {
  if (!text || text.length > 300) return false;
  const draft = { row: 0, text, issues: [], warnings: [], rental: false };
  r.matcher ??= new PartMatcher(r.parts);
  if (r.matcher.match(text).ok) return true;
  return resolveKnownServer(r, draft) !== undefined;
}
