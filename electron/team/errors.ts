/**
 * PostgreSQL's and the network's answers as the envelope's errors, in one place for the handlers
 * and the sync job's worker (an error crossing from a worker keeps only what an AppError carries):
 * a hub that cannot be reached or a login refused is `unsupported` with its UI string; the hub's
 * refusals are conflicts; bad values invalid input; a dropped connection says to sync again.
 */
import { AppError, translatedError } from '../../shared/contract/result';
import { HubVersionError } from '../db/hub/migrations';
import { HubConnectError } from './connection';
import { TeamNotConnectedError } from './sync';

// node-postgres' words for a connection that died under it (the second query on such a client: "not queryable")
const LOST = /Connection terminated|server closed the connection|terminating connection|not queryable|ECONNRESET|EPIPE/i;

/** `e` as an AppError when it is one of the hub's answers; anything else (a bug) as it is. */
export function hubAppError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof HubConnectError) return new AppError('unsupported', e.message, undefined, e.i18n);
  if (e instanceof HubVersionError) return new AppError('unsupported', e.message);
  if (e instanceof TeamNotConnectedError) return new AppError('not-found', e.message, undefined, e.i18n);
  const code = (e as { code?: string }).code;
  const message = (e as Error).message ?? String(e);
  const msg = `the hub: ${message}`;
  if (code === '42501' || code === '42710') return new AppError('conflict', msg);
  if (code?.startsWith('22') || code?.startsWith('23')) return new AppError('invalid-input', msg);
  // 57P01 admin shutdown / terminate_backend, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNREFUSED' || code?.startsWith('57P') || code?.startsWith('08') || LOST.test(message)) {
    return translatedError('unsupported', 'team.err.lost', { detail: message });
  }
  return e;
}

/** Runs `fn`, answering its failure as hubAppError says. */
export async function hubCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw hubAppError(e);
  }
}
