/**
 * Feedback and habits in real Chromium against the real handlers: toasts when something is done,
 * the in-app confirm dialog before a restore (Escape cancels), the keyboard shortcut overlay in
 * both languages, Ctrl+S saving the Builds page's scenario, and "Save all builds" as one scenario
 * file that `procure evaluate` and Open scenario both read back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers';
import { runProcure } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { screenshot, startHarness, type Harness } from './harness';

let h: Harness;
const downloads = tmpDir('procure-feedback-');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (an open dialog included). */
async function axeSerious(): Promise<string[]> {
  const { page } = h;
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const r = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] })`)) as { violations: { id: string; impact: string | null }[] };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}`);
}

async function call(channel: string, input: unknown) {
  const r = await dispatch(h.ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('toasts and the confirm dialog', () => {
  it('says the backup is done, and asks before a restore in the app (Escape cancels, the confirm button restores)', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/settings`);
    await page.getByText(/^Database file: /).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up database…' }).click()]);
    const toast = page.locator('[aria-live="polite"] [data-toast="done"]', { hasText: `Backup saved as ${download.suggestedFilename()}` });
    await toast.waitFor();
    await screenshot(page, 'feedback-toast-en');
    // a toast keeps its key, not its text: switching the language retranslates it while it is open
    const language = page.locator('nav.sidebar select').first();
    await language.selectOption('zh-CN');
    await page.locator('[data-toast="done"]', { hasText: `备份已保存为 ${download.suggestedFilename()}` }).waitFor();
    await language.selectOption('en');
    await toast.waitFor();
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);

    // no browser confirm(): a dialog would fail the test
    page.on('dialog', (d) => {
      h.errors.push(`browser dialog: ${d.message()}`);
      void d.dismiss();
    });
    const restoreButton = page.getByRole('button', { name: 'Restore from backup…' });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), restoreButton.click()]);
    await chooser.setFiles(file);
    const dialog = page.getByRole('alertdialog', { name: 'Restore from backup' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await expect.poll(() => page.evaluate<string | null | undefined>('document.activeElement?.textContent')).toBe('Replace all data');
    await screenshot(page, 'feedback-confirm-en');
    expect(await axeSerious()).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByText(/^Restored\./).count()).toBe(0);

    const [again] = await Promise.all([page.waitForEvent('filechooser'), restoreButton.click()]);
    await again.setFiles(file);
    await dialog.getByRole('button', { name: 'Replace all data' }).click();
    await page.locator('[data-toast="done"]', { hasText: /^Database restored\. The previous one was kept at / }).waitFor();
    expect(h.errors).toEqual([]);
  });
});

describe('keyboard shortcuts', () => {
  it('opens the help overlay with ? and Ctrl+/, in English and 中文, and Escape closes it', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/builds`);
    await page.getByRole('heading', { name: 'Builds' }).waitFor();
    await page.locator('body').click();
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.locator('kbd').allTextContents()).toEqual(['Ctrl+S', 'Ctrl+O', 'Ctrl+F', 'Ctrl+Z', 'Ctrl+P', '? · Ctrl+/']);
    await screenshot(page, 'feedback-shortcuts-en');
    expect(await axeSerious()).toEqual([]);
    // focus stays inside the overlay
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>('!!document.activeElement?.closest(\'[role="dialog"]\')')).toBe(true);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.keyboard.press('Control+/');
    const zh = page.getByRole('dialog', { name: '键盘快捷键' });
    await zh.waitFor();
    await zh.getByText('撤销上一次删除或导入').waitFor();
    await screenshot(page, 'feedback-shortcuts-zh');
    await page.keyboard.press('Escape');
    await zh.waitFor({ state: 'detached' });
    await page.getByLabel('语言').selectOption('en');
  });

  it('Ctrl+S saves the selected build as a scenario, even while typing in its name', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '+ New build' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Shortcut build');
    const [download] = await Promise.all([page.waitForEvent('download'), name.press('Control+s')]);
    expect(download.suggestedFilename()).toBe('Shortcut build.procure.json');
    const file = path.join(downloads, 'shortcut.procure.json');
    await download.saveAs(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ builds: [{ name: 'Shortcut build' }] });
    await page.locator('[data-toast="done"]', { hasText: 'Scenario saved as Shortcut build.procure.json' }).waitFor();
  });

  it('Ctrl+Z brings back a deleted build; Ctrl+F focuses the catalog search', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('Deleted "Shortcut build".').waitFor();
    await page.locator('body').click();
    await page.keyboard.press('Control+z');
    await page.locator('[data-toast="done"]', { hasText: 'Build “Shortcut build” restored' }).waitFor();
    await page.locator('.build-list button', { hasText: 'Shortcut build' }).waitFor();
    // Ctrl+O: the page's Open scenario (a file chooser; in the desktop app the File menu's)
    await page.locator('body').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.keyboard.press('Control+o')]);
    expect(chooser.isMultiple()).toBe(false);
    await chooser.setFiles([]);

    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.locator('main input[type="search"]').waitFor();
    await page.locator('body').click();
    await page.keyboard.press('Control+f');
    expect(await page.evaluate<string | undefined>('document.activeElement?.type')).toBe('search');
  });
});

