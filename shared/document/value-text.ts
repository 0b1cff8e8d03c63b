/**
 * The other cells of a quote line as people type them: lead times ("8周", "6-8 weeks", "现货"),
 * dates ("2026/12/31", "2026年12月31日", Excel serials, "30天" of validity), counts ("8卡",
 * "1,000 pcs"), memory ("64GB", "1.6 TB") and VAT cells ("含税", "13%").
 */
import { refused, type Parsed } from './price-text';
import { clean, isPending, type Cell } from './cell-text';
import { addDays } from '../calendar';

const pending = (s: string): Parsed<never> => refused('notGiven', { text: s }, true);
const bad = (key: string, vars: Record<string, string | number> = {}): Parsed<never> => refused(key, vars);
/** The quantity's name as a UI string when it is one we know ("quantity", "MOQ"), else as given. */
const WHATS = new Set(['quantity', 'minimum order quantity', 'card count', 'MOQ']);
const whatOf = (what: string) => (WHATS.has(what) ? { key: `errors.value.what.${what}` } : what);

// ---- numbers
function plainNumber(s: string): number | undefined {
  const t = s.replace(/[,'\s]/g, '');
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** Whole counts: "8", "8卡", "1,000 pcs", "≥ 10 台". */
export function parseCount(cell: Cell, what: string, min = 0, max = 10_000_000): Parsed<number> {
  if (cell === null) return refused('empty', {}, true);
  let n: number | undefined;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string') {
    const s = clean(cell);
    if (s === '') return refused('empty', {}, true);
    if (isPending(s)) return pending(s);
    const m = /^(?:[≥>]=?|min\.?|最少|至少|起订)?\s*([\d,]+(?:\.\d+)?)\s*(?:台|张|片|卡|块|套|个|件|颗|pcs?|units?|cards?|gpus?|nodes?|sets?|ea)?\.?(?:起)?$/i.exec(s);
    n = m ? plainNumber(m[1]!) : undefined;
  }
  if (n === undefined || !Number.isFinite(n)) return refused('notA', { text: String(cell), what: whatOf(what) });
  if (!Number.isInteger(n)) return refused('notWhole', { what: whatOf(what), n });
  if (n < min || n > max) return refused('outOfRange', { what: whatOf(what), n, min, max });
  return { ok: true, value: n };
}

// ---- lead time
const WEEKS_PER: Record<string, number> = { week: 1, day: 1 / 7, month: 52 / 12 };

function unitOf(s: string): keyof typeof WEEKS_PER | undefined {
  if (/周|星期|礼拜|wk|week/i.test(s)) return 'week';
  if (/天|日|工作日|day/i.test(s)) return 'day';
  if (/月|month|mo\b/i.test(s)) return 'month';
  return undefined;
}

/**
 * Lead time in weeks. A range ("6-8 weeks") counts as its upper end: planning on the optimistic
 * end of a vendor's range is how deliveries slip. `headerUnit` covers plain numbers under "交货期（天）".
 */
export function parseLeadTime(cell: Cell, headerUnit?: 'week' | 'day' | 'month'): Parsed<number> {
  if (cell === null) return refused('empty', {}, true);
  if (cell instanceof Date) return bad('dateNotLeadTime');
  if (typeof cell === 'boolean') return bad('notLeadTime', { text: String(cell) });
  let weeks: number | undefined;
  if (typeof cell === 'number') weeks = cell * WEEKS_PER[headerUnit ?? 'week']!;
  else {
    const s = clean(cell).replace(/[（(][^）)]*[）)]/g, '').trim();
    if (s === '') return refused('empty', {}, true);
    if (isPending(s)) return pending(s);
    if (/^(现货|有货|库存|in stock|stock|ex[- ]stock|immediate(?:ly)?|available)$/i.test(s)) return { ok: true, value: 0 };
    const m = /^(?:约|about|approx\.?|~)?\s*(\d+(?:\.\d+)?)\s*(?:[-~～至到]|to)?\s*(\d+(?:\.\d+)?)?\s*([^\d]*)$/i.exec(s);
    if (!m) return bad('notLeadTime', { text: s });
    const hi = Number(m[2] ?? m[1]);
    const unit = unitOf(m[3] ?? '') ?? headerUnit ?? (m[3]?.trim() ? undefined : 'week');
    if (!unit) return bad('leadTimeUnit', { text: s, unit: m[3]?.trim() ?? '' });
    weeks = hi * WEEKS_PER[unit]!;
  }
  if (!Number.isFinite(weeks) || weeks < 0) return bad('notLeadTime', { text: String(cell) });
  if (weeks > 520) return bad('leadTimeHuge', { weeks: Math.round(weeks) });
  return { ok: true, value: Math.round(weeks * 10) / 10 };
}

// ---- dates
function iso(y: number, m: number, d: number): string | undefined {
  if (y < 2000 || y > 2100 || m < 1 || m > 12) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > last) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function endOfMonth(y: number, m: number): string | undefined {
  return m >= 1 && m <= 12 ? iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) : undefined;
}

