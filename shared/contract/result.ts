/** The envelope every API call answers with: a value, or a typed error the UI can show. */
import type { FieldIssue } from '../document/parse';
import { said, type MessageRef, type MessageVar } from '../i18n/translate';

/** `busy`: the database stayed locked by another program; the message says whether anything was written. */
export type ErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'unsupported' | 'busy' | 'internal';

export type { MessageRef };

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Set when the message is a UI string: the UI translates it; `message` is its English text. */
  i18n?: MessageRef;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly i18n?: MessageRef,
  ) {
    super(message);
  }
}

/** An AppError whose message is the UI string `key` (English here, the user's language in the UI). */
export function translatedError(code: ErrorCode, key: string, vars: Record<string, MessageVar> = {}, issues?: FieldIssue[]): AppError {
  const m = said(key, vars);
  return new AppError(code, m.message, issues, m.i18n);
}