describe('save all builds', () => {
  it('writes every build into one scenario file that procure evaluate and Open scenario read back', async () => {
    const { page } = h;
    for (const b of h.ctx.builds.list()) await call('builds:delete', { id: b.id });
    await call('builds:create', { name: 'All A', lines: [{ accelerator: 'ascend-910b', count: 16, role: 'both' }] });
    await call('builds:create', { name: 'All B', lines: [{ accelerator: 'nvidia-h20', count: 24, role: 'both' }] });
    await page.goto(`${h.host.url}#/builds`);
    await page.reload();
    await page.locator('.build-list button', { hasText: 'All B' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save all builds' }).click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    await page.locator('[data-toast="done"]', { hasText: `Saved 2 build(s) as ${download.suggestedFilename()}` }).waitFor();
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { builds: { name: string }[] };
    expect(saved.builds.map((b) => b.name)).toEqual(['All A', 'All B']);

    const r = await runProcure(['evaluate', file, '--json', '--db', h.dbPath]);
    expect(r.code, r.err).toBe(0);
    const evaluated = JSON.parse(r.out) as { builds: { name: string; cards: number; tco: number }[] };
    expect(evaluated.builds.map((b) => [b.name, b.cards])).toEqual([
      ['All A', 16],
      ['All B', 24],
    ]);

    // Open scenario makes the same two builds again, with the same figures
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open scenario…' }).click()]);
    await chooser.setFiles(file);
    await page.getByText(`Opened 2 build(s) from ${download.suggestedFilename()}`).waitFor();
    const names = h.ctx.builds.list().map((b) => b.name);
    expect(names.filter((n) => n === 'All A')).toHaveLength(2);
    expect(names.filter((n) => n === 'All B')).toHaveLength(2);
    const again = await runProcure(['evaluate', file, '--json', '--db', h.dbPath]);
    expect((JSON.parse(again.out) as { builds: { tco: number }[] }).builds.map((b) => b.tco)).toEqual(evaluated.builds.map((b) => b.tco));
    expect(h.errors).toEqual([]);
  });

  it('refuses with the assumption named when the builds differ', async () => {
    const { page } = h;
    const a = h.ctx.builds.list()[0]!;
    await call('builds:update', { id: a.id, assumptions: { ...a.assumptions, finance: { ...a.assumptions.finance, years: 3 } } });
    await page.reload();
    await page.locator('.build-list button').first().waitFor();
    await page.getByRole('button', { name: 'Save all builds' }).click();
    await page.locator('[data-toast="failed"]', { hasText: 'differs from' }).filter({ hasText: 'finance' }).waitFor();
  });
});

describe('near-tie note in Bids', () => {
  const EXAMPLE = path.join(process.cwd(), 'examples', 'bids-deepseek-v3-cluster.json');
  type Ev = { ranking: number[]; bids: { label: string; totalScore: number | null }[] };
  type BidFile = { bids: { lines: { unitPrice: { amount: number }; server?: { price?: { amount: number } } }[] }[] };

  /** The example with the runner-up's prices scaled by k. */
  const scaled = (k: number): BidFile => {
    const f = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as BidFile;
    for (const l of f.bids[runnerUp]!.lines) {
      l.unitPrice.amount = Math.round(l.unitPrice.amount * k);
      if (l.server?.price) l.server.price.amount = Math.round(l.server.price.amount * k);
    }
    return f;
  };
  let runnerUp = 0;
  const evaluate = async (f: unknown) => (await call('bids:evaluate', { bidFile: f })) as Ev;
  const gapOf = (ev: Ev) => Math.round((ev.bids[ev.ranking[0]!]!.totalScore! - ev.bids[ev.ranking[1]!]!.totalScore!) * 100) / 100;

  /** A bid set whose two best bids lie `target` points apart, found by bisection on the runner-up's prices. */
  async function withGap(target: number): Promise<{ file: BidFile; ev: Ev }> {
    let lo = 0.5;
    let hi = 1.5;
    for (let n = 0; n < 40; n++) {
      const mid = (lo + hi) / 2;
      const ev = await evaluate(scaled(mid));
      // too far behind (or priced out of the ranking): cheaper; ahead or too close: dearer
      if (ev.ranking[1] !== runnerUp ? ev.ranking[0] !== runnerUp : gapOf(ev) > target) hi = mid;
      else lo = mid;
    }
    const file = scaled(hi);
    return { file, ev: await evaluate(file) };
  }

  async function open(file: BidFile, name: string) {
    const { page } = h;
    const p = path.join(downloads, name);
    fs.writeFileSync(p, JSON.stringify(file));
    await page.goto(`${h.host.url}#/bids`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open bid file…' }).click()]);
    await chooser.setFiles(p);
    await page.getByTestId('recommendation').waitFor();
  }

  it('appears when the two best valid bids are within 0.5 points and not when they are further apart, in both languages', async () => {
    const { page } = h;
    const base = await evaluate(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')));
    runnerUp = base.ranking[1]!;
    const near = await withGap(0.05);
    expect(near.ev.ranking[1]).toBe(runnerUp);
    const gap = gapOf(near.ev);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThanOrEqual(0.5);
    await open(near.file, 'near-tie.json');
    const first = near.ev.bids[near.ev.ranking[0]!]!.label;
    const second = near.ev.bids[runnerUp]!.label;
    await page.getByTestId('near-tie').getByText(`Scores within 0.5 points (${first} ${gap.toFixed(2)} ahead of ${second}): check the price and technical scores before the award.`).waitFor();
    await screenshot(page, 'feedback-near-tie-en');
    // the bid PDF says it under the recommendation, and the export says it is done
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: 'Export PDF' }).click()]);
    const pdfFile = path.join(downloads, pdf.suggestedFilename());
    await pdf.saveAs(pdfFile);
    await page.locator('[data-toast="done"]', { hasText: `Exported ${pdf.suggestedFilename()}` }).waitFor();
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('check the price and technical scores before the award');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByTestId('near-tie').getByText('定标前请复核价格分与技术分', { exact: false }).waitFor();
    await screenshot(page, 'feedback-near-tie-zh');
    await page.getByLabel('语言').selectOption('en');

    const far = await withGap(0.61);
    expect(gapOf(far.ev)).toBeGreaterThan(0.5);
    await open(far.file, 'no-tie.json');
    expect(await page.getByTestId('near-tie').count()).toBe(0);
  });
});

