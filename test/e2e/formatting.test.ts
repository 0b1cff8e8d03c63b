/** Numbers on screen as people write them (shared/format): catalog figures, rates typed as percentages, site prices as money. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const cell = (slug: string, n: number) => `[data-slug="${slug}"] [role="cell"]:nth-child(${n})`;

describe('formatting on screen', () => {
  it('catalog figures carry separators and per-quantity decimals', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/catalog`);
    await page.getByRole('searchbox').fill('MI250X');
    await page.locator('[data-slug="amd-mi250x"]').waitFor();
    const header = await page.locator('.grid-head [role="columnheader"]').allTextContents();
    const col = (re: RegExp) => header.findIndex((x) => re.test(x)) + 1;
    expect(await page.locator(cell('amd-mi250x', col(/bandwidth|带宽/i))).textContent()).toBe('3.28');
    await page.getByRole('searchbox').fill('B200');
    await page.locator('[data-slug="nvidia-b200"]').waitFor();
    expect(await page.locator(cell('nvidia-b200', col(/TDP/i))).textContent()).toBe('1,000');
    await page.getByRole('searchbox').fill('');
  });

  it('finance rates are typed and shown as percentages; sites show their power price as money', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/settings`); // the default assumptions: the same editor as each build's
    const rate = page.getByLabel('Discount rate (%)');
    await rate.waitFor();
    expect(await rate.inputValue()).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(await rate.inputValue())).toBeGreaterThan(1); // a percentage, not the fraction 0.06
    expect(Number(await page.getByLabel('Utilisation (%)').inputValue())).toBeGreaterThan(1);
    // The site list arrives after the form: wait for a site option before reading them all.
    await page.locator('option', { hasText: /\/kWh\)$/ }).first().waitFor({ state: 'attached' });
    const options = await page.locator('option').allTextContents();
    expect(options.some((o) => /\(¥0\.\d\d\/kWh\)$/.test(o))).toBe(true);
    expect(options.some((o) => /CNY\/kWh/.test(o))).toBe(false);
  });
});
