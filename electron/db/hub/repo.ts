/**
 * Every query the app sends a team hub (node-postgres, bound parameters only). Batches travel
 * as one JSON parameter expanded by json_populate_recordset, so a thousand rows are one
 * statement and no value is ever spliced into SQL text.
 */
import type { ClientBase } from 'pg';
import { CHANGE_LOCK, type HubRole } from './migrations';
import { QUOTE_FIELDS, SUPPLIER_FIELDS, type HubChange, type HubQuote, type HubSupplier } from './records';

const cols = (fields: readonly string[]) => fields.join(', ');

export interface Stamped {
  gid: string;
  change_no: number;
}

export class HubRepo {
  constructor(private readonly c: ClientBase) {}

  async inTransaction<T>(fn: () => Promise<T>, mode = ''): Promise<T> {
    await this.c.query(`BEGIN ${mode}`);
    try {
      const v = await fn();
      await this.c.query('COMMIT');
      return v;
    } catch (e) {
      await this.c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** The connected user's application role (from the hub's user list, else from role membership). */
  async whoAmI(): Promise<{ user: string; role: HubRole | 'none'; superuser: boolean }> {
    const r = await this.c.query<{ user: string; role: string | null; superuser: boolean }>(
      `SELECT session_user AS user,
              coalesce((SELECT role FROM procure.hub_user WHERE name = session_user),
                       (SELECT r FROM unnest(ARRAY['admin', 'catalog_keeper', 'evaluator', 'buyer', 'viewer']) AS r
                         WHERE pg_has_role(session_user, 'procure_' || r, 'MEMBER') LIMIT 1)) AS role,
              (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser`,
    );
    const row = r.rows[0]!;
    return { user: row.user, role: (row.role as HubRole | null) ?? 'none', superuser: row.superuser };
  }

  async addUser(name: string, role: HubRole, password: string): Promise<void> {
    await this.c.query('SELECT procure.add_user($1, $2, $3)', [name, role, password]);
  }

  /**
   * Suppliers in: a gid or a name (any letter case) the hub already has is kept as it is. Returns
   * the hub's gid and change number for each name sent, so the laptop adopts the hub's supplier.
   */
  async pushSuppliers(rows: HubSupplier[]): Promise<(Stamped & { name: string })[]> {
    if (rows.length === 0) return [];
    return this.inTransaction(async () => {
      await this.c.query(
        `INSERT INTO procure.supplier (${cols(SUPPLIER_FIELDS)})
         SELECT ${cols(SUPPLIER_FIELDS)} FROM json_populate_recordset(NULL::procure.supplier, $1::json)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
      const r = await this.c.query<Stamped & { name: string; sent: string }>(
        `SELECT s.gid::text AS gid, s.change_no::float8 AS change_no, s.name, sent.name AS sent
           FROM unnest($1::text[]) AS sent(name) JOIN procure.supplier s ON lower(s.name) = lower(sent.name)`,
        [rows.map((x) => x.name)],
      );
      return r.rows.map((x) => ({ gid: x.gid, change_no: x.change_no, name: x.sent }));
    });
  }

  /** Quotes in, once each: a gid the hub has is left as it is (a rerun after a failed sync). */
  async pushQuotes(rows: HubQuote[]): Promise<(Stamped & { retired: boolean })[]> {
    if (rows.length === 0) return [];
    return this.inTransaction(async () => {
      await this.c.query(
        `INSERT INTO procure.quote (${cols(QUOTE_FIELDS)})
         SELECT ${cols(QUOTE_FIELDS)} FROM json_populate_recordset(NULL::procure.quote, $1::json)
         ON CONFLICT (gid) DO NOTHING`,
        [JSON.stringify(rows)],
      );
      const r = await this.c.query<Stamped & { retired: boolean }>(
        `SELECT gid::text AS gid, change_no::float8 AS change_no, retired_at IS NOT NULL AS retired FROM procure.quote WHERE gid = ANY($1::uuid[])`,
        [rows.map((x) => x.gid)],
      );
      return r.rows;
    });
  }

  /**
   * Retirements in. Row-level security lets a buyer change only their own quotes, so a quote
   * of someone else is not changed; those come back in `refused` with their author.
   */
  async retireQuotes(rows: Pick<HubQuote, 'gid' | 'retired_at' | 'retired_by' | 'retired_reason'>[]): Promise<{ done: Stamped[]; refused: { gid: string; author: string }[] }> {
    if (rows.length === 0) return { done: [], refused: [] };
    return this.inTransaction(async () => {
      const changed = await this.c.query<Stamped>(
        `UPDATE procure.quote q SET retired_at = r.retired_at, retired_by = r.retired_by, retired_reason = r.retired_reason
           FROM json_populate_recordset(NULL::procure.quote, $1::json) r
          WHERE q.gid = r.gid AND q.retired_at IS NULL
          RETURNING q.gid::text AS gid, q.change_no::float8 AS change_no`,
        [JSON.stringify(rows)],
      );
      const done = new Set(changed.rows.map((x) => x.gid));
      // not changed and still current: row-level security hid it (someone else's quote). One
      // already retired on the hub (by its author) is left to the pull, whose retirement stands.
      const r = await this.c.query<{ gid: string; author: string }>(
        `SELECT gid::text AS gid, author FROM procure.quote WHERE gid = ANY($1::uuid[]) AND retired_at IS NULL`,
        [rows.map((x) => x.gid).filter((g) => !done.has(g))],
      );
      return { done: changed.rows, refused: r.rows };
    });
  }

  /**
   * The changes after `cursor`, in change-number order, at most `limit`. Writers commit one at a
   * time (the change lock), so no change below the last one returned can still appear.
   */
  async changesSince(cursor: number, limit: number): Promise<HubChange[]> {
    const r = await this.c.query<HubChange>(
      // each branch limited on its own (an index scan on its change_no): a page costs its size,
      // not a to_jsonb of every row after the cursor (which made 20 laptops pulling 100,000 rows quadratic)
      `SELECT kind, change_no::float8 AS change_no, row FROM (
         (SELECT 'supplier' AS kind, change_no, to_jsonb(s) AS row FROM procure.supplier s WHERE change_no > $1 ORDER BY change_no LIMIT $2)
         UNION ALL
         (SELECT 'quote', change_no, to_jsonb(q) FROM procure.quote q WHERE change_no > $1 ORDER BY change_no LIMIT $2)
         UNION ALL
         (SELECT 'catalog_field', change_no, to_jsonb(f) FROM procure.catalog_field f WHERE change_no > $1 ORDER BY change_no LIMIT $2)
         UNION ALL
         (SELECT 'catalog_conflict', change_no, to_jsonb(k) FROM procure.catalog_conflict k WHERE change_no > $1 ORDER BY change_no LIMIT $2)
         UNION ALL
         (SELECT 'shared_version', v.change_no, to_jsonb(v) || jsonb_build_object('kind', d.kind)
           FROM procure.shared_version v JOIN procure.shared_doc d ON d.gid = v.doc_gid WHERE v.change_no > $1 ORDER BY v.change_no LIMIT $2)
       ) c ORDER BY change_no LIMIT $2`,
      [cursor, limit],
    );
    return r.rows;
  }

  /** The latest change number (0 on an empty hub). */
  async latestChange(): Promise<number> {
    const r = await this.c.query<{ n: number | null }>(
      `SELECT greatest(${['supplier', 'quote', 'catalog_field', 'catalog_conflict', 'shared_version'].map((t) => `(SELECT max(change_no) FROM procure.${t})`).join(', ')})::float8 AS n`,
    );
    return r.rows[0]?.n ?? 0;
  }

  async allSuppliers(): Promise<HubSupplier[]> {
    return (await this.c.query<HubSupplier>(`SELECT ${cols(SUPPLIER_FIELDS.map((f) => (f === 'gid' ? 'gid::text AS gid' : f)))} FROM procure.supplier`)).rows;
  }

  async allQuotes(): Promise<HubQuote[]> {
    // bigint as float8: a number whatever type parsers the client has (prices stay far below 2^53)
    const sel = QUOTE_FIELDS.map((f) => (f === 'gid' || f === 'supplier_gid' || f === 'supersedes_gid' ? `${f}::text AS ${f}` : f === 'price_minor' ? 'price_minor::float8 AS price_minor' : f));
    return (await this.c.query<HubQuote>(`SELECT ${cols(sel)} FROM procure.quote`)).rows;
  }

  /** A row's audit history, oldest first (of the given tables only, when named). */
  async history(key: string, tables?: readonly string[]): Promise<{ at: string; who: string; op: string; table_name: string; old_row: unknown; new_row: unknown }[]> {
    return (
      await this.c.query(
        `SELECT at::text AS at, who, op, table_name, old_row, new_row FROM procure.audit WHERE row_key = $1 AND ($2::text[] IS NULL OR table_name = ANY($2::text[])) ORDER BY id`,
        [key, tables ?? null],
      )
    ).rows;
  }

  /** Writers wait here one at a time (exposed for the tests of the change order). */
  async takeChangeLock(): Promise<void> {
    await this.c.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOCK]);
  }
}

/** CREATE DATABASE for `team init` when the hub's database is not there yet (the name quoted by pg). */
export async function createHubDatabase(c: ClientBase, name: string): Promise<void> {
  await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
}
