/**
 * Every error a handler can raise, as the envelope's typed error: the one place where domain
 * errors (a scenario that does not resolve, a missing exchange rate, a database file that cannot
 * be opened) become what the UI, the loopback host and the CLI see. Handlers throw the domain
 * error as it is; `dispatch` calls `toApiError`. Anything not listed here is a bug: 'internal'.
 */
import { ZodError } from 'zod';
import { AppError, type ApiError } from '../../shared/contract/result';
import { describeIssues, issuesOf, type FieldIssue } from '../../shared/document/parse';
import { issueVar, type MessageRef } from '../../shared/i18n/translate';
import { FxMissingError } from '../../shared/money';
import { ScenarioError } from '../../shared/scenario/schema';
import { DbOpenError } from '../db/open';

/** A document's issues as one message the UI says in its language (each issue by its key, where it has one). */
function issuesRef(issues: FieldIssue[]): MessageRef {
  return { key: 'errors.issues', vars: { items: issues.map(issueVar) } };
}

/** A database file that cannot be opened, with the backups to restore from when there are some. */
function dbOpenRef(e: DbOpenError): MessageRef {
  const ref = { key: e.key, vars: e.vars };
  return e.backups.length ? { key: 'errors.db.withBackups', vars: { message: ref, backups: e.backups.join(', ') } } : ref;
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) {
    return { code: e.code, message: e.message, issues: e.issues, ...(e.i18n ? { i18n: e.i18n } : {}) };
  }
  if (e instanceof ZodError) {
    const issues = issuesOf(e);
    return { code: 'invalid-input', message: describeIssues(issues), issues, i18n: issuesRef(issues) };
  }
  // unknown part, site or model names, parts without prices: the user's document, with its JSON paths
  if (e instanceof ScenarioError) return { code: 'invalid-input', message: describeIssues(e.issues), issues: e.issues, i18n: issuesRef(e.issues) };
  if (e instanceof FxMissingError) return { code: 'invalid-input', message: e.message, i18n: e.i18n };
  // a newer app's database is a version we cannot serve; a foreign or damaged file is bad input
  if (e instanceof DbOpenError) return { code: e.code === 'too-new' ? 'unsupported' : 'invalid-input', message: e.describe(), i18n: dbOpenRef(e) };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
