/**
 * Writes the sample vendor price sheets in this folder, laid out the way real ones arrive:
 *   huadong-zhisuan-quote.xlsx    Chinese workbook: cover sheet, title rows, merged cells, 万元 含税
 *                                 prices, whole-server (整机) rows, a 待定 price, subtotal and notes
 *   shenzhen-distributor-gbk.csv  Chinese CSV in GBK ("ANSI" from Excel on Chinese Windows), ¥ amounts
 *   global-reseller-usd.csv       English CSV, USD prices as typed ("$28,500", "USD 28500", "6-8 weeks")
 * Run: npx tsx examples/price-sheets/make-samples.ts   then: npx procure import examples/price-sheets/<file>
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXED = new Date(Date.UTC(2025, 8, 1));

async function chineseWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sample';
  wb.created = FIXED;
  wb.modified = FIXED;
  const cover = wb.addWorksheet('封面');
  cover.getCell('A1').value = '华东智算科技有限公司';
  cover.getCell('A2').value = 'AI 算力设备报价（2025 年第三季度）';
  const ws = wb.addWorksheet('报价明细');
  const rows: (string | number | Date | null)[][] = [
    ['华东智算科技有限公司 AI加速卡及整机报价单'],
    ['报价日期：2025年9月1日　　币种：人民币　　单位：万元（含13%增值税）'],
    [],
    ['序号', '品牌', '产品型号', '显存(GB)', '含税单价（万元）', '数量', '交货期', '报价有效期', '备注'],
    ['一、加速卡'],
    [1, '华为', '昇腾910B', 64, 12.5, 16, '8周', '2026/12/31', '含原厂三年质保'],
    [2, null, 'Atlas 300I Duo 96G', 96, 1.35, 8, '4-6周', '2026年12月31日', null],
    [3, '英伟达', 'H20 96GB', '96GB', '11.8万', 8, '现货', new Date(Date.UTC(2026, 11, 31)), null],
    [4, '寒武纪', '思元590', 80, '待定', 4, '待定', null, '价格待原厂确认'],
    [5, '沐曦', '曦云C500', 64, 9.6, 8, '１２周', '2026-12-31', '全角数字'],
    ['二、整机'],
    [6, '华为', '推理服务器 昇腾910B×8', null, 118, 2, '10周', '2026-12-31', '整机含CPU/内存/网卡'],
    [7, '英伟达', 'HGX H20 8-GPU server', null, 108, 1, '6-8周', '2026-12-31', null],
    ['合计', null, null, null, 274.25, null, null, null, null],
    ['注：1. 以上价格均含13%增值税；2. 运费另计；3. 最终价格以合同为准。'],
  ];
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  for (const m of ['A1:I1', 'A2:I2', 'A5:I5', 'B6:B7', 'A11:I11', 'A15:I15']) ws.mergeCells(m);
  ws.getColumn(3).width = 28;
  ws.getCell('A1').font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function gbkCsv(): Buffer {
  const rows = [
    ['型号', '厂商', '不含税单价（元）', '币种', '货期', '报价有效期', '最小起订量', '备注'],
    ['昇腾910B', '华为', '￥108,000.00', '人民币', '8周', '2026-06-30', '8', ''],
    ['昆仑芯P800', '昆仑芯', '￥96,500.00', '人民币', '6周', '2026-06-30', '8', ''],
    ['海光K100-AI', '海光', '68,000', 'RMB', '4周', '2026-06-30', '1', ''],
    ['MTT S4000', '摩尔线程', '45000', 'CNY', '现货', '90天', '1', '报价90天有效'],
    ['BR104', '壁仞', '待定', '人民币', '待定', '', '', '需询价'],
    ['小计', '', '317,500', '', '', '', '', ''],
  ];
  return iconv.encode(Papa.unparse(rows, { newline: '\r\n' }), 'gbk');
}

function englishCsv(): string {
  const rows = [
    ['Model', 'Vendor', 'Unit Price (USD)', 'Lead time', 'Valid until', 'MOQ', 'Notes'],
    ['H100 SXM5 80GB', 'NVIDIA', '$28,500', '6-8 weeks', 'Dec 31, 2026', '8', 'HGX board pricing'],
    ['H200 141GB', 'NVIDIA', 'USD 33500', '10 weeks', '2026-12-31', '8', ''],
    ['MI300X', 'AMD', '14,900', '12 weeks', '2026-12-31', '8', ''],
    ['Gaudi 3', 'Intel', '15,625.00', '8 weeks', '2026-12-31', '1', ''],
    ['HGX H20 8-GPU server', 'NVIDIA', '$118,000', '4 weeks', '2026-12-31', '1', 'complete 8-GPU system'],
    ['L40S', 'NVIDIA', 'TBD', 'TBD', '', '', 'allocation only'],
    ['Total', '', '', '', '', '', ''],
  ];
  return Papa.unparse(rows, { newline: '\r\n' });
}

fs.writeFileSync(path.join(here, 'huadong-zhisuan-quote.xlsx'), await chineseWorkbook());
fs.writeFileSync(path.join(here, 'shenzhen-distributor-gbk.csv'), gbkCsv());
fs.writeFileSync(path.join(here, 'global-reseller-usd.csv'), englishCsv());
console.log(`wrote 3 sample sheets to ${path.relative(process.cwd(), here) || '.'}`);
