/** File-level failures: the file cannot be read at all. Row problems are RowIssues, not errors. */
import { AppError } from '../../shared/contract/result';
import { said, type MessageVar, type Said } from '../../shared/i18n/translate';

/**
 * Why a reader gives up on a file, as a UI string (errors.import.*), raised where the file's
 * name is not known (decoding); the reader that knows it turns it into `unreadable`.
 */
export class Refusal extends Error {
  readonly said: Said;
  constructor(key: string, vars: Record<string, MessageVar> = {}) {
    const s = said(key, vars);
    super(s.message);
    this.said = s;
  }
}

/** A file that cannot be imported, with one clear line saying why (a UI string where the reason is one). */
export function unreadable(fileName: string, why: string | Said | Refusal): AppError {
  const reason = why instanceof Refusal ? why.said : why;
  const text = typeof reason === 'string' ? reason : reason.message;
  const ref = typeof reason === 'string' ? undefined : reason.i18n;
  const top = said('errors.import.cannotImport', { file: fileName, why: ref ?? text });
  return new AppError('invalid-input', top.message, [{ path: 'dataBase64', message: text, ...(ref && { i18n: ref }) }], top.i18n);
}
