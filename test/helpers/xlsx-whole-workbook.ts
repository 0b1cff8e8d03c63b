/**
 * The XLSX reader the importer had before it streamed: exceljs loads the whole workbook and each
 * cell is read through exceljs's cell value (a merged cell through its top-left cell). Kept as
 * the oracle of the streaming reader's test and as the baseline of `npm run bench -- import`.
 */
import ExcelJS from 'exceljs';
import { LIMITS, type Cell } from '../../electron/import/grid';

export async function wholeWorkbookSheets(buf: Buffer): Promise<{ name: string; hidden: boolean; rows: Cell[][] }[]> {
  const toCell = (v: unknown): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v.length > LIMITS.maxCellChars ? v.slice(0, LIMITS.maxCellChars) : v;
    if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return toCell((o.richText as { text?: string }[]).map((t) => t.text ?? '').join(''));
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? `=${String(o.formula ?? o.sharedFormula)}` : toCell(o.result);
    if ('error' in o) return String(o.error);
    if ('text' in o) return toCell(o.text);
    return String(v);
  };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
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
    return { name: ws.name, hidden: ws.state !== 'visible', rows };
  });
}

