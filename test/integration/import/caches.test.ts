/**
 * What the import remembers while it works must never change what it writes: the quote writer's
 * slug look-ups, the per-column cell memos, the remembered catalog matches (whose side effects
 * happen for every row) and the latest prices read only for the sheet's suppliers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/import/preview';
import { placeholderAccelerator, placeholderSource } from '../../../electron/import/create-part';
import type { SeedQuote } from '../../../shared/domain/catalog';
import { b64, commit, csv, preview, row, tempApp, type TempApp } from './fixtures';

let app: TempApp;
beforeEach(() => {
  app = tempApp();
});
afterEach(() => app.close());

const source = { title: 't', url: '', asOf: '2026-01-15', estimate: false, note: '' };
const quote = (item: string, over: Partial<SeedQuote> = {}): SeedQuote => ({
  item,
  kind: 'purchase',
  supplier: 'S',
  price: 1000,
  currency: 'CNY',
  vatIncluded: true,
  vatRate: 0.13,
  source,
  ...over,
});

describe('the quote writer', () => {
  it('finds a part created after it was made, in the same transaction, by its id', () => {
    const { ctx } = app;
    const part = placeholderAccelerator({ slug: 'acme-x1', vendor: 'Acme', model: 'X1', source: placeholderSource('f.csv', 2, '2026-01-15') });
    ctx.transaction(() => {
      const write = ctx.quotes.writer();
      write(quote('ascend-910b'), { origin: 'import' });
      // Not there yet: refused, and the miss is not remembered.
      expect(() => write(quote('acme-x1'), { origin: 'import' })).toThrow(/unknown accelerator "acme-x1"/);
      const id = ctx.accelerators.upsert(part, { origin: 'import', userEdited: false });
      const q = write(quote('acme-x1'), { origin: 'import' });
      const s = write(quote('acme-x1', { price: 2000 }), { origin: 'import' });
      const stored = ctx.db.prepare('SELECT accelerator_id AS a FROM quote WHERE id IN (?, ?)').pluck().all(q, s);
      expect(stored).toEqual([id, id]);
    });
  });

  it('writes the same row as quotes.add, every column', () => {
    const { ctx } = app;
    const q = quote('ascend-910b', { moq: 2, leadTimeWeeks: 6.5, validUntil: '2026-12-31', source: { ...source, note: 'n' } });
    const prov = { origin: 'import' as const, sourceFile: 'f.csv', sourceSheet: 'S', sourceRow: 7, createdAt: '2026-01-15T00:00:00.000Z' };
    const a = ctx.quotes.add(q, prov);
    const b = ctx.quotes.writer()(q, prov);
    const server = ctx.servers.list()[0]!;
    const c = ctx.quotes.writer()({ ...q, item: server.slug, kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'ascend-910b' }, prov);
    const rows = ctx.db.prepare('SELECT * FROM quote WHERE id IN (?, ?, ?) ORDER BY id').all(a, b, c) as Record<string, unknown>[];
    // Only the row id and the global id (UUID v7, made per row by migration 0003's trigger) differ.
    const { id: _a, gid: gidA, ...first } = rows[0]!;
    const { id: _b, gid: gidB, ...second } = rows[1]!;
    expect(second).toEqual(first);
    expect(gidA).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(gidB).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(gidB).not.toBe(gidA);
    expect(first).toMatchObject({ price_minor: 100_000, vat_included: 1, moq: 2, lead_time_weeks: 6.5, valid_until: '2026-12-31', source_note: 'n', source_file: 'f.csv', source_row: 7, origin: 'import' });
    expect(rows[2]).toMatchObject({ accelerator_id: null, server_id: server.id, cards_per_server: 8, card_accelerator_id: ctx.accelerators.idOf('ascend-910b') });
    expect(() => ctx.quotes.writer()(quote('ascend-910b', { kind: 'server-purchase', item: 'no-such-server' }), prov)).toThrow(/unknown server/);
  });

  it('a commit that creates a part writes its quotes against that part', async () => {
    const rows = [['型号', '厂商', '单价'], ['神秘加速卡 X1', '某芯', '50000'], ['神秘加速卡 X1', '某芯', '51000'], ['H20', '英伟达', '90000']];
    const res = await commit(app.ctx, csv(rows), 'u.csv', { createUnknown: true });
    expect(res.createdParts).toHaveLength(1);
    const id = app.ctx.accelerators.idOf(res.createdParts[0]!);
    const stored = app.ctx.db.prepare('SELECT source_row AS r, accelerator_id AS a FROM quote WHERE import_id = ? ORDER BY source_row').all(res.importId);
    expect(stored).toEqual([
      { r: 2, a: id },
      { r: 3, a: id },
      { r: 4, a: app.ctx.accelerators.idOf('nvidia-h20') },
    ]);
  });
});

describe('remembered readings replay their effects on every row', () => {
  it('a repeated unknown part is planned once and lists every row that uses it', async () => {
    const rows = [
      ['型号', '厂商', '单价'],
      ['神秘加速卡 X1', '某芯', '50000'],
      ['推理服务器 神秘加速卡 X1×8', '某芯', '500000'],
      ['神秘加速卡 X1', '某芯', '51000'],
      ['推理服务器 神秘加速卡 X1×8', '某芯', '510000'],
      ['神秘加速卡 X1', '某芯', '50000'],
    ];
    const plan = await buildPlan(app.ctx, { fileName: 'u.csv', dataBase64: b64(csv(rows)), createUnknown: true });
    expect(plan.newParts.size).toBe(1);
    const [slug, part] = [...plan.newParts][0]!;
    // Row 6 repeats row 2's price: skipped as a duplicate after matching, as it always was.
    expect(part.rows).toEqual([2, 3, 4, 5, 6]);
    expect([...plan.newServers.values()].map((s) => s.rows)).toEqual([[3, 5]]);
    const p = plan.preview;
    for (const n of [2, 3, 4, 5]) expect(row(p, n).createPart, `row ${n}`).toEqual({ slug, vendor: '某芯', model: '神秘加速卡 X1' });
    expect(row(p, 6)).toMatchObject({ status: 'skipped', skipReason: 'duplicate of row 2' });
    expect(row(p, 5).server).toEqual({ slug: `${slug}-x8-server`, name: '神秘加速卡 X1 ×8 server', create: true, cards: 8, cardSlug: slug, perCardExVat: Math.round((510_000 / 1.13 / 8) * 100) / 100 });
    // Matches are one object per row, not one shared between rows.
    const h = await preview(app.ctx, csv([['型号', '单价'], ['H20', '1000'], ['H20', '2000']]), 'h.csv');
    expect(row(h, 2).match).toEqual(row(h, 3).match);
    expect(row(h, 2).match).not.toBe(row(h, 3).match);
  });

  it('an unknown part skipped without createUnknown is skipped on every row', async () => {
    const p = await preview(app.ctx, csv([['型号', '单价'], ['神秘加速卡 X1', '5'], ['神秘加速卡 X1', '6']]), 'u.csv');
    expect(p.rows.map((r) => [r.status, r.skipReason])).toEqual([
      ['skipped', 'unknown part "神秘加速卡 X1" (not in the catalog; choose "create unknown parts" to add it)'],
      ['skipped', 'unknown part "神秘加速卡 X1" (not in the catalog; choose "create unknown parts" to add it)'],
    ]);
  });
});

describe('cells', () => {
  it('one text under two columns with different units is read once per column', async () => {
    const rows = [
      ['型号', '单价（万元）', '总价（元）', '数量', '起订量'],
      ['H20', '12', '', '1', '0'],
      ['H200', '', '12', '1', '0'],
      ['MI300X', '12', '', '0', '1'],
    ];
    const p = await preview(app.ctx, csv(rows), 'u.csv');
    expect(row(p, 2)).toMatchObject({ price: 120_000, moq: 0 });
    expect(row(p, 3)).toMatchObject({ price: 12, moq: 0 });
    expect(row(p, 4).status).toBe('error');
    expect(row(p, 4).issues.map((i) => [i.column, i.message])).toEqual([['D', 'quantity 0 is out of range (1–10000000)']]);
  });
});

describe('latest prices', () => {
  it('are read for the sheet\u2019s suppliers only, folded as priceKey folds them', async () => {
    const { ctx } = app;
    ctx.quotes.add(quote('nvidia-h20', { supplier: 'ÄCME Öl', price: 1000 }), { origin: 'user' });
    ctx.quotes.add(quote('nvidia-h20', { supplier: 'Other', price: 1000 }), { origin: 'user' });
    expect(ctx.quotes.latestPrices([' äcme öl ']).map((l) => l.supplier)).toEqual(['ÄCME Öl']);
    expect(ctx.quotes.latestPrices(['nobody'])).toEqual([]);
    expect(ctx.quotes.latestPrices().map((l) => l.supplier)).toEqual(expect.arrayContaining(['ÄCME Öl', 'Other']));
    // Given with the file, or in a supplier column: either way the history is found.
    const given = await preview(ctx, csv([['型号', '单价'], ['H20', '1100']]), 'a.csv', { supplier: 'äcme öl' });
    expect(row(given, 2)).toMatchObject({ status: 'price-change', previous: { supplier: 'ÄCME Öl', price: 1000 }, changePct: 10 });
    const column = await preview(ctx, csv([['型号', '供应商', '单价'], ['H20', 'ÄCME ÖL', '1000'], ['H20', 'other', '900']]), 'b.csv');
    expect(column.rows.map((r) => r.status)).toEqual(['unchanged', 'price-change']);
  });
});
