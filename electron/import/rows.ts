/**
 * One data row → its values and problems, before catalog matching. Subtotal, note, section and
 * repeated-header rows are recognised and skipped; every bad cell becomes an issue that names
 * the file, sheet, row, column and problem.
 */
import { said, type MessageRef } from '../../shared/i18n/translate';
import type { ColumnView, ImportField, RowIssue, RowWarning } from '../../shared/contract/import';
import type { Currency } from '../../shared/money';
import { cellText, isBlank, type Cell } from './grid';
import { parseCurrency, parsePrice, plainPrice, type Parsed, type ParsedPrice } from '../../shared/document/price-text';
import { parseCount, parseDate, parseLeadTime, parseMemoryGB, parseVatCell, type VatCell } from '../../shared/document/value-text';
import { isPerHour, timeUnitOf } from './mapping';
import { clean, clip, looksLikeFormula } from './text';
import { Remembered } from './memo';
import { saidOften } from './said-often';
import { rowLineReason } from './preamble';
import { vatMarkerIn } from '../../shared/document/price-text';

export interface RowDraft {
  row: number;
  text: string;
  issues: RowIssue[];
  warnings: RowWarning[];
  /** The generic name column's text (货物名称) when a model column is the item. */
  nameText?: string;
  /** The technical-parameter column's text (主要技术参数). */
  specText?: string;
  /** The quantity's unit (台, 张, node). */
  unit?: string;
  /** Recognised as not-a-quote (subtotal, note, pending price); no issue is an error then. */
  skipReason?: string;
  skipReasonI18n?: MessageRef;
  rental: boolean;
  price?: number;
  /** Currency said by the cell, a currency column, or the header; undefined = use the default. */
  currency?: Currency;
  vatIncluded?: boolean;
  vatRate?: number;
  qty?: number;
  moq?: number;
  leadTimeWeeks?: number;
  validUntil?: string;
  memoryGB?: number;
  cards?: number;
  vendor?: string;
  supplier?: string;
  notes?: string;
}

export interface RowContext {
  file: string;
  sheet: string;
  by: Partial<Record<ImportField, ColumnView>>;
  headerKeys: Set<string>;
  today: string;
  /** Read once from the headers, not once per row. */
  leadTimeUnit?: 'week' | 'day' | 'month';
  perHour: { unitPrice: boolean; totalPrice: boolean };
  /** Per-plan memo of the pure per-cell work (see CellMemo). */
  memo: CellMemo;
  /** Whether a header word starts with a digit (or is empty): else a row starting with one repeats no header. */
  digitHeader: boolean;
}

export function rowContext(base: Omit<RowContext, 'leadTimeUnit' | 'perHour' | 'memo' | 'digitHeader'>): RowContext {
  const { by } = base;
  const perHour = { unitPrice: by.unitPrice ? isPerHour(by.unitPrice) : false, totalPrice: by.totalPrice ? isPerHour(by.totalPrice) : false };
  const unit = by.leadTime ? timeUnitOf(by.leadTime) : undefined;
  const digitHeader = [...base.headerKeys].some((k) => k === '' || /^\d/.test(k));
  const rc: RowContext = { ...base, perHour, memo: cellMemo(base.by, base.today, unit), digitHeader };
  if (unit) rc.leadTimeUnit = unit;
  return rc;
}

const SUBTOTAL = /^(?:sub-?totals?|grand total|totals?|sum)\b|^(?:合\s*计|小\s*计|总\s*计|总价合计|共计)/i;
const NOTE = /^(注|备注|说明|附注|注意|提示|note|notes|remark|remarks|n\.b\.|\*)[:：.\s]|^※|^\*/i;
const RENTAL = /租赁|租用|rental|per\s*(?:gpu|card)[- ]?hour|卡时/i;

/**
 * A pure function of a cell, remembered per plan for text cells. Cleaning (NFKC) and the value
 * parsers' regexes were most of a preview's time. The function must depend on nothing but the
 * cell and what is fixed for the plan (a column's unit, today): each field gets its own memo, so
 * one text under two columns with different units is read once per column. Cells that are not
 * text (XLSX numbers and dates) are cheap to read and are not remembered.
 */
export class Memo<T> {
  private readonly texts: Remembered<string, T>;
  /** The answer for an empty cell, asked on most rows for the optional columns. */
  private empty?: { v: T };

