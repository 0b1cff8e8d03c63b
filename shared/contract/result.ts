/** The envelope every API call answers with: a value, or a typed error the UI can show. */
import type { z } from 'zod';

export type ErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'unsupported' | 'internal';

export interface FieldIssue {
  /** JSON path, e.g. "accelerator.tflops.bf16" or "builds[0].lines[1].count". */
  path: string;
  message: string;
}

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

/** "builds[0].lines[1].count" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function issuesOf(err: z.ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
