/**
 * `npm run screenshots`: what a person looks at before a release, with the example scenarios
 * loaded, under test-artifacts/screenshots/:
 * - pages/: every page in both languages, light and dark, at 1280×800 (PAGE-LANG-THEME.png), and
 *   light at 1920×1080 (PAGE-LANG-light-1920.png); where a page scrolls, its lower part too (…-2.png,
 *   …-3.png); the Builds page also on a build of two lines (builds-prefill-decode-…);
 * - dialogs/: the keyboard shortcut overlay, the toast after a backup, the in-app confirm before a
 *   restore, the Import page's preview and its confirm before undoing an import, in both languages;
 * - pdf/: the comparison report (the three builds of examples/deepseek-v3-mixed.procure.json) and
 *   the bid report (examples/bids-deepseek-v3-cluster.json) in both languages, as PDF and one PNG a
 *   page (NAME-LANG-N.png).
 * Each run empties those three folders first, so what is there is what this run made.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, ARTIFACTS } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { tr, type Lang } from '../../shared/i18n/translate';
import type { ImportCommitResult } from '../../shared/contract/import';
import { tmpDir } from '../helpers/tmp';

const LANGS: readonly Lang[] = ['en', 'zh-CN'];
const THEMES = ['light', 'dark'] as const;
const dirs = { pages: path.join(ARTIFACTS, 'pages'), dialogs: path.join(ARTIFACTS, 'dialogs'), pdf: path.join(ARTIFACTS, 'pdf') };
for (const d of Object.values(dirs)) {
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
}
const example = (f: string) => fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8');

async function call(channel: string, input: unknown): Promise<unknown> {
  const r = await dispatch(h.ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

const h = await startHarness();
for (const f of ['deepseek-v3-mixed.procure.json', 'deepseek-v3-pd-disaggregated.procure.json']) await call('scenario:import', { fileName: f, text: example(f) });
const { page } = h;
await page.locator('nav.sidebar a').first().waitFor();
const pageIds = (await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((href) => href.replace('#/', ''));

/**
 * A fresh load of the app in this language and theme. Saved as the sidebar's selects save them, before
 * the load: a choice made on the page before its saved settings have loaded is overridden by them.
 */
async function open(p: Page, lang: Lang, theme: (typeof THEMES)[number]): Promise<void> {
  await call('settings:set', { key: 'ui', value: { language: lang, theme } });
  await p.goto('about:blank'); // a goto that changed only the #hash would not load the app again
  await p.goto(h.host.url);
  await p.locator('nav.sidebar a', { hasText: tr(lang, 'nav.catalog') }).waitFor();
  await p.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
}

/** Things that went wrong on the way; the run goes on, to leave every picture it can, and fails at the end. */
const problems: string[] = [];

/**
 * A page as a person works on it: the catalog with a part's detail open beside the table, the bid
 * example opened on Bids, the optimizer run on its example; the toasts that leaves are closed.
 */
async function goTo(p: Page, id: string, lang: Lang): Promise<void> {
  await p.evaluate(`location.hash = '#/${id}'`);
  await p.waitForTimeout(1200);
  try {
    if (id === 'catalog') await p.locator('[data-slug="ascend-910b"]').click();
    if (id === 'bids') {
      await p.getByLabel(tr(lang, 'examples.open'), { exact: true }).selectOption({ value: 'bids-deepseek-v3-cluster.json' });
      await p.getByTestId('recommendation').waitFor({ timeout: 30_000 });
    }
    if (id === 'optimize') {
      await p.getByRole('button', { name: tr(lang, 'optimize.run') }).click();
      await p.locator('[data-status="optimal"]').waitFor({ timeout: 150_000 });
      await p.locator('figure[data-chart="optimize-frontier"] canvas').waitFor();
    }
  } catch (e) {
    problems.push(`${id} (${lang}): ${(e as Error).message.split('\n')[0]}`);
  }
  for (const close of await p.locator('.toast-close').all()) await close.click();
  await p.waitForTimeout(400);
}

const shot = (dir: string, name: string) => page.screenshot({ path: path.join(dir, `${name}.png`) });

/**
 * The rest of a page that scrolls (the charts under Compare's table, the optimizer's frontier, the
 * build's assumptions, the bid editor, Settings' defaults): the page's largest scrolling panel moved
 * down a screen at a time, up to three times more (NAME-2.png …), then back to the top.
 */
async function scrolled(name: string): Promise<void> {
  const steps = await page.evaluate(`(() => {
    let best = null;
    for (const el of document.querySelectorAll('main, main *')) {
      const oy = getComputedStyle(el).overflowY;
      if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 40 && (!best || el.clientWidth * el.clientHeight > best.clientWidth * best.clientHeight)) best = el;
    }
    document.querySelectorAll('[data-capture-scroll]').forEach((el) => el.removeAttribute('data-capture-scroll'));
    if (!best) return 0;
    best.setAttribute('data-capture-scroll', '');
    return Math.min(3, Math.ceil((best.scrollHeight - best.clientHeight) / (best.clientHeight * 0.9)));
  })()`);
  for (let n = 1; n <= (steps as number); n++) {
    await page.evaluate(`(() => { const el = document.querySelector('[data-capture-scroll]'); el.scrollTop = ${n} * el.clientHeight * 0.9; })()`);
    await page.waitForTimeout(700);
    await shot(dirs.pages, `${name}-${n + 1}`);
  }
  await page.evaluate(`document.querySelector('[data-capture-scroll]')?.scrollTo(0, 0)`);
}
/** Pages whose lower part is worth a look (the catalog's table and the import drop zone are not). */
const SCROLLED = new Set(['builds', 'compare', 'optimize', 'bids', 'settings']);

