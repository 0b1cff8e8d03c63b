/** CSV and TSV through papaparse, after decoding; the delimiter is sniffed (comma, tab, semicolon). */
import { Refusal, unreadable } from './errors';
import { said } from '../../shared/i18n/translate';
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

/** The text of the file; a refusal (binary, unknown encoding) names the file. */
function decodeOrRefuse(buf: Buffer, fileName: string): ReturnType<typeof decodeText> {
  try {
    return decodeText(buf);
  } catch (e) {
    throw e instanceof Refusal ? unreadable(fileName, e) : e;
  }
}

export function readCsv(buf: Buffer, fileName: string): Workbook {
  const { text, encoding } = decodeOrRefuse(buf, fileName);
  if (text.trim() === '') throw unreadable(fileName, said('errors.import.empty'));
  const delimiter = /\.tsv$/i.test(fileName) ? '\t' : sniffDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, preview: LIMITS.maxRows + 1 });
  if (parsed.data.length > LIMITS.maxRows) throw unreadable(fileName, said('errors.import.tooManyRows', { max: LIMITS.maxRows.toLocaleString('en') }));
  // Papa's own row arrays become the grid, edited in place: a copy of every row was 50,000
  // short-lived arrays per 50,000-row sheet for the garbage collector.
  const rows = parsed.data as Cell[][];
  for (const r of rows) {
    if (r.length > LIMITS.maxColumns) r.length = LIMITS.maxColumns;
    for (let j = 0; j < r.length; j++) {
      const c = r[j] as string;
      if (c === '') r[j] = null;
      else if (c.length > LIMITS.maxCellChars) r[j] = c.slice(0, LIMITS.maxCellChars);
    }
  }
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Sheet1';
  return { format: 'csv', encoding, sheets: [{ name, rows }] };
}