  constructor(private readonly fn: (c: Cell) => T) {
    this.texts = new Remembered<string, T>(fn);
  }

  get(c: Cell): T {
    if (c === null) return (this.empty ??= { v: this.fn(null) }).v;
    return typeof c === 'string' ? this.texts.get(c) : this.fn(c);
  }

  /** Texts remembered (for tests). */
  get size(): number {
    return this.texts.size;
  }
}

/** What readRow reads from an item text alone. */
interface ItemText {
  /** Cleaned and clipped. */
  text: string;
  subtotal: boolean;
  formula: boolean;
  rental: boolean;
}

/** What the skip checks read from one of a row's leading cells. */
interface LeadingText {
  subtotal: boolean;
  note: boolean;
  /** Cleaned and lower-cased, for the repeated-header check. */
  lower: string;
}

/** A vendor, supplier or notes cell: the value to keep, or the issue it raises. */
type NameText = { value?: string; issue?: string };

type PriceParse = Parsed<ParsedPrice>;

export interface CellMemo {
  item: Memo<ItemText>;
  leading: Memo<LeadingText>;
  unitPrice: Memo<PriceParse>;
  totalPrice: Memo<PriceParse>;
  qty: Memo<Parsed<number>>;
  moq: Memo<Parsed<number>>;
  cards: Memo<Parsed<number>>;
  leadTime: Memo<Parsed<number>>;
  validUntil: Memo<Parsed<string>>;
  memory: Memo<Parsed<number>>;
  currency: Memo<Parsed<Currency>>;
  vat: Memo<Parsed<VatCell>>;
  vendor: Memo<NameText>;
  supplier: Memo<NameText>;
  notes: Memo<string>;
  name: Memo<string>;
  spec: Memo<string>;
  unit: Memo<string>;
}

// Only a text cell can be a subtotal label.
function itemText(c: Cell): ItemText {
  const raw = cellText(c);
  const cleaned = clean(raw);
  const text = clip(cleaned, 300);
  return { text, subtotal: typeof c === 'string' && SUBTOTAL.test(cleaned), formula: looksLikeFormula(raw), rental: RENTAL.test(text) };
}

function leadingText(c: Cell): LeadingText {
  const t = clean(cellText(c));
  return { subtotal: typeof c === 'string' && SUBTOTAL.test(t), note: NOTE.test(t), lower: t.toLowerCase() };
}

const NUMBERED: LeadingText = { subtotal: false, note: false, lower: '' };

/**
 * A leading cell's facts. Text starting with an ASCII digit (a row number, an amount: often
 * different on every row) is neither a subtotal nor a note label, and cleaning keeps that digit
 * first, so it is read directly rather than filling the memo with one-off texts; unless a header
 * word starts with a digit, it cannot be a repeated header either.
 */
function leadingOf(c: Cell, rc: RowContext): LeadingText {
  if (typeof c === 'string' && c.length > 0) {
    const d = c.charCodeAt(0);
    if (d >= 48 && d <= 57) return rc.digitHeader ? { subtotal: false, note: false, lower: clean(c).toLowerCase() } : NUMBERED;
  }
  return rc.memo.leading.get(c);
}

function nameText(c: Cell): NameText {
  const t = clean(cellText(c));
  if (!t) return {};
  if (looksLikeFormula(t)) return { issue: `"${clip(t, 40)}" is formula text, not a name` };
  return { value: clip(t, 160) };
}

/** A descriptive cell (name, parameters, unit): cleaned and bounded, '' when blank. */
function plainText(c: Cell): string {
  const t = clean(cellText(c));
  return t ? clip(t, 1000) : '';
}

function notesText(c: Cell): string {
  const notes = clean(cellText(c));
  // Notes are free text: keep them, but never as something a spreadsheet would execute.
  return notes ? clip(looksLikeFormula(notes) ? `'${notes}` : notes, 1000) : '';
}

