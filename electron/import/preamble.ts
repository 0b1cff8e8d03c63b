/**
 * What a sheet says about itself above and below its table: who quotes (报价单位, 投标人（名称）,
 * 供应商, "Reseller:", "Vendor:", or a company name ending 有限公司/公司/Ltd/Inc) and when (报价日期,
 * 日期, "Quotation date"). Signature and stamp lines (投标人（盖章）, 法定代表人或授权代表（签字）)
 * are recognised so the row reader skips them with a reason instead of reporting errors.
 */
import type { Said } from '../../shared/i18n/translate';
import { cellText, isBlank, type Cell, type SheetGrid } from './grid';
import { parseDate } from '../../shared/document/value-text';
import { clean, clip, looksLikeFormula } from './text';
import { saidOften } from './said-often';

export interface SheetMeta {
  supplier?: { name: string; row: number; text: string };
  quoteDate?: { date: string; row: number; text: string };
}

const SUPPLIER_LABEL =
  /报价单位|报价方|报价人|投标人\s*(?:\(\s*(?:名称|全称|盖章|公章)\s*\)|名称)?|供应商\s*(?:名称)?|供货商|卖方|reseller|vendor|supplier|quoted\s+by|bidder|from/i;
const DATE_LABEL = /报价日期|报价时间|投标日期|日期|quotation\s+date|quote\s+date|date\s+of\s+quotation|date/i;
/** Labels whose value is the buyer, not the supplier: a company named there is not the supplier's. */
const BUYER_LABEL = /致|采购人|采购单位|招标人|客户|买方|\bto\b|customer|buyer|attn|bill\s+to|ship\s+to/i;
/** Every label, each ending at a colon: values run to the next label. */
const LABELS = new RegExp(
  `(${SUPPLIER_LABEL.source})\\s*[:：]|(${DATE_LABEL.source})\\s*[:：]|(${BUYER_LABEL.source})\\s*[:：]|(法定代表人|授权代表|联系人|电话|地址|email|tel|phone|contact)[^:：]{0,12}[:：]`,
  'gi',
);

const COMPANY_ZH = /([\p{Script=Han}A-Za-z0-9()（）&·]{2,40}?(?:有限责任公司|股份有限公司|有限公司|公司))/u;
const COMPANY_EN = /\b([A-Z][\w&.,'-]*(?:\s+[\w&.,'()-]+){0,8}?\s+(?:Co\.?,?\s*Ltd\.?|Ltd\.?|Limited|Inc\.?|LLC|GmbH|Corp\.?|Corporation))(?=$|[\s,;])/;

/** A stamp or signature line: 盖章, 签字, "Authorized signature". */
const SIGNATURE = /盖章|签字|签章|公章|签名|法定代表人|授权代表|signature|signed\s+by|\bstamp\b|authori[sz]ed\s+(?:signatory|representative)/i;

/**
 * The distinct texts of a row's cells, joined (a merged cell repeats its text in every cell):
 * clean(texts joined by two spaces), built as the cleaned texts joined by one space, which is the
 * same (cleaning never joins across a space, and collapses the separator to one) and lets each
 * cell's text take clean's fast paths. A test compares the two on odd texts.
 */
export function rowText(cells: readonly Cell[]): string {
  let out = '';
  let first: string | undefined;
  let seen: Set<string> | undefined;
  for (const c of cells) {
    if (isBlank(c)) continue;
    const raw = cellText(c);
    // A row without repeats (the usual quote line) needs no set for the first text.
    if (first === undefined) first = raw;
    else if (raw === first || seen?.has(raw)) continue;
    else (seen ??= new Set()).add(raw);
    const t = clean(raw);
    if (t) out = out ? `${out} ${t}` : t;
  }
  return out;
}

/** A line that starts with a supplier or date label. */
const LEADING_LABEL = new RegExp(`^(?:${SUPPLIER_LABEL.source}|${DATE_LABEL.source})\\s*[:：]`, 'i');

/** Why a line in the table region is no quote: a signature/stamp line or a supplier/date line. */
export function metaLineReason(text: string): Said | undefined {
  return cleanLineReason(clean(text));
}

/** metaLineReason(rowText(cells)), without cleaning rowText's text again. */
export function rowLineReason(cells: readonly Cell[]): Said | undefined {
  return cleanLineReason(rowText(cells));
}

