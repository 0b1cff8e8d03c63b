/** File-level failures: the file cannot be read at all. Row problems are RowIssues, not errors. */
import { AppError } from '../../shared/contract/result';

/** A file that cannot be imported, with one clear line saying why. */
export function unreadable(fileName: string, why: string): AppError {
  return new AppError('invalid-input', `cannot import ${fileName}: ${why}`, [{ path: 'dataBase64', message: why }]);
}
