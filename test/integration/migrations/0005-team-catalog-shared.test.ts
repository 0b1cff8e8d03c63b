/**
 * Migration 0005 adds what a laptop keeps of catalog merges (pending figure edits, the hub's
 * field values, conflicts and resolutions) and of shared builds and bid sets: a version-4
 * database upgrades with every row kept and the new tables empty; the new tables refuse what
 * their checks forbid.
 */
import { describe, expect, it } from 'vitest';
import { expectKept, expectSound, snapshot, upgrade, userVersion, withData } from './harness';

const TABLES = ['catalog_edit', 'team_catalog_field', 'team_conflict', 'team_resolution', 'team_share', 'team_shared_version'];

describe('migration 0005 (team catalog merges, shared builds and bid sets)', () => {
  it('keeps every row and adds the tables empty', () => {
    const at = withData(4);
    const before = snapshot(at.db);
    upgrade(at, 5);
    expect(userVersion(at.db)).toBe(5);
    expectKept(before, at.db);
    expectSound(at.db);
    for (const t of TABLES) expect(at.db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
    at.db.close();
  });

  it('keeps one pending edit per part and field, and refuses values that are not JSON or a resolution of no conflict', () => {
    const at = withData(5);
    const src = '{"title":"x","url":"","asOf":"2025-01-01","estimate":false,"note":""}';
    const add = (gid: string, value: string, hub: number | null) =>
      at.db.prepare('INSERT INTO catalog_edit (gid, part, field, value, source, edited_at, hub_change) VALUES (?, ?, ?, ?, ?, ?, ?)').run(gid, 'h100', 'tdpW', value, src, 't', hub);
    expect(() => add('g-2', '700', null)).toThrow(/UNIQUE/);
    // once pushed, the field may be edited again
    at.db.prepare(`UPDATE catalog_edit SET hub_change = 9 WHERE part = 'h100'`).run();
    add('g-2', '700', null);
    expect(() => add('g-3', 'not json', 10)).toThrow(/CHECK/);
    expect(() => at.db.prepare(`INSERT INTO team_resolution (gid, conflict_gid, decision, resolved_at) VALUES ('r', 'nope', 'confirm', 't')`).run()).toThrow(/FOREIGN KEY/);
    expect(() => at.db.prepare(`INSERT INTO team_share (kind, local_id, doc_gid, created_at) VALUES ('quote', 2, 'd', 't')`).run()).toThrow(/CHECK/);
    expect(at.db.prepare('SELECT decision FROM team_resolution').all()).toEqual([{ decision: 'reverse' }]);
    expectSound(at.db);
    at.db.close();
  });
});
