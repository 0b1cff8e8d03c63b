/**
 * The Optimize page in real Chromium against the real handlers and HiGHS: fill the demand and
 * constraints, run, see the recommended build and the frontier chart, save it as a build, then
 * the same page in 中文 and the dark theme without horizontal scrolling at 1280×800.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** Neither the page nor any element scrolls sideways (elements that clip or scroll on purpose excepted). */
const noSideScroll = (page: Harness['page']) =>
  page.evaluate(
    `document.scrollingElement.scrollWidth <= window.innerWidth && [...document.querySelectorAll('main *')].every((e) => e.scrollWidth <= e.clientWidth + 1 || ['hidden', 'auto', 'scroll'].includes(getComputedStyle(e).overflowX))`,
  ) as Promise<boolean>;

describe('optimize page', () => {
  it('recommends a build under the constraints, with the frontier, and saves it', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/optimize`);
    await page.getByRole('heading', { name: 'Optimize a build' }).waitFor();
    await page.getByLabel('Model').selectOption('qwen3-235b-a22b');
    await page.getByLabel('Output tokens/s to serve').fill('20000');
    await page.getByLabel('Capex budget (¥)').fill('30000000');
    await page.getByLabel('Facility power cap (kW)').fill('200');
    await page.getByLabel('Max supply-risk score').fill('42');
    await page.getByLabel('Min domestic share (%)').fill('30');
    await page.getByLabel('Max share of one vendor (%)').fill('80');
    await page.getByRole('button', { name: 'Run optimizer' }).click();
    await page.locator('[data-status="optimal"]').waitFor({ timeout: 180_000 });
    const lines = page.locator('tr[data-line]');
    expect(await lines.count()).toBeGreaterThan(0);
    await expect(page.getByText(/of 20,000 tok\/s/).count()).resolves.toBe(1);
    // the limits hold and each constraint says whether it binds
    await page.locator('tr[data-constraint="risk"]').waitFor();
    await page.locator('figure[data-chart="optimize-frontier"] canvas').waitFor();
    expect(await noSideScroll(page)).toBe(true);
    await screenshot(page, 'optimize-en');
    await page.locator('.optimize-output').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await screenshot(page, 'optimize-frontier-en');
    await page.locator('.optimize-output').evaluate((e) => e.scrollTo(0, 0));

    await page.getByRole('button', { name: 'Save as build' }).click();
    await page.getByText(/Saved as build "Optimized: Qwen3/).waitFor();
    const builds = h.ctx.builds.list();
    const saved = builds.find((b) => b.name.startsWith('Optimized: Qwen3'))!;
    expect(saved.lines.length).toBe(await lines.count());
    await page.getByRole('link', { name: 'Open in Builds' }).click();
    await page.getByRole('heading', { name: 'Cluster builds' }).waitFor();
    await page.getByRole('button', { name: saved.name }).waitFor();
    expect(h.errors).toEqual([]);
  }, 240_000);

  it('shows the answer in 中文 and the dark theme without sideways scrolling', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/optimize`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '优化推荐方案' }).waitFor();
    await page.getByText('推荐方案', { exact: true }).first().waitFor();
    await page.getByText('各供应风险上限下的最低 TCO').or(page.locator('figure[data-chart="optimize-frontier"]')).first().waitFor();
    expect(await noSideScroll(page)).toBe(true);
    await screenshot(page, 'optimize-zh');
    await page.getByLabel('主题').selectOption('dark');
    await screenshot(page, 'optimize-zh-dark');
    await page.getByLabel('主题').selectOption('light');
    await page.getByLabel('语言').selectOption('en');
  }, 120_000);

  it('explains an infeasible problem', async () => {
    const { page } = h;
    await page.getByLabel('Capex budget (¥)').fill('1000000');
    await page.getByRole('button', { name: 'Run optimizer' }).click();
    await page.locator('[data-status="infeasible"]').waitFor({ timeout: 180_000 });
    await page.getByText(/Raise the capex budget to at least ¥/).waitFor();
    await screenshot(page, 'optimize-infeasible-en');
    expect(h.errors).toEqual([]);
  }, 240_000);
});
