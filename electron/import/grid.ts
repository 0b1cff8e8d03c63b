/**
 * The sheet as the pipeline sees it, whatever the file format: named sheets of rows of cells.
 * Readers produce it (XLSX merged cells already copied into every cell of the merge); the rest of
 * the pipeline never touches exceljs or papaparse.
 */

import type { Cell } from '../../shared/document/cell-text';
import { isoDate } from '../../shared/format';

/** A cell value: text, a number, a boolean, a date (XLSX date cells) or empty. */
export type { Cell };

export interface SheetGrid {
  name: string;
  /** rows[i] is sheet row i + 1; cells[j] is column j (A = 0). Trailing empties may be absent. */
  rows: Cell[][];
}

export interface Workbook {
  format: 'xlsx' | 'csv';
  /** Text encoding of a CSV ("utf-8", "utf-8-bom", "gb18030", "utf-16le"), "" for XLSX. */
  encoding: string;
  sheets: SheetGrid[];
}

/** Limits that keep time and memory bounded whatever the file claims. */
export const LIMITS = {
  maxRows: 100_000,
  maxColumns: 200,
  maxCellChars: 4_000,
  /** What an XLSX may unpack to in all, counted as it inflates (and as its directory declares). */
  maxUnzippedBytes: 250 * 1024 * 1024,
  /** What one part of an XLSX (a sheet's XML, say) may unpack to. */
  maxZipEntryBytes: 200 * 1024 * 1024,
  /** Files inside an XLSX: a workbook has tens; each one costs a directory record and a parse. */
  maxZipEntries: 10_000,
  /** Uncompressed ÷ compressed above this is treated as a zip bomb. */
  maxCompressionRatio: 200,
  maxSheets: 50,
} as const;

/** "A", "B", … "Z", "AA" from a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function isBlank(c: Cell | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c !== 'string') return false;
  // A text whose first character is not whitespace is not blank: decided without trim() for
  // the usual cell (called for every cell of every row). Whitespace as trim() knows it lies in
  // \t–\r, space, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000 and U+FEFF.
  const d = c.charCodeAt(0);
  if ((d > 32 && d < 0x1680 && d !== 0xa0) || (d > 0x3000 && d !== 0xfeff)) return false;
  return c.trim() === '';
}

/** The cell as display text (dates as YYYY-MM-DD). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoDate(c);
  return String(c);
}
