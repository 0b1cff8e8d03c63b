/**
 * Text as people type it in spreadsheets: full-width digits and spaces, non-breaking spaces,
 * "待定"/"TBD" placeholders, formula-looking strings. The cleaning itself lives in
 * shared/document/cell-text (typed values are read the same way); the importer's helpers here.
 */
import { clean } from '../../shared/document/cell-text';

export { clean, isPending, looksLikeFormula } from '../../shared/document/cell-text';

/** Lower-case key without spaces and punctuation, for comparing labels. */
export function labelKey(s: string): string {
  return clean(s)
    .toLowerCase()
    .replace(/[\s\-_.:：,，/\\()（）[\]【】'"`*#]+/g, '');
}

/** Keep a stored text bounded. */
export function clip(s: string, max = 500): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
