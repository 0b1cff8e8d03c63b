/** The catalog page in real Chromium against the real handlers and a temp database. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, screenshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('catalog page', () => {
  it('lists the seed catalog', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Accelerator catalog' }).waitFor();
    await page.locator('[data-slug="ascend-910b"]').waitFor();
    await expect(page.getByText(/of \d+ accelerators/).textContent()).resolves.toMatch(/(\d+) of \1 accelerators/);
    await screenshot(page, 'catalog-en');
  });

  it('filters to Ascend and shows a part\'s sources', async () => {
    const { page } = h;
    await page.getByRole('searchbox').fill('Ascend');
    await expect(page.getByText(/of \d+ accelerators/).textContent()).resolves.toMatch(/^[3-6] of/);
    const vendors = await page.locator('.grid-row.body [role="cell"]:first-child').allTextContents();
    expect(new Set(vendors)).toEqual(new Set(['Huawei']));
    await page.locator('[data-slug="ascend-910b"]').click();
    const panel = page.getByRole('complementary');
    await panel.getByText('Figures and sources').waitFor();
    await expect(panel.locator('[data-figure="memoryBandwidthTBps"]').textContent()).resolves.toMatch(/TB\/s.*As of \d{4}-\d{2}-\d{2}/);
    expect(await panel.locator('.badge.estimate').count()).toBeGreaterThan(0);
    await screenshot(page, 'catalog-ascend-detail-en');
  });

  it('filters by vendor and origin with the selects', async () => {
    const { page } = h;
    await page.getByRole('searchbox').fill('');
    await page.getByLabel('Vendor', { exact: true }).selectOption('NVIDIA');
    const nv = await page.locator('.grid-row.body').count();
    expect(nv).toBeGreaterThanOrEqual(8);
    await page.getByLabel('Vendor', { exact: true }).selectOption('');
    await page.getByLabel('Origin').selectOption('domestic');
    await expect(page.locator('[data-slug="mlu590"]').count()).resolves.toBe(1);
    await page.getByLabel('Vendor', { exact: true }).selectOption('NVIDIA');
    await expect(page.getByText(/of \d+ accelerators/).textContent()).resolves.toMatch(/^0 of/);
    await page.getByLabel('Vendor', { exact: true }).selectOption('');
    await page.getByLabel('Origin').selectOption('');
  });

  it('finds Huawei by 华为, sorts by a column both ways, and shows a hidden column', async () => {
    const { page } = h;
    await page.getByRole('searchbox').fill('华为');
    await expect(page.getByText(/of \d+ accelerators/).textContent()).resolves.toMatch(/^[3-9] of/);
    expect(new Set(await page.locator('.grid-row.body [role="cell"]:first-child').allTextContents())).toEqual(new Set(['Huawei']));
    await page.getByRole('searchbox').fill('');
    const tdp = page.getByRole('columnheader', { name: /TDP/ });
    const tdps = async () => (await page.locator('.grid-row.body [role="cell"]:nth-child(9)').allTextContents()).map((x) => Number(x.replace(/,/g, '')));
    // a figure sorts largest first, then smallest first
    await tdp.click();
    await expect(tdp.getAttribute('aria-sort')).resolves.toBe('descending');
    const down = await tdps();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await tdp.click();
    await expect(tdp.getAttribute('aria-sort')).resolves.toBe('ascending');
    const up = await tdps();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(down[0]).toBeGreaterThan(up[0]!);
    await page.getByRole('button', { name: /Columns/ }).click();
    await page.getByRole('menuitemcheckbox', { name: /^Year$/ }).locator('input').check();
    await page.getByRole('columnheader', { name: /^Year$/ }).waitFor();
    await page.getByRole('menuitemcheckbox', { name: /^Year$/ }).locator('input').uncheck();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: /^Vendor/ }).click();
  });

  it('edits a figure with validation, and the edit survives a reload', async () => {
    const { page } = h;
    await page.locator('[data-slug="ascend-910b"]').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const bw = page.getByLabel('Memory bandwidth (TB/s)');
    await bw.fill('-3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.field.invalid').first().waitFor();
    expect(await page.locator('.field-error').first().textContent()).toMatch(/>|greater|positive/i);
    await screenshot(page, 'catalog-edit-validation-en');
    await bw.fill('1.8');
    await page.getByLabel('Source title').fill('Vendor briefing 2026-11');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    await page.reload();
    await page.locator('[data-slug="ascend-910b"]').click();
    const fig = page.getByRole('complementary').locator('[data-figure="memoryBandwidthTBps"]');
    await expect(fig.textContent()).resolves.toMatch(/1\.8 TB\/s.*Vendor briefing 2026-11/);
    expect(h.ctx.accelerators.get('ascend-910b')!.memoryBandwidthTBps).toBe(1.8);
  });

  it('adds a new accelerator, with messages next to the wrong fields', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add accelerator' }).click();
    await page.getByLabel('Slug (id)').fill('Bad Slug!');
    await page.getByLabel('Vendor', { exact: true }).last().fill('Example Chips');
    await page.getByLabel('Model', { exact: true }).fill('EX-1');
    await page.getByLabel('Source title').fill('Example Chips EX-1 product brief');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#f-slug-err').waitFor();
    await page.getByLabel('Slug (id)').fill('example-ex-1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('complementary').getByRole('heading', { name: 'EX-1' }).waitFor();
    expect(h.ctx.accelerators.get('example-ex-1')).toMatchObject({ vendor: 'Example Chips', origin: 'user' });
  });

  it('switches to 中文 and back', async () => {
    const { page } = h;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '加速卡目录' }).waitFor();
    await expect(page.getByRole('complementary').textContent()).resolves.toMatch(/参数与来源/);
    await screenshot(page, 'catalog-zh');
    await page.reload();
    await page.getByRole('heading', { name: '加速卡目录' }).waitFor();
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Accelerator catalog' }).waitFor();
  });

  it('follows the dark theme', async () => {
    const { page } = h;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screenshot(page, 'catalog-dark-en');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(h.errors).toEqual([]);
  });
});
