/**
 * The hub's numbered migrations against a real PostgreSQL: applied once and in order, rerun as
 * a no-op, a newer hub refused; the roles, GRANTs, row-level security and the audit trigger
 * they create decide who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { HUB_LATEST, HUB_MIGRATIONS, hubVersion, migrateHub } from '../../../electron/db/hub/migrations';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';

const skip = hubSkipReason();
if (skip) console.warn(skip);

describe.skipIf(Boolean(skip))('hub migrations (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let su: pg.Client;

  beforeAll(async () => {
    cluster = await startCluster();
    su = new pg.Client({ connectionString: cluster.url('postgres') });
    await su.connect();
    await su.query('CREATE DATABASE hub');
    await su.end();
    su = new pg.Client({ connectionString: cluster.url('hub') });
    await su.connect();
  }, 60_000);

  afterAll(async () => {
    await su?.end().catch(() => undefined);
    cluster?.stop();
  });

  const as = async <T>(user: string, password: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ host: '127.0.0.1', port: cluster.port, database: 'hub', user, password });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  it('numbers the migrations 1, 2, … without gaps', () => {
    expect(HUB_MIGRATIONS.map((m) => m.version)).toEqual(HUB_MIGRATIONS.map((_, i) => i + 1));
  });

  it('applies every migration once; a rerun applies none', async () => {
    expect(await hubVersion(su)).toBe(0);
    expect(await migrateHub(su)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
    expect(await hubVersion(su)).toBe(HUB_LATEST);
    expect(await migrateHub(su)).toEqual([]);
    const roles = await su.query<{ rolname: string; rolcanlogin: boolean }>(`SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'procure\\_%' ORDER BY 1`);
    expect(roles.rows).toEqual(['admin', 'buyer', 'catalog_keeper', 'evaluator', 'viewer'].map((r) => ({ rolname: `procure_${r}`, rolcanlogin: false })));
    const rls = await su.query<{ relname: string; relrowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'procure' AND c.relkind = 'r' AND c.relname IN ('supplier', 'quote', 'audit', 'hub_user') ORDER BY 1`,
    );
    expect(rls.rows.every((r) => r.relrowsecurity)).toBe(true);
    expect(rls.rows).toHaveLength(4);
  });

  it('refuses a hub whose schema is newer than the app', async () => {
    await su.query('BEGIN');
    try {
      await su.query('INSERT INTO procure.hub_migration (version, name) VALUES ($1, $2)', [HUB_LATEST + 1, 'from the future']);
      await expect(migrateHub(su)).rejects.toThrow(/newer than this app knows/);
    } finally {
      await su.query('ROLLBACK');
    }
  });

  it('lets only the audit admin change the audit; every write is recorded with who and what', async () => {
    const pw = 'a-long-enough-password-1';
    await su.query(`SELECT procure.add_user('ann', 'buyer', $1)`, [pw]);
    await su.query(`SELECT procure.add_user('ada', 'admin', $1)`, [pw]);
    await su.query(`SELECT procure.add_user('vic', 'viewer', $1)`, [pw]);
    const sup = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    await as('ann', pw, (c) => c.query(`INSERT INTO procure.supplier (gid, name, created_at) VALUES ($1, 'Acme', '2025-01-01T00:00:00Z')`, [sup]));
    const rows = await su.query<{ who: string; op: string; new_row: { name: string; author: string } }>(`SELECT who, op, new_row FROM procure.audit WHERE table_name = 'supplier'`);
    expect(rows.rows).toEqual([{ who: 'ann', op: 'INSERT', new_row: expect.objectContaining({ name: 'Acme', author: 'ann' }) }]);
    // a buyer and a viewer cannot touch the audit; the admin can, and that change is audited too
    await expect(as('ann', pw, (c) => c.query('DELETE FROM procure.audit'))).rejects.toThrow(/permission denied/);
    await expect(as('vic', pw, (c) => c.query(`UPDATE procure.audit SET who = 'x'`))).rejects.toThrow(/permission denied/);
    await expect(as('ann', pw, (c) => c.query(`INSERT INTO procure.audit (who, table_name, op) VALUES ('x', 'y', 'z')`))).rejects.toThrow(/permission denied/);
    const n = await as('ada', pw, (c) => c.query(`UPDATE procure.audit SET who = 'corrected' WHERE table_name = 'supplier'`));
    expect(n.rowCount).toBe(1);
    const meta = await su.query<{ who: string; op: string }>(`SELECT who, op FROM procure.audit WHERE table_name = 'audit'`);
    expect(meta.rows).toEqual([{ who: 'ada', op: 'UPDATE' }]);
    // suppliers are append-only even for their author
    await expect(as('ann', pw, (c) => c.query(`UPDATE procure.supplier SET notes = 'x'`))).rejects.toThrow(/permission denied/);
  });

  it('refuses hostile user names inside the database, creating nothing', async () => {
    const before = await su.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_roles`);
    for (const name of [`x'; DROP TABLE procure.quote; --`, 'Robert"); DROP ROLE procure_admin;--', 'procure_admin', 'pg_monitor', '', 'a'.repeat(64), 'UPPER']) {
      await expect(su.query(`SELECT procure.add_user($1, 'buyer', 'a-long-enough-password-1')`, [name])).rejects.toThrow(/user name|reserved/);
    }
    await expect(su.query(`SELECT procure.add_user('bob', 'superuser', 'a-long-enough-password-1')`)).rejects.toThrow(/a role is one of/);
    const after = await su.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_roles`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect((await su.query(`SELECT to_regclass('procure.quote') AS t`)).rows[0].t).toBe('procure.quote');
  });
});