describe('open example', () => {
  it('opens a shipped scenario on Builds and the bid set on Bids, in English and 中文', async () => {
    const { page } = h;
    const scenario = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'examples', 'deepseek-v3-ascend.procure.json'), 'utf8')) as { builds: { name: string }[] };
    await page.goto(`${h.host.url}#/builds`);
    await page.reload();
    const menu = page.getByLabel('Open example');
    await menu.locator('option', { hasText: /./ }).nth(1).waitFor({ state: 'attached' });
    await menu.selectOption({ value: 'deepseek-v3-ascend.procure.json' });
    await page.locator('[data-toast="done"]', { hasText: 'Opened the example deepseek-v3-ascend.procure.json' }).waitFor();
    for (const b of scenario.builds) await page.locator('.build-list button', { hasText: b.name }).first().waitFor();
    await page.locator('[data-kpi="tco"] dd').waitFor();
    expect(h.ctx.builds.list().map((b) => b.name)).toEqual(expect.arrayContaining(scenario.builds.map((b) => b.name)));
    await screenshot(page, 'feedback-open-example-en');

    await page.goto(`${h.host.url}#/bids`);
    await page.getByLabel('Language').selectOption('zh-CN');
    const zh = page.getByLabel('打开示例');
    await zh.locator('option').nth(1).waitFor({ state: 'attached' });
    expect(await zh.locator('option').allTextContents()).toEqual(['打开示例', 'DeepSeek-V3 推理集群：四家投标评审', '投标模板：DeepSeek-V3 推理集群：四家投标评审']);
    // the example's bid template (XLSX a supplier fills in), without opening it first
    const [template] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), zh.selectOption({ value: 'template:bids-deepseek-v3-cluster.json' })]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = path.join(downloads, 'template.xlsx');
    await template.saveAs(xlsx);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await zh.selectOption({ value: 'bids-deepseek-v3-cluster.json' });
    await page.locator('[data-toast="done"]', { hasText: '已打开示例 bids-deepseek-v3-cluster.json' }).waitFor();
    await page.getByTestId('recommendation').waitFor();
    await screenshot(page, 'feedback-open-example-zh');
    await page.getByLabel('语言').selectOption('en');
    expect(h.errors).toEqual([]);
  });
});

