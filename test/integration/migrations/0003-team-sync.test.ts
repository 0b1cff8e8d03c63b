/**
 * Migration 0003 gives suppliers and quotes a UUID v7 global id (existing rows from their
 * created_at, new rows by trigger), the hub change number, and the team_hub state.
 */
import { describe, expect, it } from 'vitest';
import { expectKept, expectSound, snapshot, upgrade, userVersion, withData } from './harness';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix milliseconds in a UUID v7's first 48 bits. */
const msOf = (u: string) => parseInt(u.replaceAll('-', '').slice(0, 12), 16);

describe('migration 0003 (team hub sync)', () => {
  it('keeps every row, gives each supplier and quote a distinct UUID v7 timed at its creation', () => {
    const at = withData(2);
    const before = snapshot(at.db);
    upgrade(at, 3);
    expect(userVersion(at.db)).toBe(3);
    expectKept(before, at.db);
    expectSound(at.db);
    for (const table of ['supplier', 'quote']) {
      const rows = at.db.prepare(`SELECT gid, created_at, hub_change FROM ${table}`).all() as { gid: string; created_at: string; hub_change: null }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.gid).toMatch(UUID7);
        expect(msOf(r.gid)).toBe(Date.parse(r.created_at));
        expect(r.hub_change).toBeNull();
      }
      expect(new Set(rows.map((r) => r.gid)).size).toBe(rows.length);
    }
    at.db.close();
  });

  it('gives rows inserted later a UUID v7 by trigger and keeps a quote id for ever', () => {
    const at = withData(3);
    const t0 = Date.now();
    at.db.prepare(`INSERT INTO supplier (name, created_at) VALUES ('New Co', '2025-06-01T00:00:00.000Z')`).run();
    const gid = at.db.prepare(`SELECT gid FROM supplier WHERE name = 'New Co'`).pluck().get() as string;
    expect(gid).toMatch(UUID7);
    expect(msOf(gid)).toBeGreaterThanOrEqual(t0 - 1000);
    // a row that brings its own id (pulled from a hub) keeps it
    at.db.prepare(`INSERT INTO supplier (name, created_at, gid) VALUES ('Hub Co', '2025-06-01T00:00:00.000Z', '01900000-0000-7000-8000-000000000001')`).run();
    expect(at.db.prepare(`SELECT gid FROM supplier WHERE name = 'Hub Co'`).pluck().get()).toBe('01900000-0000-7000-8000-000000000001');
    expect(() => at.db.prepare(`UPDATE quote SET gid = 'x' WHERE id = 10`).run()).toThrow(/never changes/);
    expect(() => at.db.prepare(`INSERT INTO team_hub (id, hub_url, hub_user, connected_at) VALUES (2, 'u', 'x', 'now')`).run()).toThrow(/CHECK/);
    expectSound(at.db);
    at.db.close();
  });
});
