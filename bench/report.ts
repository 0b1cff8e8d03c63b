/**
 * Report benchmark: the whole PDF of a 10-bid comparison and of the example scenario (model,
 * HTML with charts and fonts, printing), cold (the printer's browser launched for it, as every
 * report did before the printer kept one) and warm (the kept browser), medians of three; then
 * the parts: model + HTML alone and the XLSX export. Baseline: printing a one-line page with a
 * browser started and closed for it, so the report's own cost shows as a ratio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../electron/bootstrap';
import { buildReportModel, reportPdf, type ReportRequest } from '../electron/report';
import { closeChromium, keptChromium, launchChromium, printWithChromium } from '../electron/report/chromium';
import { renderReportHtml } from '../electron/report/html';
import { reportWorkbook } from '../electron/report/xlsx';
import { tmpDbPath } from '../test/helpers/tmp';
import { row } from './timing';

const RUNS = 3;

function tenBids(): Record<string, unknown> {
  const f = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: Record<string, unknown>[] };
  const bids = Array.from({ length: 10 }, (_, i) => ({ ...f.bids[i % f.bids.length]!, vendor: `${String(f.bids[i % f.bids.length]!.vendor)} #${i + 1}`, deliveryWeeks: 8 + i }));
  return { ...f, bids };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

async function median(fn: () => Promise<unknown>, before?: () => Promise<void>): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before?.();
    ts.push((await time(fn))[0]);
  }
  return ts.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

export default async function main(): Promise<void> {
  const ctx = openApp(tmpDbPath());
  const scenario = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-mixed.procure.json'), 'utf8')) as unknown;
  const reports: [string, ReportRequest][] = [
    ['10-bid comparison, zh-CN', { bidFile: tenBids(), lang: 'zh-CN', today: '2026-11-20' }],
    ['10-bid comparison, en', { bidFile: tenBids(), lang: 'en', today: '2026-11-20' }],
    ['scenario (deepseek-v3-mixed), zh-CN', { scenario, lang: 'zh-CN', today: '2026-11-20' }],
  ];
  const baseline = await median(async () => {
    const b = await launchChromium();
    try {
      await printWithChromium('<p>baseline</p>', b);
    } finally {
      await b.close();
    }
  });
  console.log(row('baseline: one-line page, browser started and closed for it', baseline));
  for (const [name, req] of reports) {
    const pdf = Buffer.from((await reportPdf(ctx, req)).dataBase64, 'base64');
    const cold = await median(() => reportPdf(ctx, req), closeChromium);
    const warm = await median(() => reportPdf(ctx, req));
    console.log(row(`PDF ${name}, cold (${(pdf.length / 1024).toFixed(0)} kB)`, cold, baseline));
    console.log(row(`PDF ${name}, warm (kept browser)`, warm, baseline));
  }
  const launches = keptChromium().launches;
  await closeChromium();
  const input = reports[0]![1];
  const [html] = await time(async () => renderReportHtml(buildReportModel(ctx, input)));
  console.log(row('model + HTML (charts, fonts), 10 bids', html, baseline));
  const [xlsx] = await time(() => reportWorkbook(buildReportModel(ctx, input)));
  console.log(row('XLSX, 10 bids', xlsx, baseline));
  console.log(`medians of ${RUNS}; the kept browser was launched ${launches} times for ${reports.length * (2 * RUNS + 1)} reports; target: warm ≤ 1,800 ms`);
  ctx.db.close();
}
