/**
 * Migration 0004 gives build lines a lead time, a rental price per card-hour (minor units and
 * currency) and a serving engine (a profile name or an inline profile as JSON): a version-3
 * database with build lines upgrades with every line kept and the new columns empty.
 */
import { describe, expect, it } from 'vitest';
import { expectKept, expectSound, snapshot, upgrade, userVersion, withData } from './harness';

describe('migration 0004 (build line lead time, rental price and engine)', () => {
  it('keeps every build line and column, the new columns NULL', () => {
    const at = withData(3);
    const before = snapshot(at.db);
    expect(before.build_line!.rows.length).toBe(2);
    upgrade(at, 4);
    expect(userVersion(at.db)).toBe(4);
    expectKept(before, at.db);
    expectSound(at.db);
    const lines = at.db
      .prepare('SELECT id, count, role, lead_time_weeks, rental_price_minor, rental_currency, engine, engine_profile FROM build_line ORDER BY id')
      .all();
    expect(lines).toEqual([
      { id: 1, count: 64, role: 'decode', lead_time_weeks: null, rental_price_minor: null, rental_currency: null, engine: null, engine_profile: null },
      { id: 2, count: 16, role: 'prefill', lead_time_weeks: null, rental_price_minor: null, rental_currency: null, engine: null, engine_profile: null },
    ]);
    at.db.close();
  });

  it('takes the new values and refuses half a price, a negative lead time, or an engine given twice', () => {
    const at = withData(4);
    const row = at.db.prepare('SELECT lead_time_weeks, rental_price_minor, rental_currency, engine FROM build_line WHERE id = 1').get();
    expect(row).toEqual({ lead_time_weeks: 10.5, rental_price_minor: 1250, rental_currency: 'CNY', engine: 'mindie' });
    expect(() => at.db.prepare('UPDATE build_line SET rental_currency = NULL WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => at.db.prepare('UPDATE build_line SET lead_time_weeks = -1 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => at.db.prepare(`UPDATE build_line SET engine_profile = '{"name":"x"}' WHERE id = 1`).run()).toThrow(/CHECK/);
    expect(() => at.db.prepare(`UPDATE build_line SET engine_profile = 'not json' WHERE id = 3`).run()).toThrow(/CHECK/);
    expectSound(at.db);
    at.db.close();
  });
});
