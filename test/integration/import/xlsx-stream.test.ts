/**
 * The streaming XLSX reader against exceljs's whole-workbook load (the reader it replaced, kept
 * here as the oracle): the same grid, cell for cell, on the test suite's own workbooks, on a
 * workbook with every kind of cell a price sheet holds, on workbooks whose XML was edited by hand
 * (inline and phonetic strings, string formulas, escapes) and on random sheets with merges.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { wholeWorkbookSheets as oracle } from '../../helpers/xlsx-whole-workbook';
import JSZip from 'jszip';
import { readXlsx } from '../../../electron/import/read-xlsx';
import { readWorkbook } from '../../../electron/import/read';
import type { AppError } from '../../../shared/contract/result';
import { translate } from '../../../shared/i18n/translate';
import { resolveMerges, parseRange } from '../../../electron/import/xlsx-merge';
import { chineseWorkbook, tenderWorkbook, xlsx } from './fixtures';
import { rng } from '../../helpers/rng';

async function same(buf: Buffer): Promise<void> {
  const got = await readXlsx(buf);
  expect(got.sheets).toEqual(await oracle(buf));
}

/** A workbook with the kinds of cell vendors' sheets hold. */
async function everyKind(date1904 = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('报价');
  ws.addRow(['型号', '单价', '日期', '备注']);
  ws.addRow(['H20', 100_000, new Date(Date.UTC(2026, 11, 31)), { richText: [{ text: '含' }, { font: { bold: true }, text: '三年' }, { text: '质保' }] }]);
  ws.addRow(['H200', { formula: 'B2*2', result: 200_000 }, { formula: 'C2+1', result: 46388 }, { text: '官网', hyperlink: 'https://example.com' }]);
  ws.addRow(['MI300X', { formula: 'B3/2' }, { formula: '"待"&"定"', result: '待定' }, true]);
  ws.addRow(['Gaudi', { error: '#N/A' }, ' 前后空格 ', 'a\nb\r\nc']);
  ws.addRow(['x'.repeat(5000), -0.5, 1e15, '_x000D_ and & < > " \'']);
  ws.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('C3').numFmt = 'yyyy-mm-dd';
  ws.getCell('B2').numFmt = '#,##0.00';
  ws.getCell('B6').numFmt = '0%';
  ws.getCell('B7').value = { sharedFormula: 'B3', result: 7 } as ExcelJS.CellValue;
  ws.getCell('B3').value = { formula: 'B2*2', result: 200_000, shareType: 'shared', ref: 'B3:B7' } as ExcelJS.CellValue;
  ws.getCell(9, 205).value = 'past the column limit';
  ws.getCell(9, 199).value = 'just inside';
  ws.getCell(12, 2).value = '稀疏';
  ws.getCell('F1').style = { font: { bold: true } };
  ws.mergeCells('A14:D14');
  ws.getCell('A14').value = '注：以上价格含税';
  ws.mergeCells('F20:G22'); // a merge with an empty master
  ws.mergeCells('GP30:GU30'); // a merge reaching past the column limit
  ws.getCell('GP30').value = 'wide';
  wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['secret', 1]);
  wb.addWorksheet('Very', { state: 'veryHidden' }).addRow(['very']);
  const last = wb.addWorksheet('Empty');
  last.getCell('C3').style = { font: { italic: true } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook's sheet XML and shared strings edited by hand, as other tools write them. */
async function handEdited(): Promise<Buffer> {
  const z = await JSZip.loadAsync(await xlsx([{ name: 'S', rows: [['Model', 'Price', 'Note'], ['H20', 100, 'n'], ['H200', 200, 'm']] }]));
  let sheet = await z.file('xl/worksheets/sheet1.xml')!.async('string');
  sheet = sheet
    .replace(/<c r="C2"[^>]*>.*?<\/c>/, '<c r="C2" t="inlineStr"><is><t>inline &amp; plain</t></is></c>')
    .replace(/<c r="C3"[^>]*>.*?<\/c>/, '<c r="C3" t="inlineStr"><is><r><t>rich_x000A_</t></r><r><rPr><b/></rPr><t xml:space="preserve"> run</t></r></is></c>')
    .replace('</sheetData>', '<row r="5"><c r="A5" t="str"><f>A1&amp;"x"</f><v>Model&amp;amp;x</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#DIV/0!</v></c><c r="D5"/><c r="E5" s="0"/></row><row r="6"/></sheetData>');
  z.file('xl/worksheets/sheet1.xml', sheet);
  let sst = await z.file('xl/sharedStrings.xml')!.async('string');
  sst = sst.replace('<si><t>n</t></si>', '<si><t>价格</t><rPh sb="0" eb="2"><t>ジャガ</t></rPh></si>');
  z.file('xl/sharedStrings.xml', sst);
  return z.generateAsync({ type: 'nodebuffer' });
}

/** A random sheet of the cells the fuzz test uses, with random non-overlapping merges. */
function randomSpec(r: () => number): Parameters<typeof xlsx>[0] {
  const pool = (): string | number | Date | null => {
    const k = Math.floor(r() * 9);
    if (k === 0) return null;
    if (k === 1) return Math.round(r() * 1e7) / 100;
    if (k === 2) return new Date(Date.UTC(2020 + Math.floor(r() * 10), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    if (k === 3) return '';
    if (k === 4) return String.fromCharCode(...Array.from({ length: 1 + Math.floor(r() * 8) }, () => 0x4e00 + Math.floor(r() * 2000)));
    if (k === 5) return ['待定', '8周', '¥12,000', '=A1', '合计', '2026/12/31', ' ', 'a"b'][Math.floor(r() * 8)]!;
    return `${Math.floor(r() * 1000)}`;
  };
  const height = 1 + Math.floor(r() * 40);
  const width = 1 + Math.floor(r() * 12);
  const rows = Array.from({ length: height }, () => Array.from({ length: width }, pool));
  const merges: string[] = [];
  const taken = new Set<string>();
  for (let m = 0; m < Math.floor(r() * 6); m++) {
    const top = 1 + Math.floor(r() * height);
    const left = 1 + Math.floor(r() * width);
    const bottom = top + Math.floor(r() * 4);
    const right = left + Math.floor(r() * 3);
    const cells: string[] = [];
    for (let i = top; i <= bottom; i++) for (let j = left; j <= right; j++) cells.push(`${i},${j}`);
    if (cells.length < 2 || cells.some((c) => taken.has(c))) continue;
    cells.forEach((c) => taken.add(c));
    const col = (j: number) => String.fromCharCode(64 + j);
    merges.push(`${col(left)}${top}:${col(right)}${bottom}`);
  }
  return [{ name: `R${Math.floor(r() * 100)}`, rows, merges }, { name: 'Second', rows: [['x', 1]], state: r() < 0.5 ? 'hidden' : 'visible' }];
}

describe('streaming XLSX reader = whole-workbook reader', () => {
  it('on the suite’s workbooks', async () => {
    await same(await chineseWorkbook());
    await same(await tenderWorkbook());
  });

  it('on every kind of cell: dates by number format, formulas, shared formulas, rich text, hyperlinks, errors, limits, merges, hidden sheets', async () => {
    const buf = await everyKind();
    await same(buf);
    const s = (await readXlsx(buf)).sheets[0]!;
    // the oracle's agreement is only worth something if the cells are what they say
    expect(s.rows[1]).toEqual(['H20', 100_000, new Date(Date.UTC(2026, 11, 31)), '含三年质保']);
    expect(s.rows[2]![1]).toBe(200_000);
    expect(s.rows[3]![1]).toBe('=B3/2');
    expect(s.rows[6]![1]).toBe(7);
    expect(s.rows[13]).toEqual(Array(4).fill('注：以上价格含税'));
    expect(s.rows[8]!.length).toBe(199);
  });

  it('in the 1904 date system', async () => {
    const buf = await everyKind(true);
    await same(buf);
    expect((await readXlsx(buf)).sheets[0]!.rows[1]![2]).toEqual(new Date(Date.UTC(2026, 11, 31)));
  });

  it('on XML written by other tools: inline strings, phonetic guides, string formulas, escapes, empty cells', async () => {
    const buf = await handEdited();
    await same(buf);
    const rows = (await readXlsx(buf)).sheets[0]!.rows;
    expect(rows[1]![2]).toBe('inline & plain');
    expect(rows[2]![2]).toBe('rich\n run');
    expect(rows[4]).toEqual(['Model&x', false, '#DIV/0!']);
  });

  it('on 40 random sheets with merges', async () => {
    const r = rng(15);
    for (let i = 0; i < 40; i++) await same(await xlsx(randomSpec(r)));
  });
});

describe('merged cells', () => {
  it('reads ranges and refuses what is not one', () => {
    expect(parseRange('A1:H1')).toEqual({ top: 1, left: 1, bottom: 1, right: 8 });
    expect(parseRange('$B$5:$B$6')).toEqual({ top: 5, left: 2, bottom: 6, right: 2 });
    expect(parseRange('C3')).toEqual({ top: 3, left: 3, bottom: 3, right: 3 });
    expect(parseRange('A0:B1')).toBeUndefined();
    expect(parseRange('Sheet1!A1:B2')).toBeUndefined();
  });

  it('refuses overlapping, oversized and too-long merges, naming the sheet', () => {
    expect(() => resolveMerges('S', [['a']], ['A1:B2', 'B2:C3'])).toThrow(/sheet "S": merged ranges A1:B2 and B2:C3 overlap/);
    expect(() => resolveMerges('S', [['a']], ['A1:GR10000'])).toThrow(/sheet "S": its merged cells cover more than 1,000,000 cells/);
    expect(() => resolveMerges('S', [['a']], ['A1:A100001'])).toThrow(/sheet "S" has more than 100,000 rows/);
    expect(() => resolveMerges('S', [['a']], ['nonsense'])).toThrow(/merged range "nonsense" is not a cell range/);
  });

  it('refuses them in a workbook with a clear message', async () => {
    const z = await JSZip.loadAsync(await xlsx([{ name: 'Quotes', rows: [['Model', 'Price'], ['H20', 1]], merges: ['A1:A2'] }]));
    const sheet = (await z.file('xl/worksheets/sheet1.xml')!.async('string')).replace('<mergeCell ref="A1:A2"/>', '<mergeCell ref="A1:A2"/><mergeCell ref="A2:B2"/>');
    z.file('xl/worksheets/sheet1.xml', sheet);
    const file = await z.generateAsync({ type: 'nodebuffer' });
    await expect(readXlsx(file)).rejects.toThrow(/sheet "Quotes": merged ranges A1:A2 and A2:B2 overlap/);
    // through the importer: the reason keeps its key, so the UI says it in its language
    const e = (await readWorkbook(file, 'overlap.xlsx').catch((x: unknown) => x)) as AppError;
    expect(e.message).toBe('cannot import overlap.xlsx: sheet "Quotes": merged ranges A1:A2 and A2:B2 overlap');
    expect(e.issues?.[0]?.i18n?.key).toBe('errors.import.xlsx.mergeOverlap');
    expect(translate('zh-CN', e.i18n!)).toMatch(/overlap\.xlsx.*工作表“Quotes”：合并区域 A1:A2 与 A2:B2 重叠/);
  });
});
