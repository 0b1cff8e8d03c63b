/**
 * Prices as vendors write them: "¥1,250,000.00", "125万", "12.5w", "$28,500", "USD 28500",
 * "28,500 美元", "含税 ¥9.8万", numbers under a "单价（万元）" header. Amounts come back in
 * major units; implausible values (negative, zero, NaN, 10^15) are refused with a reason.
 * In the document layer so the importer, the CLI's `quote add` and the renderer's price fields
 * read a price the same way.
 */
import { clean, isPending, looksLikeFormula, type Cell } from './cell-text';
import { said, type MessageRef, type MessageVar } from '../i18n/translate';

/**
 * The currencies a price text can name. shared/money's Currency, spelt out here because the
 * document layer sits beside money, not above it (shared/domain/manual-quote checks that the
 * two lists agree).
 */
export type Currency = 'CNY' | 'USD' | 'EUR' | 'HKD' | 'JPY';

/** A failure says why in English (`message`) and as a UI string (`i18n`), which the import's row issues carry on. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; pending?: boolean; message: string; i18n?: MessageRef };

/** A failure whose reason is the UI string `errors.value.<key>`. */
export function refused(key: string, vars: Record<string, MessageVar> = {}, pending = false): { ok: false; pending?: boolean; message: string; i18n: MessageRef } {
  return { ok: false, ...(pending && { pending: true }), ...said(`errors.value.${key}`, vars) };
}

export interface ParsedPrice {
  amount: number;
  /** Currency written in the cell itself, if any. */
  currency?: Currency;
  /** VAT marker written in the cell itself (含税 / 不含税 / incl. VAT). */
  vatIncluded?: boolean;
}

/** Highest price accepted: ten billion in major units (no single line item costs more). */
export const MAX_PRICE = 1e10;

const CURRENCY_TOKENS: [RegExp, Currency][] = [
  [/HK\$|HKD|港币|港元/i, 'HKD'],
  [/US\$|USD|美元|美金|\$/i, 'USD'],
  [/EUR|€|欧元/i, 'EUR'],
  [/JPY|日元|円/i, 'JPY'],
  [/RMB|CNY|人民币|¥|元/i, 'CNY'],
];

/** The currency named in a text ("USD", "人民币", "¥"), if exactly one kind is named. */
export function currencyIn(text: string): Currency | undefined {
  for (const [re, c] of CURRENCY_TOKENS) if (re.test(text)) return c;
  return undefined;
}

/** A currency cell: "人民币", "RMB", "USD", "美元", "$". */
export function parseCurrency(cell: Cell): Parsed<Currency> {
  if (cell === null || cell === '') return refused('empty', {}, true);
  const c = currencyIn(clean(String(cell)));
  return c ? { ok: true, value: c } : refused('unknownCurrency', { text: String(cell) });
}

export function vatMarkerIn(text: string): boolean | undefined {
  if (/不含税|未税|除税|税前|excl\.?\s*(?:vat|tax)|ex\.?\s*(?:vat|tax)|without\s+(?:vat|tax)|net of (?:vat|tax)|before tax/i.test(text)) {
    return false;
  }
  if (/含税|税后|incl\.?\s*(?:vat|tax)|including\s+(?:vat|tax)|with\s+(?:vat|tax)|\+\s*vat|gross/i.test(text)) return true;
  return undefined;
}

/** Magnitude words written after the number in a cell. */
const MAGNITUDE: [RegExp, number][] = [
  [/亿/, 1e8],
  [/万|(?<=\d)\s*w\b/i, 1e4],
  [/千|(?<=\d)\s*k\b/i, 1e3],
  [/百万|(?<=\d)\s*(?:m|mn|mio)\b/i, 1e6],
];

function magnitudeIn(text: string): number | undefined {
  // 百万 must win over 万.
  if (/百万/.test(text)) return 1e6;
  for (const [re, m] of MAGNITUDE) if (re.test(text)) return m;
  return undefined;
}

function checkAmount(amount: number, raw: string): Parsed<number> {
  if (!Number.isFinite(amount)) return refused('notFinite', { text: raw });
  if (amount < 0) return refused('negativePrice', { text: raw });
  if (amount === 0) return refused('zeroPrice');
  if (amount > MAX_PRICE) return refused('hugePrice', { text: raw });
  return { ok: true, value: amount };
}

/**
 * A price cell. `multiplier` comes from the header (10000 under 单价（万元）); a magnitude word in
 * the cell itself ("125万") replaces it, since the cell is the more specific statement.
 */
