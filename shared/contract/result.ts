/** The envelope every API call answers with: a value, or a typed error the UI can show. */
import type { FieldIssue } from '../document/parse';

export type ErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'unsupported' | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}
