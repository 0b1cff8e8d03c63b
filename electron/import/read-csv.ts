/** CSV and TSV through papaparse, after decoding; the delimiter is sniffed (comma, tab, semicolon). */
import Papa from 'papaparse';
import { LIMITS, type Cell, type Workbook } from './grid';
import { decodeText } from './decode';

function sniffDelimiter(text: string): string {
  const head = text.slice(0, 20_000).split(/\r?\n/).slice(0, 30);
  const score = (d: string) => {
    const counts = head.map((l) => l.split(d).length - 1).filter((c) => c > 0);
    return counts.length === 0 ? 0 : counts.length * Math.min(...counts);
  };
  const candidates = [',', '\t', ';', '|'];
  return candidates.reduce((best, d) => (score(d) > score(best) ? d : best), ',');
}

export function readCsv(buf: Buffer, fileName: string): Workbook {
  const { text, encoding } = decodeText(buf);
  if (text.trim() === '') throw new Error('the file is empty');
  const delimiter = /\.tsv$/i.test(fileName) ? '\t' : sniffDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, preview: LIMITS.maxRows + 1 });
  if (parsed.data.length > LIMITS.maxRows) throw new Error(`it has more than ${LIMITS.maxRows.toLocaleString('en')} rows`);
  const rows: Cell[][] = parsed.data.map((r) =>
    r.slice(0, LIMITS.maxColumns).map((c) => (c === '' ? null : c.length > LIMITS.maxCellChars ? c.slice(0, LIMITS.maxCellChars) : c)),
  );
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Sheet1';
  return { format: 'csv', encoding, sheets: [{ name, rows }] };
}
