/**
 * Two laptops share a supplier's quote through a real PostgreSQL hub, in real Chromium, through
 * Settings → Team: two loopback hosts on two local databases (each its own browser context), a
 * buyer on each. Laptop A adds a quote by hand, connects (the password typed once, kept in the
 * password file, never in the database), tests the connection and syncs now; laptop B connects and
 * syncs; B's price history of the part shows A's supplier and price. The sidebar line follows
 * (N changes to share, synced just now), both languages; screenshots of Settings → Team.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import type { AppContext } from '../../electron/context';
import { startHost, type RunningHost } from '../../electron/host/server';
import { closeJobWorkers } from '../../electron/jobs';
import { hubSkipReason } from '../helpers/pg-cluster';
import { startHub, type HubFixture } from '../helpers/hub-fixture';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { launchChromium } from './browser';
import { ARTIFACTS } from './harness';

const skip = hubSkipReason();
if (skip) console.warn(skip);
// README screenshots are refreshed on request only (PROCURE_DOC_SCREENSHOTS=1): a test run leaves tracked files alone
const DOCS = process.env.PROCURE_DOC_SCREENSHOTS ? path.join(SOURCE_ROOT, 'docs', 'screenshots') : null;
const SUPPLIER = '华东智算科技有限公司';
/** The built renderer (PROCURE_RENDERER_DIR: a build of one's own, where others rebuild dist/ meanwhile). */
const RENDERER = process.env.PROCURE_RENDERER_DIR ?? path.join(SOURCE_ROOT, 'dist', 'renderer');

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (as test/e2e/a11y.test.ts runs it), by rule and node. */
async function axe(p: Page): Promise<string[]> {
  if (!(await p.evaluate('typeof window.axe !== "undefined"'))) await p.evaluate(AXE_SOURCE);
  const r = (await p.evaluate(`window.axe.run(document, { resultTypes: ['violations'] })`)) as { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface Laptop {
  ctx: AppContext;
  host: RunningHost;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

describe.skipIf(Boolean(skip))('team hub in the UI: two laptops share a quote (real PostgreSQL, real Chromium)', () => {
  let hub: HubFixture;
  let browser: Browser;
  const laptops: Laptop[] = [];
  const dir = tmpDir('procure-e2e-team-');
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };

  async function laptop(): Promise<Laptop> {
    const ctx = openApp(tmpDbPath());
    const host = await startHost({ ctx, staticDir: RENDERER });
    // bypassCSP only so the test can inject axe-core; nothing else changes
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.url}#/settings`);
    const l = { ctx, host, context, page, errors };
    laptops.push(l);
    return l;
  }

  const team = (p: Page) => p.getByTestId('team-settings');
  const sidebar = (p: Page) => p.getByTestId('team-status');

  async function connect(p: Page, user: string) {
    await team(p).getByLabel('Hub URL').fill(hub.url());
    await team(p).getByLabel('User', { exact: true }).fill(user);
    await team(p).getByLabel(/^Password/).fill(hub.passwords[user]!);
    await team(p).getByRole('button', { name: 'Connect', exact: true }).click();
    await team(p).getByTestId('team-note').getByText(new RegExp(`^Connected to .* as ${user} \\(buyer\\), no TLS\\.$`)).waitFor();
  }

  async function syncNow(p: Page) {
    await team(p).getByRole('button', { name: 'Sync now' }).click();
    await team(p).getByTestId('team-last-sync').getByText(/^Last sync \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(hub change \d+\)$/).waitFor();
    await team(p).getByRole('button', { name: 'Sync now' }).waitFor();
  }

  /** The counts table's row for a kind: [kind, pushed, pulled, to share]. */
  const counts = (p: Page, kind: string) => team(p).getByTestId('team-counts').locator('tr', { hasText: kind }).locator('td').allTextContents();

  beforeAll(async () => {
    if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('renderer not built: run `npm run build:renderer`');
    delete process.env.PGPASSWORD;
    process.env.PGPASSFILE = path.join(dir, 'pgpass');
    hub = await startHub([
      ['ann', 'buyer'],
      ['bob', 'buyer'],
    ]);
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const l of laptops) {
      await l.host.close();
      l.ctx.db.close();
    }
    await closeJobWorkers();
    await hub?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('laptop A: adds a quote, connects with a password typed once, tests the connection, syncs now', { timeout: 120_000 }, async () => {
    const a = await laptop();
    const { page } = a;
    await sidebar(page).getByText('Team: not connected').waitFor();
    // a quote entered by hand on the catalog's price history
    await page.evaluate(`location.hash = '#/catalog'`);
    await page.locator('[data-slug="mlu590"]').click();
    await page.getByRole('button', { name: 'Open price history and add a quote' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '+ Add a quote' }).click();
    const form = dialog.getByRole('form', { name: /New quote for Cambricon/ });
    await form.getByLabel('Supplier').fill(SUPPLIER);
    await form.getByLabel('Unit price').fill('9.8万');
    await form.getByLabel('Quote date').fill('2026-03-02');
    await form.getByRole('button', { name: 'Save quote' }).click();
    await dialog.getByRole('status').getByText(new RegExp(`Quote #\\d+ from ${SUPPLIER} added\\.`)).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.evaluate(`location.hash = '#/settings'`);
    await connect(page, 'ann');
    // the password went to the password file (0600), not into the app's database
    const pgpass = fs.readFileSync(process.env.PGPASSFILE!, 'utf8');
    expect(pgpass).toContain(`:hub:ann:${hub.passwords.ann}`);
    expect(fs.statSync(process.env.PGPASSFILE!).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(a.ctx.db.prepare('SELECT * FROM setting').all())).not.toContain(hub.passwords.ann);
    // the field is cleared, and the page says where the password is kept
    await expect(team(page).getByLabel(/^Password/).inputValue()).resolves.toBe('');
    await team(page).getByText(/Kept by the libpq password file \(~\/\.pgpass\), never in the app's settings\./).waitFor();

    await team(page).getByRole('heading', { name: 'Conflicts to resolve' }).waitFor();
    await team(page).getByRole('button', { name: 'Test connection' }).click();
    await team(page).getByTestId('team-note').getByText(/^Reached postgresql:\/\/127\.0\.0\.1:\d+\/hub\?sslmode=disable as ann \(buyer\), no TLS, in \d+ ms\.$/).waitFor();
    await sidebar(page).getByText('2 changes to share').waitFor();
    await sidebar(page).getByText('Team: not synced yet').waitFor();

    await syncNow(page);
    expect(await counts(page, 'Quotes')).toEqual(['Quotes', '1', '0', '0']);
    expect(await counts(page, 'Suppliers')).toEqual(['Suppliers', '1', '0', '0']);
    await sidebar(page).getByText('Team: synced just now').waitFor();
    expect(await sidebar(page).getByText(/changes? to share/).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'team-settings-a-en.png') });
    expect(a.errors).toEqual([]);
  });

  it('laptop B: connects, syncs now, and its price history shows A\'s quote with its supplier', { timeout: 120_000 }, async () => {
    const b = await laptop();
    const { page } = b;
    await connect(page, 'bob');
    await syncNow(page);
    expect(await counts(page, 'Quotes')).toEqual(['Quotes', '0', '1', '0']);
    expect(await counts(page, 'Suppliers')).toEqual(['Suppliers', '0', '1', '0']);
    expect(await axe(page)).toEqual([]);
    await team(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'team-settings-en.png') });
    if (DOCS) await page.screenshot({ path: path.join(DOCS, 'team-settings-en.png') });

    await page.evaluate(`location.hash = '#/catalog'`);
    await page.locator('[data-slug="mlu590"]').click();
    await page.getByRole('button', { name: /Open price history/ }).click();
    const row = page.getByRole('dialog').locator('table.quote-history tbody tr', { hasText: SUPPLIER });
    await expect(row.textContent()).resolves.toMatch(/2026-03-02.*¥98,000 \(incl\. VAT\)current/);
    expect(b.ctx.quotes.history('mlu590').find((q) => q.supplier === SUPPLIER)).toMatchObject({ price: 98000, quoteDate: '2026-03-02', status: 'current' });
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    expect(b.errors).toEqual([]);
  });

  it('in Chinese: Settings → Team and the sidebar line; a refused password is a quiet line, not a dialog', { timeout: 120_000 }, async () => {
    const { page } = laptops[1]!;
    await page.locator('nav.sidebar select').first().selectOption('zh-CN');
    await page.evaluate(`location.hash = '#/settings'`);
    await team(page).getByRole('heading', { name: '团队中心' }).waitFor();
    await sidebar(page).getByText(/^团队：(刚刚|\d+ 分钟前)已同步$/).waitFor();
    expect(await team(page).getByTestId('team-counts').locator('th').allTextContents()).toEqual(['类别', '已推送', '已拉取', '待共享']);
    expect(await axe(page)).toEqual([]);
    await team(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'team-settings-zh-CN.png') });
    if (DOCS) await page.screenshot({ path: path.join(DOCS, 'team-settings-zh-CN.png') });
    // the DBA changes bob's password: sync now says so in Chinese, in the page, without a dialog
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, void d.dismiss()));
    await hub.su.query(`ALTER ROLE bob PASSWORD 'changed-by-the-dba'`);
    await team(page).getByRole('button', { name: '立即同步' }).click();
    await team(page).getByTestId('team-last-error').getByText(/^中心库拒绝了 bob 的密码/).waitFor();
    await sidebar(page).getByText('团队：离线').waitFor();
    expect(dialogs).toBe(0);
    await page.locator('nav.sidebar select').first().selectOption('en');
    await sidebar(page).getByText('Team: offline').waitFor();
  });
});
