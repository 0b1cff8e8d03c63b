/**
 * Migration 0002 makes suppliers records and gives quotes their supplier, quote date, status
 * and supersession: a version-1 database with quotes upgrades with every quote and column kept.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { expectKept, expectSound, snapshot, upgrade, userVersion, withData } from './harness';

describe('migration 0002 (suppliers and quote records)', () => {
  it('keeps every version-1 row and column, backs up first, and moves supplier text to supplier rows', () => {
    const at = withData(1);
    // a quote naming no supplier (named by its source title), one with neither, and a case variant
    at.db.exec(`INSERT INTO quote (id, accelerator_id, kind, supplier, price_minor, currency, vat_included, vat_rate, source_title, as_of, estimate, origin, created_at)
      VALUES (4, 2, 'purchase', '', 8500000, 'CNY', 0, 0.13, 'Estimate (no public price)', '2025-02-01', 1, 'seed', '2025-02-02T00:00:00.000Z'),
             (5, 2, 'purchase', '  ', 9000000, 'CNY', 1, 0.13, '', '', 0, 'user', '2025-04-09T23:00:00.000Z'),
             (6, 1, 'purchase', 'cloud co', 13000000, 'CNY', 1, 0.13, '', '2025-03-15', 0, 'user', '2025-03-16T00:00:00.000Z')`);
    const before = snapshot(at.db);
    const backup = upgrade(at, 2);
    expect(userVersion(at.db)).toBe(2);
    expect(backup && fs.existsSync(backup)).toBeTruthy();
    expectKept(before, at.db);
    expectSound(at.db);

    const suppliers = at.db.prepare('SELECT id, name FROM supplier ORDER BY id').all() as { id: number; name: string }[];
    // one row per supplier whatever the case ('Cloud Co' and 'cloud co'); Acme came from an import batch only
    expect(suppliers.map((s) => s.name).sort()).toEqual(['Acme', 'Cloud Co', 'Estimate (no public price)', 'Unknown supplier', '华鲲振宇'].sort());
    const q = at.db
      .prepare(`SELECT q.id, s.name AS supplier, q.quote_date, q.status, q.supersedes_id, q.platform, q.quote_number, q.retired_at
                FROM quote q JOIN supplier s ON s.id = q.supplier_id ORDER BY q.id`)
      .all();
    expect(q).toEqual([
      { id: 1, supplier: '华鲲振宇', quote_date: '2025-03-01', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
      { id: 2, supplier: '华鲲振宇', quote_date: '2025-03-01', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
      { id: 3, supplier: expect.stringMatching(/^cloud co$/i), quote_date: '2024-12-01', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
      { id: 4, supplier: 'Estimate (no public price)', quote_date: '2025-02-01', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
      // no as-of date: the day it was imported
      { id: 5, supplier: 'Unknown supplier', quote_date: '2025-04-09', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
      { id: 6, supplier: expect.stringMatching(/^cloud co$/i), quote_date: '2025-03-15', status: 'current', supersedes_id: null, platform: '', quote_number: '', retired_at: null },
    ]);
    at.db.close();
  });

  it('holds quotes append-only: only status and retirement change, nothing is deleted', () => {
    const at = withData(2);
    expect(() => at.db.prepare('UPDATE quote SET price_minor = 1 WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => at.db.prepare('UPDATE quote SET quote_date = ? WHERE id = 1').run('2025-01-01')).toThrow(/append-only/);
    expect(() => at.db.prepare('DELETE FROM quote WHERE id = 1').run()).toThrow(/never deleted/);
    at.db.prepare(`UPDATE quote SET status = 'retired', retired_at = '2025-05-01T00:00:00.000Z', retired_by = 'li', retired_reason = 'typo' WHERE id = 1`).run();
    // a retired quote says when; a current one may not
    expect(() => at.db.prepare(`UPDATE quote SET status = 'retired' WHERE id = 2`).run()).toThrow(/CHECK/);
    expect(() => at.db.prepare(`UPDATE quote SET status = 'expired' WHERE id = 2`).run()).toThrow(/CHECK/);
    // a server quote of a platform that is not a catalog server names the platform and its card
    expect(() =>
      at.db.prepare(`INSERT INTO quote (kind, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate, origin, created_at)
        VALUES ('server-purchase', 1, '2025-05-01', 1, 'CNY', 0, 0.13, 'user', '2025-05-01T00:00:00.000Z')`).run(),
    ).toThrow(/CHECK/);
    expect(() => at.db.prepare(`INSERT INTO supplier (name, created_at) VALUES ('ACME', '2025-05-01')`).run()).toThrow(/UNIQUE/);
    expectSound(at.db);
    at.db.close();
  });
});