describe('compare export by value', () => {
  const lines = [{ accelerator: 'ascend-910b', count: 16, role: 'both' as const }];
  const ningxia = { name: 'Ningxia Zhongwei', powerPricePerKWh: 0.25, currency: 'CNY', pue: 1.2, jurisdiction: 'CN', rackCostPerYear: 24000, infraCostPerKW: 9000 };

  it('exports builds whose assumptions are equal by value (a custom site with the Western China preset’s numbers)', async () => {
    const { page } = h;
    for (const b of h.ctx.builds.list()) await call('builds:delete', { id: b.id });
    const a = (await call('builds:create', { name: 'Preset site', lines })) as { assumptions: Record<string, unknown> };
    expect(a.assumptions.site).toBe('west-china');
    await call('builds:create', { name: 'Custom site', lines, assumptions: { ...a.assumptions, site: ningxia } });
    await page.goto(`${h.host.url}#/compare`);
    await page.reload();
    await page.locator('table.kpi-table').waitFor();
    expect(await page.locator('[data-assumptions-differ]').count()).toBe(0);
    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.locator('[data-toast="done"]', { hasText: `Exported ${xlsx.suggestedFilename()}` }).waitFor();
  });

  it('names the assumption that truly differs and applies the first build’s assumptions to all after asking', async () => {
    const { page } = h;
    const custom = h.ctx.builds.list().find((b) => b.name === 'Custom site')!;
    await call('builds:update', { id: custom.id, assumptions: { ...custom.assumptions, site: { ...ningxia, pue: 1.3 } } });
    await page.reload();
    const note = page.locator('[data-assumptions-differ]');
    await note.waitFor();
    expect(await note.getAttribute('data-assumptions-differ')).toBe('site.pue');
    expect(await note.textContent()).toBe('PDF/XLSX export needs one set of assumptions: “Custom site” differs from “Preset site” in site (site.pue).');
    expect(await page.getByRole('button', { name: 'Export PDF' }).isDisabled()).toBe(true);
    await screenshot(page, 'feedback-compare-differ-en');
    await page.getByRole('button', { name: 'Apply the assumptions of “Preset site” to all' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Apply the assumptions to all compared builds' });
    await dialog.getByRole('button', { name: 'Apply to all' }).click();
    await note.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Export PDF' }).isDisabled()).toBe(false);
    await expect.poll(() => h.ctx.builds.list().find((b) => b.name === 'Custom site')!.assumptions.site, { timeout: 10_000 }).toBe('west-china');

    await page.getByLabel('Language').selectOption('zh-CN');
    const zhCustom = h.ctx.builds.list().find((b) => b.name === 'Custom site')!;
    await call('builds:update', { id: zhCustom.id, assumptions: { ...zhCustom.assumptions, finance: { ...(zhCustom.assumptions.finance as object), years: 3 } } });
    await page.reload();
    await page.locator('[data-assumptions-differ="finance.years"]', { hasText: '导出 PDF/XLSX 需要同一组假设：“Custom site”与“Preset site”的财务不同' }).waitFor();
    await screenshot(page, 'feedback-compare-differ-zh');
    await page.getByLabel('语言').selectOption('en');
  });
});
