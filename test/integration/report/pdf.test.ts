/**
 * The report as a real PDF, printed by Chromium from the example bid file in both languages
 * (and from a scenario), read back with poppler: its text, page count, running header and page
 * numbers, Chinese text, and the fonts embedded. PNGs of every page are kept under
 * test-artifacts/report/ to be looked at. One browser for the whole file.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { launchChromium, printWithChromium } from '../../../electron/report/chromium';
import { buildReportModel } from '../../../electron/report';
import { renderReportHtml } from '../../../electron/report/html';
import { tmpDbPath } from '../../helpers/tmp';

const ARTIFACTS = path.join(SOURCE_ROOT, 'test-artifacts', 'report');
const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const SCENARIO = path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-mixed.procure.json');
const VENDORS = ['西部数智 Xibu Shuzhi Systems', '太平洋算力贸易 Pacific Compute Trading', '京华集成 Jinghua Integration', '昆仑智算 Kunlun Compute Partners'];

let ctx: AppContext;
let browser: Browser;
let printed = 0;

beforeAll(async () => {
  ctx = openApp(tmpDbPath());
  browser = await launchChromium();
  ctx.printPdf = (html) => (printed++, printWithChromium(html, browser));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  ctx?.db.close();
});

async function pdfOf(input: Record<string, unknown>, name: string): Promise<{ file: string; pages: number; text: (page?: number) => string }> {
  const r = await dispatch(ctx, 'report:pdf', input);
  if (!r.ok) throw new Error(r.error.message);
  const out = r.value as { fileName: string; dataBase64: string };
  expect(out.fileName).toMatch(/\.pdf$/);
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, Buffer.from(out.dataBase64, 'base64'));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12]/); // A4 in points
  for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(ARTIFACTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(ARTIFACTS, name)]);
  const text = (page?: number) => execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' });
  return { file, pages, text };
}

const example = () => JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
/** The example's evaluation (the model's own output), which the bid report prints. */
async function evaluation(): Promise<{ ranking: number[]; bids: { vendor: string; pass: boolean; totalScore: number | null }[] }> {
  const r = await dispatch(ctx, 'bids:evaluate', { bidFile: example() });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Awaited<ReturnType<typeof evaluation>>;
}

