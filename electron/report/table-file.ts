/**
 * Plain tables (shared/report/price-tables) as files: an XLSX sheet with numbers kept as
 * numbers (with their formats) and a CSV (UTF-8 with a BOM, so Excel reads Chinese; CRLF;
 * RFC 4180 quoting). Both are injection-safe as the report workbook is: a text cell starting
 * with = + - @, a tab or a CR gets a leading apostrophe (`neutralise`), so a supplier called
 * `=HYPERLINK(…)` stays a name when the file is opened in a spreadsheet.
 */
import ExcelJS from 'exceljs';
import type { ExportTable, TableCell } from '../../shared/report/price-tables';
import { neutralise, sheetName } from './xlsx';

export async function tableXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Accelerator Procurement Planner';
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used));
    const head = ws.addRow(t.header.map(neutralise));
    head.font = { bold: true };
    for (const r of t.rows) {
      const row = ws.addRow(r.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
      r.forEach((c, i) => {
        const f = t.formats[i];
        if (typeof c === 'number' && f) row.getCell(i + 1).numFmt = f;
      });
    }
    t.header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(40, Math.max(10, [...h].length + 4))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(c: TableCell): string {
  if (c === null) return '';
  const s = typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : neutralise(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableCsv(t: ExportTable): Buffer {
  const lines = [t.header, ...t.rows].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
