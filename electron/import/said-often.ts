/**
 * `said` for messages said on many rows (a row needing confirmation, a duplicate, an unknown
 * part): the same English text and key, without asking i18next for every row. i18next's
 * interpolation of a whole message cost ~16 µs a call, and a 50,000-row sheet with a few
 * thousand flagged rows said three of them per row (the reason, then the reason again inside
 * "needs confirmation: …"). Each key's English text is worked out once with a marker for each
 * value, then filled in by plain concatenation, which is what i18next does with these values:
 * the messages use no formats, plurals or nesting, and values are not escaped. A value that
 * i18next would treat otherwise (one holding "{{" or "$t(", a `count`) goes through `said`.
 */
import { said, tr, type MessageVar, type Said } from '../../shared/i18n/translate';

/** Literal text, or the index of a value. */
type Piece = string | number;

const MARK = '\u0001';
const templates = new Map<string, Piece[] | null>();

function template(key: string, names: readonly string[]): Piece[] | null {
  const id = `${key}\u0000${names.join('\u0000')}`;
  let t = templates.get(id);
  if (t !== undefined) return t;
  const marked: Record<string, string> = {};
  names.forEach((n, i) => (marked[n] = `${MARK}${i}${MARK}`));
  const parts = tr('en', key, marked).split(MARK);
  t = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) t.push(parts[i]!);
      continue;
    }
    const at = Number(parts[i]);
    // a marker that is not one of ours (or a split one): leave this key to i18next
    if (!/^\d+$/.test(parts[i]!) || at >= names.length || i === parts.length - 1) {
      t = null;
      break;
    }
    t.push(at);
  }
  templates.set(id, t);
  return t;
}

/** A value's English text as `tr` gives it, or undefined when only i18next can say. */
function plain(v: MessageVar | undefined, english: string | undefined): string | undefined {
  const t = english ?? (v === undefined ? '' : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined);
  return t === undefined || t.includes('{{') || t.includes('$t(') || t.includes(MARK) ? undefined : t;
}

/**
 * said(key, vars), the same Said. `english`: the English text of values that are MessageRefs
 * (a reason the caller has as a Said: its `message`), which would otherwise be translated again.
 */
export function saidOften(key: string, vars: Record<string, MessageVar> = {}, english: Record<string, string> = {}): Said {
  const names = Object.keys(vars);
  const texts: string[] = [];
  for (const n of names) {
    const t = n === 'count' ? undefined : plain(vars[n], english[n]);
    if (t === undefined) return said(key, vars);
    texts.push(t);
  }
  const t = template(key, names);
  if (!t) return said(key, vars);
  let message = '';
  for (const p of t) message += typeof p === 'string' ? p : texts[p]!;
  return { message, i18n: { key, vars } };
}
