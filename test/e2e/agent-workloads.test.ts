/**
 * Agent-era workloads on the Builds page in real Chromium: the coding-agent example opened,
 * its per-workload results, MTP and self-host vs API shown as `procure evaluate` computes them,
 * the preset menu applying a preset, in English and Chinese (screenshots kept).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, screenshot, type Harness } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { formatKpi } from '../../shared/report/kpis';

let h: Harness;
const FILE = 'deepseek-v3-coding-agent.procure.json';

beforeAll(async () => {
  h = await startHarness();
  const text = fs.readFileSync(path.join(SOURCE_ROOT, 'examples', FILE), 'utf8');
  const r = await dispatch(h.ctx, 'scenario:import', { fileName: FILE, text });
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(() => h?.close());

describe('agent-era workloads on the Builds page', () => {
  it('shows each workload of the mix, MTP and the API comparison', async () => {
    const { page } = h;
    await page.goto(h.host.url);
    await page.getByRole('link', { name: 'Builds' }).click();
    await page.locator('.build-list button', { hasText: 'H20 x128' }).click();
    const rows = page.locator('[data-section="workloads"] li');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const agent = (await page.locator('[data-workload="coding-agent"]').textContent()) ?? '';
    expect(agent).toContain('Coding agent');
    expect(agent).toContain('75.0 %');
    expect(agent).toContain('12 turns');
    expect(agent).toContain('KV reload');
    expect(await page.locator('[data-section="self-host-vs-api"]').textContent()).toContain('API bill per year');
    expect(await page.getByText('1.85 output tokens per decode step').count()).toBe(1);
    // the KPI equals the evaluation's
    const r = await dispatch(h.ctx, 'scenario:evaluate', { scenario: JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', FILE), 'utf8')), sensitivity: false });
    if (!r.ok) throw new Error('evaluate failed');
    const b = (r.value as { builds: { name: string; costPerMillionInputTokens: number | null }[] }).builds.find((x) => x.name === 'H20 x128')!;
    expect((await page.locator('[data-kpi="costPerMillionInputTokens"] dd').textContent())?.trim()).toBe(formatKpi('moneyPerMTok', b.costPerMillionInputTokens, 'CNY', 'en'));
    await page.locator('[data-section="workloads"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-workloads-en');
    await page.locator('[data-section="mix"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-workloads-editor-en');
  });

  it('applies a preset and shows its source', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '+ New build' }).click();
    await page.getByLabel('Workload preset', { exact: true }).selectOption('reasoning');
    await page.locator('[data-preset-source="reasoning"]').waitFor();
    expect(await page.getByLabel('Output tokens', { exact: true }).inputValue()).toBe('8000');
    await screenshot(page, 'agent-preset-en');
  });

  it('in Chinese', async () => {
    const { page } = h;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.locator('.build-list button', { hasText: 'H20 x128' }).click();
    await page.locator('[data-workload="coding-agent"]').waitFor();
    expect(await page.locator('[data-workload="coding-agent"]').textContent()).toContain('编程智能体');
    await page.locator('[data-section="workloads"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-workloads-zh');
    await page.locator('[data-section="mix"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-workloads-editor-zh');
    await page.getByLabel('语言').selectOption('en');
    expect(h.errors).toEqual([]);
  });
});
