/**
 * The Optimize page in real Chromium against the real handlers and HiGHS: fill the demand and
 * constraints, run with the job's progress on screen, see what the search proved, the
 * recommended build and the frontier chart, save it as a build; the same page in 中文 and the
 * dark theme without horizontal scrolling at 1280×800; cancel a run in both languages (the page
 * says so and stays usable); a result marked stale once an input changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeJobs } from '../../electron/jobs';
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

/** The progress bar while the job runs: wait until it names one of the run's phases (it may pass through them quickly). */
const PHASES = ['solving', 'binding', 'frontier', 'explaining'];
const progressPhase = (page: Harness['page']) =>
  expect
    .poll(() => page.locator('[data-optimize-progress]').getAttribute('data-optimize-progress', { timeout: 60_000 }), { timeout: 60_000, interval: 50 })
    .toSatisfy((phase: string | null) => PHASES.includes(phase ?? ''));

/** Whether an optimize job is still queued or running in the main process. */
const optimizeJobs = () => activeJobs().filter((j) => j.kind === 'optimize').length;

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
    // the job's progress while it runs: the phase as step n of 3 and the solves done, with Cancel
    await progressPhase(page);
    const progress = page.locator('[data-optimize-progress]');
    await expect(progress.textContent()).resolves.toMatch(/Step [123] of 3: (main solve|binding analysis|cost–risk frontier)/);
    await progress.getByRole('button', { name: 'Cancel' }).waitFor();
    await screenshot(page, 'optimize-progress-en');
    await page.locator('[data-status="optimal"]').waitFor({ timeout: 180_000 });
    await progress.waitFor({ state: 'detached' });
    // what the search proved, in words
    await expect(page.locator('[data-search="proven"]').textContent()).resolves.toMatch(/^Proven optimal in [\d.]+ s(, to within [\d.]+ %)?: no build that meets every constraint is (more than [\d.]+ % )?cheaper\./);
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
    await expect(page.locator('[data-search="proven"]').textContent()).resolves.toMatch(/^已证明最优（求解 [\d.]+ 秒/);
    // 万元 for totals in Chinese (the 万元 / 元 setting's default), the card prices below 100 万 stay in ¥
    await expect(page.locator('.kpi-grid').innerText()).resolves.toMatch(/总拥有成本 \(现值\)\s+[\d,.]+ 万元/);
    expect(await page.locator('tr[data-line] td:nth-child(5)').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^¥[\d,]+$/)]));
    expect(await noSideScroll(page)).toBe(true);
    await screenshot(page, 'optimize-zh');
    await page.getByLabel('主题').selectOption('dark');
    await screenshot(page, 'optimize-zh-dark');
    await page.getByLabel('主题').selectOption('light');

    // a run cancelled in Chinese: the page says so, the earlier answer stays, the job is gone
    await page.getByRole('button', { name: '运行优化' }).click();
    await progressPhase(page);
    await expect(page.locator('[data-optimize-progress]').textContent()).resolves.toMatch(/第 [123] 步（共 3 步）：(主求解|约束作用分析|成本–风险前沿)/);
    await screenshot(page, 'optimize-progress-zh');
    await page.locator('[data-optimize-progress]').getByRole('button', { name: '取消' }).click();
    await page.locator('[data-cancelled]').getByText('已取消本次优化运行').waitFor();
    await expect.poll(optimizeJobs).toBe(0);
    expect(await page.getByRole('button', { name: '运行优化' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存为方案' }).isEnabled()).toBe(true);
    await page.locator('[data-status="optimal"]').waitFor();
    await screenshot(page, 'optimize-cancelled-zh');
    await page.getByLabel('语言').selectOption('en');
    expect(h.errors).toEqual([]);
  }, 120_000);

  it('marks the result stale when an input changes; a cancelled run leaves the page usable', async () => {
    const { page } = h;
    await page.getByLabel('Output tokens/s to serve').fill('24000');
    await page.locator('[data-stale]').getByText('The inputs changed after this result was computed').waitFor();
    expect(await page.getByRole('button', { name: 'Save as build' }).isEnabled()).toBe(false);

    await page.getByRole('button', { name: 'Run optimizer' }).click();
    await progressPhase(page);
    await page.locator('[data-optimize-progress]').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-cancelled]').getByText('Optimizer run cancelled.').waitFor();
    await expect.poll(optimizeJobs).toBe(0);
    await page.locator('[data-optimize-progress]').waitFor({ state: 'detached' });
    // still the earlier answer, still stale, and nothing in the error banner
    await page.locator('[data-stale]').waitFor();
    expect(await page.locator('.error-banner').count()).toBe(0);
    await screenshot(page, 'optimize-cancelled-en');

    // and it runs again to the end
    await page.getByRole('button', { name: 'Run optimizer' }).click();
    await page.locator('[data-cancelled]').waitFor({ state: 'detached' });
    await page.locator('[data-optimize-progress]').waitFor({ state: 'detached', timeout: 180_000 });
    await page.locator('[data-status="optimal"]').waitFor();
    await page.locator('[data-search]').waitFor();
    expect(await page.locator('[data-stale]').count()).toBe(0);
    await expect(page.getByText(/of 24,000 tok\/s/).count()).resolves.toBe(1);
    expect(await page.getByRole('button', { name: 'Save as build' }).isEnabled()).toBe(true);
    expect(h.errors).toEqual([]);
  }, 240_000);

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
