/**
 * Hostile text in every user-supplied field of a bid report: each control character U+0000–U+001F
 * and U+007F, quotes, a backslash, markup, and the CSS break-out that once hid every table (a form
 * feed ends a CSS string, then `;}}` closes the @page rule and `table{display:none}` applies).
 * One PDF carries all of them at once; pdftotext must still find every table's headings and rows.
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
import { tr } from '../../../shared/i18n/translate';
import { tmpDbPath } from '../../helpers/tmp';

const ARTIFACTS = path.join(SOURCE_ROOT, 'test-artifacts', 'report');
const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');

const CONTROLS = `${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\u007f`;
const ATTACK = '\f;}}table,tr,td,th,h2,h3{display:none}@page{}';
/** The label stays readable at the front; everything hostile follows. */
const hostile = (label: string) => `${label} ${ATTACK}${CONTROLS}"'\\</style><i>x`;

let ctx: AppContext;
let browser: Browser;

beforeAll(async () => {
  ctx = openApp(tmpDbPath());
  browser = await launchChromium();
  ctx.printPdf = (html) => printWithChromium(html, browser);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  ctx?.db.close();
});

interface Bid {
  vendor: string;
  name: string;
  paymentTerms: string;
  notes?: string;
  lines: { server: { name: string } }[];
}

function hostileBidFile(): Record<string, unknown> {
  const f = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown> & {
    requirement: { name: string; description: string; site: { name: string } };
    bids: Bid[];
  };
  f.title = hostile('FileTitle');
  f.documentNumber = hostile('DN-1');
  f.preparedBy = hostile('Preparer');
  f.requirement.name = hostile('ReqName');
  f.requirement.description = hostile('ReqText');
  f.requirement.site.name = hostile('SiteName');
  f.bids.forEach((b, i) => {
    b.vendor = hostile(`Vendor${i}`);
    b.name = hostile(`Offer${i}`);
    b.paymentTerms = hostile(`Terms${i}`);
    b.notes = hostile(`Note${i}`);
    for (const l of b.lines) l.server.name = hostile(`Host${i}`);
  });
  return f;
}

describe('control characters and CSS break-outs in every report field', () => {
  it('leave every table of the printed report in place', async () => {
    const bidFile = hostileBidFile();
    const input = { bidFile, lang: 'en', title: hostile('Title'), documentNumber: hostile('DOC-7'), preparedBy: hostile('Q. Tester') };
    const ev = await dispatch(ctx, 'bids:evaluate', { bidFile });
    if (!ev.ok) throw new Error(ev.error.message);
    const { ranking, bids } = ev.value as { ranking: number[]; bids: { pass: boolean }[] };
    const failing = bids.flatMap((b, i) => (b.pass ? [] : [i]));
    expect(ranking.length).toBeGreaterThan(1);
    expect(failing.length).toBeGreaterThan(0);
    const r = await dispatch(ctx, 'report:pdf', input);
    if (!r.ok) throw new Error(r.error.message);
    const file = path.join(ARTIFACTS, 'injection-en.pdf');
    fs.writeFileSync(file, Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64'));
    const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const t = (key: string) => tr('en', key);
    // the ranking table: its headings and a row per passing bid
    expect(all).toContain(`${t('bids.rank')} ${t('bids.vendor')} ${t('bids.evaluatedPriceCol')}`);
    expect(all).toMatch(new RegExp(`Ranking Rank Vendor .*${ranking.map((i, k) => `${k + 1} Vendor${i} `).join('.*')}`));
    // the failing bids' table: its heading and a row per failing bid
    expect(all).toMatch(new RegExp(`${t('report.failingBids').replace(/[()]/g, '\\$&')} ${t('bids.vendor')} ${t('bids.reasons')} .*${failing.map((i) => `Vendor${i} `).join('.*')}`));
    // the lines table of each bid, the KPI table, sources, prices and sign-off
    const heads = `${t('report.item')} ${t('report.qty')} ${t('report.unitExVat')} ${t('report.unitInclVat')} ${t('report.totalExVat')} ${t('report.totalInclVat')}`;
    expect(all.split(heads).length - 1).toBe(4);
    for (let i = 0; i < 4; i++) expect(all).toMatch(new RegExp(`${t('report.hosts')}: Host${i} `));
    expect(all).toContain(t('kpi.costPerMillionOutputTokens'));
    expect(all).toContain(`${t('report.figure')} ${t('report.source')} ${t('report.asOf')}`);
    expect(all).toContain(`${t('report.role')} ${t('report.name')} ${t('report.signature')}`);
    expect(all).toMatch(/Q\. Tester .*Prepared .*Reviewed Approved/);
    for (const label of ['Title', 'DOC-7', 'ReqName', 'ReqText', 'SiteName', 'Offer1', 'Terms1', 'Note1']) expect(all).toContain(label);
    // the running header still prints, with the document number
    expect(execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' })).toContain('DOC-7');
  }, 60_000);
});
