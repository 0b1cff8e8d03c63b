/**
 * Two laptops (two local databases) and a real PostgreSQL hub, through the CLI: a supplier's
 * quote shared from one to the other; the hub's roles refusing a viewer's push and a buyer's
 * retirement of someone else's quote (nothing written, one clear line); hostile names kept as
 * text; the password from PGPASSWORD or ~/.pgpass and never stored; and a sync killed (SIGKILL)
 * mid-push and mid-pull, rerun, leaving both sides with the same rows (counts and checksums).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubRepo } from '../../../electron/db/hub/repo';
import { TeamRepo } from '../../../electron/db/repos/team';
import { openDatabase } from '../../../electron/db/open';
import { quoteChecksum, supplierChecksum } from '../../../electron/team/checksum';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';
import { runProcure } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

const PART = 'nvidia-h20';
/** The counts of catalog edits and shares, none in these tests (merge.test.ts has them). */
const NO_MERGES = { catalogEdits: 0, resolutions: 0, builds: 0, bidSets: 0 };

describe.skipIf(Boolean(skip))('team hub sync (real PostgreSQL, two laptops)', () => {
  let cluster: PgCluster;
  let su: pg.Client;
  let hubUrl: string;
  const pw: Record<string, string> = {};
  const dir = tmpDir('procure-team-');
  const db = (name: string) => path.join(dir, `${name}.db`);
  const env = { ...process.env };

  /** `procure …` as `user` (PGPASSWORD), on laptop `laptop`. */
  const as = async (user: string, laptop: string, args: string[]) => {
    process.env.PGPASSWORD = pw[user];
    try {
      return await runProcure([...args, '--db', db(laptop)]);
    } finally {
      delete process.env.PGPASSWORD;
    }
  };
  const hubCount = async (table: string) => (await su.query<{ n: number }>(`SELECT count(*)::int AS n FROM procure.${table}`)).rows[0]!.n;
  const hubRows = async () => {
    const r = new HubRepo(su);
    return { suppliers: supplierChecksum(await r.allSuppliers()), quotes: quoteChecksum(await r.allQuotes()) };
  };
  const localRows = (laptop: string) => {
    const d = openDatabase(db(laptop));
    try {
      const t = new TeamRepo(d);
      return { suppliers: supplierChecksum(t.sharedSuppliers()), quotes: quoteChecksum(t.sharedQuotes()) };
    } finally {
      d.close();
    }
  };

  beforeAll(async () => {
    cluster = await startCluster();
    hubUrl = cluster.url('hub', 'hub_su');
    const init = await runProcure(['team', 'init', '--hub', hubUrl, '--db', db('admin')]);
    expect(init.err).toBe('');
    expect(init.out).toMatch(/schema version 3 \(database hub created\); applied 1, 2, 3/);
    for (const [user, role] of [['ann', 'buyer'], ['bob', 'buyer'], ['vic', 'viewer'], ['eve', 'buyer']] as const) {
      const r = await runProcure(['team', 'add-user', user, '--role', role, '--hub', hubUrl, '--json', '--db', db('admin')]);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out) as { user: string; role: string; password: string };
      expect(j).toMatchObject({ user, role });
      expect(j.password.length).toBeGreaterThanOrEqual(24);
      pw[user] = j.password;
    }
    su = new pg.Client({ connectionString: cluster.url('hub') });
    await su.connect();
  }, 90_000);

  afterAll(async () => {
    process.env = env;
    await su?.end().catch(() => undefined);
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The local id of the supplier's quote of PART on a laptop (from procure quote list --json). */
  const supplierQuote = async (user: string, laptop: string, supplier: string) => {
    const h = JSON.parse((await as(user, laptop, ['quote', 'list', PART, '--json'])).out) as { rows: { id: number; supplier: string }[] };
    const q = h.rows.find((r) => r.supplier === supplier);
    expect(q, `${supplier}'s quote on laptop ${laptop}`).toBeDefined();
    return q!;
  };

  const userUrl = () => cluster.url('hub', 'x', 'sslmode=prefer').replace('x@', '');

  it('shares a supplier\'s quote from one laptop to the other, and stores no password', async () => {
    expect((await as('ann', 'a', ['team', 'connect', '--hub', userUrl(), '--user', 'ann'])).out).toMatch(/connected to .* as ann \(buyer\), no TLS/);
    const add = await as('ann', 'a', ['quote', 'add', PART, '--supplier', '华鲲振宇', '--price', '9.8万', '--date', '2025-06-01', '--json']);
    expect(add.code, add.err).toBe(0);
    const s1 = await as('ann', 'a', ['sync', '--json']);
    expect(s1.code, s1.err).toBe(0);
    const r1 = JSON.parse(s1.out);
    expect(r1.pushed).toEqual({ ...NO_MERGES, suppliers: 1, quotes: 1, retirements: 0 });
    expect(await hubCount('quote')).toBe(1);

    expect((await as('bob', 'b', ['team', 'connect', '--hub', userUrl(), '--user', 'bob'])).code).toBe(0);
    const s2 = await as('bob', 'b', ['sync', '--json']);
    expect(s2.code, s2.err).toBe(0);
    const r2 = JSON.parse(s2.out);
    expect(r2.pulled).toMatchObject({ suppliers: 1, quotes: 1 });
    expect(r2.cursor).toBe(r1.cursor);
    const list = await as('bob', 'b', ['quote', 'list', PART, '--json']);
    expect(list.out).toContain('华鲲振宇');
    expect(list.out).toContain('98000');
    // the same rows on both laptops and on the hub
    expect(localRows('a')).toEqual(await hubRows());
    expect(localRows('b')).toEqual(await hubRows());
    // a second sync has nothing to do
    const s3 = JSON.parse((await as('bob', 'b', ['sync', '--json'])).out);
    expect(s3.pushed).toEqual({ ...NO_MERGES, suppliers: 0, quotes: 0, retirements: 0 });
    expect(s3.pulled).toMatchObject({ suppliers: 0, quotes: 0 });
    // nothing of a password in either database file
    for (const l of ['a', 'b']) {
      const bytes = fs.readFileSync(db(l));
      expect(bytes.includes(Buffer.from(pw.ann!))).toBe(false);
      expect(bytes.includes(Buffer.from(pw.bob!))).toBe(false);
    }
    // the audit says who added what
    const audit = await su.query<{ who: string; table_name: string }>(`SELECT who, table_name FROM procure.audit WHERE op = 'INSERT' AND table_name IN ('supplier', 'quote') ORDER BY id`);
    expect(audit.rows).toEqual([{ who: 'ann', table_name: 'supplier' }, { who: 'ann', table_name: 'quote' }]);
  });

  it('refuses a viewer\'s quotes in the database: one line, exit 4, nothing written on the hub', async () => {
    expect((await as('vic', 'v', ['team', 'connect', '--hub', userUrl(), '--user', 'vic'])).code).toBe(0);
    expect((await as('vic', 'v', ['sync'])).code).toBe(0); // pulls ann's supplier and quote
    for (const price of ['9.1万', '9.2万', '9.3万']) expect((await as('vic', 'v', ['quote', 'add', PART, '--supplier', '华鲲振宇', '--price', price])).code).toBe(0);
    const before = await hubRows();
    const r = await as('vic', 'v', ['sync']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('procure sync: the role viewer may not add quotes: 3 local quotes kept, not shared\n');
    expect(await hubRows()).toEqual(before);
    const status = JSON.parse((await as('vic', 'v', ['team', 'status', '--json'])).out);
    expect(status.pending.quotes).toBe(3);
  });

  it('refuses a buyer retiring someone else\'s quote (row-level security): the hub keeps it current', async () => {
    const ann = await supplierQuote('bob', 'b', '华鲲振宇');
    expect((await as('bob', 'b', ['quote', 'retire', String(ann!.id), '--reason', 'looks stale', '--by', 'bob'])).code).toBe(0);
    const auditBefore = await hubCount('audit');
    const r = await as('bob', 'b', ['sync']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('procure sync: the role buyer may not retire these quotes (added by ann; a buyer retires only their own): 1 local retirement kept, not shared\n');
    expect((await su.query(`SELECT count(*)::int AS n FROM procure.quote WHERE retired_at IS NOT NULL`)).rows[0].n).toBe(0);
    expect(await hubCount('audit')).toBe(auditBefore);
    // the author may
    const mine = await supplierQuote('ann', 'a', '华鲲振宇');
    expect((await as('ann', 'a', ['quote', 'retire', String(mine.id), '--reason', 'superseded by the May list', '--by', 'ann'])).code).toBe(0);
    const ok = JSON.parse((await as('ann', 'a', ['sync', '--json'])).out);
    expect(ok.pushed.retirements).toBe(1);
    const pulled = JSON.parse((await as('bob', 'b', ['sync', '--json'])).out);
    // ann's retirement replaces bob's refused one on bob's laptop: nothing is left to share
    expect(pulled.pulled.retirements).toBe(1);
    expect(pulled.pending.retirements).toBe(0);
    expect(localRows('b').quotes).toEqual((await hubRows()).quotes);
  });

  it('keeps SQL-injection-shaped supplier names and notes as text, and refuses such user names in the database', async () => {
    const name = `Robert'); DROP TABLE procure.quote; --`;
    expect((await as('ann', 'a', ['quote', 'add', PART, '--supplier', name, '--price', '8万', '--note', `'; DELETE FROM procure.audit; --`])).code).toBe(0);
    expect((await as('ann', 'a', ['sync'])).code).toBe(0);
    const s = await su.query<{ name: string }>(`SELECT name FROM procure.supplier WHERE name = $1`, [name]);
    expect(s.rows).toHaveLength(1);
    expect(await hubCount('audit')).toBeGreaterThan(0);
    const r = await runProcure(['team', 'add-user', `x'; DROP ROLE procure_admin; --`, '--role', 'buyer', '--hub', hubUrl, '--db', db('admin')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/user name/);
    // and straight to the database's function, past the app's own check
    await expect(new HubRepo(su).addUser(`x"; DROP ROLE procure_admin; --`, 'buyer', 'a-long-enough-password')).rejects.toThrow(/a user name is/);
    expect((await su.query(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'procure_admin'`)).rows[0].n).toBe(1);
  });

  it('reads the password from ~/.pgpass (PGPASSFILE) when PGPASSWORD is not set, and says so when none is found', async () => {
    const pass = path.join(dir, 'pgpass');
    fs.writeFileSync(pass, `127.0.0.1:${cluster.port}:hub:eve:${pw.eve}\n`, { mode: 0o600 });
    process.env.PGPASSFILE = pass;
    try {
      const r = await runProcure(['team', 'connect', '--hub', userUrl(), '--user', 'eve', '--db', db('e')]);
      expect(r.code, r.err).toBe(0);
      fs.writeFileSync(pass, '', { mode: 0o600 });
      const none = await runProcure(['team', 'connect', '--hub', userUrl(), '--user', 'eve', '--db', db('e')]);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/password/);
    } finally {
      delete process.env.PGPASSFILE;
    }
  });

  /** `procure sync` in a child process, killed with SIGKILL once `partial()` holds. */
  async function killMidway(user: string, laptop: string, partial: () => Promise<boolean>): Promise<void> {
    // node itself with tsx as a loader: the tsx CLI would run the sync in a grandchild the kill misses
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/helpers/cli-child.ts'), 'sync', '--db', db(laptop)], {
      env: { ...process.env, PGPASSWORD: pw[user], PROCURE_SYNC_BATCH: '50' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killed = false;
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      if (await partial()) {
        child.kill('SIGKILL');
        killed = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await exited;
    expect(killed, 'the sync finished before it could be killed mid-way').toBe(true);
  }

  it('a sync killed mid-push, then rerun: the hub holds each quote once, the same as the laptop', { timeout: 120_000 }, async () => {
    expect((await as('eve', 'k', ['team', 'connect', '--hub', userUrl(), '--user', 'eve'])).code).toBe(0);
    expect((await as('eve', 'k', ['sync'])).code).toBe(0);
    const N = 3000;
    const d = openDatabase(db('k'));
    const supplier = d.prepare(`INSERT INTO supplier (name, created_at) VALUES ('Bulk Co', '2025-06-01T00:00:00.000Z') RETURNING id`).pluck().get() as number;
    const acc = d.prepare('SELECT id FROM accelerator WHERE slug = ?').pluck().get(PART) as number;
    const ins = d.prepare(`INSERT INTO quote (accelerator_id, kind, supplier, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate, origin, created_at)
      VALUES (?, 'purchase', 'Bulk Co', ?, '2025-06-01', ?, 'CNY', 1, 0.13, 'user', ?)`);
    d.transaction(() => {
      for (let i = 0; i < N; i++) ins.run(acc, supplier, 9_000_000 + i, new Date(Date.UTC(2025, 5, 1) + i).toISOString());
    })();
    d.close();
    const before = await hubCount('quote');
    await killMidway('eve', 'k', async () => {
      const n = (await hubCount('quote')) - before;
      return n > 0 && n < N - 500;
    });
    const mid = (await hubCount('quote')) - before;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(N);
    const rerun = await as('eve', 'k', ['sync', '--json']);
    expect(rerun.code, rerun.err).toBe(0);
    expect((await hubCount('quote')) - before).toBe(N);
    // no quote twice: each (price, created_at) of Bulk Co once
    const dup = await su.query(`SELECT q.price_minor, q.created_at FROM procure.quote q JOIN procure.supplier s ON s.gid = q.supplier_gid WHERE s.name = 'Bulk Co' GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
    expect(JSON.parse(rerun.out).pending).toEqual({ ...NO_MERGES, suppliers: 0, quotes: 0, retirements: 0 });
    expect(localRows('k')).toEqual(await hubRows());
  });

  it('a sync killed mid-pull, then rerun: the laptop holds every hub row once, the same as the hub', { timeout: 120_000 }, async () => {
    expect((await as('bob', 'p', ['team', 'connect', '--hub', userUrl(), '--user', 'bob'])).code).toBe(0);
    const latest = await new HubRepo(su).latestChange();
    await killMidway('bob', 'p', async () => {
      try {
        const d = new Database(db('p'), { readonly: true, fileMustExist: true });
        try {
          const cursor = (d.prepare('SELECT cursor FROM team_hub').pluck().get() as number | undefined) ?? 0;
          return cursor > 0 && cursor < latest - 500;
        } finally {
          d.close();
        }
      } catch {
        return false; // the file is being created or migrated
      }
    });
    const d = new Database(db('p'), { readonly: true });
    const mid = d.prepare('SELECT cursor FROM team_hub').pluck().get() as number;
    d.close();
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(latest);
    const rerun = await as('bob', 'p', ['sync', '--json']);
    expect(rerun.code, rerun.err).toBe(0);
    expect(JSON.parse(rerun.out).cursor).toBe(latest);
    const hub = await hubRows();
    // bob's own retirement (refused earlier on laptop b) is not on laptop p: the rows are the hub's
    expect(localRows('p')).toEqual(hub);
    expect(localRows('k')).toEqual(hub);
  });
});
