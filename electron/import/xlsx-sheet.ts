/**
 * One worksheet's XML, read as it inflates: a SAX pass (saxes, the parser exceljs itself uses)
 * that keeps only the cells' values, never a DOM, a style object or a cell object per cell. The
 * values follow exceljs's own whole-workbook reading rule for rule (shared and inline strings,
 * rich text as its text, formulas as their cached result or else their text, booleans, errors as
 * their code, numbers with a date format as dates), so the importer sees the same grid it saw
 * when exceljs loaded the whole workbook. Merged ranges are collected for xlsx-merge, which
 * resolves them once the sheet's cells are known (Excel writes them after the cells).
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { LIMITS, type Cell } from './grid';
import { capped, decodeEscapes, SheetError, type BookParts } from './xlsx-book';

/** exceljs's date and entity rules (xlsx-book loads them with the workbook). */
export interface CellRules {
  excelToDate(v: number, date1904?: boolean): Date;
  xmlDecode(text: string): string;
}

/**
 * A cell with a formula: its cached result when the file saved one (a string result decoded as
 * exceljs decodes it, a number in a date format as a date), else its text as "=…", so the row can
 * say "formula text, not a value" rather than guess. A shared formula's later cells carry no text
 * of their own; they show the first cell's address, as exceljs showed them.
 */
function formulaCell(book: BookParts, rules: CellRules, text: string, type: string | undefined, value: string | undefined, style: number): Cell {
  if (!value) return `=${text}`;
  if (type === 'str') return capped(rules.xmlDecode(value));
  if (type === 'b') return parseInt(value, 10) !== 0;
  if (type === 'e') return value;
  const n = parseFloat(value);
  return book.isDate(style) ? rules.excelToDate(n, book.date1904) : n;
}

/** A cell without a formula; undefined when it names a shared string the workbook lacks. */
function plainCell(book: BookParts, rules: CellRules, type: string | undefined, value: string | undefined, runs: string[] | null, style: number): Cell | undefined {
  switch (type) {
    case 's':
      return book.sharedStrings[parseInt(value ?? '', 10)];
    case 'str':
      return capped(rules.xmlDecode(value ?? ''));
    case 'inlineStr':
      return capped(runs ? runs.map(decodeEscapes).join('') : (value ?? ''));
    case 'b':
      return parseInt(value ?? '', 10) !== 0;
    case 'e':
      return value ?? '';
    default: {
      const n = parseFloat(value ?? '');
      return book.isDate(style) ? rules.excelToDate(n, book.date1904) : n;
    }
  }
}

export interface SheetCells {
  /** rows[i] is sheet row i + 1, as the reader's grid; rows without values may be absent. */
  rows: Cell[][];
  /** The merged ranges as written ("A1:H1"), in order. */
  merges: string[];
}

/** "AB12" → 28 (1-based column), 0 when the reference has no column letters. */
export function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = ref.charCodeAt(i);
    if (d >= 65 && d <= 90) c = c * 26 + d - 64;
    else if (d >= 97 && d <= 122) c = c * 26 + d - 96;
    else break;
    if (c > 16384) return 16385;
  }
  return c;
}

export function tooManyRows(sheet: string): SheetError {
  return new SheetError('tooManyRows', { sheet, max: LIMITS.maxRows.toLocaleString('en') });
}

/** Element names without a namespace prefix (`x:c` → `c`: some tools prefix the main namespace). */
const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

const enum In {
  None,
  Formula,
  Value,
  /** Inside a rich-text run, outside its text. */
  Run,
  /** The text of a rich-text run. */
  RunText,
}

/**
 * Reads the sheet's cells from its inflated XML. Throws when a row number passes LIMITS.maxRows
 * (before reading further) or the XML is not well-formed; cells past LIMITS.maxColumns are skipped.
 */
