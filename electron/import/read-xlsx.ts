/**
 * XLSX read as it inflates, never loaded whole (never the npm `xlsx` package either). The archive
 * is checked first (zip-guard: entry count, declared sizes and ratio, before anything is
 * inflated); then the workbook's structure, the parts nobody reads (counted and dropped, so a
 * bomb among them is refused before any sheet is parsed), the styles, the shared strings and the
 * sheets are inflated once each, counted as they come out, and read by SAX passes that keep only
 * the cells' values. Merged cells are copied into every cell of the merge (xlsx-merge), so a
 * vendor name merged down a block of rows applies to each row; formulas give their cached result;
 * rich text and hyperlinks give their text; numbers in date formats give dates.
 */
import { LIMITS, type Cell, type SheetGrid, type Workbook } from './grid';
import { excelUtils, readDateStyles, readSharedStrings, readStructure, SheetError, type BookParts } from './xlsx-book';
import { resolveMerges } from './xlsx-merge';
import { readSheetXml } from './xlsx-sheet';
import { openZip, ZipError } from './zip-guard';

export interface XlsxSheet extends SheetGrid {
  hidden: boolean;
}

export async function readXlsx(buf: Buffer): Promise<Workbook & { sheets: XlsxSheet[] }> {
  const zip = await openZip(buf);
  try {
    if (!zip.entries.some((e) => e.startsWith('xl/'))) throw new Error('it is a zip archive but not an Excel workbook');
    const sheets: XlsxSheet[] = [];
    try {
      const structure = await readStructure(zip);
      const listed = structure.sheets.slice(0, LIMITS.maxSheets);
      const wanted = new Set(['xl/styles.xml', 'xl/sharedStrings.xml', ...listed.map((s) => s.part)]);
      await zip.drain((name) => wanted.has(name));
      const isDate = await readDateStyles(zip);
      const rules = excelUtils();
      const book: BookParts = { sharedStrings: await readSharedStrings(zip), date1904: structure.date1904, isDate };
      for (const s of listed) {
        const { rows, merges } = await readSheetXml(s.name, zip.part(s.part), book, rules);
        resolveMerges(s.name, rows, merges);
        for (let i = 0; i < rows.length; i++) rows[i] ??= [] as Cell[];
        sheets.push({ name: s.name, rows, hidden: s.hidden });
      }
      // what is left (sheets past the limit) is counted too: the verdict covers the whole archive
      await zip.drain();
    } catch (e) {
      // the archive's own refusals and the sheet's say what is wrong; anything else is XML that does not read
      if (e instanceof ZipError || e instanceof SheetError) throw e;
      throw new Error(`the workbook cannot be read (${(e instanceof Error ? e.message : String(e)).slice(0, 200)})`);
    }
    if (sheets.length === 0) throw new Error('the workbook has no sheets');
    return { format: 'xlsx', encoding: '', sheets };
  } finally {
    zip.close();
  }
}
