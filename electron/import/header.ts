/**
 * Finding the header row under title rows, blank rows and merged banners, and scoring how
 * much a sheet looks like a price table (to pick one from a workbook of several sheets).
 */
import type { ImportField } from '../../shared/contract/import';
import { cellText, isBlank, type SheetGrid } from './grid';
import { readHeader, readUnit, type HeaderReading, type HeaderUnit } from './fields';
import { clean } from './text';

/** Header rows further down than this are not looked for. */
const SCAN_ROWS = 40;

export interface HeaderGuess {
  /** 0-based index into sheet.rows. */
  index: number;
  score: number;
  readings: HeaderReading[];
  headers: string[];
}

function readRow(cells: readonly unknown[]): { readings: HeaderReading[]; headers: string[] } {
  const headers = cells.map((c) => (typeof c === 'string' ? c : c === null || c === undefined ? '' : cellText(c as never)));
  return { readings: headers.map((h) => readHeader(h)), headers };
}

/** Sum of the best confidence per distinct field; a row naming no item or no price counts little. */
function scoreRow(readings: HeaderReading[], cells: readonly unknown[]): number {
  const best = new Map<ImportField, number>();
  for (const r of readings) if (r.field && r.confidence > (best.get(r.field) ?? 0)) best.set(r.field, r.confidence);
  let score = [...best.values()].reduce((a, b) => a + b, 0);
  const hasItem = best.has('item');
  const hasPrice = best.has('unitPrice') || best.has('totalPrice');
  if (!hasItem || !hasPrice) score *= 0.3;
  // Data rows hold numbers; header rows hold words.
  const numbers = cells.filter((c) => typeof c === 'number').length;
  if (numbers >= 2) score *= 0.5;
  // A title merged across the row repeats one text in every cell: not a header.
  const distinct = new Set(cells.filter((c) => !isBlank(c as never)).map(String));
  if (distinct.size < 2) return 0;
  return score;
}

export function detectHeader(sheet: SheetGrid, forcedIndex?: number): HeaderGuess | undefined {
  if (forcedIndex !== undefined) {
    const cells = sheet.rows[forcedIndex];
    if (!cells) return undefined;
    const { readings, headers } = readRow(cells);
    return { index: forcedIndex, score: scoreRow(readings, cells), readings, headers };
  }
  let best: HeaderGuess | undefined;
  const limit = Math.min(sheet.rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const cells = sheet.rows[i] ?? [];
    if (cells.filter((c) => !isBlank(c)).length < 2) continue;
    const { readings, headers } = readRow(cells);
    const score = scoreRow(readings, cells);
    if (score > (best?.score ?? 0)) best = { index: i, score, readings, headers };
  }
  return best && best.score >= 1 ? best : undefined;
}

/** Rows under the header that hold a number somewhere: price lines, roughly. */
function dataRows(sheet: SheetGrid, headerIndex: number): number {
  let n = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length && n < 1000; i++) {
    const cells = sheet.rows[i] ?? [];
    if (cells.some((c) => typeof c === 'number' || (typeof c === 'string' && /\d/.test(c)))) n++;
  }
  return n;
}

/** How much a sheet looks like a price table: its header's score plus a little for data below it. */
export function sheetScore(sheet: SheetGrid & { hidden?: boolean }): number {
  const h = detectHeader(sheet);
  if (!h) return 0;
  const score = h.score + Math.min(dataRows(sheet, h.index), 100) / 50;
  return Math.round((sheet.hidden ? score * 0.1 : score) * 100) / 100;
}

/**
 * Units stated once in a title row instead of the header: "单位：万元（含13%增值税）",
 * "币种：人民币", "All prices in USD, excl. VAT". They apply to price columns whose header
 * says nothing of its own.
 */
export function titleHints(sheet: SheetGrid, headerIndex: number): { unit: HeaderUnit; row: number } | undefined {
  for (let i = 0; i < headerIndex; i++) {
    const text = clean([...new Set((sheet.rows[i] ?? []).filter((c) => !isBlank(c)).map((c) => cellText(c)))].join(' '));
    const stated = /(?:单位|币种|货币|金额单位|价格单位|currency|prices?\s+(?:are\s+)?in|all prices|unit)\s*[:：]?\s*([^。;；]{1,40})/i.exec(text);
    if (!stated) continue;
    const unit = readUnit(`(${stated[1]}) ${text}`);
    if (unit.multiplier !== 1 || unit.currency || unit.vatIncluded !== undefined) return { unit, row: i + 1 };
  }
  return undefined;
}
