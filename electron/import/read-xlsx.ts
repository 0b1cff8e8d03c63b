/**
 * XLSX through exceljs (never the npm `xlsx` package). Merged cells are copied into every cell
 * of the merge, so a vendor name merged down a block of rows applies to each row; formulas give
 * their cached result; rich text and hyperlinks give their text.
 */
import ExcelJS from 'exceljs';
import { LIMITS, type Cell, type SheetGrid, type Workbook } from './grid';
import { verifyZip } from './zip-guard';

/** An exceljs cell value, narrowed to what a price sheet holds. */
function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > LIMITS.maxCellChars ? v.slice(0, LIMITS.maxCellChars) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return toCell((o.richText as { text?: string }[]).map((t) => t.text ?? '').join(''));
    if ('formula' in o || 'sharedFormula' in o) {
      // No cached result (a file written by a script, never opened in Excel): keep it as formula
      // text so the row reports "formula text, not a value" instead of guessing.
      return o.result === undefined ? `=${String(o.formula ?? o.sharedFormula)}` : toCell(o.result);
    }
    if ('error' in o) return String(o.error);
    if ('text' in o) return toCell(o.text);
  }
  return String(v);
}

export interface XlsxSheet extends SheetGrid {
  hidden: boolean;
}

export async function readXlsx(buf: Buffer): Promise<Workbook & { sheets: XlsxSheet[] }> {
  // exceljs inflates everything it is given: it only ever sees an archive whose real unpacked
  // size has been counted and found within the limits.
  const zip = await verifyZip(buf);
  if (!zip.entries.some((e) => e.startsWith('xl/'))) throw new Error('it is a zip archive but not an Excel workbook');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new Error(`the workbook cannot be read (${(e as Error).message.slice(0, 200)})`);
  }
  const sheets: XlsxSheet[] = [];
  for (const ws of wb.worksheets.slice(0, LIMITS.maxSheets)) {
    if (ws.rowCount > LIMITS.maxRows) {
      throw new Error(`sheet "${ws.name}" has more than ${LIMITS.maxRows.toLocaleString('en')} rows`);
    }
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > LIMITS.maxColumns) return;
        while (cells.length < c - 1) cells.push(null);
        cells[c - 1] = toCell(cell.value);
      });
      rows[r - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name: ws.name, rows, hidden: ws.state !== 'visible' });
  }
  if (sheets.length === 0) throw new Error('the workbook has no sheets');
  return { format: 'xlsx', encoding: '', sheets };
}