/** The memos of one plan; each closes over what its column fixes (multiplier, unit, today). */
export function cellMemo(by: Partial<Record<ImportField, ColumnView>>, today: string, leadTimeUnit: 'week' | 'day' | 'month' | undefined): CellMemo {
  const unitMult = by.unitPrice?.multiplier ?? 1;
  const totalMult = by.totalPrice?.multiplier ?? 1;
  const memMult = by.memory?.multiplier ?? 1;
  return {
    item: new Memo(itemText),
    leading: new Memo(leadingText),
    unitPrice: new Memo((c) => parsePrice(c, unitMult)),
    totalPrice: new Memo((c) => parsePrice(c, totalMult)),
    qty: new Memo((c) => parseCount(c, 'quantity', 1)),
    moq: new Memo((c) => parseCount(c, 'minimum order quantity', 0)),
    cards: new Memo((c) => parseCount(c, 'card count', 1, 64)),
    leadTime: new Memo((c) => parseLeadTime(c, leadTimeUnit)),
    validUntil: new Memo((c) => parseDate(c, today)),
    memory: new Memo((c) => parseMemoryGB(c, memMult)),
    currency: new Memo(parseCurrency),
    vat: new Memo(parseVatCell),
    vendor: new Memo(nameText),
    supplier: new Memo(nameText),
    notes: new Memo(notesText),
    name: new Memo(plainText),
    spec: new Memo(plainText),
    unit: new Memo(plainText),
  };
}

function cellOf(cells: readonly Cell[], col: ColumnView | undefined): Cell {
  return col ? (cells[col.column] ?? null) : null;
}

/** A message as a reader gives it: English text, and its key where it has one. */
type Reason = { message: string; i18n?: MessageRef };

function addIssue(draft: RowDraft, rc: RowContext, f: ImportField | null, why: string | Reason): void {
  const col = f ? rc.by[f] : undefined;
  const m = typeof why === 'string' ? { message: why } : why;
  draft.issues.push({ file: rc.file, sheet: rc.sheet, row: draft.row, column: col?.letter ?? '', header: col?.header ?? '', message: m.message, ...(m.i18n && { i18n: m.i18n }) });
}

function skip(draft: RowDraft, why: Reason): RowDraft {
  draft.skipReason = why.message;
  if (why.i18n) draft.skipReasonI18n = why.i18n;
  return draft;
}
const skipAs = (key: string) => saidOften(`errors.import.skip.${key}`);

/** An optional cell: its value, or undefined when blank, pending or unreadable (which is an issue). */
function optional<T>(draft: RowDraft, rc: RowContext, f: ImportField, cell: Cell, memo: Memo<Parsed<T>>): T | undefined {
  if (isBlank(cell)) return undefined;
  const r = memo.get(cell);
  if (r.ok) return r.value;
  if (!r.pending) addIssue(draft, rc, f, r);
  return undefined;
}

