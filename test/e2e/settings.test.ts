/**
 * The Settings page in real Chromium against the real handlers: FX rates, default assumptions,
 * backup and restore (each through its store); and the one catalog store: a part saved on the
 * Catalog page reaches the Optimize page's candidates without a reload.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers';
import { ARTIFACTS, screenshot, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function addRate(page: Harness['page'], currency: string, cnyPer: string, source: string) {
  const form = page.locator('.fx-add');
  await form.getByLabel('Currency').selectOption(currency);
  await form.getByLabel('CNY per unit').fill(cnyPer);
  await form.getByLabel('As of').fill('2026-11-30');
  await form.getByLabel('Source').fill(source);
  await form.getByRole('button', { name: 'Add rate' }).click();
  await page.locator('.data-table tr', { hasText: source }).waitFor();
}

describe('settings page', () => {
  it('adds an FX rate: listed on the page and kept in the database', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText(/^Database file: /).waitFor();
    await addRate(page, 'EUR', '7.9', 'Bank of China noon rate');
    const row = page.locator('.data-table tr', { hasText: 'Bank of China noon rate' });
    await expect(row.locator('td').allTextContents()).resolves.toEqual(['EUR', '7.9', '2026-11-30', 'Bank of China noon rate']);
    const history = await dispatch(h.ctx, 'fx:history', {});
    expect(history).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ currency: 'EUR', cnyPer: 7.9, source: expect.objectContaining({ title: 'Bank of China noon rate' }) })]) });
    await screenshot(page, 'settings-fx-en');
  });

  it('saves a changed supply-risk weight as a default', async () => {
    const { page } = h;
    await page.getByLabel('Foundry', { exact: true }).fill('0.25');
    await page.getByRole('button', { name: 'Save defaults' }).click();
    await page.getByText('Defaults saved.').waitFor();
    expect(await dispatch(h.ctx, 'defaults:get', {})).toMatchObject({ ok: true, value: { risk: { weights: { foundry: 0.25 } } } });
  });

  it('backs up the database, and restoring the backup brings back what it held', async () => {
    const { page } = h;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up database…' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procure-backup-\d{4}-\d{2}-\d{2}\.db$/);
    const file = path.join(ARTIFACTS, 'settings-backup.db');
    await download.saveAs(file);

    await addRate(page, 'USD', '7.3', 'Rate entered after the backup');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Restore from backup…' }).click()]);
    await chooser.setFiles(file);
    await page.getByRole('alertdialog', { name: 'Restore from backup' }).getByRole('button', { name: 'Replace all data' }).click();
    await page.getByText(/^Restored\. The previous database was kept at /).waitFor();
    // The page's own lists are read again: the rate entered after the backup is gone, the one before stays.
    await page.locator('.data-table tr', { hasText: 'Rate entered after the backup' }).waitFor({ state: 'detached' });
    await page.locator('.data-table tr', { hasText: 'Bank of China noon rate' }).waitFor();
    expect(h.errors).toEqual([]);
  });
});

describe('one catalog store', () => {
  it('a part saved on the Catalog page reaches the Optimize candidates without a reload', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/optimize`);
    const original = page.locator('.part-name', { hasText: /^Ascend 910B \(910B2-class, 64GB\)$/ });
    await original.waitFor();

    await page.evaluate(`location.hash = '#/catalog'`);
    await page.locator('[data-slug="ascend-910b"]').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Model', { exact: true }).fill('Ascend 910B (re-tested)');
    await page.getByLabel('Source title').fill('Lab re-test 2026-11');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('complementary').getByRole('heading', { name: 'Ascend 910B (re-tested)' }).waitFor();

    await page.evaluate(`location.hash = '#/optimize'`);
    await page.locator('.part-name', { hasText: /^Ascend 910B \(re-tested\)$/ }).waitFor();
    await expect(original.count()).resolves.toBe(0);
    expect(h.errors).toEqual([]);
  });
});
