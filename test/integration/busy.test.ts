/**
 * Another process holding the write lock: a write waits in short synchronous steps with
 * asynchronous pauses between them (the event loop keeps turning), succeeds once the lock is
 * released, and otherwise ends with a translated 'busy' error that tells the truth about
 * whether anything was written.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { BUSY_TIMEOUT_MS } from '../../electron/db/open';
import { withBusyRetry } from '../../electron/db/busy';
import type { AppContext } from '../../electron/context';
import { tmpDbPath } from '../helpers/tmp';
import { spawnHolder, type Holder } from '../helpers/holder';

const holders: Holder[] = [];
afterEach(async () => {
  for (const h of holders.splice(0)) await h.close();
});

async function lockedApp(): Promise<{ ctx: AppContext; other: Holder }> {
  const ctx = openApp(tmpDbPath());
  const other = await spawnHolder(ctx.dbPath);
  holders.push(other);
  expect(await other.send('lock held-by-the-other-process')).toBe('done lock');
  return { ctx, other };
}

const buildCount = (ctx: AppContext) => (ctx.db.prepare('SELECT count(*) AS n FROM build').get() as { n: number }).n;

/** The longest the event loop went without a turn while `run` ran. */
async function longestStall<T>(run: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    return { value: await run(), stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('a database locked by another process', () => {
  it('every connection of the app has a busy timeout', () => {
    const ctx = openApp(tmpDbPath());
    expect(ctx.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
  });

  it('a write that stays locked fails with a translated "busy", writes nothing, and never stalls the event loop for long', async () => {
    const { ctx } = await lockedApp();
    const t0 = performance.now();
    const { value: r, stallMs } = await longestStall(() => dispatch(ctx, 'builds:create', { name: 'blocked' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'busy', i18n: { key: 'database.busy' } } });
    expect(r.ok ? '' : r.error.message).toMatch(/stayed locked by another program.*nothing was saved/);
    expect(r.ok ? '' : r.error.message).not.toMatch(/internal|database is locked/);
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(stallMs).toBeLessThan(1_500);
    expect(buildCount(ctx)).toBe(0);
    // Reads go on meanwhile (WAL).
    expect((await dispatch(ctx, 'builds:list', undefined)).ok).toBe(true);
  });

  it('a write made while the lock is briefly held succeeds once, after the lock is released', async () => {
    const { ctx, other } = await lockedApp();
    setTimeout(() => void other.send('commit'), 700);
    const r = await dispatch(ctx, 'builds:create', { name: 'waited' });
    expect(r.ok).toBe(true);
    expect(buildCount(ctx)).toBe(1);
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'held-by-the-other-process'").get()).toBeDefined();
  });

  it('a call that had already written when the lock stopped it is not retried and says it may be partly saved', async () => {
    const ctx = openApp(tmpDbPath());
    let attempts = 0;
    let other: Holder | undefined;
    const call = async () => {
      attempts++;
      ctx.db.prepare("INSERT INTO setting (key, value) VALUES ('first-half', '1')").run();
      other = await spawnHolder(ctx.dbPath);
      holders.push(other);
      expect(await other.send('lock second')).toBe('done lock');
      ctx.db.prepare("INSERT INTO setting (key, value) VALUES ('second-half', '1')").run();
    };
    await expect(withBusyRetry(() => ctx.db, call)).rejects.toMatchObject({ code: 'busy', i18n: { key: 'database.busyPartial' } });
    expect(attempts).toBe(1);
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'first-half'").get()).toBeDefined();
  });
});