export function parsePrice(cell: Cell, multiplier = 1): Parsed<ParsedPrice> {
  if (cell === null) return refused('noPrice', {}, true);
  if (typeof cell === 'boolean') return refused('notAPrice', { text: String(cell) });
  if (cell instanceof Date) return refused('dateNotPrice', { date: cell.toISOString().slice(0, 10) });
  if (typeof cell === 'number') {
    const checked = checkAmount(cell * multiplier, String(cell));
    return checked.ok ? { ok: true, value: { amount: checked.value } } : checked;
  }
  const raw = cell;
  const s = clean(raw);
  if (s === '') return refused('noPrice', {}, true);
  if (isPending(s)) return refused('priceNotGiven', { text: s }, true);
  if (looksLikeFormula(raw)) return refused('formula', { text: clip40(raw) });
  if (/%/.test(s)) return refused('percentage', { text: clip40(s) });
  const currency = currencyIn(s);
  const vatIncluded = vatMarkerIn(s);
  const magnitude = magnitudeIn(s);
  // Keep only the number: drop currency words, VAT words, magnitude words, separators.
  let num = s
    .replace(/HK\$|US\$|USD|HKD|RMB|CNY|EUR|JPY|人民币|美元|美金|港币|港元|欧元|日元|円|元|[¥$€]/gi, '')
    .replace(/不含税|含税|未税|除税|税前|税后|incl\.?\s*(?:vat|tax)|excl?\.?\s*(?:vat|tax)|\+\s*vat|vat|tax|gross|net/gi, '')
    .replace(/百万|亿|万|千|(?<=\d)\s*(?:w|k|mn|mio|m)\b/gi, '')
    .replace(/\/\s*(?:台|张|片|卡|套|个|块|unit|pc|pcs|card|ea|each)\.?$/i, '')
    .trim();
  let negative = false;
  if (/^[(（].*[)）]$/.test(num)) negative = true; // accounting negatives: (1,000)
  num = num.replace(/[()（）:：]/g, ' ').trim();
  num = num.replace(/\s+/g, '');
  if (/^[\d.,']+\s*[-~～至到]\s*[\d.,']+$/.test(num)) return refused('range', { text: clip40(s) });
  if (num.startsWith('-')) {
    negative = true;
    num = num.slice(1);
  }
  num = num.replace(/^\+/, '');
  // Thousands separators: commas, apostrophes and thin spaces; the decimal point is "."
  if (!/^\d{1,3}(?:[,']\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$/.test(num)) {
    return refused('notAPrice', { text: clip40(s) });
  }
  const value = Number(num.replace(/[,']/g, '')) * (magnitude ?? multiplier) * (negative ? -1 : 1);
  const checked = checkAmount(value, s);
  if (!checked.ok) return checked;
  const out: ParsedPrice = { amount: checked.value };
  if (currency) out.currency = currency;
  if (vatIncluded !== undefined) out.vatIncluded = vatIncluded;
  return { ok: true, value: out };
}

const SIGN_CURRENCY: Record<string, Currency> = { '¥': 'CNY', $: 'USD', '€': 'EUR' };

/**
 * parsePrice's answer for the commonest price cell, a bare amount with at most one leading
 * currency sign ("100000", "¥100,000.00", "$28,500"), read in one pass without regexes or
 * substrings; undefined for anything else (then ask parsePrice). Such a text is already clean
 * (NFKC leaves ¥ and € alone) and holds no pending, formula, VAT or magnitude word; parsePrice
 * would strip the sign and the commas, and the number is the same: digits below 2^53 over a
 * power of ten up to 10^22 divide exactly as Number() rounds the decimal text.
 */
export function plainPrice(raw: string, multiplier = 1): Parsed<ParsedPrice> | undefined {
  const n = raw.length;
  let i = 0;
  const currency = SIGN_CURRENCY[raw[0]!];
  if (currency) i = 1;
  let digits = 0;
  let mantissa = 0;
  // Whole part: \d+, or \d{1,3}(,\d{3})+ (thousands groups, as parsePrice accepts them).
  let run = 0;
  let groups = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      run++;
    } else if (c === 44) {
      if (groups === 0 ? run < 1 || run > 3 : run !== 3) return undefined;
      groups++;
      run = 0;
    } else break;
  }
  if (run === 0 || (groups > 0 && run !== 3)) return undefined;
  let scale = 1;
  if (i < n && raw.charCodeAt(i) === 46) {
    i++;
    const from = i;
    for (; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale *= 10;
    }
    if (i === from) return undefined;
  }
  if (i !== n || digits > 15 || scale > 1e22) return undefined;
  const amount = (scale === 1 ? mantissa : mantissa / scale) * multiplier;
  // checkAmount's bounds, tested here so an accepted amount costs no intermediate result.
  if (!(Number.isFinite(amount) && amount > 0 && amount <= MAX_PRICE)) return checkAmount(amount, raw) as Parsed<ParsedPrice>;
  return { ok: true, value: currency ? { amount, currency } : { amount } };
}

function clip40(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
