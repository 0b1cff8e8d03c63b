/**
 * One data row → its values and problems, before catalog matching. Subtotal, note, section and
 * repeated-header rows are recognised and skipped; every bad cell becomes an issue that names
 * the file, sheet, row, column and problem.
 */
import type { ColumnView, ImportField, RowIssue } from '../../shared/contract/import';
import type { Currency } from '../../shared/money';
import { cellText, isBlank, type Cell } from './grid';
import { parseCurrency, parsePrice, type Parsed } from './parse-money';
import { parseCount, parseDate, parseLeadTime, parseMemoryGB, parseVatCell } from './parse-values';
import { isPerHour, timeUnitOf } from './mapping';
import { clean, clip, looksLikeFormula } from './text';

export interface RowDraft {
  row: number;
  text: string;
  issues: RowIssue[];
  /** Recognised as not-a-quote (subtotal, note, pending price); no issue is an error then. */
  skipReason?: string;
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
}

export function rowContext(base: Omit<RowContext, 'leadTimeUnit' | 'perHour'>): RowContext {
  const { by } = base;
  const rc: RowContext = {
    ...base,
    perHour: { unitPrice: by.unitPrice ? isPerHour(by.unitPrice) : false, totalPrice: by.totalPrice ? isPerHour(by.totalPrice) : false },
  };
  const unit = by.leadTime ? timeUnitOf(by.leadTime) : undefined;
  if (unit) rc.leadTimeUnit = unit;
  return rc;
}

const SUBTOTAL = /^(?:sub-?totals?|grand total|totals?|sum)\b|^(?:合\s*计|小\s*计|总\s*计|总价合计|共计)/i;
const NOTE = /^(注|备注|说明|附注|注意|提示|note|notes|remark|remarks|n\.b\.|\*)[:：.\s]|^※|^\*/i;

