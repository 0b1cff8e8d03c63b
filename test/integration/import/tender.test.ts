/**
 * Tender bills of quantities (分项报价表), reseller quotes and OEM-server sheets, as real XLSX and
 * CSV files: supplier and quote date from the preamble and footer, the model column chosen by
 * content, servers told from cards, 总价 cross-checks, stamp lines, and the confirmation rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, csv, preview, row, tempApp, tenderWorkbook, xlsx, type TempApp } from './fixtures';
import { runProcure } from '../../helpers/cli';

let app: TempApp;
beforeEach(() => {
  app = tempApp();
});
afterEach(() => app.close());

describe('tender bill of quantities', () => {
  it('reads supplier and date from the preamble, matches on 规格型号, tells servers from cards', async () => {
    const p = await preview(app.ctx, await tenderWorkbook(), '分项报价表.xlsx');
    expect(p.headerRow).toBe(3);
    expect(p.supplier).toBe('华东智算科技有限公司');
    expect(p.supplierSource).toMatchObject({ from: 'sheet', row: 2 });
    expect(p.quoteDate).toBe('2026-10-15');
    expect(p.columns.find((c) => c.letter === 'D')?.field).toBe('item');
    expect(p.columns.find((c) => c.letter === 'B')?.field).toBe('name');
    expect(p.columns.find((c) => c.letter === 'E')?.field).toBe('spec');
    expect(p.columns.find((c) => c.letter === 'G')?.field).toBe('unit');

    const atlas = row(p, 4);
    expect(atlas.status).toBe('new');
    expect(atlas.kind).toBe('server-purchase');
    expect(atlas.server).toMatchObject({ slug: 'huawei-atlas-800i-a2', cards: 8, cardSlug: 'ascend-910b4', create: false });
    expect(atlas).toMatchObject({ supplier: '华东智算科技有限公司', quoteDate: '2026-10-15', vatIncluded: true, vatRate: 0.13, unit: '台' });
    expect(atlas.warnings).toEqual([]);
    expect(atlas.accepted).toBe(true);

    const mlu = row(p, 5);
    expect(mlu).toMatchObject({ kind: 'purchase', match: { slug: 'mlu590' }, vatIncluded: true, needsConfirmation: false, accepted: true });

    // NF5688M7 holds 8 of several HGX cards: the parameters say H20; 不含税 in 备注; 总价 ≠ 单价 × 数量
    const nf = row(p, 6);
    expect(nf.server).toMatchObject({ slug: 'inspur-nf5688m7', cards: 8, cardSlug: 'nvidia-h20' });
    expect(nf.vatIncluded).toBe(false);
    expect(nf.priceExVat).toBe(1_400_000);
    expect(nf.warnings).toHaveLength(1);
    expect(nf.warnings[0]).toMatchObject({ column: 'J', header: '总价（元）' });
    expect(nf.warnings[0]!.message).toMatch(/1,400,000 × 1 = 1,400,000, but the total says 1,300,000/);

    const p800 = row(p, 7);
    expect(p800).toMatchObject({ kind: 'purchase', match: { slug: 'kunlunxin-p800' }, vatIncluded: false });

    // A card's name priced per 台 at 15× the card: flagged, not pre-selected, with its reason
    const flagged = row(p, 8);
    expect(flagged).toMatchObject({ kind: 'purchase', match: { slug: 'ascend-910b' }, needsConfirmation: true, accepted: false, status: 'new' });
    expect(flagged.confirmReason).toMatch(/unit "台" is a server unit/);
    expect(p.counts.needsConfirmation).toBe(1);

    expect(row(p, 9)).toMatchObject({ status: 'skipped', skipReason: 'subtotal row' });
    expect(row(p, 10)).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/signature or stamp/) });
    expect(row(p, 11)).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/signature or stamp/) });
    expect(row(p, 12).status).toBe('skipped');
    expect(p.counts.error).toBe(0);
  });

  it('commits the plausible rows under the sheet supplier and quote date; flagged ones only when accepted', async () => {
    const file = await tenderWorkbook();
    const res = await commit(app.ctx, file, '分项报价表.xlsx');
    expect(res.quotes).toBe(4);
    const history = app.ctx.quotes.list().filter((q) => q.importId === res.importId);
    expect(history.map((q) => q.sourceRow).sort()).toEqual([4, 5, 6, 7]);
    for (const q of history) {
      expect(q.supplier).toBe('华东智算科技有限公司');
      expect(q.quoteDate).toBe('2026-10-15');
    }
    expect(history.find((q) => q.sourceRow === 4)).toMatchObject({ kind: 'server-purchase', item: 'huawei-atlas-800i-a2', cardsPerServer: 8, cardSlug: 'ascend-910b4' });
    expect(app.ctx.quotes.list().some((q) => q.sourceRow === 8)).toBe(false);
    // The flagged row goes in when the user says so
    const again = await commit(app.ctx, file, '分项报价表.xlsx', { acceptFlagged: true });
    expect(app.ctx.quotes.list().filter((q) => q.importId === again.importId).map((q) => q.sourceRow)).toContain(8);
  });

  it('the supplier given with the file beats the sheet and the sheet is noted', async () => {
    const p = await preview(app.ctx, await tenderWorkbook(), '分项报价表.xlsx', { supplier: '中标代理商' });
    expect(p.supplier).toBe('中标代理商');
    expect(p.supplierSource.from).toBe('input');
    expect(row(p, 4).supplier).toBe('中标代理商');
    expect(p.warnings.join('\n')).toMatch(/names the supplier "华东智算科技有限公司" \(row 2\)/);
  });
});

describe('English reseller quote and OEM-server sheets', () => {
  const reseller = () =>
    csv([
      ['Reseller: Pacific Compute Solutions Ltd'],
      ['Quotation date: 2026-09-30'],
      [],
      ['Part Number', 'Description', 'Qty', 'Unit Price (USD)', 'Extended Price (USD)', 'Notes'],
      ['HGX H200 8-GPU', 'Server with 8x H200 141GB', 1, 285_000, 285_000, 'excl. VAT'],
      ['MI300X', 'AMD Instinct MI300X OAM', 8, 15_000, 120_000, ''],
      ['H20', 'NVIDIA H20 96GB', 8, 150_000, 1_200_000, 'typo?'],
      ['Authorized signature: ____________', '', '', '', '', ''],
    ]);

  it('reads "Reseller:" and "Quotation date:", and flags an implausible price', async () => {
    const p = await preview(app.ctx, reseller(), 'pacific.csv');
    expect(p.supplier).toBe('Pacific Compute Solutions Ltd');
    expect(p.quoteDate).toBe('2026-09-30');
    expect(row(p, 5).server).toMatchObject({ slug: 'nvidia-hgx-h200-8gpu', cards: 8, cardSlug: 'nvidia-h200' });
    expect(row(p, 6)).toMatchObject({ kind: 'purchase', match: { slug: 'amd-mi300x' }, needsConfirmation: false, accepted: true });
    const h20 = row(p, 7);
    expect(h20).toMatchObject({ needsConfirmation: true, accepted: false });
    expect(h20.confirmReason).toMatch(/× the current price of NVIDIA H20/);
    expect(row(p, 8)).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/signature/) });
  });

  it('an OEM-server-only sheet: each model is its cards; a platform of several cards must say which', async () => {
    const file = await xlsx([
      {
        name: 'Servers',
        rows: [
          ['设备型号', '数量', '单价（万元）'],
          ['Atlas 800I A2', 2, 160],
          ['华为 Atlas 800T A2 训练服务器', 1, 190],
          ['Atlas 900 A3 SuperPoD', 1, 400],
          ['HGX H20 8-GPU', 1, 140],
          ['PowerEdge XE9680', 1, 300],
        ],
      },
    ]);
    const p = await preview(app.ctx, file, 'oem.xlsx');
    expect(row(p, 2).server).toMatchObject({ slug: 'huawei-atlas-800i-a2', cards: 8, cardSlug: 'ascend-910b4' });
    expect(row(p, 3).server).toMatchObject({ slug: 'huawei-atlas-800t-a2', cards: 8, cardSlug: 'ascend-910b' });
    expect(row(p, 4).server).toMatchObject({ slug: 'huawei-atlas-900-a3-superpod-node', cards: 8, cardSlug: 'ascend-910c' });
    expect(row(p, 5).server).toMatchObject({ slug: 'nvidia-hgx-h20-8gpu', cards: 8, cardSlug: 'nvidia-h20' });
    const xe = row(p, 6);
    expect(xe.status).toBe('error');
    expect(xe.issues[0]).toMatchObject({ column: 'A', header: '设备型号' });
    expect(xe.issues[0]!.message).toMatch(/Dell PowerEdge XE9680 holds 8 cards of one of .*the row does not say which/);
  });

  it('procure import --json: supplier, quoteDate, warnings, needsConfirmation; --commit leaves flagged rows out unless --accept-flagged', async () => {
    const file = path.join(app.dir, 'pacific.csv');
    fs.writeFileSync(file, reseller());
    const db = path.join(app.dir, 'cli.db');
    const r = await runProcure(['import', file, '--json', '--db', db]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ supplier: 'Pacific Compute Solutions Ltd', quoteDate: '2026-09-30' });
    const h200 = j.quotes.find((q: { row: number }) => q.row === 5);
    expect(h200).toMatchObject({ supplier: 'Pacific Compute Solutions Ltd', quoteDate: '2026-09-30', needsConfirmation: false, warnings: [], server: { slug: 'nvidia-hgx-h200-8gpu', cards: 8, cardSlug: 'nvidia-h200' } });
    const h20 = j.quotes.find((q: { row: number }) => q.row === 7);
    expect(h20.needsConfirmation).toBe(true);
    expect(h20.warnings[0]).toMatchObject({ column: 'D', message: expect.stringMatching(/needs confirmation/) });

    const byVendor = JSON.parse((await runProcure(['import', file, '--json', '--vendor', 'Other Co', '--db', db])).out);
    expect(byVendor.supplier).toBe('Other Co');
    expect(byVendor.quotes[0].supplier).toBe('Other Co');

    const c1 = JSON.parse((await runProcure(['import', file, '--commit', '--json', '--db', db])).out);
    expect(c1.quotes.filter((q: { accepted: boolean }) => q.accepted).map((q: { row: number }) => q.row)).toEqual([5, 6]);
    const c2 = JSON.parse((await runProcure(['import', file, '--commit', '--accept-flagged', '--json', '--db', db])).out);
    expect(c2.quotes.filter((q: { accepted: boolean }) => q.accepted).map((q: { row: number }) => q.row)).toContain(7);
  });
});
