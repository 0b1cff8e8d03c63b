/** The Bids page in real Chromium: open the example bid file, see the ranking, change a weight, build a set by hand, export the PDF. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { startHarness, screenshot, ARTIFACTS, type Harness } from './harness';

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.page.goto(`${h.host.url}#/bids`);
});
afterAll(() => h?.close());

/** The example's evaluation by the model itself, which the page must show. */
async function modelEvaluation(): Promise<{ ranking: number[]; bids: { vendor: string; pass: boolean; rank: number | null; totalScore: number | null }[] }> {
  const r = await dispatch(h.ctx, 'bids:evaluate', { bidFile: JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Awaited<ReturnType<typeof modelEvaluation>>;
}

async function openExample(): Promise<void> {
  const { page } = h;
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open bid file…' }).click();
  await (await chooser).setFiles(EXAMPLE);
}

/** The evaluated-price column of the bid table, in the table's order. */
const evaluatedPrices = () => h.page.locator('tr[data-bid-row] td:nth-child(4)').allTextContents();

describe('bids page', () => {
  it('opens the example bid file and shows the ranking with the failing bids unranked', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Bid comparison' }).waitFor();
    const ev = await modelEvaluation();
    const winner = ev.ranking[0]!;
    await openExample();
    await page.getByTestId('recommendation').getByText(`Recommended: ${ev.bids[winner]!.vendor}`).waitFor();
    const ranks = await page.locator('tr[data-bid-row]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-rank'), r.querySelector('.vendor')?.textContent]));
    // the ranked bids in the model's order, then the failing ones, unranked
    const failing = ev.bids.flatMap((b, i) => (b.pass ? [] : [i]));
    expect(ranks).toEqual([...ev.ranking.map((i, k) => [String(k + 1), ev.bids[i]!.vendor]), ...failing.map((i) => ['', ev.bids[i]!.vendor])]);
    expect(failing).toEqual([1, 3]);
    await expect(page.locator('tr[data-bid-row="1"]').textContent()).resolves.toMatch(/Fail.*delivery on 2027-04-06 is after the deadline 2027-03-31.*not ranked/);
    await expect(page.locator('tr[data-bid-row="3"]').textContent()).resolves.toMatch(/Fail.*serves [\d,]+ tok\/s; 20,000 tok\/s required.*not ranked/);
    await expect(page.locator(`tr[data-bid-row="${winner}"] .total`).textContent()).resolves.toBe(ev.bids[winner]!.totalScore!.toFixed(2));
    expect(await page.evaluate('document.scrollingElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'bids-en');
  });

  it('re-scores when a weight changes', async () => {
    const { page } = h;
    await page.getByLabel('Price', { exact: true }).fill('60');
    await page.getByText('The weights add up to 120 points, not 100.').waitFor();
    await page.getByLabel('Price', { exact: true }).fill('40');
    await page.getByText('Total: 100 points').waitFor();
    const ev = await modelEvaluation();
    const winner = ev.ranking[0]!;
    await expect(page.locator(`tr[data-bid-row="${winner}"] .total`).textContent()).resolves.toBe(ev.bids[winner]!.totalScore!.toFixed(2));
  });

  it('exports the PDF through a download', async () => {
    const { page } = h;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PDF' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/XB-AI-2026-017\.pdf$/);
    const file = path.join(ARTIFACTS, 'bids-export.pdf');
    await d.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kunlun Compute Partners');
    expect(text).toMatch(/Page 1 of \d+/);
    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export XLSX' }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('creates a requirement and three bids by hand, one failing, and saves the set', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '+ New bid set' }).click();
    await page.getByText('expected at least one bid').waitFor();
    await page.getByLabel('Requirement name', { exact: true }).fill('Llama inference pilot');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '+ Add bid' }).click();
    await page.getByLabel('Vendor 1', { exact: true }).fill('Alpha Systems');
    await page.getByLabel('Vendor 2', { exact: true }).fill('Beta Compute');
    await page.getByLabel('Vendor 3', { exact: true }).fill('Gamma Late Ltd');
    await page.locator('#price-2\\.1').fill('110000');
    await page.locator('#delivery-3').fill('60');
    // dates are typed and shown as YYYY-MM-DD, whatever the browser's locale; 2027/06/30 and 2026年12月1日 are read as such
    await page.getByLabel('Delivery deadline').fill('2027/06/30');
    await page.getByLabel('Award date').fill('2026年12月1日');
    await page.getByLabel('Award date').blur();
    await expect(page.getByLabel('Delivery deadline').inputValue()).resolves.toBe('2027-06-30');
    await expect(page.getByLabel('Award date').inputValue()).resolves.toBe('2026-12-01');
    await page.getByTestId('recommendation').getByText('Recommended: Beta Compute').waitFor();
    await expect(page.locator('tr[data-bid-row="2"]').textContent()).resolves.toMatch(/Fail.*after the deadline 2027-06-30/);
    await expect(page.locator('tr[data-bid-row="2"]').getAttribute('data-rank')).resolves.toBe('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Bid evaluation').waitFor();
    const saved = h.ctx.db.prepare('SELECT name, body FROM bid_set').all() as { name: string; body: string }[];
    expect(saved.map((s) => s.name)).toContain('Bid evaluation');
    expect(JSON.parse(saved[0]!.body).bids).toHaveLength(3);
    await screenshot(page, 'bids-new-en');
  });

  it('shows the page in 中文 without horizontal scrolling', async () => {
    const { page } = h;
    await openExample();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '投标比选' }).waitFor();
    const ev = await modelEvaluation();
    await page.getByText(`推荐：${ev.bids[ev.ranking[0]!]!.vendor}`).waitFor();
    await expect(page.locator('tr[data-bid-row="1"]').textContent()).resolves.toMatch(/未通过.*交货日期 2027-04-06 晚于期限 2027-03-31/);
    // Chinese writes the evaluated prices in 万元 by default (the 万元 / 元 setting's 'auto'), all in one unit
    expect(await evaluatedPrices()).toEqual(ev.bids.map(() => expect.stringMatching(/^[\d,]+\.\d\d 万元$/)));
    expect(await page.evaluate('document.scrollingElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.locator('.bids-body').evaluate((e) => e.scrollTo(0, 0));
    await screenshot(page, 'bids-zh');
    await page.getByLabel('语言').selectOption('en');
    expect(h.errors).toEqual([]);
    expect(fs.existsSync(path.join(ARTIFACTS, 'bids-zh.png'))).toBe(true);
  });

  it('writes the evaluated prices and the reasons in 万元 when the setting says so, in English too', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Bid comparison' }).waitFor();
    expect(await evaluatedPrices()).toEqual(expect.arrayContaining([expect.stringMatching(/^¥[\d,]+$/)]));
    await page.evaluate(`location.hash = '#/settings'`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('CNY amounts').selectOption('wan');
    await expect.poll(() => h.ctx.settings.get('cnyUnit')).toBe('wan');
    await page.evaluate(`location.hash = '#/bids'`);
    await openExample();
    await page.locator('tr[data-bid-row]').first().waitFor();
    const ev = await modelEvaluation();
    // one unit down the column: every bid in 万元 as soon as one reaches 100 万, the figures those of the model
    const prices = await evaluatedPrices();
    const rows = await page.locator('tr[data-bid-row]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-bid-row'))));
    expect(prices).toEqual(rows.map((i) => `${((ev.bids[i] as unknown as { evaluatedPrice: number }).evaluatedPrice / 10_000).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`));
    await expect(page.locator('tr[data-bid-row="3"] .reasons').textContent()).resolves.toMatch(/tok\/s/);
    await screenshot(page, 'bids-wan-en');
    await page.evaluate(`location.hash = '#/settings'`);
    await page.getByLabel('CNY amounts').selectOption('auto');
    await expect.poll(() => h.ctx.settings.get('cnyUnit')).toBe('auto');
    await page.evaluate(`location.hash = '#/bids'`);
    await expect.poll(async () => (await evaluatedPrices()).some((x) => /^¥/.test(x))).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