export function readRow(cells: readonly Cell[], index: number, rc: RowContext): RowDraft | undefined {
  // The first two non-blank cells and how many there are, without an array per row.
  let nonBlank = 0;
  let first: Cell = null;
  let second: Cell = null;
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j];
    if (isBlank(c)) continue;
    if (nonBlank === 0) first = c!;
    else if (nonBlank === 1) second = c!;
    nonBlank++;
  }
  if (nonBlank === 0) return undefined;
  const row = index + 1;
  const { by, memo } = rc;
  const itemCell = cellOf(cells, by.item);
  const item = memo.item.get(itemCell);
  const text = item.text;
  const draft: RowDraft = { row, text, issues: [], warnings: [], rental: false };

  const lead = leadingOf(first, rc);
  // Only the leading cells and the item name count: a note saying "total cost…" is not a subtotal.
  if (lead.subtotal || (nonBlank > 1 && leadingOf(second, rc).subtotal) || item.subtotal) return skip(draft, skipAs('subtotal'));
  if (lead.note) return skip(draft, skipAs('note'));
  // Signature, stamp, supplier and date lines under the table (投标人（盖章）…, 报价日期：…).
  if (nonBlank <= 4 || !priceCellFilled(cells, rc) || sameTextEverywhere(cells, cellText(first))) {
    const why = rowLineReason(cells);
    if (why) return skip(draft, why);
  }
  // A header repeated after a page break: only worth checking when the first cell is a header word.
  if (rc.headerKeys.has(lead.lower)) {
    let headers = 0;
    for (let j = 0; j < cells.length; j++) {
      const t = clean(cellText(cells[j])).toLowerCase();
      if (t && rc.headerKeys.has(t)) headers++;
    }
    if (headers >= 2) return skip(draft, skipAs('repeatedHeader'));
  }

  // A banner merged across the row ("一、加速卡") repeats one text in every cell.
  if (nonBlank > 1 && sameTextEverywhere(cells, cellText(first))) return skip(draft, skipAs('sectionHeading'));
  const priceCell = cellOf(cells, by.unitPrice);
  const totalCell = cellOf(cells, by.totalPrice);
  const noPrice = isBlank(priceCell) && isBlank(totalCell);
  const priceMapped = by.unitPrice !== undefined || by.totalPrice !== undefined;
  if (priceMapped && noPrice && nonBlank <= 2) return skip(draft, skipAs('sectionOrNote'));
  if (!text) {
    if (noPrice && priceMapped) return skip(draft, skipAs('noItemOrPrice'));
    addIssue(draft, rc, 'item', said('errors.import.row.noItem'));
  } else if (item.formula) {
    addIssue(draft, rc, 'item', saidOften('errors.import.row.itemFormula', { text: clip(text, 40) }));
  }

  // ---- price (unit price, or total ÷ quantity)
  const priceCol = by.unitPrice;
  const qty = optional(draft, rc, 'qty', cellOf(cells, by.qty), memo.qty);
  if (qty !== undefined) draft.qty = qty;
  let price: PriceParse = NO_PRICE;
  let priceField: ImportField = 'unitPrice';
  if (priceCol && !isBlank(priceCell)) price = priceOf(priceCell, priceCol.multiplier, memo.unitPrice);
  else if (by.totalPrice && !isBlank(totalCell)) {
    priceField = 'totalPrice';
    const total = priceOf(totalCell, by.totalPrice.multiplier, memo.totalPrice);
    if (total.ok && draft.qty === undefined) price = { ok: false, ...said('errors.import.row.totalOnly') };
    else if (total.ok) price = { ok: true, value: { ...total.value, amount: total.value.amount / draft.qty! } };
    else price = total;
  }
  const priceColView = by[priceField];
  if (price.ok) {
    draft.price = price.value.amount;
    draft.currency = price.value.currency;
    draft.vatIncluded = price.value.vatIncluded;
  } else if (!priceMapped) {
    addIssue(draft, rc, null, said('errors.import.row.noPriceColumn'));
  } else if (price.pending && isBlank(priceCell) && isBlank(totalCell)) {
    addIssue(draft, rc, priceCol ? 'unitPrice' : 'totalPrice', said('errors.value.noPrice'));
  } else if (price.pending) {
    return skip(draft, price);
  } else {
    addIssue(draft, rc, priceField, price);
  }
  if (price.ok && priceField === 'unitPrice') crossCheckTotal(draft, rc, price.value.amount, totalCell);
  draft.rental = rc.perHour[priceField === 'totalPrice' ? 'totalPrice' : 'unitPrice'] || item.rental;

  // ---- currency: the cell's own symbol, else a currency column, else the header's
  const curCell = cellOf(cells, by.currency);
  if (!isBlank(curCell)) {
    const c = memo.currency.get(curCell);
    if (!c.ok) addIssue(draft, rc, 'currency', c);
    else if (draft.currency && draft.currency !== c.value) addIssue(draft, rc, 'currency', saidOften('errors.import.row.currencyConflict', { price: draft.currency, column: c.value }));
    else draft.currency ??= c.value;
  }
  draft.currency ??= priceColView?.currency;

  // ---- VAT: a VAT column, else the cell, else the header
  const vatCell = cellOf(cells, by.vat);
  if (!isBlank(vatCell)) {
    const v = memo.vat.get(vatCell);
    if (!v.ok) {
      if (!v.pending) addIssue(draft, rc, 'vat', v);
    } else {
      if (v.value.included !== undefined) draft.vatIncluded = v.value.included;
      if (v.value.rate !== undefined) {
        draft.vatRate = v.value.rate;
        if (v.value.rate === 0) draft.vatIncluded ??= false;
      }
    }
  }
  // A per-row note (备注: 含税13% / 不含税 / 未税) before the header's and the sheet's default.
  const notesCell = cellOf(cells, by.notes);
  const notes = memo.notes.get(notesCell);
  if (draft.vatIncluded === undefined && notes) {
    const v = rowVatNote(notes);
    if (v.included !== undefined) draft.vatIncluded = v.included;
    if (v.rate !== undefined && draft.vatRate === undefined) draft.vatRate = v.rate;
  }
  draft.vatIncluded ??= priceColView?.vatIncluded;

  // ---- the rest: optional; a value that is there but unreadable is an error
  const moq = optional(draft, rc, 'moq', cellOf(cells, by.moq), memo.moq);
  if (moq !== undefined) draft.moq = moq;
  const leadTime = optional(draft, rc, 'leadTime', cellOf(cells, by.leadTime), memo.leadTime);
  if (leadTime !== undefined) draft.leadTimeWeeks = leadTime;
  const valid = optional(draft, rc, 'validUntil', cellOf(cells, by.validUntil), memo.validUntil);
  if (valid !== undefined) draft.validUntil = valid;
  const mem = optional(draft, rc, 'memory', cellOf(cells, by.memory), memo.memory);
  if (mem !== undefined) draft.memoryGB = mem;
  const cards = optional(draft, rc, 'cards', cellOf(cells, by.cards), memo.cards);
  if (cards !== undefined) draft.cards = cards;
  for (let k = 0; k < NAME_FIELDS.length; k++) {
    const f = NAME_FIELDS[k]!;
    const t = memo[f].get(cellOf(cells, by[f]));
    if (t.issue !== undefined) addIssue(draft, rc, f, t.issue);
    else if (t.value !== undefined) draft[f] = t.value;
  }
  if (notes) draft.notes = notes;
  for (const f of TEXT_FIELDS) {
    const t = memo[f].get(cellOf(cells, by[f]));
    if (t) draft[f === 'name' ? 'nameText' : f === 'spec' ? 'specText' : 'unit'] = t;
  }
  return draft;
}