/** Excel's day count (1900 date system; 1899-12-30 is day 0 because of the 1900 leap-year bug). */
export function excelSerialToIso(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 36526 || n > 73415) return undefined; // 2000-01-01 … 2100-12-31
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A valid-until date as YYYY-MM-DD. "30天" / "3个月" / "30 days" count from `today` (validity
 * stated as a period). "2026年12月" means the end of that month. Day/month order is only guessed
 * when one of them is over 12; otherwise the cell is refused as ambiguous.
 */
export function parseDate(cell: Cell, today: string): Parsed<string> {
  if (cell === null) return refused('empty', {}, true);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('invalidDate');
    const out = iso(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return out ? { ok: true, value: out } : bad('dateOutOfRange', { date: cell.toISOString().slice(0, 10) });
  }
  if (typeof cell === 'number') {
    const out = excelSerialToIso(cell);
    return out ? { ok: true, value: out } : bad('serialNotDate', { text: String(cell) });
  }
  if (typeof cell === 'boolean') return bad('notDate', { text: String(cell) });
  const s = clean(cell);
  if (s === '') return refused('empty', {}, true);
  if (isPending(s) || /^(长期有效|长期|永久|open|until further notice)$/i.test(s)) return pending(s);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return orBad(iso(+m[1]!, +m[2]!, +m[3]!), s);
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (m) return orBad(endOfMonth(+m[1]!, +m[2]!), s);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const y = +m[3]!;
    if (a > 12 && b <= 12) return orBad(iso(y, b, a), s);
    if (b > 12 && a <= 12) return orBad(iso(y, a, b), s);
    if (a === b) return orBad(iso(y, a, b), s);
    return bad('ambiguousDate', { text: s });
  }
  m = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/i.exec(s) ?? null;
  if (m) return orBad(iso(+m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!), s);
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s);
  if (m) return orBad(iso(+m[3]!, MONTHS.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!), s);
  m = /^(?:报价后|自报价日起|within)?\s*(\d{1,4})\s*(天|日|days?|个月|月|months?|周|weeks?)(?:内|有效)?$/i.exec(s);
  if (m) {
    const n = +m[1]!;
    const u = m[2]!;
    const days = /天|日|day/i.test(u) ? n : /周|week/i.test(u) ? n * 7 : n * 30;
    if (days > 3650) return bad('validityHuge', { text: s });
    return { ok: true, value: addDays(today, days) };
  }
  const serial = plainNumber(s);
  if (serial !== undefined) {
    const out = excelSerialToIso(serial);
    if (out) return { ok: true, value: out };
  }
  return bad('notDate', { text: s });
}

function orBad(v: string | undefined, s: string): Parsed<string> {
  return v ? { ok: true, value: v } : bad('notValidDate', { text: s });
}

// ---- memory
/** Memory in GB: "64GB", "96 GB HBM3", "1.6 TB", a plain number under "显存(GB)". */
export function parseMemoryGB(cell: Cell, headerMultiplier = 1): Parsed<number> {
  if (cell === null) return refused('empty', {}, true);
  let gb: number | undefined;
  if (typeof cell === 'number') gb = cell * headerMultiplier;
  else if (typeof cell === 'string') {
    const s = clean(cell);
    if (s === '' || isPending(s)) return refused('empty', {}, true);
    const m = /^(\d+(?:\.\d+)?)\s*(tb|t|gb|g|gib|mb)?\b/i.exec(s);
    if (m) {
      const u = (m[2] ?? '').toLowerCase();
      gb = Number(m[1]) * (u.startsWith('t') ? 1024 : u === 'mb' ? 1 / 1024 : u ? 1 : headerMultiplier);
    }
  }
  if (gb === undefined || !Number.isFinite(gb) || gb <= 0 || gb > 10_000) return bad('notMemory', { text: String(cell) });
  return { ok: true, value: gb };
}

// ---- VAT
export interface VatCell {
  included?: boolean;
  rate?: number;
}

/** A VAT column: "含税"/"不含税", "是/否", "Y/N", or a rate ("13%", "0.13", "13"). */
export function parseVatCell(cell: Cell): Parsed<VatCell> {
  if (cell === null) return refused('empty', {}, true);
  if (typeof cell === 'boolean') return { ok: true, value: { included: cell } };
  if (typeof cell === 'number') return rate(cell > 1 ? cell / 100 : cell, String(cell));
  const s = clean(String(cell));
  if (s === '' || isPending(s)) return refused('empty', {}, true);
  if (/^(不含税|未税|除税|否|no|n|excl\.?(?: vat)?|ex\.? vat|net|false|免税|tax[- ]?free)$/i.test(s)) return { ok: true, value: { included: false } };
  const pct = /^(?:含税\s*)?(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) {
    const r = rate(Number(pct[1]) / 100, s);
    if (r.ok && /含税/.test(s)) r.value.included = true;
    return r;
  }
  if (/^(含税|是|yes|y|incl\.?(?: vat)?|including vat|gross|true)$/i.test(s)) return { ok: true, value: { included: true } };
  const n = plainNumber(s);
  if (n !== undefined) return rate(n > 1 ? n / 100 : n, s);
  return bad('notVat', { text: s });
}

function rate(r: number, raw: string): Parsed<VatCell> {
  if (!Number.isFinite(r) || r < 0 || r > 0.5) return bad('vatRange', { text: raw });
  return { ok: true, value: { rate: Math.round(r * 10000) / 10000 } };
}