/** The Builds page on a build of two lines (prefill on one part, decode on another). */
async function twoLines(name: string): Promise<void> {
  await page.locator('.build-list button', { hasText: '910B prefill x48 + H20 decode x80' }).click();
  await page.locator('tr[data-line="1"]').waitFor();
  await page.waitForTimeout(800);
  await shot(dirs.pages, name);
}

// every page, both languages, both themes, at 1280×800; light at 1920×1080
for (const theme of THEMES) {
  for (const lang of LANGS) {
    await open(page, lang, theme);
    for (const id of pageIds) {
      await goTo(page, id, lang);
      await shot(dirs.pages, `${id}-${lang}-${theme}`);
      if (SCROLLED.has(id)) await scrolled(`${id}-${lang}-${theme}`);
      if (id === 'builds') await twoLines(`builds-prefill-decode-${lang}-${theme}`);
    }
  }
}
await page.setViewportSize({ width: 1920, height: 1080 });
for (const lang of LANGS) {
  await open(page, lang, 'light');
  for (const id of pageIds) {
    await goTo(page, id, lang);
    await shot(dirs.pages, `${id}-${lang}-light-1920`);
    if (SCROLLED.has(id)) await scrolled(`${id}-${lang}-light-1920`);
    if (id === 'builds') await twoLines(`builds-prefill-decode-${lang}-light-1920`);
  }
}
await page.setViewportSize({ width: 1280, height: 800 });

// the overlays and dialogs, light, both languages
const downloads = tmpDir('procure-capture-');
for (const lang of LANGS) {
  await open(page, lang, 'light');
  await goTo(page, 'builds', lang);
  await page.locator('nav.sidebar button.shortcuts-open').click();
  const help = page.getByRole('dialog', { name: tr(lang, 'shortcuts.title') });
  await help.waitFor();
  await shot(dirs.dialogs, `shortcuts-${lang}`);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await goTo(page, 'settings', lang);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr(lang, 'settings.backupNow') }).click()]);
  const toast = page.locator('[data-toast="done"]');
  await toast.waitFor();
  await shot(dirs.dialogs, `toast-backup-${lang}`);
  const backup = path.join(downloads, `${lang}-${download.suggestedFilename()}`);
  await download.saveAs(backup);
  await toast.locator('button.toast-close').click();
  await toast.waitFor({ state: 'detached' });

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: tr(lang, 'settings.restore') }).click()]);
  await chooser.setFiles(backup);
  const confirm = page.getByRole('alertdialog', { name: tr(lang, 'confirmDialog.restoreTitle') });
  await confirm.waitFor();
  await shot(dirs.dialogs, `confirm-restore-${lang}`);
  await page.keyboard.press('Escape'); // cancelled: nothing is restored
  await confirm.waitFor({ state: 'detached' });
}

// the reports: every page of each PDF
for (const lang of LANGS) {
  const reports = [
    { name: 'compare-report', input: { scenario: JSON.parse(example('deepseek-v3-mixed.procure.json')) as unknown } },
    { name: 'bid-report', input: { bidFile: JSON.parse(example('bids-deepseek-v3-cluster.json')) as unknown } },
  ];
  for (const { name, input } of reports) {
    const out = (await call('report:pdf', { ...input, lang })) as { dataBase64: string };
    const file = path.join(dirs.pdf, `${name}-${lang}.pdf`);
    fs.writeFileSync(file, Buffer.from(out.dataBase64, 'base64'));
    execFileSync('pdftoppm', ['-png', '-r', '80', file, path.join(dirs.pdf, `${name}-${lang}`)]);
  }
}

// last, as it changes the catalog's prices: the Import page's preview of a vendor sheet, then (the
// sheet imported) its confirm before an undo
const sheet = path.join(SOURCE_ROOT, 'examples', 'price-sheets', 'huadong-zhisuan-quote.xlsx');
for (const lang of LANGS) {
  await open(page, lang, 'light');
  await goTo(page, 'import', lang);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: tr(lang, 'importPage.chooseFile') }).click()]);
  await chooser.setFiles(sheet);
  await page.locator('[role="row"][data-row="6"]').waitFor();
  await shot(dirs.dialogs, `import-preview-${lang}`);
}
const { importId } = (await call('import:commit', { fileName: path.basename(sheet), dataBase64: fs.readFileSync(sheet).toString('base64') })) as ImportCommitResult;
for (const lang of LANGS) {
  await open(page, lang, 'light');
  await goTo(page, 'import', lang);
  // the page keeps the sheet it showed; closed, so the dialog stands over the history
  const close = page.getByRole('button', { name: tr(lang, 'importPage.closeFile') });
  if (await close.count()) await close.click();
  await page.locator(`[data-import-id="${importId}"] button.danger`).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.waitFor();
  await shot(dirs.dialogs, `confirm-import-undo-${lang}`);
  await page.keyboard.press('Escape'); // cancelled: the import stays
  await confirm.waitFor({ state: 'detached' });
}

await h.close();
const count = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.png')).length;
console.log(`screenshots in ${ARTIFACTS}: pages/ ${count(dirs.pages)}, dialogs/ ${count(dirs.dialogs)}, pdf/ ${count(dirs.pdf)}`);
problems.push(...h.errors.map((e) => `error on the page: ${e}`));
if (problems.length) {
  console.error(`not as expected:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
