/**
 * The zh-CN UI in Chinese: every page, and the states the page walk does not reach (an error
 * banner from a scenario that does not resolve, a file the importer cannot read, import rows
 * with their reasons), show no English words but the user's own data (part, vendor, server,
 * site and supplier names, the file's own texts) and a short list of units and technical terms.
 * A provoked main-process error shows its Chinese text (it travels as a key, shared/i18n errors.*).
 * And the 万元 / 元 setting, chosen in Settings, changes how Compare writes totals.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, screenshot, type Harness } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { zhCN } from '../../shared/i18n/zh-CN';
import { tmpDir } from '../helpers/tmp';
import { MODEL_PRESETS } from '../../shared/model/presets';
import { ENGINE_PROFILES } from '../../shared/model/engines';
import { STORED_PHRASES } from '../../shared/domain/stored-words';

const EXAMPLE = 'deepseek-v3-mixed.procure.json';

/** Units, acronyms and technical terms a Chinese procurement team writes in Latin letters. */
const TERMS = new Set(
  (
    'PDF XLSX CSV TSV TXT JSON Excel xlsx csv tsv txt json procure API URL ' +
    'TCO Capex Opex TPOT TTFT MTP MoE KV PUE MBU MFU FP FP8 BF16 FP16 INT8 TFLOPS TOPS TDP HBM DRAM GDDR LPDDR PCIe SXM OAM ' +
    'kWh kW GB TB tok tokens token CNY USD EUR HKD JPY RMB UTC Prefill Decode English PostgreSQL libpq pgpass PGPASSWORD ' +
    'CUDA ROCm CANN Neuware GPU CPU XPU DCU SDK RAG PNG DeepSeek utf ' +
    // the bid file's format marker, quoted in the Bids page's hint ("kind": "bids")
    'kind bids'
  ).split(' '),
);

/** Latin words of three letters or more in the visible text of `selector`. */
async function latinWords(page: Page, selector = 'main'): Promise<string[]> {
  const text = await page.locator(selector).first().innerText();
  return [...new Set(text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? [])];
}

let h: Harness;
/** Words of the user's data: catalog records, the example's builds, this test's files. */
let data: Set<string>;

function addWords(into: Set<string>, ...texts: unknown[]): void {
  for (const t of texts) {
    if (typeof t === 'string') for (const w of t.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) into.add(w);
    else if (Array.isArray(t)) addWords(into, ...t);
    else if (t && typeof t === 'object') addWords(into, ...Object.values(t));
  }
}

beforeAll(async () => {
  h = await startHarness();
  const text = fs.readFileSync(path.join(SOURCE_ROOT, 'examples', EXAMPLE), 'utf8');
  await dispatch(h.ctx, 'scenario:import', { fileName: EXAMPLE, text });
  data = new Set();
  // every record a person or a vendor named: part, vendor, server, site, supplier, source, FX source, quote notes
  for (const channel of ['catalog:snapshot', 'catalog:list', 'quotes:list'] as const) {
    const r = await dispatch(h.ctx, channel, {});
    if (!r.ok) throw new Error(r.error.message);
    addWords(data, r.value);
  }
  addWords(data, JSON.parse(text), h.dbPath);
  // the model presets' and the engines' names are product names (Llama, vLLM, TensorRT-LLM); not "unknown engine"
  addWords(data, MODEL_PRESETS.map((m) => [m.name, m.id]), Object.values(ENGINE_PROFILES).filter((p) => p.id !== 'unknown').map((p) => p.name));
  // the seed's descriptive phrases ("HBM (type not disclosed)") have display texts (storedWords.*): their
  // own words are not data (the common ones, "via", "new", also occur in names and notes, and stay)
  for (const w of ['disclosed', 'unconfirmed', 'consumer', 'stockpiled', 'ramping', 'reported']) {
    expect(STORED_PHRASES.some(([p]) => p.includes(w))).toBe(true);
    data.delete(w);
  }
});
afterAll(() => h?.close());

function english(words: string[], extra: Set<string> = new Set()): string[] {
  return words.filter((w) => ![w, w.replace(/-$/, '')].some((x) => TERMS.has(x) || data.has(x) || extra.has(x)));
}

async function inChinese(page: Page): Promise<void> {
  await page.goto(h.host.url);
  await page.locator('nav.sidebar a').first().waitFor();
  await page.locator('nav.sidebar select').first().selectOption('zh-CN');
}

async function pick(page: Page, button: string, file: string): Promise<void> {
  const [fc] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await fc.setFiles(file);
}

