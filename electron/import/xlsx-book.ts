/**
 * The workbook-wide parts of an XLSX that its sheets' cells refer to: which sheets there are (in
 * the workbook's order, with their names, visibility and parts), the 1904 date system, which
 * styles are date formats, and the shared strings. Each part is read from the guarded archive as
 * it inflates. The workbook, its relationships and its styles go through exceljs's own transforms
 * (required at first use: the CLI starts without exceljs), so the rules that decide a sheet's name
 * or a date format are exceljs's, as when it loaded the whole workbook; the shared strings, which
 * can be hundreds of thousands, are read by a SAX pass of our own that keeps only their text.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { createRequire } from 'node:module';
import type ExcelUtils from 'exceljs/lib/utils/utils.js';
import type RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform.js';
import type StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';
import type WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import { Refusal } from './errors';
import { LIMITS } from './grid';
import type { GuardedZip } from './zip-guard';

/**
 * A sheet the reader refuses (too long, merges it cannot resolve, a missing shared string), with
 * the sheet named: a UI string (errors.import.xlsx.*) like every reason a file is refused.
 */
export class SheetError extends Refusal {
  constructor(key: 'tooManyRows' | 'missingString' | 'mergeNotRange' | 'mergeOverlap' | 'mergeTooMany', vars: Record<string, string | number>) {
    super(`errors.import.xlsx.${key}`, vars);
  }
}

export interface BookSheet {
  name: string;
  hidden: boolean;
  /** Its part in the archive ("xl/worksheets/sheet1.xml"). */
  part: string;
}

export interface BookParts {
  sharedStrings: string[];
  date1904: boolean;
  /** Whether cells with this style index show a date (exceljs's rule: style 0 never does). */
  isDate(style: number): boolean;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const STYLES = 'xl/styles.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** A text as a cell holds it: at most LIMITS.maxCellChars characters. */
export const capped = (s: string): string => (s.length > LIMITS.maxCellChars ? s.slice(0, LIMITS.maxCellChars) : s);

/** Excel's escape for characters XML cannot hold (`_x000D_` is a carriage return), as exceljs decodes it. */
export const decodeEscapes = (s: string): string =>
  s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;

/**
 * exceljs's own modules, required at first use (the CLI starts without them). require(), not
 * import(): the app's bundles are CommonJS read from an asar archive, where Node's ESM loader is
 * not at home. From source (ESM, workers included) the require is made relative to this file.
 */
// (import.meta is empty in the CommonJS bundles, where __filename is the bundle's own path)
const requireHere = createRequire((import.meta as { url?: string }).url || __filename);
const exceljs = {
  utils: () => requireHere('exceljs/lib/utils/utils.js') as typeof ExcelUtils,
  relationships: () => requireHere('exceljs/lib/xlsx/xform/core/relationships-xform.js') as typeof RelationshipsXform,
  workbook: () => requireHere('exceljs/lib/xlsx/xform/book/workbook-xform.js') as typeof WorkbookXform,
  styles: () => requireHere('exceljs/lib/xlsx/xform/style/styles-xform.js') as typeof StylesXform,
};

/** exceljs's date and entity rules. */
export function excelUtils(): typeof ExcelUtils {
  return exceljs.utils();
}

/**
 * The sheets in the workbook's order: each `<sheet>` of workbook.xml whose relationship names a
 * worksheet part the archive holds (chart sheets and dangling entries are left out, as exceljs
 * leaves them out). The target is resolved as exceljs resolves it (`/xl/…` or relative to xl/).
 */
export async function readStructure(zip: GuardedZip): Promise<{ sheets: BookSheet[]; date1904: boolean }> {
  if (!zip.has(WORKBOOK)) return { sheets: [], date1904: false };
  const Relationships = exceljs.relationships();
  const Workbook = exceljs.workbook();
  const rels = zip.has(WORKBOOK_RELS) ? ((await new Relationships().parseStream(zip.part(WORKBOOK_RELS))) ?? []) : [];
  const book = await new Workbook().parseStream(zip.part(WORKBOOK));
  const byId = new Map(rels.map((r) => [r.Id, r]));
  const sheets: BookSheet[] = [];
  const seen = new Set<string>();
  for (const s of book?.sheets ?? []) {
    const rel = byId.get(s.rId);
    if (!rel || !/\/worksheet$/.test(rel.Type ?? '')) continue;
    const part = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!zip.has(part) || seen.has(part)) continue;
    seen.add(part);
    sheets.push({ name: s.name, hidden: (s.state ?? 'visible') !== 'visible', part });
  }
  return { sheets, date1904: book?.properties?.date1904 === true };
}

/** Which style indexes are date formats, from styles.xml through exceljs's style table. */
export async function readDateStyles(zip: GuardedZip): Promise<(style: number) => boolean> {
  if (!zip.has(STYLES)) return () => false;
  const utils = excelUtils();
  const styles = new (exceljs.styles())();
  await styles.parseStream(zip.part(STYLES));
  const known = new Map<number, boolean>();
  return (style) => {
    if (!style) return false;
    let d = known.get(style);
    if (d === undefined) {
      d = utils.isDateFmt(styles.getStyleModel(style)?.numFmt);
      known.set(style, d);
    }
    return d;
  };
}

/**
 * The shared strings as texts: a plain string's text, or a rich string's runs joined (phonetic
 * guides left out), each with Excel's `_xHHHH_` escapes decoded and capped at LIMITS.maxCellChars.
 */
export async function readSharedStrings(zip: GuardedZip): Promise<string[]> {
  const out: string[] = [];
  if (!zip.has(SHARED_STRINGS)) return out;
  const parser = new SaxesParser({ xmlns: false, position: false });
  let error: Error | undefined;
  parser.on('error', (e) => (error ??= e));
  let plain: string | undefined;
  let runs: string[] | null = null;
  let inRun = false;
  let phonetic = 0;
  let text: string | null = null;
  const local = (name: string): string => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'rPh') phonetic++;
    if (phonetic) return;
    if (n === 't') text = '';
    else if (n === 'r') {
      inRun = true;
      (runs ??= []).push('');
    } else if (n === 'si') {
      plain = undefined;
      runs = null;
    }
  });
  parser.on('text', (t) => {
    if (text !== null) text += t;
  });
  parser.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 'rPh') {
      phonetic--;
      return;
    }
    if (phonetic) return;
    if (n === 't' && text !== null) {
      if (inRun) runs![runs!.length - 1] += decodeEscapes(text);
      else plain = decodeEscapes(text);
      text = null;
    } else if (n === 'r') inRun = false;
    else if (n === 'si') out.push(capped(runs ? runs.join('') : (plain ?? '')));
  });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of zip.part(SHARED_STRINGS)) {
    parser.write(decoder.write(chunk));
    if (error) throw error;
  }
  parser.write(decoder.end());
  parser.close();
  if (error) throw error;
  return out;
}
