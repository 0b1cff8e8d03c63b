/**
 * One cell of a filled bid template read as the kind of value its field takes, through the
 * price-sheet importer's parsers (shared/document: "125万", "¥1,250,000.00", "8周", "2026年12月31日",
 * Excel serials, full-width digits, 是/否, "13%"). A refusal names the i18n key of its reason
 * (bidTemplate.error.*); the reader adds where it is.
 */
import { clean, isPending, type Cell } from '../../shared/document/cell-text';
import { parseCurrency, parsePrice, type Currency, type ParsedPrice } from '../../shared/document/price-text';
import { parseCount, parseDate, parseLeadTime, parseVatCell } from '../../shared/document/value-text';
import { isoDate } from '../../shared/format';
import { CURRENCY_CHOICES, RESPONSES, ROLE_CHOICES, YES_NO, type Choice, type ValueKind } from './template-layout';

export type CellRead<T> = { ok: true; value: T } | { ok: false; reason: string; vars?: Record<string, string | number> };

const no = (kind: string, vars?: Record<string, string | number>): CellRead<never> => ({ ok: false, reason: `bidTemplate.error.${kind}`, vars });

/** Empty, whitespace, or a placeholder (待定, TBD, –): the supplier left the cell open. */
export function isEmptyCell(c: Cell | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c !== 'string') return false;
  const s = clean(c);
  return s === '' || isPending(s);
}

export function cellString(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoDate(c);
  return clean(String(c));
}

/** A list choice, as the list writes it ("是 / Yes"), either half of it, or its value ("prefill"). */
function matchChoice<T>(choices: readonly Choice<T>[], c: Cell): T | undefined {
  const s = cellString(c).toLowerCase();
  for (const ch of choices) {
    const names = [ch.text, ...ch.text.split(' / '), String(ch.value)].map((x) => clean(x).toLowerCase());
    if (names.includes(s)) return ch.value;
  }
  return undefined;
}

const MAX_TEXT: Record<string, number> = { vendor: 200, offer: 200, notes: 5000, paymentTerms: 500, remarks: 1000, server: 160 };

function text(c: Cell, key: string): CellRead<string> {
  const s = cellString(c);
  const max = MAX_TEXT[key] ?? 200;
  if (s.length > max) return no('tooLong', { max });
  // a text cell that a spreadsheet would run as a formula is refused, as the importer refuses it
  if (/^[=@]/.test(s)) return no('formulaText');
  return { ok: true, value: s };
}

function years(c: Cell): CellRead<number> {
  let n: number | undefined;
  if (typeof c === 'number') n = c;
  else if (typeof c === 'string') {
    const m = /^(\d+(?:\.\d+)?)\s*(?:年|years?|yrs?|y)?$/i.exec(cellString(c));
    n = m ? Number(m[1]) : undefined;
  }
  return n !== undefined && Number.isFinite(n) && n >= 0 && n <= 50 ? { ok: true, value: n } : no('years');
}

function watts(c: Cell): CellRead<number> {
  let n: number | undefined;
  if (typeof c === 'number') n = c;
  else if (typeof c === 'string') {
    const m = /^([\d,]+(?:\.\d+)?)\s*(w|瓦|kw|千瓦)?$/i.exec(cellString(c));
    if (m) n = Number(m[1]!.replace(/,/g, '')) * (/k|千/i.test(m[2] ?? '') ? 1000 : 1);
  }
  return n !== undefined && Number.isFinite(n) && n >= 0 && n <= 100_000 ? { ok: true, value: n } : no('watts');
}

export interface ValueContext {
  today: string;
}

/** The value of a filled (not empty) cell of `kind`; accelerators and servers are checked against the catalog by the reader. */
export function readCell(kind: ValueKind, key: string, c: Cell, ctx: ValueContext): CellRead<unknown> {
  switch (kind) {
    case 'text':
    case 'longText':
    case 'serverName':
    case 'accelerator':
      return text(c, key);
    case 'weeks': {
      const r = parseLeadTime(c);
      return r.ok ? r : no('weeks');
    }
    case 'years':
      return years(c);
    case 'date': {
      const r = parseDate(c, ctx.today);
      return r.ok ? r : no('date');
    }
    case 'yesNo': {
      const v = matchChoice(YES_NO, c);
      if (v !== undefined) return { ok: true, value: v };
      const vat = parseVatCell(c);
      return vat.ok && vat.value.included !== undefined && vat.value.rate === undefined ? { ok: true, value: vat.value.included } : no('yesNo');
    }
    case 'rate': {
      const r = parseVatCell(c);
      return r.ok && r.value.rate !== undefined ? { ok: true, value: r.value.rate } : no('rate');
    }
    case 'role': {
      const v = matchChoice(ROLE_CHOICES, c);
      return v !== undefined ? { ok: true, value: v } : no('role');
    }
    case 'response': {
      const v = matchChoice(RESPONSES, c) ?? matchChoice(YES_NO, c);
      return v !== undefined ? { ok: true, value: v } : no('response');
    }
    case 'currency': {
      const v = matchChoice(CURRENCY_CHOICES, c);
      if (v !== undefined) return { ok: true, value: v };
      const r = parseCurrency(c);
      return r.ok ? r : no('currency');
    }
    case 'count': {
      const r = parseCount(c, 'card count', 1, 1_000_000);
      return r.ok ? r : no('count');
    }
    case 'cardsPerServer': {
      const r = parseCount(c, 'cards per server', 1, 1024);
      return r.ok ? r : no('cardsPerServer');
    }
    case 'watts':
      return watts(c);
    case 'price': {
      const r = parsePrice(c);
      return r.ok ? (r as { ok: true; value: ParsedPrice }) : no('price');
    }
  }
}

export type { Currency, ParsedPrice };
