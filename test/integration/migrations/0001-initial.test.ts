/** Migration 0001 builds the first schema in an empty file; the data of every table then fits it. */
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/db/open';
import { databaseAt, expectKept, expectSound, snapshot, tableNames, upgrade, userVersion, withData } from './harness';

describe('migration 0001 (initial schema)', () => {
  it('upgrades an empty file to version 1, STRICT tables and this app\'s id, without a backup', () => {
    const at = databaseAt(0);
    expect(tableNames(at.db)).toEqual([]);
    expect(upgrade(at, 1)).toBeUndefined(); // nothing to lose, nothing copied
    expect(userVersion(at.db)).toBe(1);
    expect(at.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = at.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table'`).all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['accelerator', 'bid_set', 'build', 'build_line', 'figure_source', 'fx_rate', 'import_batch', 'import_mapping', 'meta', 'model_preset', 'quote', 'server', 'setting', 'site', 'vendor'],
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\) STRICT$/);
    at.db.close();
  });

  it('takes the version-1 data of every table, which later migrations must keep', () => {
    const at = withData(1);
    expectSound(at.db);
    const s = snapshot(at.db);
    // the fixture covers the whole schema, so the next migration's test upgrades all of it
    for (const t of tableNames(at.db)) expect(s[t]!.rows.length, t).toBeGreaterThan(0);
    // a deleted build cascades to its lines; nothing else went with it
    at.db.prepare('DELETE FROM build WHERE id = 1').run();
    expect(at.db.prepare('SELECT count(*) FROM build_line').pluck().get()).toBe(0);
    expectKept(s, at.db, ['build', 'build_line']);
    at.db.close();
  });
});