describe('zh-CN UI', () => {
  it('no page shows English words outside the data and a short list of terms', async () => {
    const { page } = h;
    await inChinese(page);
    const hrefs = await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(6);
    const found: Record<string, string[]> = {};
    for (const href of hrefs) {
      await page.evaluate(`location.hash = '${href}'`);
      await page.waitForTimeout(900);
      const left = english(await latinWords(page));
      if (left.length) found[href] = left;
    }
    expect(found).toEqual({});
  });

  it('the check can fail: an English UI is caught', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/builds`);
    await page.locator('nav.sidebar select').first().selectOption('en');
    await page.waitForTimeout(500);
    expect(english(await latinWords(page)).length).toBeGreaterThan(10);
  });

  it('a scenario that does not resolve: the error banner is red and says it in Chinese', async () => {
    const { page } = h;
    await inChinese(page);
    await page.evaluate(`location.hash = '#/builds'`);
    const bad = path.join(tmpDir(), 'bad-scenario.procure.json');
    fs.writeFileSync(bad, JSON.stringify({ site: 'Atlantis hub', workload: { model: 'deepseek-v3' }, builds: [{ name: 'B', lines: [{ accelerator: 'Voodoo 5 6000', count: -2 }] }] }));
    await pick(page, zhCN.builds.openScenario, bad);
    const banner = page.locator('.error-banner[role="alert"]');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('bad-scenario.procure.json 不是有效的方案文件');
    expect(text).toContain('builds[0].lines[0].count：必须大于 0'); // the schema's own English message, said from the code
    expect(english(await latinWords(page, '.error-banner'), new Set(['bad-scenario', 'procure', 'builds', 'lines', 'count']))).toEqual([]);
    await screenshot(page, 'zh-error-scenario');
  });

  it('a file the importer cannot read, and the reasons of its rows, in Chinese', async () => {
    const { page } = h;
    await inChinese(page);
    await page.evaluate(`location.hash = '#/import'`);
    const binary = path.join(tmpDir(), 'not-a-sheet.csv');
    fs.writeFileSync(binary, Buffer.from(Array.from({ length: 600 }, (_, i) => i % 7)));
    await pick(page, zhCN.importPage.chooseFile, binary);
    const alert = page.locator('.import-banner[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('无法导入 not-a-sheet.csv：不是文本文件（二进制数据）；应为 CSV/TSV 或 XLSX');
    await screenshot(page, 'zh-error-import');
    await alert.getByRole('button').first().click();

    const sheet = path.join(tmpDir(), 'rows.csv');
    const csv = '型号,单价（元）,数量\n昇腾910B,-3,1\nMLU590,一百,2\n合计,200000,\nVoodoo 9,1000,1\n';
    fs.writeFileSync(sheet, csv);
    await pick(page, zhCN.importPage.chooseFile, sheet);
    await page.locator('[role="row"][data-row="2"]').waitFor();
    const rows = await page.locator('.import-rows, [role="table"]').first().innerText();
    expect(rows).toContain('价格为负数 -3');
    expect(rows).toContain('小计行');
    expect(rows).toContain('未知型号“Voodoo 9”');
    const own = new Set<string>();
    addWords(own, csv, 'rows');
    expect(english(await latinWords(page), own)).toEqual([]);
    await screenshot(page, 'zh-import-rows');
  });
});

describe('万元 / 元 setting', () => {
  it('chosen in Settings, Compare writes totals in 万元 in English too, and back in 元', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/settings`);
    await page.locator('nav.sidebar select').first().selectOption('en');
    const select = page.getByLabel('CNY amounts');
    await select.selectOption('wan');
    await expect.poll(() => h.ctx.settings.get('cnyUnit')).toBe('wan');
    await page.evaluate(`location.hash = '#/compare'`);
    await expect.poll(async () => /\d 万元/.test(await page.locator('main').innerText()), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'compare-wan-en');
    await page.evaluate(`location.hash = '#/settings'`);
    await page.getByLabel('CNY amounts').selectOption('yuan');
    await expect.poll(() => h.ctx.settings.get('cnyUnit')).toBe('yuan');
    await page.evaluate(`location.hash = '#/compare'`);
    await page.locator('nav.sidebar select').first().selectOption('zh-CN');
    await page.waitForTimeout(800);
    expect(await page.locator('main').innerText()).not.toMatch(/\d 万元/);
    await page.evaluate(`location.hash = '#/settings'`);
    await page.getByLabel(zhCN.settings.cnyUnit).selectOption('auto');
    await page.locator('nav.sidebar select').first().selectOption('en');
  });
});
