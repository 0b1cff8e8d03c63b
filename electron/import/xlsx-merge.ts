/**
 * Merged cells, resolved after a sheet's cells are read (Excel writes the ranges after them):
 * every cell of a merge takes the value of its top-left cell, so a vendor name merged down a
 * block of rows applies to each row and a title merged across the page reads the same in every
 * column, as exceljs gave them when it loaded the whole workbook. An empty top-left cell gives
 * every other cell of the merge an empty value (the row then exists, as it did). Bounded: cells
 * past LIMITS.maxColumns are left out as the reader leaves them out, a range reaching past
 * LIMITS.maxRows makes the sheet too long, and at most MAX_MERGED_CELLS cells are filled in all.
 */
import { LIMITS, type Cell } from './grid';
import { SheetError } from './xlsx-book';
import { columnOf, tooManyRows } from './xlsx-sheet';

/** Cells a sheet's merges may fill in all: a real sheet's merges fill thousands, not millions. */
export const MAX_MERGED_CELLS = 1_000_000;

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A1:H1" (or one cell, "$B$5") as 1-based bounds; undefined when it is not a cell range. */
export function parseRange(ref: string): Range | undefined {
  const ends = ref.replace(/\$/g, '').split(':');
  if (ends.length > 2) return undefined;
  const at = ends.map((e) => {
    const m = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(e);
    return m ? { col: columnOf(m[1]!), row: parseInt(m[2]!, 10) } : undefined;
  });
  const a = at[0];
  const b = at[at.length - 1];
  if (!a || !b || a.row < 1 || b.row < 1) return undefined;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

/**
 * Copies each merge's top-left value into its other cells, in place. Throws (with the sheet and
 * the ranges named) for a range that is not one, for merges that overlap (Excel never writes
 * them, and exceljs refused them), or past the bounds above.
 */
export function resolveMerges(sheet: string, rows: Cell[][], merges: readonly string[]): void {
  if (merges.length === 0) return;
  const claimed = new Map<number, number>();
  let filled = 0;
  for (let i = 0; i < merges.length; i++) {
    const ref = merges[i]!;
    const m = parseRange(ref);
    if (!m) throw new SheetError('mergeNotRange', { sheet, range: ref.slice(0, 40) });
    if (m.bottom > LIMITS.maxRows) throw tooManyRows(sheet);
    const right = Math.min(m.right, LIMITS.maxColumns);
    const area = (m.bottom - m.top + 1) * Math.max(0, right - m.left + 1);
    if ((filled += area) > MAX_MERGED_CELLS) {
      throw new SheetError('mergeTooMany', { sheet, max: MAX_MERGED_CELLS.toLocaleString('en') });
    }
    const master = rows[m.top - 1]?.[m.left - 1] ?? null;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= right; c++) {
        const key = r * 16_384 + c;
        const other = claimed.get(key);
        if (other !== undefined) throw new SheetError('mergeOverlap', { sheet, a: merges[other]!.slice(0, 40), b: ref.slice(0, 40) });
        claimed.set(key, i);
        if (r === m.top && c === m.left) continue;
        const cells = (rows[r - 1] ??= []);
        while (cells.length < c - 1) cells.push(null);
        cells[c - 1] = master;
      }
    }
  }
}
