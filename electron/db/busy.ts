/**
 * SQLITE_BUSY: another program (the CLI, a second window, the loopback host) holds the write
 * lock longer than the connection's short busy timeout. A call that wrote nothing before the
 * lock refused it is retried after a pause (asynchronously, so the window and the host keep
 * answering); one that stays locked, or that had already written part of its change, ends
 * with a translated 'busy' error saying which of the two happened.
 */
import type Database from 'better-sqlite3';
import { translatedError } from '../../shared/contract/result';

/** Pauses between attempts (each attempt itself waits up to BUSY_TIMEOUT_MS per statement). */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [25, 50, 100, 200, 400, 800, 1000];

export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Rows changed through this connection so far; undefined once it is closed. */
function totalChanges(db: Database.Database): number | undefined {
  try {
    return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run `call`, retrying it while SQLite answers SQLITE_BUSY and the connection shows that no row
 * was changed since the attempt began (so a retry cannot apply anything twice).
 */
export async function withBusyRetry<T>(
  db: () => Database.Database,
  call: () => T | Promise<T>,
  delays: readonly number[] = BUSY_RETRY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const conn = db();
    const before = totalChanges(conn);
    try {
      return await call();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      const after = db() === conn ? totalChanges(conn) : undefined;
      if (before === undefined || after !== before) throw translatedError('busy', 'database.busyPartial');
      if (attempt >= delays.length) throw translatedError('busy', 'database.busy');
      await sleep(delays[attempt]!);
    }
  }
}
