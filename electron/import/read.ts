/** Reading any price-sheet file into a Workbook grid: the format is told by its bytes, not its name. */
import { MAX_IMPORT_FILE_BYTES } from '../../shared/contract/import';
import type { Workbook } from './grid';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { Refusal, unreadable } from './errors';
import { AppError } from '../../shared/contract/result';

export type Format = 'xlsx' | 'xls' | 'text';

export function sniffFormat(buf: Buffer): Format {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  // Compound File (old .xls, or an encrypted .xlsx, which Excel wraps the same way).
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  return 'text';
}

export async function readWorkbook(buf: Buffer, fileName: string): Promise<Workbook> {
  if (buf.length === 0) throw unreadable(fileName, 'the file is empty');
  if (buf.length > MAX_IMPORT_FILE_BYTES) {
    throw unreadable(fileName, `the file is ${Math.round(buf.length / 1048576)} MB (limit ${MAX_IMPORT_FILE_BYTES / 1048576} MB)`);
  }
  const format = sniffFormat(buf);
  try {
    if (format === 'xls') {
      throw new Error('it is an old Excel 97–2003 (.xls) or password-protected workbook; save it as .xlsx or CSV first');
    }
    if (format === 'xlsx') return await readXlsx(buf);
    if (/\.xlsx?$|\.xlsm$/i.test(fileName)) throw new Error('it is named like an Excel file but is not one (damaged or renamed)');
    return readCsv(buf, fileName);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // a reason the reader gave as a UI string keeps its key
    throw unreadable(fileName, e instanceof Refusal ? e : e instanceof Error ? e.message : String(e));
  }
}