describe('bid report PDF', () => {
  it('English: every bid, the ranking, the recommendation, a header and page numbers on every page', async () => {
    const { file, pages, text } = await pdfOf({ bidFile: example(), lang: 'en' }, 'bids-en');
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pages).toBeLessThanOrEqual(16);
    const all = text().replace(/\s+/g, ' ');
    for (const v of VENDORS) expect(all).toContain(v);
    const ev = await evaluation();
    const winner = ev.bids[ev.ranking[0]!]!;
    expect(all).toContain(`Award to ${winner.vendor}: ${winner.totalScore!.toFixed(2)} of 100 points`);
    expect(all).toMatch(new RegExp(`Ranking Rank Vendor .*${ev.ranking.map((i, k) => `${k + 1} ${ev.bids[i]!.vendor} `).join('.*')}`));
    expect(all).toContain('delivery on 2027-04-06 is after the deadline 2027-03-31');
    expect(all).toMatch(/Bids that fail a hard constraint \(not ranked\) .*serves [\d,]+ tok\/s; 20,000 tok\/s required/);
    for (const section of ['Executive summary', 'Key figures', 'Charts', 'TCO breakdown', 'Cost per million tokens vs throughput', 'Supply-risk factors', 'Sensitivity of TCO', 'Assumptions and data sources', 'Accelerator specifications', 'Sign-off', 'Prepared', 'Reviewed', 'Approved']) {
      expect(all).toContain(section);
    }
    expect(all).toMatch(/estimate/); // catalog figures marked as estimates
    for (let p = 1; p <= pages; p++) {
      const t = text(p);
      expect(t).toContain(`Page ${p} of ${pages}`);
      expect(t).toContain('XB-AI-2026-017');
    }
    // only the bundled Noto Sans SC is used: nothing falls back to a system font
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const named = fonts.split('\n').slice(2).map((l) => l.split(/\s+/)[0]!).filter((n) => n && n !== '[none]');
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((n) => /NotoSansSC/.test(n))).toBe(true);
  }, 60_000);

  it('简体中文: Chinese headings, recommendation and page numbers, in the bundled font', async () => {
    const { file, pages, text } = await pdfOf({ bidFile: example(), lang: 'zh-CN' }, 'bids-zh-CN');
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pages).toBeLessThanOrEqual(17);
    const all = text().replace(/\s+/g, ' ');
    const ev = await evaluation();
    expect(all).toContain(`推荐 ${ev.bids[ev.ranking[0]!]!.vendor} 为中标候选人`);
    expect(all).toMatch(/输出能力 [\d,]+ tok\/s，要求 20,000 tok\/s/);
    for (const s of ['评审摘要', '推荐意见', '排名', '未通过实质性审查的投标', '交货日期 2027-04-06 晚于期限 2027-03-31', '国产化比例 0 % 低于下限 30 %', '假设与数据来源', '审批签字', '编制', '审核', '批准', '总拥有成本构成']) {
      expect(all).toContain(s);
    }
    for (const v of VENDORS) expect(all).toContain(v);
    for (let p = 1; p <= pages; p++) expect(text(p)).toContain(`第 ${p} 页，共 ${pages} 页`);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/NotoSansCJK|DejaVu|Liberation/);
  }, 60_000);

  it('prints vendor text as text: markup in a name is escaped, not run', async () => {
    const f = example();
    const bids = f.bids as Record<string, unknown>[];
    bids[0] = { ...bids[0], vendor: '<img src=x onerror=alert(1)> & </style><b>Bold</b>' };
    const { text } = await pdfOf({ bidFile: f, lang: 'en', preparedBy: 'Q. A. Tester', documentNumber: 'T-1' }, 'hostile-en');
    const all = text().replace(/\s+/g, ' ');
    expect(all).toContain('<img src=x onerror=alert(1)> & </style><b>Bold</b>');
    expect(all).toContain('Q. A. Tester');
    expect(all).toContain('T-1');
  }, 60_000);

  it('a scenario (the Compare page\'s input) gives the comparison report, not the bid report: cover, recommendation, flags, ≤ 8 pages', async () => {
    const scenario = JSON.parse(fs.readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>;
    const { pages, text } = await pdfOf({ scenario, lang: 'en' }, 'scenario-en');
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(8);
    const all = text().replace(/\s+/g, ' ');
    for (const b of ['Ascend 910B x128', 'H20 x128', 'Ascend 910B x64 + H20 x64']) expect(all).toContain(b);
    // the bid report's words are gone
    for (const bidWord of ['Requirement', 'for the approval of the award', 'Lines offered', 'Quoted total']) expect(all).not.toContain(bidWord);
    const cover = text(1).replace(/\s+/g, ' ');
    expect(cover).toContain('Comparison of 3 cluster builds');
    expect(cover).toMatch(/Purpose Compare 3 cluster builds serving DeepSeek-V3 at Ningxia Zhongwei/);
    expect(cover).toContain('Power price 0.250 CNY/kWh');
    expect(cover).toContain('5 years, discount rate 6 %, utilisation 60 %');
    expect(cover).toContain('TTFT ≤ 3,000 ms');
    expect(cover).toMatch(/Serving engine .*vLLM/);
    expect(cover).toMatch(/Recommended: H20 x128, the lowest cost per million output tokens among the builds that meet the latency targets: ¥\d+\.\d\d \/M tok/);
    expect(cover).toContain('output of the planning models');
    // the H20 quote of the seed catalog is years old at 2026-12-01: flagged stale in the summary and the prices table
    expect(all).toMatch(/Prices to check: \d+ estimated, [1-9]\d* stale, \d+ expired/);
    expect(all).toMatch(/China distributors via Reuters .*\d{4}-\d\d-\d\d [\d,]+ stale quote/);
    expect(all).toContain('Weights / KV cache precision');
    expect(all).toMatch(/Bandwidth \(TB\/s\)|bandwidth \(TB\/s\)/i);
    expect(all).not.toMatch(/\d\.\d{3,} TB\/s|3\.2768/);
    expect(all).toMatch(/\b\d{1,3},\d{3}\b/); // thousands separators
    // a heading is never the last text of a page
    for (let p = 1; p <= pages; p++) {
      const lines = text(p).split('\n').map((l) => l.trim()).filter((l) => l && !/^Page \d+ of \d+$/.test(l));
      const last = lines.at(-1) ?? '';
      for (const h of ['Prices used', 'Accelerator specifications', 'Key figures', 'Ranking', 'Recommendation', 'Build details']) expect(last, `page ${p} ends with a heading`).not.toBe(h);
      expect(text(p)).toContain(`Page ${p} of ${pages}`);
    }
  }, 90_000);

  it('简体中文 comparison report: its own headings, 万元, roles and flags in Chinese, no bid words', async () => {
    const scenario = JSON.parse(fs.readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>;
    const { file, pages, text } = await pdfOf({ scenario, lang: 'zh-CN' }, 'scenario-zh-CN');
    expect(pages).toBeLessThanOrEqual(8);
    const all = text().replace(/\s+/g, ' ');
    for (const s of ['3 个集群方案比较', '目的', '主要假设', '推荐方案：H20 x128', '摘要', '方案明细', '配置明细', '方案合计', '采用的价格', '报价过旧', '权重 / KV 缓存精度', '审批签字', '万元']) expect(all).toContain(s);
    for (const bidWord of ['评审摘要', '投标明细', '投标总价', '供定标审批', 'Weights / KV', 'days old', 'Prefill', 'Decode']) expect(all).not.toContain(bidWord);
    expect(all).toMatch(/\d{4}-\d\d-\d\d [\d,]+ 报价过旧/);
    for (let p = 1; p <= pages; p++) expect(text(p)).toContain(`第 ${p} 页，共 ${pages} 页`);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/NotoSansCJK|DejaVu|Liberation/);
  }, 90_000);

  it('a catalog site prints by its Chinese name in a zh-CN comparison, a site of the file\'s own as given', () => {
    const scenario = JSON.parse(fs.readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>;
    const zh = renderReportHtml(buildReportModel(ctx, { scenario: { ...scenario, site: 'west-china' }, lang: 'zh-CN' }));
    expect(zh).toContain('西部算力枢纽（宁夏/甘肃/内蒙古）');
    const en = renderReportHtml(buildReportModel(ctx, { scenario: { ...scenario, site: 'west-china' }, lang: 'en' }));
    expect(en).toContain('Western China computing hub (Ningxia / Gansu / Inner Mongolia)');
    expect(renderReportHtml(buildReportModel(ctx, { scenario, lang: 'zh-CN' }))).toContain('Ningxia Zhongwei computing hub (Western China)');
  });

  it('refuses bad input with the path inside the document, before printing', async () => {
    const before = printed;
    const f = example();
    (f.bids as Record<string, unknown>[])[1]!.deliveryWeeks = -2;
    const r = await dispatch(ctx, 'report:pdf', { bidFile: f, lang: 'en' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'bids[1].deliveryWeeks' }] } });
    const both = await dispatch(ctx, 'report:pdf', { bidFile: f, scenario: {}, lang: 'en' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknownPart = example();
    ((unknownPart.bids as Record<string, unknown>[])[0]!.lines as Record<string, unknown>[])[0]!.accelerator = 'Imaginary X1';
    const r2 = await dispatch(ctx, 'report:xlsx', { bidFile: unknownPart, lang: 'en' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'bids[0].lines[0].accelerator' }] } });
    expect(printed).toBe(before);
  });
});
