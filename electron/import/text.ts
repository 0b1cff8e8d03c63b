/**
 * Text as people type it in spreadsheets: full-width digits and spaces, non-breaking spaces,
 * "待定"/"TBD" placeholders, formula-looking strings. The cleaning itself lives in
 * shared/document/cell-text (typed values are read the same way); the importer's helpers here.
 */
import { clean as cleanText } from '../../shared/document/cell-text';

export { isPending, looksLikeFormula } from '../../shared/document/cell-text';

/**
 * The characters of text that `clean` returns as it is: printable ASCII, ¥, ×, 、 and 。, and
 * the CJK unified ideographs. None has an NFKC mapping or composes with another, and none is
 * whitespace but the ASCII space (a unit test checks every one).
 */
export const STABLE_CHARS = '\x21-\x7e\u00a5\u00d7\u3001\u3002\u4e00-\u9fff';
/** No space at either end; the shared `clean` already passes printable ASCII through. */
const STABLE = new RegExp(`^(?:[${STABLE_CHARS}](?:[ ${STABLE_CHARS}]*[${STABLE_CHARS}])?)?$`);

/**
 * shared/document/cell-text `clean`, with Chinese text of the usual characters passed through
 * as it is, as ASCII already is: NFKC over a sheet's Chinese cells (models, banner lines, every
 * row's joined text for the footer check) was a fifth of a 50,000-row preview without the read.
 */
export function clean(s: string): string {
  return STABLE.test(s) && !s.includes('  ') ? s : cleanText(s);
}

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
