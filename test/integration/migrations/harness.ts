/**
 * Migration tests: a database as an older version of the app left it, with data in it, upgraded
 * by the next migration. The test for migration N is a few lines:
 *
 *   const at = withData(N - 1);       // rows in each older schema's own terms (DATA below)
 *   const before = snapshot(at.db);
 *   upgrade(at, N);
 *   expectKept(before, at.db);        // every row of every column that was there still is
 *   expect(userVersion(at.db)).toBe(N);
 *
 * and adds `DATA[N]`, rows for the tables and columns migration N brings, for N + 1's test.
 * Data is written with plain SQL frozen at its version, never with today's repositories, which
 * speak the latest schema; DATA[v] is written when the database is at version v, then the
 * next migration carries it on (as a user's database would have been).
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate } from '../../../electron/db/open';
import { MIGRATIONS, type Migration } from '../../../electron/db/migrations';
import { tmpDbPath } from '../../helpers/tmp';

export interface AtVersion {
  db: Database.Database;
  path: string;
}

export const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

/** Migrations 1..version, checked to be all there, in order. */
export function migrationsUpTo(version: number): Migration[] {
  const ms = MIGRATIONS.filter((m) => m.version <= version);
  expect(ms.map((m) => m.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
  return ms;
}

/** A new database file at schema `version`, as migrations 1..version left it (0: an empty file). */
export function databaseAt(version: number): AtVersion {
  const path = tmpDbPath();
  const db = new Database(path);
  // the connection settings openDatabase uses
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  if (version > 0) migrate(db, path, migrationsUpTo(version));
  expect(userVersion(db)).toBe(version);
  return { db, path };
}

/** Run migration `to` (only that one) on a database at `to - 1`; returns the backup path, if one was taken. */
export function upgrade(at: AtVersion, to: number): string | undefined {
  expect(userVersion(at.db)).toBe(to - 1);
  return migrate(at.db, at.path, migrationsUpTo(to));
}

export function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
}

const columnsOf = (db: Database.Database, table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]);
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function rowsOf(db: Database.Database, table: string, columns: string[]): unknown[][] {
  const cols = columns.map(quote).join(', ');
  // ordered by every column, so the comparison does not hang on rowids or insertion order
  return db.prepare(`SELECT ${cols} FROM ${quote(table)} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`).raw().all() as unknown[][];
}

export type Snapshot = Record<string, { columns: string[]; rows: unknown[][] }>;

/** Every row of every table, by column. */
export function snapshot(db: Database.Database): Snapshot {
  const s: Snapshot = {};
  for (const t of tableNames(db)) {
    const columns = columnsOf(db, t);
    s[t] = { columns, rows: rowsOf(db, t, columns) };
  }
  return s;
}

/**
 * Every table and column in `before` still exists and holds the same values, row for row.
 * `changed` names the tables or `table.column`s a migration rewrites on purpose (its test then
 * says what became of them).
 */
export function expectKept(before: Snapshot, db: Database.Database, changed: string[] = []): void {
  const tables = new Set(tableNames(db));
  for (const [table, { columns, rows }] of Object.entries(before)) {
    if (changed.includes(table)) continue;
    expect(tables.has(table), `table ${table} is gone`).toBe(true);
    const kept = columns.filter((c) => !changed.includes(`${table}.${c}`));
    const now = columnsOf(db, table);
    for (const c of kept) expect(now, `column ${table}.${c} is gone`).toContain(c);
    const project = (r: unknown[]) => kept.map((c) => r[columns.indexOf(c)]);
    const sort = (rs: unknown[][]) => rs.map((r) => JSON.stringify(r)).sort();
    expect(sort(rowsOf(db, table, kept)), `rows of ${table}`).toEqual(sort(rows.map(project)));
  }
}

/** Integrity and foreign keys hold. */
export function expectSound(db: Database.Database): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

const src = (title: string) => ({ source_title: title, source_url: 'https://example.com/spec', as_of: '2025-03-01', estimate: 0, source_note: '' });

/**
 * Rows in each version's schema, with the values the app of that version wrote (JSON columns
 * included). DATA[v] adds to DATA[v - 1]; writeData(db, v) writes them all, oldest first.
 */
