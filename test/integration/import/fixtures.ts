/**
 * Real price-sheet files for the import tests, written with exceljs and iconv-lite the way
 * vendors' tools write them: title rows, merged cells, several sheets, 万元 headers, GBK CSVs.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';

export type Row = (string | number | Date | null | { formula: string; result?: number })[];

export interface SheetSpec {
  name: string;
  rows: Row[];
  /** Ranges like "A1:H1" to merge. */
  merges?: string[];
  state?: 'visible' | 'hidden';
}

export async function xlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csv(rows: Row[], opts: { encoding?: 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030' | 'utf-16le'; delimiter?: string } = {}): Buffer {
  const text = Papa.unparse(rows.map((r) => r.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'object' ? `=${c.formula}` : c))), {
    delimiter: opts.delimiter ?? ',',
    newline: '\r\n',
  });
  switch (opts.encoding ?? 'utf-8') {
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gbk':
      return iconv.encode(text, 'gbk');
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    default:
      return Buffer.from(text, 'utf8');
  }
}

export function b64(buf: Buffer): string {
  return buf.toString('base64');
}

export interface TempApp {
  ctx: AppContext;
  dir: string;
  dbPath: string;
  close(): void;
}

export function tempApp(): TempApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-import-'));
  const dbPath = path.join(dir, 'procure.db');
  const ctx = openApp(dbPath);
  return {
    ctx,
    dir,
    dbPath,
    close() {
      try {
        ctx.db.close();
      } catch {
        // already closed
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table an import touches. */
const TABLES = ['quote', 'import_batch', 'import_mapping', 'accelerator', 'server', 'vendor', 'figure_source'] as const;

export function counts(ctx: AppContext): Record<(typeof TABLES)[number], number> {
  const n = (t: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return Object.fromEntries(TABLES.map((t) => [t, n(t)])) as Record<(typeof TABLES)[number], number>;
}

/** A Chinese vendor workbook: title rows, merged banner, 万元 含税 prices, a server row, notes and a subtotal. */
export async function chineseWorkbook(): Promise<Buffer> {
  return xlsx([
    {
      name: '说明',
      rows: [['本报价单仅供内部参考'], ['联系人：张三 13800000000']],
    },
    {
      name: '报价明细',
      rows: [
        ['华东智算科技有限公司 AI加速卡报价单', null, null, null, null, null, null, null],
        ['报价日期：2025年9月1日', null, null, null, null, null, null, null],
        [],
        ['序号', '品牌', '产品型号', '显存(GB)', '含税单价（万元）', '数量', '交货期', '报价有效期', '备注'],
        [1, '华为', '昇腾910B', 64, 12.5, 16, '8周', '2026/12/31', '含原厂三年质保'],
        [2, null, 'Atlas 300I Duo', 96, 1.2, 8, '4-6周', '2026年12月31日', null],
        [3, '英伟达', 'H20 96GB', '96GB', '11万', 8, '现货', 46387, null],
        [4, '华为', '推理服务器 昇腾910B×8', null, 118, 2, '10周', '2026-12-31', '整机'],
        [5, '寒武纪', 'MLU590', 80, '待定', 4, '待定', null, '价格待定'],
        [6, '摩尔线程', 'MTT S4000', 48, -3, 1, '8周', '2026-12-31', null],
        [7, '某品牌', '神秘加速卡 X1', 32, 5, 1, '2周', '2026-12-31', null],
        ['合计', null, null, null, 159.7, null, null, null, null],
        ['注：以上价格含13%增值税，运费另计。'],
      ],
      merges: ['A1:I1', 'A2:I2', 'B5:B6'],
    },
  ]);
}

/** A tender bill of quantities (分项报价表): merged title, supplier and date preamble, servers per 台, a 总价 mismatch, a card per 台, stamp lines. */
const TENDER_HEADER = ['序号', '货物名称', '品牌', '规格型号', '主要技术参数', '产地', '单位', '数量', '单价（元）', '总价（元）', '备注'];

export async function tenderWorkbook(): Promise<Buffer> {
  return xlsx([
    {
      name: '分项报价表',
      rows: [
        ['XX智算中心项目 分项报价表', null, null, null, null, null, null, null, null, null, null],
        ['报价单位：华东智算科技有限公司', null, null, null, null, null, '报价日期：2026年10月15日', null, null, null, null],
        TENDER_HEADER,
        [1, 'AI推理服务器', '华为', 'Atlas 800I A2', '8×昇腾910B4 64GB，鲲鹏920×4', '中国', '台', 2, 1_800_000, 3_600_000, '含税13%'],
        [2, '加速卡', '寒武纪', '思元590（MLU590）', '显存80GB HBM2e', '中国', '张', 16, 98_000, 1_568_000, '含税'],
        [3, 'AI训练服务器', '浪潮', 'NF5688M7', '8×H20 96GB，2×Xeon 8480', '中国', '台', 1, 1_400_000, 1_300_000, '不含税'],
        [4, '加速卡', '昆仑芯', 'P800 OAM', '96GB', '中国', '张', 8, 45_000, 360_000, '未税'],
        [5, '推理服务器', '华为', '昇腾910B', '鲲鹏920×4，2TB内存', '中国', '台', 1, 1_800_000, 1_800_000, '含税'],
        ['合计', null, null, null, null, null, null, null, null, 8_628_000, null],
        ['投标人（盖章）：华东智算科技有限公司', null, null, null, null, null, null, null, null, null, null],
        ['法定代表人或授权代表（签字）：', null, null, null, null, null, null, null, null, null, null],
        ['日期：2026年10月15日', null, null, null, null, null, null, null, null, null, null],
      ],
      merges: ['A1:K1', 'A2:F2', 'G2:K2', 'A10:K10', 'A11:K11', 'A12:K12'],
    },
  ]);
}

import { dispatch } from '../../../electron/handlers';
import type { ImportCommitResult, ImportPreview, ImportPreviewInput, PreviewRow } from '../../../shared/contract/import';
import type { ApiError } from '../../../shared/contract/result';

type Extra = Omit<ImportPreviewInput, 'fileName' | 'dataBase64'> & { rows?: number[]; acceptFlagged?: boolean };

export async function preview(ctx: AppContext, file: Buffer, fileName: string, extra: Extra = {}): Promise<ImportPreview> {
  const r = await dispatch(ctx, 'import:preview', { fileName, dataBase64: b64(file), ...extra });
  if (!r.ok) throw new Error(`preview failed: ${r.error.message}`);
  return r.value as ImportPreview;
}

export async function commit(ctx: AppContext, file: Buffer, fileName: string, extra: Extra = {}): Promise<ImportCommitResult> {
  const r = await dispatch(ctx, 'import:commit', { fileName, dataBase64: b64(file), ...extra });
  if (!r.ok) throw new Error(`commit failed: ${r.error.message}`);
  return r.value as ImportCommitResult;
}

/** The error of a call that must fail. */
export async function failure(ctx: AppContext, channel: string, input: unknown): Promise<ApiError> {
  const r = await dispatch(ctx, channel, input);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return r.error;
}

export function row(p: ImportPreview, n: number): PreviewRow {
  const r = p.rows.find((x) => x.row === n);
  if (!r) throw new Error(`no row ${n} in preview (rows: ${p.rows.map((x) => x.row).join(', ')})`);
  return r;
}
