/**
 * A team hub for tests beyond the CLI ones: a throwaway cluster (pg-cluster.ts) with the hub
 * schema and users made through the admin functions, laptops as real SQLite files, bulk quotes
 * written straight into a laptop's file (as an import would leave them), and the equality check
 * of a sync: counts and a checksum per shared table, on the hub and on each laptop.
 */
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../electron/db/open';
import { HubRepo } from '../../electron/db/hub/repo';
import { TeamRepo } from '../../electron/db/repos/team';
import { addHubUser, initHub } from '../../electron/team/admin';
import { quoteChecksum, supplierChecksum } from '../../electron/team/checksum';
import { startCluster, type PgCluster } from './pg-cluster';

export const PART = 'nvidia-h20';

export interface HubFixture {
  cluster: PgCluster;
  /** The superuser's client on the hub database. */
  su: pg.Client;
  /** The hub URL a laptop connects with (no user, no password). */
  url(params?: string): string;
  passwords: Record<string, string>;
  close(): Promise<void>;
}

export async function startHub(users: [string, 'viewer' | 'buyer' | 'catalog_keeper' | 'evaluator' | 'admin'][], opts: { cluster?: PgCluster; database?: string } = {}): Promise<HubFixture> {
  const cluster = opts.cluster ?? (await startCluster());
  const database = opts.database ?? 'hub';
  await initHub(cluster.url(database));
  const passwords: Record<string, string> = {};
  for (const [user, role] of users) passwords[user] = (await addHubUser(cluster.url(database), user, role)).password;
  const su = new pg.Client({ connectionString: cluster.url(database) });
  su.on('error', () => undefined);
  await su.connect();
  return {
    cluster,
    su,
    url: (params = 'sslmode=disable') => `postgresql://127.0.0.1:${cluster.port}/${database}${params ? `?${params}` : ''}`,
    passwords,
    async close() {
      await su.end().catch(() => undefined);
      if (!opts.cluster) cluster.stop();
    },
  };
}

/** `n` user quotes of PART from one supplier, written in one transaction (prices and instants distinct). */
export function addBulkQuotes(dbPath: string, supplier: string, n: number, offset = 0): void {
  const d = openDatabase(dbPath);
  try {
    d.transaction(() => {
      const existing = d.prepare('SELECT id FROM supplier WHERE name = ?').pluck().get(supplier) as number | undefined;
      const sid = existing ?? (d.prepare(`INSERT INTO supplier (name, created_at) VALUES (?, '2025-06-01T00:00:00.000Z') RETURNING id`).pluck().get(supplier) as number);
      const acc = d.prepare('SELECT id FROM accelerator WHERE slug = ?').pluck().get(PART) as number;
      const ins = d.prepare(`INSERT INTO quote (accelerator_id, kind, supplier, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate, origin, created_at)
        VALUES (?, 'purchase', ?, ?, '2025-06-01', ?, 'CNY', 1, 0.13, 'user', ?)`);
      for (let i = offset; i < offset + n; i++) ins.run(acc, supplier, sid, 9_000_000 + i, new Date(Date.UTC(2025, 5, 1) + i).toISOString());
    })();
  } finally {
    d.close();
  }
}

export interface SharedRows {
  suppliers: { count: number; sha256: string };
  quotes: { count: number; sha256: string };
}

export async function hubRows(su: pg.Client): Promise<SharedRows> {
  const r = new HubRepo(su);
  return { suppliers: supplierChecksum(await r.allSuppliers()), quotes: quoteChecksum(await r.allQuotes()) };
}

export function laptopRows(dbPath: string): SharedRows {
  const d = openDatabase(dbPath);
  try {
    const t = new TeamRepo(d);
    return { suppliers: supplierChecksum(t.sharedSuppliers()), quotes: quoteChecksum(t.sharedQuotes()) };
  } finally {
    d.close();
  }
}

/** Rows the hub holds twice by content (the same supplier, price and instant): a duplicated push. */
export async function hubDuplicates(su: pg.Client): Promise<number> {
  const r = await su.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM procure.quote GROUP BY supplier_gid, price_minor, created_at HAVING count(*) > 1) d`,
  );
  return r.rows[0]!.n;
}

export const laptop = (dir: string, name: string) => path.join(dir, `${name}.db`);
