/**
 * Committing into a real SQLite file: one transaction per import, provenance on every quote,
 * price changes against the history, undo, remembered mappings, and atomicity under failure
 * and under SIGKILL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { dispatch } from '../../../electron/handlers';
import { commitImport } from '../../../electron/import';
import type { QuoteView } from '../../../shared/contract/views';
import type { ImportBatchView } from '../../../shared/contract/import';
import { b64, chineseWorkbook, commit, counts, csv, failure, preview, row, tempApp, type TempApp } from './fixtures';

let app: TempApp;
beforeEach(() => {
  app = tempApp();
});
afterEach(() => app.close());

async function quotes(item?: string): Promise<QuoteView[]> {
  const r = await dispatch(app.ctx, 'quotes:list', item ? { item } : undefined);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as QuoteView[];
}

const english = (h100 = '$28,500') =>
  csv([
    ['Model', 'Vendor', 'Unit Price (USD)', 'Lead time', 'Valid until'],
    ['H100 SXM5 80GB', 'NVIDIA', h100, '6-8 weeks', '2026-12-31'],
    ['H200 141GB', 'NVIDIA', 'USD 33500', '10 weeks', '2026-12-31'],
    ['HGX H20 8-GPU server', 'NVIDIA', '$118,000', '4 weeks', '2026-12-31'],
  ]);

describe('commit', () => {
  it('appends the accepted rows with file, sheet, row and import id, in one batch', async () => {
    const before = counts(app.ctx);
    const res = await commit(app.ctx, await chineseWorkbook(), '华东报价.xlsx', { supplier: '华东智算' });
    expect(res.quotes).toBe(4);
    expect(res.createdParts).toEqual([]);
    expect(counts(app.ctx).quote).toBe(before.quote + 4);
    expect(counts(app.ctx).import_batch).toBe(before.import_batch + 1);
    const stored = app.ctx.db
      .prepare('SELECT source_file, source_sheet, source_row, import_id, origin, price_minor, currency, vat_included, vat_rate, supplier FROM quote WHERE import_id = ? ORDER BY source_row')
      .all(res.importId);
    expect(stored[0]).toEqual({
      source_file: '华东报价.xlsx',
      source_sheet: '报价明细',
      source_row: 5,
      import_id: res.importId,
      origin: 'import',
      price_minor: 12_500_000,
      currency: 'CNY',
      vat_included: 1,
      vat_rate: 0.13,
      supplier: '华东智算',
    });
    const server = (await quotes('atlas-800t-a2-host')).find((q) => q.sourceRow === 8)!;
    expect(server).toMatchObject({ kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'ascend-910b', price: 1_180_000 });
    expect(server.perCardExVat).toBeCloseTo(1_180_000 / 1.13 / 8, 2);
    const list = (await dispatch(app.ctx, 'import:list', undefined)) as { ok: true; value: ImportBatchView[] };
    expect(list.value[0]).toMatchObject({ id: res.importId, fileName: '华东报价.xlsx', sheet: '报价明细', supplier: '华东智算', rowCount: 4, undoneAt: null });
  });

  it('shows unchanged and changed prices against the supplier’s last quote, and keeps the history', async () => {
    await commit(app.ctx, english(), 'r1.csv', { supplier: 'Acme' });
    const again = await preview(app.ctx, english(), 'r1.csv', { supplier: 'Acme' });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 3 });
    expect(again.rows.every((r) => !r.accepted)).toBe(true);
    const changed = await preview(app.ctx, english('$27,075'), 'r2.csv', { supplier: 'Acme' });
    expect(row(changed, 2)).toMatchObject({ status: 'price-change', accepted: true, previous: { price: 28_500, currency: 'USD' }, changePct: -5 });
    // Another supplier's sheet is new, not a change of Acme's price.
    expect(row(await preview(app.ctx, english('$27,075'), 'r3.csv', { supplier: 'Other' }), 2).status).toBe('new');
    const res = await commit(app.ctx, english('$27,075'), 'r2.csv', { supplier: 'Acme' });
    expect(res.quotes).toBe(1);
    const h100 = (await quotes('nvidia-h100-sxm')).filter((q) => q.supplier === 'Acme');
    expect(h100.map((q) => q.price)).toEqual([27_075, 28_500]);
  });

  it('commits exactly the rows asked for, and refuses rows that cannot be committed', async () => {
    const before = counts(app.ctx);
    const input = { fileName: 'c.xlsx', dataBase64: b64(await chineseWorkbook()) };
    const bad = await failure(app.ctx, 'import:commit', { ...input, rows: [5, 10, 12, 99] });
    expect(bad.code).toBe('invalid-input');
    expect(bad.message).toMatch(/row 10 cannot be committed \(error: negative price/);
    expect(bad.message).toMatch(/row 12 cannot be committed \(skipped: subtotal row\)/);
    expect(bad.message).toMatch(/row 99 is not a data row/);
    expect(counts(app.ctx)).toEqual(before);
    const res = await commit(app.ctx, await chineseWorkbook(), 'c.xlsx', { rows: [6] });
    expect(res.quotes).toBe(1);
    expect(app.ctx.db.prepare('SELECT source_row FROM quote WHERE import_id = ?').all(res.importId)).toEqual([{ source_row: 6 }]);
  });

  it('refuses to commit a sheet with nothing new, writing nothing', async () => {
    await commit(app.ctx, english(), 'r1.csv');
    const before = counts(app.ctx);
    const err = await failure(app.ctx, 'import:commit', { fileName: 'r1.csv', dataBase64: b64(english()) });
    expect(err).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/nothing to commit.*3 unchanged/) });
    expect(counts(app.ctx)).toEqual(before);
  });

  it('creates unknown parts and server platforms only when asked, marked as placeholders', async () => {
    const rows = [
      ['型号', '厂商', '单价', '显存'],
      ['神秘加速卡 X1', '华为', '50000', '48GB'],
      ['推理服务器 神秘加速卡 X1×8', '华为', '500000', ''],
    ];
    const res = await commit(app.ctx, csv(rows), 'u.csv', { createUnknown: true });
    expect(res.quotes).toBe(2);
    expect(res.createdParts).toHaveLength(1);
    expect(res.createdServers).toEqual([`${res.createdParts[0]}-x8-server`]);
    const part = app.ctx.accelerators.get(res.createdParts[0]!)!;
    expect(part).toMatchObject({ origin: 'import', vendor: 'Huawei', model: '神秘加速卡 X1', memoryGB: 48, domestic: true });
    expect(part.sources.default!.estimate).toBe(true);
    const server = app.ctx.servers.list().find((s) => s.slug === res.createdServers[0])!;
    expect(server).toMatchObject({ cardsPerServer: 8, compatible: [part.slug], hostPrice: 0 });
    // The same sheet again: the parts exist now, so nothing is created twice and prices are unchanged.
    const again = await preview(app.ctx, csv(rows), 'u.csv', { createUnknown: true });
    expect(again.rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('undo', () => {
  it('hides a whole import from the price history without deleting a quote', async () => {
    const first = await commit(app.ctx, english(), 'r1.csv', { supplier: 'Acme' });
    const second = await commit(app.ctx, english('$27,075'), 'r2.csv', { supplier: 'Acme' });
    const total = counts(app.ctx).quote;
    const r = await dispatch(app.ctx, 'import:undo', { importId: second.importId });
    expect(r).toMatchObject({ ok: true, value: { id: second.importId, undoneAt: expect.any(String) } });
    expect(counts(app.ctx).quote).toBe(total);
    expect((await quotes('nvidia-h100-sxm')).filter((q) => q.supplier === 'Acme').map((q) => q.price)).toEqual([28_500]);
    // With the change undone, the changed sheet is a price change again.
    expect(row(await preview(app.ctx, english('$27,075'), 'r2.csv', { supplier: 'Acme' }), 2).status).toBe('price-change');
    expect(await failure(app.ctx, 'import:undo', { importId: second.importId })).toMatchObject({ code: 'conflict' });
    expect(await failure(app.ctx, 'import:undo', { importId: 9999 })).toMatchObject({ code: 'not-found' });
    expect(first.importId).toBeLessThan(second.importId);
  });
});

describe('remembered mappings', () => {
  const layout = (price: string) =>
    csv([
      ['名目', '报价', '说明'],
      ['昇腾910B', price, '含税'],
    ]);
  const mapping = [
    { column: 0, field: 'item' as const },
    { column: 1, field: 'unitPrice' as const, multiplier: 10_000, currency: 'CNY' as const },
    { column: 2, field: 'vat' as const },
  ];

  it('maps the next sheet of the same supplier and layout by itself', async () => {
    await commit(app.ctx, layout('12.5'), 'jan.csv', { supplier: 'Acme', mapping });
    const next = await preview(app.ctx, layout('12'), 'feb.csv', { supplier: 'Acme' });
    expect(next.mappingSource).toBe('remembered');
    expect(next.columns.map((c) => c.field)).toEqual(['item', 'unitPrice', 'vat']);
    expect(row(next, 2)).toMatchObject({ status: 'price-change', price: 120_000, vatIncluded: true, changePct: -4 });
  });

  it('prefers the supplier’s own mapping over another supplier’s for the same layout', async () => {
    await commit(app.ctx, layout('12.5'), 'a.csv', { supplier: 'Acme', mapping });
    const otherMapping = [mapping[0]!, { ...mapping[1]!, multiplier: 1 }, mapping[2]!];
    await commit(app.ctx, layout('125000'), 'b.csv', { supplier: 'Other', mapping: otherMapping });
    expect(row(await preview(app.ctx, layout('13'), 'a2.csv', { supplier: 'Acme' }), 2).price).toBe(130_000);
    expect(row(await preview(app.ctx, layout('130000'), 'b2.csv', { supplier: 'Other' }), 2).price).toBe(130_000);
    expect(app.ctx.db.prepare('SELECT count(*) AS n FROM import_mapping').get()).toEqual({ n: 2 });
  });
});

describe('atomicity', () => {
  it('a failure in the middle of a commit leaves every table as it was', async () => {
    const rows = [['型号', '单价'], ...Array.from({ length: 20 }, (_, i) => [`推理服务器 未知卡${i}×8`, String(100_000 + i)])];
    const before = counts(app.ctx);
    await expect(
      commitImport(
        app.ctx,
        { fileName: 'boom.csv', dataBase64: b64(csv(rows)), createUnknown: true, mapping: [{ column: 0, field: 'item' }] },
        {
          afterQuote(n) {
            if (n === 7) throw new Error('disk full (simulated)');
          },
        },
      ),
    ).rejects.toThrow(/simulated/);
    expect(counts(app.ctx)).toEqual(before);
  });

  it('SIGKILL in the middle of a large commit leaves the database exactly as before', async () => {
    const n = 5000;
    const models = ['昇腾910B', 'H20', 'H200', 'MI300X', 'P800', 'C500', 'MTT S4000', 'Gaudi 3'];
    const rows = [['型号', '单价'], ...Array.from({ length: n }, (_, i) => [models[i % models.length]!, String(100_000 + i)])];
    const sheet = path.join(app.dir, 'big.csv');
    fs.writeFileSync(sheet, csv(rows));
    const before = counts(app.ctx);
    app.ctx.db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./kill-child.ts', import.meta.url)), app.dbPath, sheet], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const reached = await new Promise<string>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        const s = d.toString();
        if (s.includes('MID')) {
          child.kill('SIGKILL');
          resolve('MID');
        } else if (s.includes('DONE')) resolve('DONE');
      });
      child.on('exit', () => resolve('exit'));
    });
    expect(reached, err).toBe('MID');
    await new Promise((r) => child.once('exit', r));

    const db = new Database(app.dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const { openApp } = await import('../../../electron/bootstrap');
    app.ctx = openApp(app.dbPath);
    expect(counts(app.ctx)).toEqual(before);
  }, 60_000);
});
