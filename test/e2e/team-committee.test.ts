/**
 * Committee evaluation in the UI, in real Chromium, through loopback hosts on three laptops and a
 * real PostgreSQL hub: the buyer bea shares a bid set with two subjective criteria and opens its
 * evaluation for ann and eva (through the handlers, as the CLI would); ann scores in English,
 * saves a draft (the sync takes it to the hub, hidden from the others) and submits; eva scores in
 * Chinese and submits; bea's Bids → Committee evaluations shows the combined table (the mean of
 * two evaluators), the deviation flags over 20 % and that nobody is missing. Screenshots in
 * English and Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/handlers';
import { startHost, type RunningHost } from '../../electron/host/server';
import { closeJobWorkers } from '../../electron/jobs';
import type { EvaluationOut } from '../../shared/contract/team-evaluation';
import { hubSkipReason } from '../helpers/pg-cluster';
import { startHub, type HubFixture } from '../helpers/hub-fixture';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { launchChromium } from './browser';
import { ARTIFACTS } from './harness';

const skip = hubSkipReason();
if (skip) console.warn(skip);
const RENDERER = process.env.PROCURE_RENDERER_DIR ?? path.join(SOURCE_ROOT, 'dist', 'renderer');

describe.skipIf(Boolean(skip))('committee evaluation in the UI (real PostgreSQL, real Chromium, three laptops)', () => {
  let hub: HubFixture;
  let browser: Browser;
  const dir = tmpDir('procure-e2e-committee-');
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
  const laptops: Record<string, { ctx: AppContext; host: RunningHost }> = {};
  let evaluation: EvaluationOut;

  const ok = async <T,>(user: string, channel: string, arg?: unknown): Promise<T> => {
    const r = await dispatch(laptops[user]!.ctx, channel, arg);
    if (!r.ok) throw new Error(`${user} ${channel}: ${r.error.message}`);
    return r.value as T;
  };

  async function page(user: string, lang: 'en' | 'zh-CN'): Promise<{ p: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${laptops[user]!.host.url}#/bids`);
    if (lang === 'zh-CN') await p.locator('nav.sidebar select').first().selectOption('zh-CN');
    return { p, errors };
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('renderer not built: run `npm run build:renderer`');
    delete process.env.PGPASSWORD;
    process.env.PGPASSFILE = path.join(dir, 'pgpass');
    hub = await startHub([
      ['bea', 'buyer'],
      ['ann', 'evaluator'],
      ['eva', 'evaluator'],
    ]);
    for (const u of ['bea', 'ann', 'eva']) {
      const ctx = openApp(tmpDbPath());
      laptops[u] = { ctx, host: await startHost({ ctx, staticDir: RENDERER }) };
      await ok(u, 'team:connect', { hub: hub.url(), user: u, password: hub.passwords[u] });
    }
    const body = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: unknown[]; scoring: Record<string, unknown> };
    body.bids = body.bids.slice(0, 2);
    body.scoring.subjective = [
      { id: 'plan', name: 'Technical plan 技术方案', points: 10 },
      { id: 'service', name: 'After-sales 售后服务', points: 5 },
    ];
    await ok('bea', 'bids:save', { name: 'Tender 18', body });
    const share = await ok<{ docId: string }>('bea', 'team:share', { kind: 'bidset', name: 'Tender 18' });
    await ok('bea', 'team:sync');
    evaluation = await ok<EvaluationOut>('bea', 'team:evaluation-open', { docId: share.docId, evaluators: ['ann', 'eva'] });
    await ok('bea', 'team:sync');
    for (const u of ['ann', 'eva']) await ok(u, 'team:sync');
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const l of Object.values(laptops)) {
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

  const hubScores = async (user: string) => (await hub.su.query<{ n: number }>(`SELECT count(*)::int AS n FROM procure.evaluation_score WHERE author = $1`, [user])).rows[0]!.n;

  async function score(p: Page, sheet: number[][], names: { entry: string; show: string; save?: string; submit: string; saved?: RegExp; submitted: RegExp }) {
    await p.getByRole('button', { name: names.entry }).click();
    const panel = p.getByTestId('team-committee');
    await panel.getByRole('button', { name: new RegExp(names.show) }).click();
    const inputs = panel.getByTestId('committee-sheet').locator('input.score-input');
    await inputs.first().waitFor();
    expect(await inputs.count()).toBe(4);
    // bid by bid, criterion by criterion: the sheet's order
    for (let i = 0; i < 4; i++) await inputs.nth(i).fill(String(sheet[Math.floor(i / 2)]![i % 2]));
    if (names.save) {
      await panel.getByRole('button', { name: names.save }).click();
      await panel.getByTestId('committee-note').getByText(names.saved!).waitFor();
    }
    await panel.getByRole('button', { name: names.submit, exact: true }).click();
    await p.getByRole('alertdialog').getByRole('button', { name: names.submit }).click();
    await panel.getByTestId('committee-note').getByText(names.submitted).waitFor();
  }

  it('ann scores in English: a saved draft reaches the hub before the submission, hidden from the others; then she submits', { timeout: 120_000 }, async () => {
    const { p, errors } = await page('ann', 'en');
    await p.getByRole('button', { name: 'Committee evaluations' }).click();
    const panel = p.getByTestId('team-committee');
    await expect(panel.getByTestId('committee-list').locator('tbody tr').first().textContent()).resolves.toMatch(/Tender 18 v1.*bea.*0 of 2to score: 0 of 4 scored/);
    await panel.getByRole('button', { name: /^Show the evaluation of Tender 18/ }).click();
    const inputs = panel.getByTestId('committee-sheet').locator('input.score-input');
    await inputs.nth(0).fill('8');
    await inputs.nth(1).fill('4');
    await panel.getByRole('button', { name: 'Save draft' }).click();
    await panel.getByTestId('committee-note').getByText('Draft saved: 2 of 4 scored.').waitFor();
    // the save asked for a sync: the draft is on the hub, while the submission is not
    await expect.poll(() => hubScores('ann'), { timeout: 20_000 }).toBe(2);
    expect((await hub.su.query(`SELECT count(*)::int AS n FROM procure.evaluation_submission`)).rows[0].n).toBe(0);
    await panel.getByText(/^Draft: 2 of 4 scored, on the hub and hidden from the others until you submit\.$/).waitFor();
    await panel.getByText('The others’ scores and the combined table are shown after you submit yours.').waitFor();
    // the submit button waits for every cell
    await expect(panel.getByRole('button', { name: 'Submit scores', exact: true }).isDisabled()).resolves.toBe(true);
    await inputs.nth(2).fill('9');
    await inputs.nth(3).fill('3');
    await p.screenshot({ path: path.join(ARTIFACTS, 'team-committee-sheet-en.png') });
    await panel.getByRole('button', { name: 'Submit scores', exact: true }).click();
    await p.getByRole('alertdialog').getByRole('button', { name: 'Submit scores' }).click();
    await panel.getByTestId('committee-note').getByText('Scores submitted.').waitFor();
    await expect.poll(async () => (await hub.su.query(`SELECT count(*)::int AS n FROM procure.evaluation_submission WHERE author = 'ann'`)).rows[0].n, { timeout: 20_000 }).toBe(1);
    expect(await hubScores('ann')).toBe(4);
    await expect(panel.getByTestId('committee-sheet').locator('input.score-input').first().isDisabled()).resolves.toBe(true);
    await panel.getByTestId('committee-waiting').getByText('Not submitted yet: eva.').waitFor();
    expect(errors).toEqual([]);
  });

  it('eva scores in Chinese and submits', { timeout: 120_000 }, async () => {
    const { p, errors } = await page('eva', 'zh-CN');
    // eva gives the second bid 5 on the plan: 8 against ann's 12, both flagged (50 % and 33.3 %)
    await score(p, [[6, 5], [5, 3]], { entry: '评标委员会评审', show: '^查看 Tender 18', submit: '提交评分', submitted: /^评分已提交。$/ });
    await p.getByTestId('team-committee').getByTestId('committee-waiting').getByText('全部评委均已提交。').waitFor();
    await p.getByTestId('committee-table').waitFor();
    await p.screenshot({ path: path.join(ARTIFACTS, 'team-committee-zh-CN.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('bea, the owner, sees the combined table, the flags and that nobody is missing', { timeout: 120_000 }, async () => {
    await ok('bea', 'team:sync');
    const { p, errors } = await page('bea', 'en');
    await p.getByRole('button', { name: 'Committee evaluations' }).click();
    const panel = p.getByTestId('team-committee');
    await panel.getByRole('button', { name: /^Show the evaluation of Tender 18/ }).click();
    const table = panel.getByTestId('committee-table');
    await table.waitFor();
    expect(await panel.getByTestId('committee-sheet').count()).toBe(0);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const [b1, b2] = evaluation.bids;
    // mean of two evaluators, per cell: (8+6)/2, (4+5)/2, (9+5)/2, (3+3)/2
    expect(rows).toEqual([
      [b1, 'Technical plan 技术方案 (max. 10)', '8.00', '6.00', '7.00'],
      [b1, 'After-sales 售后服务 (max. 5)', '4.00', '5.00', '4.50'],
      [b2, 'Technical plan 技术方案 (max. 10)', '9.00', '5.00', '7.00'],
      [b2, 'After-sales 售后服务 (max. 5)', '3.00', '3.00', '3.00'],
      [`Total for ${b1}`, '11.50'],
      [`Total for ${b2}`, '10.00'],
    ]);
    await panel.getByText('Combined score: the mean of the evaluators’ scores.', { exact: false }).waitFor();
    await panel.getByTestId('committee-waiting').getByText('Every evaluator has submitted.').waitFor();
    const flags = await panel.getByTestId('committee-flags').locator('li').allTextContents();
    expect(flags).toHaveLength(2);
    expect(flags[0]).toMatch(new RegExp(`^ann gave ${b2!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 12\\.00 against the others’ mean 8\\.00 \\(deviation 50\\.0\\s?%\\)\\.$`));
    expect(flags[1]).toMatch(/^eva gave .* 8\.00 against the others’ mean 12\.00 \(deviation 33\.3\s?%\)\.$/);
    await p.screenshot({ path: path.join(ARTIFACTS, 'team-committee-owner-en.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