export const DATA: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    const run = (sql: string, params?: Record<string, unknown>) => (params ? db.prepare(sql).run(params) : db.prepare(sql).run());
    run(`INSERT INTO meta (key, value) VALUES ('seed_version', '3')`);
    run(`INSERT INTO vendor (id, name, name_zh, country, notes) VALUES (1, 'Huawei', '华为', 'CN', ''), (2, 'NVIDIA', '英伟达', 'US', 'export-controlled')`);
    const acc = `INSERT INTO accelerator (id, slug, vendor_id, model, generation, aliases, domestic, memory_gb, memory_type, memory_bw_tbps,
        tflops_fp16, tflops_bf16, tflops_fp8, tflops_int8, tflops_fp4, tdp_w, idle_w, scale_up_link, scale_up_gbps, scale_out_gbps,
        form_factor, software_stack, release_year, export_cn, export_other, foundry, hbm_supply, software_maturity, mbu, mfu, notes,
        origin, seed_version, user_edited, updated_at)
      VALUES (@id, @slug, @vendor, @model, '', @aliases, @domestic, @mem, 'HBM3', @bw, @fp16, @fp16, @fp8, @int8, NULL, @tdp, 90, 'HCCS', 392, 50,
        'OAM', @stack, 2024, @exportCn, 'free', 'SMIC N+2', 'domestic', 0.6, 0.5, 0.35, '', @origin, @seed, @edited, '2025-03-01T08:00:00.000Z')`;
    run(acc, { id: 1, slug: 'ascend-910c', vendor: 1, model: 'Ascend 910C', aliases: '["910C","昇腾910C"]', domestic: 1, mem: 128, bw: 3.2, fp16: 800, fp8: null, int8: 1600, tdp: 550, stack: 'CANN', exportCn: 'free', origin: 'seed', seed: 3, edited: 1 });
    run(acc, { id: 2, slug: 'h20', vendor: 2, model: 'H20', aliases: '[]', domestic: 0, mem: 96, bw: 4.0, fp16: 148, fp8: 296, int8: 296, tdp: 400, stack: 'CUDA', exportCn: 'licensed', origin: 'import', seed: null, edited: 0 });
    run(`INSERT INTO figure_source (accelerator_id, figure, source_title, source_url, as_of, estimate, source_note)
      VALUES (1, 'default', @source_title, @source_url, @as_of, @estimate, @source_note), (1, 'tflops.bf16', 'vendor brief', '', '2024-11-01', 1, 'estimated from FP16')`, src('Huawei datasheet'));
    run(`INSERT INTO server (id, slug, name, cards_per_server, host_price_minor, currency, host_power_w, compatible, form_factor,
        source_title, source_url, as_of, estimate, source_note, origin, user_edited)
      VALUES (1, 'atlas-800t-a2', 'Atlas 800T A2', 8, 45000000, 'CNY', 2200.5, '["ascend-910c"]', '4U', @source_title, @source_url, @as_of, @estimate, @source_note, 'seed', 0)`, src('Huawei price list'));
    run(`INSERT INTO import_batch (id, file_name, sheet, supplier, row_count, imported_at, undone_at)
      VALUES (1, '报价单-2025Q1.xlsx', '报价', '华鲲振宇', 2, '2025-03-02T01:00:00.000Z', NULL), (2, 'old.csv', '', 'Acme', 1, '2025-01-02T01:00:00.000Z', '2025-01-03T01:00:00.000Z')`);
    run(`INSERT INTO quote (id, accelerator_id, server_id, kind, supplier, price_minor, currency, vat_included, vat_rate, cards_per_server,
        card_accelerator_id, moq, lead_time_weeks, valid_until, source_title, source_url, as_of, estimate, source_note, source_file, source_sheet,
        source_row, import_id, origin, created_at)
      VALUES
        (1, 1, NULL, 'purchase', '华鲲振宇', 13560000, 'CNY', 1, 0.13, NULL, NULL, 8, 12.5, '2025-06-30', '', '', '2025-03-01', 0, '', '报价单-2025Q1.xlsx', '报价', 4, 1, 'import', '2025-03-02T01:00:00.000Z'),
        (2, NULL, 1, 'server-purchase', '华鲲振宇', 98000000, 'CNY', 0, 0.13, 8, 1, NULL, NULL, NULL, '', '', '2025-03-01', 0, '', '报价单-2025Q1.xlsx', '报价', 5, 1, 'import', '2025-03-02T01:00:00.000Z'),
        (3, 2, NULL, 'rental-card-hour', 'Cloud Co', 1250, 'USD', 0, 0, NULL, NULL, NULL, NULL, NULL, 'rate card', '', '2024-12-01', 1, 'list price', '', '', NULL, NULL, 'user', '2024-12-05T09:30:00.000Z')`);
    run(`INSERT INTO site (id, slug, name, name_zh, power_price_per_kwh, currency, pue, jurisdiction, rack_cost_per_year, infra_cost_per_kw,
        source_title, source_url, as_of, estimate, source_note, origin, user_edited)
      VALUES (1, 'west-china', 'Western China', '西部', 0.35, 'CNY', 1.25, 'CN', 30000, 8000, @source_title, @source_url, @as_of, @estimate, @source_note, 'seed', 1)`, src('grid tariff'));
    run(`INSERT INTO fx_rate (id, currency, cny_per, source_title, source_url, as_of, estimate, source_note, origin, created_at)
      VALUES (1, 'USD', 7.18, 'PBoC', '', '2025-03-01', 0, '', 'seed', '2025-03-01T00:00:00.000Z'), (2, 'USD', 7.25, 'treasury', '', '2025-04-01', 0, 'user entry', 'user', '2025-04-01T00:00:00.000Z')`);
    const assumptions = JSON.stringify({ currency: 'CNY', site: 'west-china', finance: { years: 5, discountRate: 0.06, utilization: 0.6 }, workload: { model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500 } });
    run(`INSERT INTO build (id, name, assumptions, created_at, updated_at, deleted_at)
      VALUES (1, '昇腾 集群 A', @assumptions, '2025-03-03T00:00:00.000Z', '2025-03-04T00:00:00.000Z', NULL), (2, 'old build', @assumptions, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z')`, { assumptions });
    run(`INSERT INTO build_line (id, build_id, position, accelerator_id, count, server_id, network_per_card_minor, network_currency,
        price_override_minor, price_override_currency, role)
      VALUES (1, 1, 0, 1, 64, 1, 250000, 'CNY', NULL, NULL, 'decode'), (2, 1, 1, 2, 16, NULL, 0, 'CNY', 1100000, 'USD', 'prefill')`);
    run(`INSERT INTO bid_set (id, name, body, updated_at) VALUES (1, '2025 tender', @body, '2025-03-05T00:00:00.000Z')`, { body: JSON.stringify({ version: 1, bids: [] }) });
    run(`INSERT INTO import_mapping (id, supplier, layout_key, mapping, updated_at) VALUES (1, '华鲲振宇', 'k1', '{"columns":{"price":3}}', '2025-03-02T01:00:00.000Z')`);
    run(`INSERT INTO model_preset (id, slug, spec, updated_at) VALUES (1, 'my-moe', '{"totalParamsB":235,"activeParamsB":22}', '2025-03-06T00:00:00.000Z')`);
    run(`INSERT INTO setting (key, value) VALUES ('lang', '"zh-CN"'), ('defaults', '{"currency":"CNY"}')`);
  },
  2: (db) => {
    const run = (sql: string) => db.prepare(sql).run();
    run(`INSERT INTO supplier (id, name, contact, notes, created_at) VALUES (100, '浪潮信息', '张工 138-0000-0000', '集成商', '2025-05-01T00:00:00.000Z')`);
    // a quote superseded by a correction, a retired one, and a server quote of a named platform
    run(`INSERT INTO quote (id, accelerator_id, kind, supplier, supplier_id, quote_number, quote_date, price_minor, currency, vat_included, vat_rate,
        valid_until, lead_time_weeks, moq, source_title, as_of, origin, created_at, status)
      VALUES (10, 1, 'purchase', '浪潮信息', 100, 'BJ-2025-031', '2025-04-28', 12000000, 'CNY', 1, 0.13, '2025-07-31', 6, 8, 'entered by hand', '2025-04-28', 'user', '2025-05-01T00:00:00.000Z', 'superseded')`);
    run(`INSERT INTO quote (id, accelerator_id, kind, supplier, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate,
        source_title, as_of, origin, created_at, supersedes_id)
      VALUES (11, 1, 'purchase', '浪潮信息', 100, '2025-04-28', 11800000, 'CNY', 1, 0.13, 'entered by hand', '2025-04-28', 'user', '2025-05-02T00:00:00.000Z', 10)`);
    run(`INSERT INTO quote (id, accelerator_id, kind, supplier, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate,
        source_title, as_of, origin, created_at, status, retired_at, retired_by, retired_reason)
      VALUES (12, 2, 'purchase', '浪潮信息', 100, '2025-04-01', 1, 'CNY', 0, 0.13, 'entered by hand', '2025-04-01', 'user', '2025-05-02T00:00:00.000Z',
        'retired', '2025-05-03T00:00:00.000Z', 'wang', 'a typo: ¥1')`);
    run(`INSERT INTO quote (id, server_id, kind, supplier, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate, cards_per_server,
        card_accelerator_id, platform, source_title, as_of, source_file, source_sheet, source_row, origin, created_at)
      VALUES (13, NULL, 'server-purchase', '浪潮信息', 100, '2025-04-20', 180000000, 'CNY', 1, 0.13, 8, 1, 'Atlas 800I A2',
        '分项报价表.xlsx', '2025-04-20', '分项报价表.xlsx', '分项报价表', 7, 'import', '2025-05-01T00:00:00.000Z')`);
  },
  3: (db) => {
    const run = (sql: string) => db.prepare(sql).run();
    // a laptop connected to a hub: a supplier and a quote shared, a retirement shared, a row it could not place
    run(`INSERT INTO team_hub (id, hub_url, hub_user, role, cursor, connected_at, last_sync_at, last_result)
      VALUES (1, 'postgresql://hub.example.com/procure?sslmode=verify-full', 'li', 'buyer', 42, '2025-06-01T00:00:00.000Z', '2025-06-02T00:00:00.000Z', '{"pushed":{"quotes":1}}')`);
    run(`UPDATE supplier SET hub_change = 7 WHERE id = 100`);
    run(`UPDATE quote SET hub_change = 9, retire_shared = 1 WHERE id = 12`);
    run(`INSERT INTO team_unplaced (gid, kind, change_no, body, reason) VALUES ('01900000-0000-7000-8000-00000000000f', 'quote', 41, '{"item":"mi355x"}', 'part mi355x is not in this catalog')`);
  },
  4: (db) => {
    const run = (sql: string) => db.prepare(sql).run();
    // lines with a lead time, a rental price, an engine name, and an inline engine profile
    run(`UPDATE build_line SET lead_time_weeks = 10.5, rental_price_minor = 1250, rental_currency = 'CNY', engine = 'mindie' WHERE id = 1`);
    run(`INSERT INTO build_line (id, build_id, position, accelerator_id, count, role, engine_profile)
      VALUES (3, 1, 2, 2, 8, 'both', '{"name":"our vLLM fork","base":"vllm","stepOverheadMs":4}')`);
  },
  5: (db) => {
    const run = (sql: string) => db.prepare(sql).run();
    // a pending figure edit, a pulled conflict with a resolution waiting, a shared build version
    run(`INSERT INTO catalog_edit (gid, part, field, value, source, edited_at)
      VALUES ('01900000-0000-7000-8000-000000000001', 'h100', 'tdpW', '650', '{"title":"spec sheet","url":"","asOf":"2025-05-01","estimate":false,"note":""}', '2025-05-02T00:00:00Z')`);
    run(`INSERT INTO team_conflict (gid, part, field, earlier_set_by, earlier_value, earlier_source, earlier_author, earlier_edited_at, earlier_pushed_at,
        later_value, later_source, later_author, later_edited_at, later_pushed_at, status, change_no)
      VALUES ('01900000-0000-7000-8000-000000000002', 'h100', 'memoryGB', '01900000-0000-7000-8000-000000000003', '80', '{}', 'kim', 't1', 't1', '96', '{}', 'kai', 't2', 't2', 'open', 7)`);
    run(`INSERT INTO team_resolution (gid, conflict_gid, decision, resolved_at) VALUES ('01900000-0000-7000-8000-000000000004', '01900000-0000-7000-8000-000000000002', 'reverse', 't3')`);
    run(`INSERT INTO team_share (kind, local_id, doc_gid, created_at) VALUES ('build', 1, '01900000-0000-7000-8000-000000000005', 't4')`);
    run(`INSERT INTO team_shared_version (gid, doc_gid, kind, name, body, shared_at) VALUES ('01900000-0000-7000-8000-000000000006', '01900000-0000-7000-8000-000000000005', 'build', 'Pilot', '{"lines":[]}', 't4')`);
  },
  6: (db) => {
    const run = (sql: string) => db.prepare(sql).run();
    // an evaluation pulled from the hub, one's own score and submission waiting for the next sync
    run(`INSERT INTO team_evaluation (gid, version_gid, evaluators, deviation_share, opened_at, author, hub_change)
      VALUES ('01900000-0000-7000-8000-000000000007', '01900000-0000-7000-8000-000000000006', '["ann","eva","ian"]', 0.2, 't5', 'bea', 9)`);
    run(`INSERT INTO team_evaluation_score (gid, evaluation_gid, evaluator, bid, criterion, points, scored_at)
      VALUES ('01900000-0000-7000-8000-000000000008', '01900000-0000-7000-8000-000000000007', 'ann', 0, 'plan', 8, 't6')`);
    run(`INSERT INTO team_evaluation_submission (gid, evaluation_gid, evaluator, submitted_at)
      VALUES ('01900000-0000-7000-8000-000000000009', '01900000-0000-7000-8000-000000000007', 'ann', 't7')`);
  },
};

/**
 * A database at `version` holding the data of versions 1..version: migrated to 1, DATA[1]
 * written, migrated to 2, DATA[2] written, and so on.
 */
export function withData(version: number): AtVersion {
  const at = databaseAt(0);
  for (let v = 1; v <= version; v++) {
    const write = DATA[v];
    if (!write) throw new Error(`no DATA[${v}] in test/integration/migrations/harness.ts: add rows for what migration ${v} brings`);
    migrate(at.db, ':memory:', migrationsUpTo(v)); // no backups of a fixture
    write(at.db);
  }
  expect(userVersion(at.db)).toBe(version);
  return at;
}
