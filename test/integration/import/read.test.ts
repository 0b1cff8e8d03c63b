/** Reading real files (XLSX written by exceljs, CSV in every encoding Excel produces) and matching names to the catalog. */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../electron/import/read';
import { detectHeader, sheetScore } from '../../../electron/import/header';
import { PartMatcher, editDistance } from '../../../electron/import/catalog-match';
import { fileURLToPath } from 'node:url';
import { loadSeed, seedPath } from '../../../electron/db/seed';
import { chineseWorkbook, csv, xlsx } from './fixtures';

const HEADER = ['型号', '厂商', '单价（元）', '交货期'];
const ROW = ['昇腾910B', '华为', '￥125,000.00', '8周'];

describe('text encodings', () => {
  const encodings = ['utf-8', 'utf-8-bom', 'gbk', 'gb18030', 'utf-16le'] as const;
  it.each(encodings)('%s CSV decodes to the same cells', async (encoding) => {
    const wb = await readWorkbook(csv([HEADER, ROW], { encoding }), 'quote.csv');
    expect(wb.format).toBe('csv');
    const cells = wb.sheets[0]!.rows;
    // The BOM must not stick to the first header (it would hide 型号 from detection).
    expect(cells[0]).toEqual(HEADER);
    expect(cells[1]).toEqual(ROW);
  });

  it('names the encoding it found', async () => {
    expect((await readWorkbook(csv([HEADER, ROW], { encoding: 'gbk' }), 'a.csv')).encoding).toBe('gb18030');
    expect((await readWorkbook(csv([HEADER, ROW], { encoding: 'utf-8-bom' }), 'a.csv')).encoding).toBe('utf-8-bom');
  });

  it('reads tab-separated and semicolon-separated text', async () => {
    const tsv = await readWorkbook(csv([HEADER, ROW], { delimiter: '\t', encoding: 'utf-16le' }), 'unicode.txt');
    expect(tsv.sheets[0]!.rows[1]).toEqual(ROW);
    const semi = await readWorkbook(csv([['Model', 'Price'], ['H20', '1,000']], { delimiter: ';' }), 'eu.csv');
    expect(semi.sheets[0]!.rows[1]).toEqual(['H20', '1,000']);
  });

  it('refuses binary data renamed .csv, empty files and old .xls', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await expect(readWorkbook(garbage, 'prices.csv')).rejects.toThrow(/not a text file/);
    await expect(readWorkbook(Buffer.alloc(0), 'prices.csv')).rejects.toThrow(/empty/);
    await expect(readWorkbook(Buffer.from(' \r\n \r\n'), 'prices.csv')).rejects.toThrow(/empty/);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readWorkbook(xls, 'old.xls')).rejects.toThrow(/\.xls/);
  });
});

describe('XLSX layouts', () => {
  it('copies merged cells into every cell of the merge and keeps every sheet', async () => {
    const wb = await readWorkbook(await chineseWorkbook(), '报价.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['说明', '报价明细']);
    const rows = wb.sheets[1]!.rows;
    expect(rows[0]![8]).toBe('华东智算科技有限公司 AI加速卡报价单'); // A1:I1 merged
    expect(rows[5]![1]).toBe('华为'); // B5:B6 merged: row 6 takes row 5's vendor
  });

  it('finds the header under title rows and blank rows', async () => {
    const wb = await readWorkbook(await chineseWorkbook(), '报价.xlsx');
    const sheet = wb.sheets[1]!;
    expect(detectHeader(sheet)?.index).toBe(3);
    expect(sheetScore(sheet)).toBeGreaterThan(sheetScore(wb.sheets[0]!));
  });

  it('gives formula results, and formula text when no result was saved', async () => {
    const wb = await readWorkbook(
      await xlsx([{ name: 'S', rows: [['Model', 'Price'], ['H20', { formula: '100*2', result: 200 }], ['H200', { formula: 'B2*2' }]] }]),
      'f.xlsx',
    );
    expect(wb.sheets[0]!.rows[1]![1]).toBe(200);
    expect(wb.sheets[0]!.rows[2]![1]).toBe('=B2*2');
  });

  it('refuses truncated and damaged workbooks and declared zip bombs before inflating', async () => {
    const good = await chineseWorkbook();
    await expect(readWorkbook(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx')).rejects.toThrow(/truncated|damaged/);
    const bomb = Buffer.from(good);
    // Claim 300 MB uncompressed for the first central-directory entry.
    const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(300 * 1024 * 1024, cd + 24);
    await expect(readWorkbook(bomb, 'bomb.xlsx')).rejects.toThrow(/unpack to 300 MB/);
    const scrambled = Buffer.from(good);
    for (let i = 200; i < scrambled.length - 2000; i += 37) scrambled[i] = (scrambled[i]! + 91) % 256;
    await expect(readWorkbook(scrambled, 'scrambled.xlsx')).rejects.toThrow(/cannot import scrambled\.xlsx/);
  });
});

describe('matching names to the catalog', () => {
  const parts = loadSeed(seedPath(fileURLToPath(new URL('../../..', import.meta.url)))).accelerators;
  const m = new PartMatcher(parts);
  const cases: [string, string, { vendor?: string; memoryGB?: number }?][] = [
    ['昇腾910B', 'ascend-910b'],
    ['Ascend 910B', 'ascend-910b'],
    ['华为 昇腾910B 64GB 训练卡', 'ascend-910b'],
    ['Acsend 910B4', 'ascend-910b4'],
    ['ascend-910b4', 'ascend-910b4'],
    ['H200 141GB', 'nvidia-h200'],
    ['NVIDIA H20', 'nvidia-h20'],
    ['H20 96GB', 'nvidia-h20'],
    ['英伟达H20 96G 整卡', 'nvidia-h20'],
    ['H100-SXM5-80GB', 'nvidia-h100-sxm'],
    ['ＭＬＵ５９０', 'mlu590'],
    ['思元590', 'mlu590'],
    ['MLU370-X8', 'mlu370-x8'],
    ['P800', 'kunlunxin-p800', { vendor: '昆仑芯' }],
    ['C500', 'metax-c500'],
  ];
  it.each(cases)('%s → %s', (text, slug, hints) => {
    const r = m.match(text, hints);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.part.slug).toBe(slug);
  });
  it('says not-found for unknown parts rather than guessing', () => {
    expect(m.match('神秘加速卡 X1')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(m.match('H2000')).toMatchObject({ ok: false });
  });
  it('counts typos and transpositions', () => {
    expect(editDistance('acsend', 'ascend')).toBe(1);
    expect(editDistance('h20', 'h200')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
