/**
 * Hostile input, through the same dispatcher the UI and the CLI use: every case answers with a
 * typed error (never "internal") or a preview that explains each bad row, and the database is
 * unchanged (row counts compared before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/handlers';
import { b64, chineseWorkbook, commit, counts, csv, preview, tempApp, xlsx, type TempApp } from './fixtures';

let app: TempApp;
let good: Buffer;
beforeAll(async () => {
  app = tempApp();
  good = await chineseWorkbook();
});
afterAll(() => app.close());

const okCsv = () => b64(csv([['型号', '单价'], ['昇腾910B', '120000']]));

interface Case {
  name: string;
  channel: string;
  input: () => unknown;
  code: string;
  message?: RegExp;
}

const cases: Case[] = [
  { name: 'no argument', channel: 'import:preview', input: () => undefined, code: 'invalid-input' },
  { name: 'missing fields', channel: 'import:preview', input: () => ({}), code: 'invalid-input', message: /fileName/ },
  { name: 'missing data', channel: 'import:commit', input: () => ({ fileName: 'a.csv' }), code: 'invalid-input', message: /dataBase64/ },
  { name: 'file name of the wrong type', channel: 'import:preview', input: () => ({ fileName: 42, dataBase64: okCsv() }), code: 'invalid-input' },
  { name: 'data not base64', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: '@@@ not base64 @@@' }), code: 'invalid-input', message: /base64/ },
  { name: 'empty data', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: '' }), code: 'invalid-input' },
  { name: 'unknown extra key', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), evil: true }), code: 'invalid-input' },
  { name: 'huge file name', channel: 'import:preview', input: () => ({ fileName: 'x'.repeat(100_000), dataBase64: okCsv() }), code: 'invalid-input' },
  { name: 'huge supplier', channel: 'import:commit', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), supplier: '供'.repeat(10_000) }), code: 'invalid-input' },
  { name: 'argument over 20 MB', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: 'A'.repeat(21 * 1024 * 1024) }), code: 'invalid-input', message: /too large/ },
  { name: 'VAT rate as text', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), vatRate: '13%' }), code: 'invalid-input' },
  { name: 'VAT rate NaN', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), vatRate: Number.NaN }), code: 'invalid-input' },
  { name: 'VAT rate negative', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), vatRate: -0.13 }), code: 'invalid-input' },
  { name: 'rows not a list', channel: 'import:commit', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), rows: 'all' }), code: 'invalid-input' },
  { name: 'rows with NaN', channel: 'import:commit', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), rows: [Number.NaN] }), code: 'invalid-input' },
  { name: 'mapping to an unknown field', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), mapping: [{ column: 0, field: 'password' }] }), code: 'invalid-input' },
  { name: 'mapping beyond the header', channel: 'import:preview', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), mapping: [{ column: 40, field: 'item' }] }), code: 'invalid-input', message: /beyond the header/ },
  { name: 'formula-looking supplier', channel: 'import:commit', input: () => ({ fileName: 'a.csv', dataBase64: okCsv(), supplier: '=HYPERLINK("http://evil","x")' }), code: 'invalid-input', message: /formula/ },
  { name: 'undo id as SQL', channel: 'import:undo', input: () => ({ importId: '1; DROP TABLE quote' }), code: 'invalid-input' },
  { name: 'undo id negative', channel: 'import:undo', input: () => ({ importId: -1 }), code: 'invalid-input' },
  { name: 'undo unknown id', channel: 'import:undo', input: () => ({ importId: 123456 }), code: 'not-found' },
  { name: 'truncated XLSX', channel: 'import:commit', input: () => ({ fileName: 'cut.xlsx', dataBase64: b64(good.subarray(0, good.length - 300)) }), code: 'invalid-input', message: /truncated|damaged/ },
  {
    name: 'XLSX with a damaged sheet',
    channel: 'import:commit',
    input: () => {
      const bad = Buffer.from(good);
      for (let i = 100; i < bad.length - 1000; i += 13) bad[i] = 0x41;
      return { fileName: 'bad.xlsx', dataBase64: b64(bad) };
    },
    code: 'invalid-input',
    message: /cannot import bad\.xlsx/,
  },
  { name: 'binary garbage named .csv', channel: 'import:commit', input: () => ({ fileName: 'g.csv', dataBase64: b64(Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131) % 256))) }), code: 'invalid-input', message: /not a text file/ },
  { name: 'text named .xlsx', channel: 'import:preview', input: () => ({ fileName: 'x.xlsx', dataBase64: okCsv() }), code: 'invalid-input', message: /not one/ },
  { name: 'old .xls', channel: 'import:preview', input: () => ({ fileName: 'x.xls', dataBase64: b64(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)])) }), code: 'invalid-input', message: /97–2003/ },
  { name: 'a zip that is not a workbook', channel: 'import:preview', input: () => ({ fileName: 'x.xlsx', dataBase64: b64(Buffer.concat([Buffer.from('504b0506', 'hex'), Buffer.alloc(18)])) }), code: 'invalid-input' },
  { name: 'whitespace-only file', channel: 'import:commit', input: () => ({ fileName: 'w.csv', dataBase64: b64(Buffer.from('   \r\n\t\r\n')) }), code: 'invalid-input', message: /empty/ },
  { name: 'no header anywhere', channel: 'import:commit', input: () => ({ fileName: 'n.csv', dataBase64: b64(csv([['hello', 'world'], ['1', '2']])) }), code: 'invalid-input', message: /no header row/ },
  { name: 'header only', channel: 'import:commit', input: () => ({ fileName: 'h.csv', dataBase64: b64(csv([['型号', '单价']])) }), code: 'invalid-input', message: /nothing to commit/ },
  {
    name: 'every row bad',
    channel: 'import:commit',
    input: () => ({ fileName: 'b.csv', dataBase64: b64(csv([['型号', '单价'], ['昇腾910B', '-5'], ['H20', 'NaN'], ['H200', '1e15'], ['=cmd|calc', '100']])) }),
    code: 'invalid-input',
    message: /nothing to commit/,
  },
  {
    name: 'more than 100,000 rows',
    channel: 'import:preview',
    input: () => ({ fileName: 'big.csv', dataBase64: b64(Buffer.from('型号,单价\n' + 'H20,1\n'.repeat(100_001))) }),
    code: 'invalid-input',
    message: /more than 100,000 rows/,
  },
];

describe('hostile API input', () => {
  it.each(cases)('$name → $code', async (c) => {
    const before = counts(app.ctx);
    const r = await dispatch(app.ctx, c.channel, c.input());
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(c.code);
    expect(r.error.message.length).toBeGreaterThan(5);
    expect(r.error.message.length).toBeLessThan(2000);
    if (c.message) expect(r.error.message).toMatch(c.message);
    expect(counts(app.ctx)).toEqual(before);
  });
});

describe('hostile cells: every bad row explained, good rows kept', () => {
  it('wrong types, absurd values, formulas and huge strings', async () => {
    const rows = [
      ['型号', '单价', '交货期', '报价有效期', '最小起订量', '备注'],
      ['昇腾910B', '-125000', '8周', '2026-12-31', '1', ''],
      ['H20', 'NaN', '8周', '2026-12-31', '1', ''],
      ['H200', '1000000000000000', '8周', '2026-12-31', '1', ''],
      ['MI300X', '=1+1', '8周', '2026-12-31', '1', ''],
      ['@SUM(1+1)*cmd|" /C calc"!A0', '100', '8周', '2026-12-31', '1', ''],
      ['P800', '90000', 'soon', '2026-13-45', '-2', ''],
      ['X'.repeat(50_000), '1000', '', '', '', ''],
      ['C500', '88000', '', '', '', '=HYPERLINK("http://evil")'],
    ];
    const p = await preview(app.ctx, csv(rows), 'hostile.csv');
    const byRow = new Map(p.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)!.issues[0]!.message).toMatch(/negative/);
    expect(byRow.get(3)!.issues[0]!.message).toMatch(/not a price/);
    expect(byRow.get(4)!.issues[0]!.message).toMatch(/implausibly large/);
    expect(byRow.get(5)!.issues[0]!.message).toMatch(/formula/);
    expect(byRow.get(6)!.issues[0]!.message).toMatch(/formula/);
    expect(byRow.get(7)!.issues.map((i) => i.column)).toEqual(['C', 'D', 'E']);
    expect(byRow.get(8)!.text.length).toBeLessThanOrEqual(300);
    expect(byRow.get(8)!.status).toBe('skipped');
    // Notes are kept, but never as something a spreadsheet would execute on export.
    expect(byRow.get(9)).toMatchObject({ status: 'new', notes: `'=HYPERLINK("http://evil")` });
    for (const r of p.rows) if (r.status === 'error') expect(r.issues.length).toBeGreaterThan(0);
  });

  it('SQL metacharacters in names are stored verbatim, and every table survives', async () => {
    const supplier = `Robert'); DROP TABLE quote;-- "华东" \\ %_`;
    const res = await commit(app.ctx, csv([['型号', '单价', '备注'], ['昇腾910B', '120000', "'; DELETE FROM import_batch; --"]]), "o'brien;--.csv", { supplier });
    const q = app.ctx.db.prepare('SELECT supplier, source_file, source_note FROM quote WHERE import_id = ?').get(res.importId);
    expect(q).toEqual({ supplier, source_file: "o'brien;--.csv", source_note: "'; DELETE FROM import_batch; --" });
    expect(counts(app.ctx).import_batch).toBeGreaterThan(0);
  });

  it('a workbook of only empty or title sheets', async () => {
    const file = await xlsx([{ name: 'Cover', rows: [['报价单'], ['联系人']] }]);
    const r = await dispatch(app.ctx, 'import:preview', { fileName: 'cover.xlsx', dataBase64: b64(file) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/no header row/) } });
  });
});
