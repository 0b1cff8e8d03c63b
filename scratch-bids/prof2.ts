import fs from 'node:fs';
import { openApp } from '../electron/bootstrap';
import { buildReportModel } from '../electron/report';
import { renderReportHtml } from '../electron/report/html';
import { launchChromium } from '../electron/report/chromium';
const ctx = openApp('/tmp/bids/x.db');
const f = JSON.parse(fs.readFileSync('examples/bids-deepseek-v3-cluster.json', 'utf8'));
const bids = Array.from({ length: 10 }, (_, i) => ({ ...f.bids[i % 4], vendor: `${f.bids[i % 4].vendor} #${i + 1}` }));
const html = renderReportHtml(buildReportModel(ctx, { bidFile: { ...f, bids }, lang: 'zh-CN', today: '2026-11-20' }));
const b = await launchChromium();
const variants: Record<string, string> = { full: html, nofonts: html.replace(/<style>@font-face[\s\S]*?<\/style>/, ''), nosvg: html.replace(/<svg[\s\S]*?<\/svg>/g, '') };
for (const [k, h] of Object.entries(variants)) {
  const c = await b.newContext(); const p = await c.newPage();
  let t = Date.now();
  await p.setContent(h, { waitUntil: 'load' }); const a = Date.now() - t; t = Date.now();
  await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }); console.log(k, (h.length/1e6).toFixed(2), 'load', a, 'pdf', Date.now() - t);
  await c.close();
}
await b.close();
