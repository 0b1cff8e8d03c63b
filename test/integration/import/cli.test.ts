/** `procure import` end to end: real files on disk, a real database file, the output a script reads. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcure } from '../../helpers/cli';
import { chineseWorkbook, csv } from './fixtures';

let dir: string;
let db: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-cli-import-'));
  db = path.join(dir, 'p.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runProcure([...argv, '--db', db]);

describe('procure import', () => {
  it('prints the preview table and writes nothing without --commit', async () => {
    const file = path.join(dir, '华东报价.xlsx');
    fs.writeFileSync(file, await chineseWorkbook());
    const r = await cli('import', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sheet "报价明细" · header row 4/);
    expect(r.out).toMatch(/E 含税单价（万元） → unitPrice \[万元 incl. VAT\]/);
    expect(r.out).toMatch(/9 rows: 4 new, 0 price changes, 0 unchanged, 1 errors, 4 skipped/);
    expect(r.out).toMatch(/E: negative price -3/);
    expect(r.out).toMatch(/Dry run: nothing written/);
    const list = await cli('import', '--list', '--json');
    expect(JSON.parse(list.out)).toEqual([]);
  });

  it('--json gives the documented shape', async () => {
    const file = path.join(dir, 'usd.csv');
    fs.writeFileSync(file, csv([['Model', 'Unit Price (USD)', 'Lead time'], ['H20', '$13,500', '6-8 weeks'], ['H200', '-1', '']]));
    const r = await cli('import', file, '--json', '--vendor', 'Acme');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      file: 'usd.csv',
      sheet: 'usd',
      headerRow: 1,
      valid: 1,
      invalid: 1,
      skipped: 0,
      quotes: [{ row: 2, item: 'H20', matchedAccelerator: 'nvidia-h20', unitPrice: 13_500, currency: 'USD', vatIncluded: false, unitPriceExVat: 13_500, leadTimeWeeks: 8, validUntil: null }],
      errors: [{ row: 3, column: 'B', message: 'negative price -1' }],
    });
    expect(j.mapping[1]).toMatchObject({ column: 'B', field: 'unitPrice' });
  });

  it('--commit prints the import id; --undo takes it back', async () => {
    const file = path.join(dir, 'zh.csv');
    fs.writeFileSync(file, csv([['型号', '单价（万元）'], ['昇腾910B', '12.5'], ['H20', '11']], { encoding: 'gbk' }));
    const c = await cli('import', file, '--commit', '--supplier', '华东', '--vat-rate', '13%');
    expect(c.code).toBe(0);
    const id = /import #(\d+)/.exec(c.out)?.[1];
    expect(id).toBeDefined();
    const again = await cli('import', file, '--supplier', '华东', '--json');
    expect(JSON.parse(again.out).quotes.map((q: { status: string }) => q.status)).toEqual(['unchanged', 'unchanged']);
    const u = await cli('import', '--undo', id!);
    expect(u.code).toBe(0);
    expect(u.out).toMatch(new RegExp(`Undid import #${id}`));
    const twice = await cli('import', '--undo', id!);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/already undone/);
  });

  it('--mapping FILE maps columns detection cannot', async () => {
    const file = path.join(dir, 'odd.csv');
    fs.writeFileSync(file, csv([['名目', '开价'], ['昇腾910B', '12.5']]));
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify([{ column: 'A', field: 'item' }, { column: 'B', field: 'unitPrice', multiplier: 10000, currency: 'CNY' }]));
    const r = await cli('import', file, '--mapping', mapping, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).quotes[0]).toMatchObject({ matchedAccelerator: 'ascend-910b', unitPrice: 125_000 });
  });

  it('fails with one clear line when the file cannot be read at all', async () => {
    const cases: [string, () => void, RegExp][] = [
      ['missing.csv', () => undefined, /cannot read .*missing\.csv: no such file/],
      ['garbage.csv', () => fs.writeFileSync(path.join(dir, 'garbage.csv'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 97) % 256))), /not a text file/],
      ['empty.csv', () => fs.writeFileSync(path.join(dir, 'empty.csv'), ''), /empty/],
      ['huge.csv', () => fs.truncateSync((fs.writeFileSync(path.join(dir, 'huge.csv'), ''), path.join(dir, 'huge.csv')), 200 * 1024 * 1024), /200 MB \(limit 14 MB\)/],
      ['fake.xlsx', () => fs.writeFileSync(path.join(dir, 'fake.xlsx'), 'not a workbook'), /named like an Excel file/],
    ];
    for (const [name, make, why] of cases) {
      make();
      const r = await cli('import', path.join(dir, name));
      expect(r.code, name).toBe(1);
      expect(r.err.trim().split('\n'), name).toHaveLength(1);
      expect(r.err, name).toMatch(why);
    }
  });
});
