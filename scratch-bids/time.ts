import fs from 'node:fs';
import { openApp } from '../electron/bootstrap';
import { buildReportModel } from '../electron/report';
import { renderReportHtml } from '../electron/report/html';
import { printWithChromium } from '../electron/report/chromium';
const ctx = openApp('/tmp/bids/x.db');
const file = JSON.parse(fs.readFileSync('examples/bids-deepseek-v3-cluster.json', 'utf8'));
for (const lang of ['zh-CN', 'en'] as const) {
let t = Date.now();
const m = buildReportModel(ctx, { bidFile: file, lang, today: '2026-11-20' });
console.log('model', Date.now() - t); t = Date.now();
const html = renderReportHtml(m);
console.log('html', Date.now() - t, (html.length/1e6).toFixed(2), 'MB'); t = Date.now();
const pdf = await printWithChromium(html);
console.log('print', Date.now() - t, pdf.length);
}
