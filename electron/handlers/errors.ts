/**
 * Every error a handler can raise, as the envelope's typed error: the one place where domain
 * errors (a scenario that does not resolve, a missing exchange rate, a database file that cannot
 * be opened) become what the UI, the loopback host and the CLI see. Handlers throw the domain
 * error as it is; `dispatch` calls `toApiError`. Anything not listed here is a bug: 'internal'.
 */
import { ZodError } from 'zod';
import { AppError, type ApiError } from '../../shared/contract/result';
import { describeIssues, issuesOf } from '../../shared/document/parse';
import { FxMissingError } from '../../shared/money';
import { ScenarioError } from '../../shared/scenario/schema';
import { DbOpenError } from '../db/open';

export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) {
    return { code: e.code, message: e.message, issues: e.issues, ...(e.i18n ? { i18n: e.i18n } : {}) };
  }
  if (e instanceof ZodError) {
    const issues = issuesOf(e);
    return { code: 'invalid-input', message: describeIssues(issues), issues };
  }
  // unknown part, site or model names, parts without prices: the user's document, with its JSON paths
  if (e instanceof ScenarioError) return { code: 'invalid-input', message: describeIssues(e.issues), issues: e.issues };
  if (e instanceof FxMissingError) return { code: 'invalid-input', message: e.message };
  // a newer app's database is a version we cannot serve; a foreign or damaged file is bad input
  if (e instanceof DbOpenError) return { code: e.code === 'too-new' ? 'unsupported' : 'invalid-input', message: e.describe() };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
