/**
 * Text as people type it in spreadsheets and forms: full-width digits and spaces, non-breaking
 * spaces, "待定"/"TBD" placeholders, formula-looking strings. Shared by the importer's cells and
 * the values typed by hand (the CLI's `quote add`, the renderer's price fields).
 */

/** A cell value: text, a number, a boolean, a date (XLSX date cells) or empty. */
export type Cell = string | number | boolean | Date | null;

const PLAIN = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/** NFKC (full-width → half-width, ideographic space → space), no-break spaces, collapsed whitespace. */
export function clean(s: string): string {
  // Most cells are plain ASCII already: skip the Unicode work for them (it dominated previews).
  if (PLAIN.test(s) && !s.includes('  ')) return s;
  return s
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PENDING =
  /^(待定|待询|待报|待确认|询价|面议|另议|暂无|未定|tbd|tba|tbc|n\/?a|na|none|nil|-+|—+|\/|\?+|to be (?:confirmed|determined|advised))$/i;

/** A placeholder meaning "no value yet" (待定, TBD, N/A, –). */
export function isPending(s: string): boolean {
  return PENDING.test(clean(s));
}

/**
 * A string a spreadsheet would run as a formula (=, +, @, or -letter). Stored text must not
 * start like that: it would execute when someone exports the price history back to Excel.
 */
export function looksLikeFormula(s: string): boolean {
  const t = s.trimStart();
  if (/^[=@]/.test(t)) return true;
  if (/^[+-]/.test(t) && !/^[+-]\s*[\d.,]/.test(t)) return true;
  return /^[\t\r]/.test(s);
}
