/**
 * Builds and Compare in real Chromium: build an Ascend-only and a mixed H20 + 910B build, check
 * the numbers on screen equal `procure evaluate` on the scenario files saved from the UI,
 * compare them, switch to 中文, delete a build and undo.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startHarness, screenshot, type Harness } from './harness';
import { runProcure } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { KPIS, formatKpi } from '../../shared/report/kpis';
import type { Page } from 'playwright-core';

let h: Harness;
const downloads = tmpDir('procure-downloads-');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function pickPart(page: Page, lineIndex: number, query: string) {
  const input = page.getByRole('combobox', { name: `Accelerator ${lineIndex + 1}` });
  await input.click();
  await input.fill(query);
  await page.locator('.picker-list [role="option"]').first().click();
}

async function setCount(page: Page, lineIndex: number, count: number) {
  await page.locator(`tr[data-line="${lineIndex}"] td.count input`).fill(String(count));
}

async function saveScenario(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save scenario' }).click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function cliEvaluate(file: string) {
  const r = await runProcure(['evaluate', file, '--json', '--db', h.dbPath]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { builds: Record<string, unknown>[] };
}

async function kpiText(page: Page, key: string) {
  return (await page.locator(`[data-kpi="${key}"] dd`).textContent())?.trim();
}

describe('builds and compare', () => {
  it('creates an Ascend-only build whose KPIs equal procure evaluate', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Builds' }).click();
    await page.getByRole('button', { name: '+ New build' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ascend only');
    await pickPart(page, 0, '910B');
    await setCount(page, 0, 32);
    await page.locator('[data-kpi="capex"] dd').waitFor();
    await page.waitForTimeout(600); // the edit persists after a pause
    const file = await saveScenario(page);
    const json = await cliEvaluate(file);
    const b = json.builds[0]!;
    expect(b.cards).toBe(32);
    for (const k of KPIS.filter((x) => x.unit !== 'text' && x.key !== 'cards')) {
      const expected = formatKpi(k.unit, k.value(b as never), 'CNY', 'en');
      expect(await kpiText(page, k.key), k.key).toBe(expected);
    }
    // each line's engine and step breakdown, as procure evaluate --json reports them
    const line = (b.lines as { engine: { name: string }; step: { totalMs: number; fixedMs: number; dominant: string } }[])[0]!;
    const ms2 = (v: number) => `${v.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ms`;
    const step = page.locator('[data-line-result="0"] [data-step-breakdown]');
    expect(await step.locator('[data-engine]').textContent()).toContain(`Serving engine: ${line.engine.name}`);
    expect(await step.locator('[data-step="total"] td').textContent()).toBe(ms2(line.step.totalMs));
    expect(await step.locator('[data-step="fixed"] td').textContent()).toBe(ms2(line.step.fixedMs));
    expect(line.step.fixedMs).toBeGreaterThan(0);
    await screenshot(page, 'builds-ascend-en');
  });

  it('creates a mixed H20 + 910B build and updates KPIs as the count changes', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '+ New build' }).click();
    // The new build is made by the database first: type its name once it is the one on screen.
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Build 2');
    await page.getByLabel('Name', { exact: true }).fill('H20 + 910B');
    await pickPart(page, 0, 'H20');
    await setCount(page, 0, 16);
    await page.getByRole('button', { name: '+ Add accelerator' }).click();
    await pickPart(page, 1, '910B');
    await setCount(page, 1, 16);
    const before = await kpiText(page, 'capex');
    await setCount(page, 1, 24);
    await expect.poll(() => kpiText(page, 'capex')).not.toBe(before);
    await page.waitForTimeout(600);
    const json = await cliEvaluate(await saveScenario(page));
    const b = json.builds[0]!;
    expect(b.cards).toBe(40);
    expect(await kpiText(page, 'tco')).toBe(formatKpi('money', b.tco as number, 'CNY', 'en'));
    expect(await kpiText(page, 'costPerMillionOutputTokens')).toBe(formatKpi('moneyPerMTok', b.costPerMillionOutputTokens as number, 'CNY', 'en'));
    await screenshot(page, 'builds-mixed-en');
    // Saved to the database, not only in the page.
    expect(h.ctx.builds.list().map((x) => x.name)).toEqual(['Ascend only', 'H20 + 910B']);
  });

  it('compares them with the best value highlighted and charts in both languages', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.locator('table.kpi-table').waitFor();
    expect(await page.locator('table.kpi-table thead th').allTextContents()).toEqual(['KPI', 'Ascend only', 'H20 + 910B']);
    expect(await page.locator('tr[data-kpi="tco"] td.best').count()).toBe(1);
    expect(await page.locator('[data-chart]').count()).toBe(5);
    await screenshot(page, 'compare-en');
    // Export the comparison as a PDF and read it back.
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Export PDF' }).click()]);
    const pdfFile = path.join(downloads, pdf.suggestedFilename());
    await pdf.saveAs(pdfFile);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ascend only');
    expect(text).toContain('H20 + 910B');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '方案对比' }).waitFor();
    const chartLabels = await page.locator('[data-chart] [role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(chartLabels).toContain('总拥有成本构成（现值）');
    expect(chartLabels).toContain('每百万 token 成本与吞吐量');
    await page.getByRole('button', { name: '以表格显示' }).first().click();
    await expect(page.locator('table.data-table caption').first().textContent()).resolves.toBe('总拥有成本构成（现值）');
    await screenshot(page, 'compare-zh');
    await page.getByLabel('语言').selectOption('en');
  });

  it('deletes a build and undoes it', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Builds' }).click();
    await page.locator('.build-list button', { hasText: 'Ascend only' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('Deleted "Ascend only".').waitFor();
    expect(h.ctx.builds.list().map((x) => x.name)).toEqual(['H20 + 910B']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.build-list button', { hasText: 'Ascend only' }).waitFor();
    expect(h.ctx.builds.list().map((x) => x.name).sort()).toEqual(['Ascend only', 'H20 + 910B']);
  });

  it('shows the Builds page in Chinese', async () => {
    const { page } = h;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '集群方案' }).waitFor();
    const step = page.locator('[data-line-result="0"] [data-step-breakdown]');
    expect(await step.locator('[data-engine]').textContent()).toMatch(/^推理引擎: /);
    expect(await step.locator('[data-step="fixed"] th').textContent()).toBe('固定开销');
    await screenshot(page, 'builds-zh');
    await page.getByLabel('语言').selectOption('en');
    expect(h.errors).toEqual([]);
    fs.rmSync(downloads, { recursive: true, force: true });
  });
});