const NAME_FIELDS = ['vendor', 'supplier'] as const;
const TEXT_FIELDS = ['name', 'spec', 'unit'] as const;

/** Whether the row has something in a price column. */
function priceCellFilled(cells: readonly Cell[], rc: RowContext): boolean {
  return !isBlank(cellOf(cells, rc.by.unitPrice)) || !isBlank(cellOf(cells, rc.by.totalPrice));
}

/** VAT said in a note: "含税13%", "含13%增值税", "不含税", "未税". */
export function rowVatNote(notes: string): { included?: boolean; rate?: number } {
  const included = vatMarkerIn(notes);
  if (included === undefined) return {};
  const pct = included ? /(?:含税|含|税率|增值税)\s*(\d{1,2}(?:\.\d+)?)\s*%|(\d{1,2}(?:\.\d+)?)\s*%\s*(?:增值税|税|vat)/i.exec(notes) : null;
  const rate = pct ? Number(pct[1] ?? pct[2]) / 100 : undefined;
  return rate !== undefined && rate <= 0.5 ? { included, rate } : { included };
}

/**
 * 单价 × 数量 against 总价: a mismatch is often a typo that decides a bid, so the row says so (a
 * warning on the total's column). Rounding to the cent per unit is allowed for.
 */
function crossCheckTotal(draft: RowDraft, rc: RowContext, unit: number, totalCell: Cell): void {
  const col = rc.by.totalPrice;
  if (!col || isBlank(totalCell) || draft.qty === undefined) return;
  const total = priceOf(totalCell, col.multiplier, rc.memo.totalPrice);
  if (!total.ok) return;
  const expected = unit * draft.qty;
  const tolerance = Math.max(1, draft.qty * 0.01, expected * 1e-6);
  if (Math.abs(expected - total.value.amount) <= tolerance) return;
  const f = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 });
  draft.warnings.push({
    column: col.letter,
    header: col.header,
    ...saidOften('errors.import.row.totalMismatch', { unit: f(unit), qty: f(draft.qty), expected: f(expected), total: f(total.value.amount), diff: f(total.value.amount - expected) }),
  });
}
const NO_PRICE: PriceParse = { ok: false, pending: true, ...said('errors.value.noPrice') };

/** Every non-blank cell reads as `text`. */
function sameTextEverywhere(cells: readonly Cell[], text: string): boolean {
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j];
    if (!isBlank(c) && cellText(c) !== text) return false;
  }
  return true;
}

/** A price cell: plain numbers ("¥100,000.00") directly, other texts through the memo. */
function priceOf(cell: Cell, multiplier: number, memo: Memo<PriceParse>): PriceParse {
  if (typeof cell !== 'string') return parsePrice(cell, multiplier);
  return plainPrice(cell, multiplier) ?? memo.get(cell);
}
