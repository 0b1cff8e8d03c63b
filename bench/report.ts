/**
 * Report benchmark: the PDF of a 10-bid comparison including the Chromium start (target under
 * 3 s), the same with a warm browser, and the XLSX export. Baseline: printing a one-line page
 * with the same browser start, so the report's own cost shows as a ratio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../electron/bootstrap';
import { buildReportModel } from '../electron/report';
import { printWithChromium, launchChromium } from '../electron/report/chromium';
import { renderReportHtml } from '../electron/report/html';
import { reportWorkbook } from '../electron/report/xlsx';
import { tmpDbPath } from '../test/helpers/tmp';
import { row } from './timing';

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

export default async function main(): Promise<void> {
  const ctx = openApp(tmpDbPath());
  const input = { bidFile: tenBids(), lang: 'zh-CN' as const, today: '2026-11-20' };
  const [baseline] = await time(() => printWithChromium('<p>baseline</p>'));
  for (const lang of ['en', 'zh-CN'] as const) {
    const [cold, pdf] = await time(() => printWithChromium(renderReportHtml(buildReportModel(ctx, { ...input, lang }))));
    console.log(row(`PDF, 10 bids, ${lang}, incl. browser start (${(pdf.length / 1024).toFixed(0)} kB)`, cold, baseline));
  }
  const browser = await launchChromium();
  await printWithChromium('<p>warm-up</p>', browser);
  const [warm] = await time(() => printWithChromium(renderReportHtml(buildReportModel(ctx, input)), browser));
  console.log(row('PDF, 10 bids, zh-CN, warm browser', warm, baseline));
  await browser.close();
  const [html] = await time(async () => renderReportHtml(buildReportModel(ctx, input)));
  console.log(row('model + HTML (charts, fonts), 10 bids', html, baseline));
  const [xlsx] = await time(() => reportWorkbook(buildReportModel(ctx, input)));
  console.log(row('XLSX, 10 bids', xlsx, baseline));
  ctx.db.close();
}