function cleanLineReason(t: string): Said | undefined {
  if (!t) return undefined;
  if (SIGNATURE.test(t)) return saidOften('errors.import.skip.signature');
  if (LEADING_LABEL.test(t)) return saidOften('errors.import.skip.footer');
  return undefined;
}

interface Labelled {
  kind: 'supplier' | 'date' | 'buyer' | 'other';
  value: string;
}

/** "报价单位：甲公司  报价日期：2026年11月20日" → two labelled values. */
function labelled(text: string): Labelled[] {
  const out: Labelled[] = [];
  // Every label ends at a colon: most lines (a CSV's quote lines, all read here) have none.
  if (!text.includes(':') && !text.includes('：')) return out;
  const marks = [...text.matchAll(LABELS)];
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const kind = m[1] ? 'supplier' : m[2] ? 'date' : m[3] ? 'buyer' : 'other';
    out.push({ kind, value: text.slice(start, end).trim() });
  });
  return out;
}

/** A supplier value as written: without stamp notes, trailing punctuation or a date that followed. */
function supplierName(value: string): string | undefined {
  const v = value
    .replace(/[(（]\s*(?:盖章|公章|签章|签字)\s*[)）]/g, ' ')
    .replace(/\s{2,}.*$/, '')
    .replace(/[,，;；。.]+$/, '')
    .trim();
  if (v.length < 2 || looksLikeFormula(v) || /^[_\-—\s]+$/.test(v)) return undefined;
  return clip(v, 160);
}

const BUYER = new RegExp(`(?:${BUYER_LABEL.source})\\s*[:：]`, 'i');
const AFTER_BUYER = new RegExp(`(?:${BUYER_LABEL.source})\\s*[:：].*$`, 'i');
/** What COMPANY_ZH and COMPANY_EN cannot match without: checked first, as most lines name no company. */
const COMPANY_WORD = /公司|Ltd|Limited|Inc|LLC|GmbH|Corp/;

function companyIn(text: string): string | undefined {
  if (!COMPANY_WORD.test(text)) return undefined;
  // Company names after a buyer label (致：…, To: …) are the buyer's.
  const t = BUYER.test(text) ? text.replace(AFTER_BUYER, '') : text;
  const zh = COMPANY_ZH.exec(t);
  if (zh) return clip(zh[1]!, 160);
  const en = COMPANY_EN.exec(t);
  return en ? clip(en[1]!.trim(), 160) : undefined;
}

/**
 * The supplier and quote date a sheet states. Rows above the header come first, then the lines
 * under the table (footer, signature block); a labelled supplier beats a bare company name.
 * `dataRows` says which rows below the header are quote lines (never read as footer).
 */
export function readSheetMeta(sheet: SheetGrid, headerIndex: number, today: string, isQuoteRow: (index: number) => boolean): SheetMeta {
  const meta: SheetMeta = {};
  let company: SheetMeta['supplier'];
  const rows: number[] = [];
  for (let i = 0; i < headerIndex; i++) rows.push(i);
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) if (!isQuoteRow(i)) rows.push(i);
  for (const i of rows) {
    const cells = sheet.rows[i] ?? [];
    const text = rowText(cells);
    if (!text || text.length > 600) continue;
    for (const l of labelled(text)) {
      if (l.kind === 'supplier' && !meta.supplier) {
        const name = supplierName(l.value);
        if (name) meta.supplier = { name, row: i + 1, text: clip(text, 200) };
      } else if (l.kind === 'date' && !meta.quoteDate) {
        const d = dateIn(l.value, cells, today);
        if (d) meta.quoteDate = { date: d, row: i + 1, text: clip(text, 200) };
      }
    }
    if (!company && !meta.supplier) {
      const c = companyIn(text);
      if (c) company = { name: c, row: i + 1, text: clip(text, 200) };
    }
  }
  if (!meta.supplier && company) meta.supplier = company;
  return meta;
}

/** A date after a label: the text itself, else the first date cell of the row. */
function dateIn(value: string, cells: readonly Cell[], today: string): string | undefined {
  const first = value.split(/\s{2,}/)[0]!.trim();
  if (first) {
    const r = parseDate(first, today);
    if (r.ok) return r.value;
  }
  for (const c of cells) {
    if (c instanceof Date) {
      const r = parseDate(c, today);
      if (r.ok) return r.value;
    }
  }
  return undefined;
}
