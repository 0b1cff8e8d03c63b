/**
 * What crosses between the main thread and a job's worker: the messages, and errors as plain
 * data. A structured clone keeps an Error's message but not its class, and `dispatch` tells a
 * user's mistake (AppError, ScenarioError, a missing exchange rate) from a bug by the class and
 * SQLITE_BUSY by its `code`; so each is sent as its fields and built again on the main thread.
 */
import { AppError, type ErrorCode, type MessageRef } from '../../shared/contract/result';
import type { FieldIssue } from '../../shared/document/parse';
import { FxMissingError, type Currency } from '../../shared/money';
import { ScenarioError } from '../../shared/scenario/schema';

export interface JobProgress {
  /** What the job is doing now ('solving', 'writing', 'rendering', …). */
  phase: string;
  done?: number;
  total?: number;
}

export type WireError =
  | { kind: 'app'; code: ErrorCode; message: string; issues?: FieldIssue[]; i18n?: MessageRef }
  | { kind: 'scenario'; issues: FieldIssue[] }
  | { kind: 'fx'; currency: Currency }
  | { kind: 'error'; message: string; code?: string; stack?: string };

/** main → worker: run a task; `cancel` is a shared flag the task polls between steps. */
export interface RunMessage {
  type: 'run';
  id: number;
  kind: string;
  input: unknown;
  cancel: Int32Array;
}

/** worker → main */
export type WorkerMessage =
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError };

export function toWire(e: unknown): WireError {
  if (e instanceof AppError) return { kind: 'app', code: e.code, message: e.message, issues: e.issues, ...(e.i18n && { i18n: e.i18n }) };
  if (e instanceof ScenarioError) return { kind: 'scenario', issues: e.issues };
  if (e instanceof FxMissingError) return { kind: 'fx', currency: e.currency };
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return { kind: 'error', message: err.message, ...(typeof code === 'string' && { code }), ...(err.stack && { stack: err.stack }) };
}

export function fromWire(w: WireError): Error {
  switch (w.kind) {
    case 'app':
      return new AppError(w.code, w.message, w.issues, w.i18n);
    case 'scenario':
      return new ScenarioError(w.issues);
    case 'fx':
      return new FxMissingError(w.currency);
    default: {
      const e = new Error(w.message) as Error & { code?: string };
      if (w.code) e.code = w.code;
      if (w.stack) e.stack = w.stack;
      return e;
    }
  }
}
