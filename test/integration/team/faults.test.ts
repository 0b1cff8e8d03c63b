/**
 * The fault matrix of a sync, against a real PostgreSQL, through the handlers the UI uses (the
 * sync runs in a job worker): the connection dropped mid-transaction (pg_terminate_backend on
 * the sync's own backend) during push and during pull, and the server restarted mid-sync
 * (pg_ctl restart -m fast) during push and during pull. Each time the sync fails with one line
 * saying to sync again; after the rerun the hub and the laptop hold exactly the same rows (count
 * and SHA-256 per shared table, electron/team/checksum) and the hub holds no quote twice.
 * (SIGKILL of the sync process mid-push and mid-pull: sync.test.ts.)
 */
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { closeJobWorkers } from '../../../electron/jobs';
import { hubSkipReason } from '../../helpers/pg-cluster';
import { addBulkQuotes, hubDuplicates, hubRows, laptop, laptopRows, startHub, type HubFixture } from '../../helpers/hub-fixture';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

const N = 3000;

describe.skipIf(Boolean(skip))('sync faults: connection dropped, server restarted (real PostgreSQL)', () => {
  let hub: HubFixture;
  const dir = tmpDir('procure-faults-');
  const contexts: AppContext[] = [];
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PROCURE_SYNC_BATCH: process.env.PROCURE_SYNC_BATCH, PGPASSFILE: process.env.PGPASSFILE };
  /** A fresh superuser session per look: a restart ends every session. */
  const su = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const c = new pg.Client({ connectionString: hub.cluster.url('hub') });
      c.on('error', () => undefined);
      try {
        await c.connect();
        return await fn(c);
      } catch (e) {
        if (attempt >= 100) throw e;
        await new Promise((r) => setTimeout(r, 50)); // the server is restarting
      } finally {
        await c.end().catch(() => undefined);
      }
    }
  };
  const hubQuotes = () => su(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM procure.quote')).rows[0]!.n);
  const latestChange = () => su(async (c) => (await c.query<{ n: number }>('SELECT max(change_no)::float8 AS n FROM procure.quote')).rows[0]!.n);
  const cursorOf = (ctx: AppContext) => ctx.db.prepare('SELECT cursor FROM team_hub').pluck().get() as number;

  /** A laptop connected as `user` (the password from PGPASSWORD, as the CLI would). */
  async function connected(name: string, user: string): Promise<AppContext> {
    const ctx = openApp(laptop(dir, name));
    contexts.push(ctx);
    process.env.PGPASSWORD = hub.passwords[user];
    const r = await dispatch(ctx, 'team:connect', { hub: hub.url(), user });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    return ctx;
  }

  /** Starts a sync, waits for `partial()`, does `fault()`, and returns the failed sync's error. */
  async function interrupted(ctx: AppContext, partial: () => Promise<boolean>, fault: () => Promise<void>) {
    const sync = dispatch(ctx, 'team:sync', undefined);
    let settled = false;
    void sync.then(() => (settled = true));
    let hit = false;
    for (let i = 0; i < 4000 && !settled; i++) {
      if (await partial()) {
        await fault();
        hit = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const r = await sync;
    expect(hit, 'the sync finished before the fault could hit it mid-way').toBe(true);
    expect(r.ok, 'the interrupted sync should fail').toBe(false);
    return (r as { error: { code: string; message: string; i18n?: { key: string } } }).error;
  }

  const terminate = (user: string) => () =>
    su(async (c) => {
      const r = await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND application_name = 'procure'`, [user]);
      expect(r.rowCount).toBeGreaterThan(0);
    });
  const restart = async () => hub.cluster.restart();

  async function rerunAndCompare(ctx: AppContext, name: string) {
    const r = await dispatch(ctx, 'team:sync', undefined);
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    expect((r as { value: { pending: { quotes: number; suppliers: number } } }).value.pending).toMatchObject({ quotes: 0, suppliers: 0 });
    const [h, l] = [await su(hubRows), laptopRows(laptop(dir, name))];
    expect(l).toEqual(h);
    expect(await su(hubDuplicates)).toBe(0);
    return h;
  }

  beforeAll(async () => {
    delete process.env.PGPASSFILE;
    // small batches: each a transaction, so a fault lands between and inside them
    process.env.PROCURE_SYNC_BATCH = '20';
    hub = await startHub([
      ['eve', 'buyer'],
      ['bob', 'buyer'],
      ['ray', 'buyer'],
      ['quinn', 'viewer'],
    ]);
  }, 90_000);

  afterAll(async () => {
    await closeJobWorkers();
    for (const c of contexts) c.db.close();
    await hub?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('connection dropped mid-push (pg_terminate_backend): the rerun shares the rest, each quote once', { timeout: 120_000 }, async () => {
    const ctx = await connected('push-drop', 'eve');
    addBulkQuotes(laptop(dir, 'push-drop'), 'Drop Co', N);
    const before = await hubQuotes();
    const err = await interrupted(
      ctx,
      async () => {
        const n = (await hubQuotes()) - before;
        return n > 0 && n < N - 500;
      },
      terminate('eve'),
    );
    expect(err.i18n?.key).toBe('team.err.lost');
    expect(err.message).toMatch(/nothing is lost: sync again/);
    const mid = (await hubQuotes()) - before;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(N);
    const h = await rerunAndCompare(ctx, 'push-drop');
    expect(h.quotes.count - before).toBe(N);
  });

  it('connection dropped mid-pull: the rerun pulls the rest, the laptop holds each row once', { timeout: 120_000 }, async () => {
    const ctx = await connected('pull-drop', 'bob');
    const latest = await latestChange();
    const err = await interrupted(
      ctx,
      async () => {
        const c = cursorOf(ctx);
        return c > 0 && c < latest - 200;
      },
      terminate('bob'),
    );
    expect(err.i18n?.key).toBe('team.err.lost');
    expect(cursorOf(ctx)).toBeLessThan(latest);
    await rerunAndCompare(ctx, 'pull-drop');
    expect(cursorOf(ctx)).toBeGreaterThanOrEqual(latest);
  });

  it('server restarted mid-push (pg_ctl restart -m fast): the rerun shares the rest, each quote once', { timeout: 120_000 }, async () => {
    process.env.PGPASSWORD = hub.passwords.ray;
    const ctx = await connected('push-restart', 'ray');
    addBulkQuotes(laptop(dir, 'push-restart'), 'Restart Co', N);
    const before = await hubQuotes();
    const err = await interrupted(
      ctx,
      async () => {
        const n = (await hubQuotes()) - before;
        return n > 0 && n < N - 500;
      },
      restart,
    );
    expect(err.code).toBe('unsupported');
    expect(err.i18n?.key).toBe('team.err.lost');
    const h = await rerunAndCompare(ctx, 'push-restart');
    expect(h.quotes.count - before).toBe(N);
  });

  it('server restarted mid-pull: the rerun pulls the rest, the laptop holds each row once', { timeout: 120_000 }, async () => {
    const ctx = await connected('pull-restart', 'quinn');
    const latest = await latestChange();
    const err = await interrupted(
      ctx,
      async () => {
        const c = cursorOf(ctx);
        return c > 0 && c < latest - 200;
      },
      restart,
    );
    expect(err.code).toBe('unsupported');
    await rerunAndCompare(ctx, 'pull-restart');
    // and every laptop of the matrix ends with the hub's rows
    const h = await su(hubRows);
    for (const name of ['push-drop', 'pull-drop', 'push-restart']) {
      const ctxOf = contexts.find((c) => c.dbPath === laptop(dir, name))!;
      process.env.PGPASSWORD = hub.passwords[{ 'push-drop': 'eve', 'pull-drop': 'bob', 'push-restart': 'ray' }[name]!];
      const r = await dispatch(ctxOf, 'team:sync', undefined);
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
      expect(laptopRows(laptop(dir, name))).toEqual(h);
    }
  });
});