export function readRow(cells: readonly Cell[], index: number, rc: RowContext): RowDraft | undefined {
  const nonBlank = cells.filter((c) => !isBlank(c));
  if (nonBlank.length === 0) return undefined;
  const row = index + 1;
  const get = (f: ImportField): Cell => {
    const col = rc.by[f];
    return col ? (cells[col.column] ?? null) : null;
  };
  const itemCell = get('item');
  const text = clip(clean(cellText(itemCell)), 300);
  const draft: RowDraft = { row, text, issues: [], rental: false };
  const issue = (f: ImportField | null, message: string) => {
    const col = f ? rc.by[f] : undefined;
    draft.issues.push({ file: rc.file, sheet: rc.sheet, row, column: col?.letter ?? '', header: col?.header ?? '', message });
  };
  const skip = (why: string) => {
    draft.skipReason = why;
    return draft;
  };

  const firstText = clean(cellText(nonBlank[0]));
  // Only the leading cells and the item name count: a note saying "total cost…" is not a subtotal.
  const leading = [...nonBlank.slice(0, 2), itemCell];
  if (leading.some((c) => typeof c === 'string' && SUBTOTAL.test(clean(c)))) return skip('subtotal row');
  if (NOTE.test(firstText)) return skip('note row');
  // A header repeated after a page break: only worth checking when the first cell is a header word.
  if (rc.headerKeys.has(firstText.toLowerCase())) {
    const texts = cells.map((c) => clean(cellText(c)).toLowerCase());
    if (texts.filter((t) => t && rc.headerKeys.has(t)).length >= 2) return skip('repeated header row');
  }

  // A banner merged across the row ("一、加速卡") repeats one text in every cell.
  if (nonBlank.length > 1 && new Set(nonBlank.map((c) => cellText(c))).size === 1) return skip('section heading');
  const priceCell = get('unitPrice');
  const totalCell = get('totalPrice');
  const noPrice = isBlank(priceCell) && isBlank(totalCell);
  const priceMapped = rc.by.unitPrice !== undefined || rc.by.totalPrice !== undefined;
  if (priceMapped && noPrice && nonBlank.length <= 2) return skip('section or note row');
  if (!text) {
    if (noPrice && priceMapped) return skip('row without item or price');
    issue('item', 'no item name');
  } else if (looksLikeFormula(cellText(itemCell))) {
    issue('item', `"${clip(text, 40)}" is formula text, not a part name`);
  }

  // ---- price (unit price, or total ÷ quantity)
  const priceCol = rc.by.unitPrice;
  const qty = optional(get('qty'), (c) => parseCount(c, 'quantity', 1), 'qty');
  if (qty !== undefined) draft.qty = qty;
  let price: Parsed<{ amount: number; currency?: Currency; vatIncluded?: boolean }> = { ok: false, pending: true, message: 'no price' };
  let priceField: ImportField = 'unitPrice';
  if (priceCol && !isBlank(priceCell)) price = parsePrice(priceCell, priceCol.multiplier);
  else if (rc.by.totalPrice && !isBlank(totalCell)) {
    priceField = 'totalPrice';
    const total = parsePrice(totalCell, rc.by.totalPrice.multiplier);
    if (total.ok && draft.qty === undefined) price = { ok: false, message: 'only a total price and no quantity to divide it by' };
    else if (total.ok) price = { ok: true, value: { ...total.value, amount: total.value.amount / draft.qty! } };
    else price = total;
  }
  const priceColView = rc.by[priceField];
  if (price.ok) {
    draft.price = price.value.amount;
    draft.currency = price.value.currency;
    draft.vatIncluded = price.value.vatIncluded;
  } else if (!priceMapped) {
    issue(null, 'no price column is mapped');
  } else if (price.pending && isBlank(priceCell) && isBlank(totalCell)) {
    issue(priceCol ? 'unitPrice' : 'totalPrice', 'no price');
  } else if (price.pending) {
    return skip(price.message);
  } else {
    issue(priceField, price.message);
  }
  draft.rental = rc.perHour[priceField === 'totalPrice' ? 'totalPrice' : 'unitPrice'] || /租赁|租用|rental|per\s*(?:gpu|card)[- ]?hour|卡时/i.test(text);

  // ---- currency: the cell's own symbol, else a currency column, else the header's
  const curCell = get('currency');
  if (!isBlank(curCell)) {
    const c = parseCurrency(curCell);
    if (!c.ok) issue('currency', c.message);
    else if (draft.currency && draft.currency !== c.value) issue('currency', `the price says ${draft.currency} but the currency column says ${c.value}`);
    else draft.currency ??= c.value;
  }
  draft.currency ??= priceColView?.currency;

  // ---- VAT: a VAT column, else the cell, else the header
  const vatCell = get('vat');
  if (!isBlank(vatCell)) {
    const v = parseVatCell(vatCell);
    if (!v.ok) {
      if (!v.pending) issue('vat', v.message);
    } else {
      if (v.value.included !== undefined) draft.vatIncluded = v.value.included;
      if (v.value.rate !== undefined) {
        draft.vatRate = v.value.rate;
        if (v.value.rate === 0) draft.vatIncluded ??= false;
      }
    }
  }
  draft.vatIncluded ??= priceColView?.vatIncluded;

  // ---- the rest: optional; a value that is there but unreadable is an error
  const moq = optional(get('moq'), (c) => parseCount(c, 'minimum order quantity', 0), 'moq');
  if (moq !== undefined) draft.moq = moq;
  const lead = optional(get('leadTime'), (c) => parseLeadTime(c, rc.leadTimeUnit), 'leadTime');
  if (lead !== undefined) draft.leadTimeWeeks = lead;
  const valid = optional(get('validUntil'), (c) => parseDate(c, rc.today), 'validUntil');
  if (valid !== undefined) draft.validUntil = valid;
  const mem = optional(get('memory'), (c) => parseMemoryGB(c, rc.by.memory?.multiplier ?? 1), 'memory');
  if (mem !== undefined) draft.memoryGB = mem;
  const cards = optional(get('cards'), (c) => parseCount(c, 'card count', 1, 64), 'cards');
  if (cards !== undefined) draft.cards = cards;
  for (const f of ['vendor', 'supplier'] as const) {
    const t = clean(cellText(get(f)));
    if (!t) continue;
    if (looksLikeFormula(t)) issue(f, `"${clip(t, 40)}" is formula text, not a name`);
    else draft[f] = clip(t, 160);
  }
  const notes = clean(cellText(get('notes')));
  // Notes are free text: keep them, but never as something a spreadsheet would execute.
  if (notes) draft.notes = clip(looksLikeFormula(notes) ? `'${notes}` : notes, 1000);
  return draft;

  function optional<T>(cell: Cell, parse: (c: Cell) => Parsed<T>, f: ImportField): T | undefined {
    if (isBlank(cell)) return undefined;
    const r = parse(cell);
    if (r.ok) return r.value;
    if (!r.pending) issue(f, r.message);
    return undefined;
  }
}
