import fs from 'node:fs';
import { openApp } from '../electron/bootstrap';
import { buildReportModel } from '../electron/report';
import { renderReportHtml } from '../electron/report/html';
import { launchChromium } from '../electron/report/chromium';
const ctx = openApp('/tmp/bids/x.db');
const f = JSON.parse(fs.readFileSync('examples/bids-deepseek-v3-cluster.json', 'utf8'));
const bids = Array.from({ length: 10 }, (_, i) => ({ ...f.bids[i % 4], vendor: `${f.bids[i % 4].vendor} #${i + 1}` }));
const html = renderReportHtml(buildReportModel(ctx, { bidFile: { ...f, bids }, lang: 'zh-CN', today: '2026-11-20' }));
const html0 = html;
for (const variant of ['nofonts', 'nosvg']) {
const h = variant === 'nofonts' ? html0.replace(/<style>@font-face[\s\S]*?<\/style>/, '') : html0.replace(/<svg[\s\S]*?<\/svg>/g, '');
console.log(variant, (h.length/1e6).toFixed(2));
fs.writeFileSync('/tmp/bids/r.html', h);
}
console.log('html MB', (html.length / 1e6).toFixed(2), 'font faces', (html.match(/@font-face/g) ?? []).length);
const b = await launchChromium();
for (let k = 0; k < 2; k++) {
const c = await b.newContext(); const p = await c.newPage();
let t = Date.now();
fs.writeFileSync('/tmp/bids/r.html', html); await p.goto('file:///tmp/bids/r.html', { waitUntil: 'load' }); console.log('goto', Date.now() - t); t = Date.now();
await p.evaluate('document.fonts.ready.then(() => true)'); console.log('fonts', Date.now() - t); t = Date.now();
const pdf = await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }); console.log('pdf', Date.now() - t, pdf.length);
await c.close();
}
await b.close();
