/**
 * Hub migration 2 (catalog merges, shared builds and bid sets) on a hub that version 1 left with
 * rows in it: upgraded in place with every row kept, the new tables under row-level security
 * with their grants, and an app syncing with a hub still at version 1 told to have it upgraded.
 */
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_LATEST, hubVersion, migrateHub } from '../../../electron/db/hub/migrations';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';
import { runProcure } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

const NEW_TABLES = ['catalog_conflict', 'catalog_edit', 'catalog_field', 'catalog_resolution', 'shared_doc', 'shared_version'];

describe.skipIf(Boolean(skip))('hub migration 2 (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let su: pg.Client;
  const dir = tmpDir('procure-hub2-');
  const pw = 'a-long-enough-password-2';

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
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a version-1 hub is refused by sync, then upgraded with its rows kept', { timeout: 60_000 }, async () => {
    expect(await migrateHub(su, 1)).toEqual([1]);
    await su.query(`SELECT procure.add_user('ann', 'buyer', $1)`, [pw]);
    const sup = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    await su.query(`SET ROLE ann`);
    await su.query(`INSERT INTO procure.supplier (gid, name, created_at) VALUES ($1, 'Acme', '2025-01-01T00:00:00Z')`, [sup]);
    await su.query(`RESET ROLE`);
    const before = (await su.query(`SELECT gid::text, change_no::int, name, author FROM procure.supplier`)).rows;
    const audits = (await su.query(`SELECT count(*)::int AS n FROM procure.audit`)).rows[0].n as number;

    // a laptop of this app against the version-1 hub: one line saying what to do
    const url = cluster.url('hub', 'x', 'sslmode=disable').replace('x@', '');
    const db = path.join(dir, 'a.db');
    process.env.PGPASSWORD = pw;
    try {
      expect((await runProcure(['team', 'connect', '--hub', url, '--user', 'ann', '--db', db])).code).toBe(0);
      const r = await runProcure(['sync', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/the hub's schema is version 1, older than this app needs \(\d+\): an admin runs procure team init/);
    } finally {
      delete process.env.PGPASSWORD;
    }

    expect(await migrateHub(su)).toEqual(HUB_MIGRATIONS_AFTER_1);
    expect(await hubVersion(su)).toBe(HUB_LATEST);
    expect((await su.query(`SELECT gid::text, change_no::int, name, author FROM procure.supplier`)).rows).toEqual(before);
    expect((await su.query(`SELECT count(*)::int AS n FROM procure.audit`)).rows[0].n).toBe(audits);
    const rls = await su.query<{ relname: string; relrowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'procure' AND c.relname = ANY($1) ORDER BY 1`,
      [NEW_TABLES],
    );
    expect(rls.rows).toEqual(NEW_TABLES.map((relname) => ({ relname, relrowsecurity: true })));
    // writes: keepers edit and resolve, buyers share; nobody writes the merged tables directly
    const grants = await su.query<{ grantee: string; table_name: string; privilege_type: string }>(
      `SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants
        WHERE table_schema = 'procure' AND table_name = ANY($1) AND privilege_type <> 'SELECT' AND grantee LIKE 'procure\\_%' ORDER BY 2, 1, 3`,
      [NEW_TABLES],
    );
    expect(grants.rows).toEqual([
      { grantee: 'procure_catalog_keeper', table_name: 'catalog_edit', privilege_type: 'INSERT' },
      { grantee: 'procure_catalog_keeper', table_name: 'catalog_resolution', privilege_type: 'INSERT' },
      { grantee: 'procure_buyer', table_name: 'shared_doc', privilege_type: 'INSERT' },
      { grantee: 'procure_buyer', table_name: 'shared_version', privilege_type: 'INSERT' },
    ]);
    // and now the laptop syncs
    process.env.PGPASSWORD = pw;
    try {
      const ok = await runProcure(['sync', '--db', db]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toMatch(/pulled {2}1 suppliers/);
    } finally {
      delete process.env.PGPASSWORD;
    }
  });
});

const HUB_MIGRATIONS_AFTER_1 = Array.from({ length: HUB_LATEST - 1 }, (_, i) => i + 2);
