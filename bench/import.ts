/**
 * Import benchmark: a generated 50,000-row vendor sheet (CSV and XLSX) through parse alone,
 * preview (parse + header + mapping + values + catalog match + price-history compare) and commit
 * (preview again, then one transaction), each as a ratio to parsing alone in the same run; and,
 * for scale, the quote repository's prepared insert alone writing the CSV's quote rows (every
 * column the import writes) in one transaction, with the whole CSV import's rate as a share of it.
 * The XLSX reader's baseline is the reader it replaced, measured in the same run: the zip check
 * and then exceljs loading the whole workbook (test/helpers/xlsx-whole-workbook). Peak memory is
 * a fresh process's (as the app's import worker is) for each reader alone and each whole import.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../electron/bootstrap';
import { readWorkbook } from '../electron/import/read';
import { buildPlan } from '../electron/import/preview';
import { commitImport } from '../electron/import/commit';
import { verifyZip } from '../electron/import/zip-guard';
import { wholeWorkbookSheets } from '../test/helpers/xlsx-whole-workbook';

// The issue asks for a 50,000-row sheet; PROCURE_BENCH_ROWS makes a quicker run possible.
const ROWS = Number(process.env.PROCURE_BENCH_ROWS ?? 50_000);
// Medians of three for every stage: one sample swings with the machine's load.
const RUNS = 3;
const CSV_RUNS = 3;
const MODELS = ['昇腾910B', 'H20 96GB', 'H200 141GB', 'MI300X', '昆仑芯P800', '曦云C500', 'MTT S4000', 'Gaudi 3', '思元590', '推理服务器 昇腾910B×8'];
const HEADER = ['序号', '品牌', '产品型号', '含税单价（元）', '数量', '交货期', '报价有效期', '备注'];

function rows(): (string | number)[][] {
  return Array.from({ length: ROWS }, (_, i) => [
    i + 1,
    '华为',
    MODELS[i % MODELS.length]!,
    `¥${(100_000 + i * 7).toLocaleString('en')}.00`,
    1 + (i % 16),
    `${4 + (i % 8)}-${6 + (i % 8)}周`,
    '2026年12月31日',
    i % 50 === 0 ? '含三年质保' : '',
  ]);
}

async function xlsxFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报价明细');
  ws.addRow(['AI 加速卡报价单']);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const r of rows()) ws.addRow(r);
  ws.mergeCells('A1:H1');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvFile(): Buffer {
  return Buffer.from('\ufeff' + Papa.unparse([HEADER, ...rows()], { newline: '\r\n' }), 'utf8');
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-bench-import-'));
  const ctx = openApp(path.join(dir, 'bench.db'));
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    const csvBuf = csvFile();
    const files: [string, Buffer][] = [
      ['csv', csvBuf],
      ['xlsx', await xlsxFile()],
    ];
    let csvCommit = NaN;
    let before = NaN;
    let xlsx = { parse: NaN, preview: NaN, commit: NaN };
    // The generated workbooks are the bench's own memory, not the import's: measure from here.
    (globalThis as { gc?: () => void }).gc?.();
    const baselineRss = process.memoryUsage().rss;
    peakRss = baselineRss;
    const out: string[][] = [['sheet', 'stage', 'ms', 'rows/s', '× parse']];
    for (const [kind, buf] of files) {
      const fileName = `bench.${kind}`;
      const dataBase64 = buf.toString('base64');
      const runs = kind === 'csv' ? CSV_RUNS : RUNS;
      if (kind === 'xlsx') {
        before = await median(runs, async () => {
          await verifyZip(buf);
          await wholeWorkbookSheets(buf);
        });
      }
      const parse = await median(runs, async () => (await readWorkbook(buf, fileName), sample()));
      let accepted = 0;
      const preview = await median(runs, async () => {
        accepted = (await buildPlan(ctx, { fileName, dataBase64 })).preview.counts.new;
        sample();
      });
      let n = 0;
      const commit = await median(runs, async () => {
        // A new supplier each run, so every row is a new quote and the whole sheet is written.
        await commitImport(ctx, { fileName, dataBase64, supplier: `bench-${kind}-${n++}` });
        sample();
      });
      const line = (stage: string, ms: number) => [kind, stage, ms.toFixed(0), Math.round((ROWS / ms) * 1000).toLocaleString('en'), (ms / parse).toFixed(2)];
      if (kind === 'xlsx') out.push(line('parse, whole-workbook reader (baseline)', before));
      out.push(line('parse', parse), line('preview', preview), line('commit', commit));
      if (kind === 'csv') csvCommit = commit;
      else xlsx = { parse, preview, commit };
      if (accepted !== ROWS) throw new Error(`bench sheet gave ${accepted} new rows, expected ${ROWS}`);
    }
    // Raw insert: the CSV's own quotes through the quote repository's one prepared statement, in
    // one transaction. The rows (every column the import writes, provenance included, slugs
    // resolved) are made before the clock starts, so this is the floor for writing these rows at all.
    const plan = await buildPlan(ctx, { fileName: 'bench.csv', dataBase64: csvBuf.toString('base64'), supplier: 'raw' });
    const at = new Date().toISOString();
    const rawBatch = ctx.imports.createBatch({ fileName: 'bench.csv', sheet: plan.preview.sheet, supplier: 'raw', rowCount: plan.quotes.size, importedAt: at });
    const prov = { origin: 'import' as const, importId: rawBatch, sourceFile: plan.preview.fileName, sourceSheet: plan.preview.sheet, createdAt: at };
    const rows = [...plan.quotes].map(([sourceRow, q]) => ctx.quotes.row(q, { ...prov, sourceRow }));
    if (rows.length !== ROWS) throw new Error(`raw insert has ${rows.length} rows, expected ${ROWS}`);
    const raw = await median(CSV_RUNS, async () => {
      ctx.transaction(() => {
        for (const r of rows) ctx.quotes.insertRow(r);
      });
    });
    out.push(['-', 'raw insert', raw.toFixed(0), Math.round((ROWS / raw) * 1000).toLocaleString('en'), '']);
    const w = out[0]!.map((_, i) => Math.max(...out.map((r) => r[i]!.length)));
    console.log(`import bench: ${ROWS.toLocaleString('en')}-row vendor sheet (medians of ${RUNS})`);
    for (const r of out) console.log(r.map((c, i) => (i >= 2 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  '));
    // The whole CSV import (read, header, mapping, values, matching, history compare and the
    // transaction) as a share of the raw insert's rate: raw ms ÷ commit ms.
    console.log(`whole CSV import (commit) / raw insert: ${((raw / csvCommit) * 100).toFixed(0)} % of the raw insert rate (target ≥ 50 %)`);
    console.log(
      `XLSX parse: ${(before / xlsx.parse).toFixed(1)}× faster than the whole-workbook reader; XLSX import: preview ${xlsx.preview.toFixed(0)} ms, commit ${xlsx.commit.toFixed(0)} ms (target ≤ 1,200 ms)`,
    );
    console.log(`this process: peak RSS ${(peakRss / 1048576).toFixed(0)} MB, of which ${((peakRss - baselineRss) / 1048576).toFixed(0)} MB above the ${(baselineRss / 1048576).toFixed(0)} MB held before importing (app, catalog, the bench's generated files and not yet collected garbage)`);
    // The 500 MB limit is the app's: a fresh process (as the app's main process would be) imports
    // each file once, and its peak RSS is the whole process's, runtime included.
    const fresh = (file: string, mode: string) => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, PROCURE_IMPORT_MEMORY_FILE: file, PROCURE_IMPORT_MEMORY_MODE: mode },
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop()!) as { before: number; peak: number; quotes: number };
    };
    const MB = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    for (const [kind, buf] of files) {
      const file = path.join(dir, `memory.${kind}`);
      fs.writeFileSync(file, buf);
      if (kind === 'xlsx') {
        const old = fresh(file, 'whole-workbook');
        const now = fresh(file, 'read');
        console.log(`fresh process, xlsx read alone: peak RSS ${MB(now.peak)} (whole-workbook reader, baseline: ${MB(old.peak)}; ${MB(now.before)} before reading)`);
      }
      const m = fresh(file, 'import');
      console.log(`fresh process, ${kind} import (${m.quotes.toLocaleString('en')} quotes committed): peak RSS ${MB(m.peak)} (${MB(m.before)} before reading the file); target ${kind === 'xlsx' ? '≤ 250 MB' : '< 500 MB'}`);
    }
  } finally {
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The child of the memory measurement: one whole import of one file into a fresh database, or
 * (PROCURE_IMPORT_MEMORY_MODE) the reader alone, or the whole-workbook reader it replaced.
 */
async function importOnce(file: string, mode: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-bench-memory-'));
  try {
    const ctx = openApp(path.join(dir, 'memory.db'));
    const before = process.memoryUsage().rss;
    const buf = fs.readFileSync(file);
    let quotes = 0;
    if (mode === 'whole-workbook') {
      await verifyZip(buf);
      await wholeWorkbookSheets(buf);
    } else if (mode === 'read') await readWorkbook(buf, path.basename(file));
    else quotes = (await commitImport(ctx, { fileName: path.basename(file), dataBase64: buf.toString('base64'), supplier: 'memory' })).quotes;
    ctx.db.close();
    console.log(JSON.stringify({ before, peak: process.resourceUsage().maxRSS * 1024, quotes }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.PROCURE_IMPORT_MEMORY_FILE) await importOnce(process.env.PROCURE_IMPORT_MEMORY_FILE, process.env.PROCURE_IMPORT_MEMORY_MODE ?? 'import');
else if (import.meta.url === `file://${process.argv[1]}`) await bench();