export async function readSheetXml(name: string, xml: AsyncIterable<Buffer>, book: BookParts, rules: CellRules): Promise<SheetCells> {
  const rows: Cell[][] = [];
  const merges: string[] = [];
  const sharedMasters = new Map<string, string>();
  const parser = new SaxesParser({ xmlns: false, position: false });
  let error: Error | undefined;
  parser.on('error', (e) => (error ??= e));

  let inData = false;
  let cells: Cell[] | null = null;
  let rowNo = 0;
  let rowHasValue = false;
  let col = 0;
  // the cell being read
  let inCell = false;
  let ref = '';
  let type: string | undefined;
  let style = 0;
  let at = In.None;
  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let sharedRef: string | undefined;
  let value: string | undefined;
  let run = '';
  let runs: string[] | null = null;

  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'c') {
      if (!cells) return;
      const a = tag.attributes;
      ref = a.r ?? '';
      const c = ref ? columnOf(ref) : col + 1;
      col = c > 0 ? c : col + 1;
      type = a.t;
      style = a.s ? parseInt(a.s, 10) : 0;
      inCell = true;
      at = In.None;
      formula = shareType = si = sharedRef = value = undefined;
      runs = null;
    } else if (n === 'v' || n === 't') {
      if (at === In.Run) at = In.RunText;
      else if (inCell) at = In.Value;
    } else if (n === 'row') {
      if (!inData) return;
      const r = tag.attributes.r ? parseInt(tag.attributes.r, 10) : rowNo + 1;
      rowNo = r > 0 ? r : rowNo + 1;
      if (rowNo > LIMITS.maxRows) throw tooManyRows(name);
      cells = [];
      rowHasValue = false;
      col = 0;
    } else if (n === 'f') {
      if (!inCell) return;
      at = In.Formula;
      shareType = tag.attributes.t;
      si = tag.attributes.si;
      sharedRef = tag.attributes.ref;
    } else if (n === 'r') {
      if (!inCell) return;
      at = In.Run;
      run = '';
      runs ??= [];
    } else if (n === 'sheetData') {
      inData = true;
    } else if (n === 'mergeCell') {
      if (tag.attributes.ref) merges.push(tag.attributes.ref);
    }
  });

  parser.on('text', (text) => {
    if (at === In.Value) value = value === undefined ? text : value + text;
    else if (at === In.RunText) run += text;
    else if (at === In.Formula) formula = formula === undefined ? text : formula + text;
  });

  parser.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 'c') {
      if (!inCell || !cells) return;
      inCell = false;
      at = In.None;
      let v: Cell | undefined;
      if (formula || shareType) {
        let text = formula;
        if (shareType === 'shared' && si !== undefined) {
          if (sharedRef) sharedMasters.set(si, ref);
          else if (!formula) text = sharedMasters.get(si);
        }
        v = formulaCell(book, rules, text ?? '', type, value, style);
      } else if (value !== undefined || runs) {
        v = plainCell(book, rules, type, value, runs, style);
        if (v === undefined) throw new SheetError('missingString', { sheet: name, cell: ref || col });
      }
      // else a cell with no value (a styled blank, or a merged cell's place): nothing to keep
      if (v !== undefined && col <= LIMITS.maxColumns) {
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = v;
        rowHasValue = true;
      }
    } else if (n === 'v' || n === 't') {
      if (at === In.Value) at = In.None;
      else if (at === In.RunText) at = In.Run;
    } else if (n === 'r') {
      if (at === In.Run || at === In.RunText) {
        runs!.push(run);
        at = In.None;
      }
    } else if (n === 'f') {
      if (at === In.Formula) at = In.None;
    } else if (n === 'row') {
      if (!cells) return;
      if (rowHasValue) rows[rowNo - 1] = cells;
      else if (rowNo <= rows.length) rows[rowNo - 1] = [];
      cells = null;
    } else if (n === 'sheetData') {
      inData = false;
    }
  });

  const decoder = new StringDecoder('utf8');
  for await (const chunk of xml) {
    parser.write(decoder.write(chunk));
    if (error) throw error;
  }
  parser.write(decoder.end());
  parser.close();
  if (error) throw error;
  return { rows, merges };
}
