/**
 * A whole-server quote corrected from the price history in real Chromium: the form says the
 * price is the whole server's, a new quote supersedes the old one (kept), and the price per card
 * shown is worked out again from the corrected price.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
let oldId: number;

beforeAll(async () => {
  h = await startHarness();
  oldId = h.ctx.quotes.add(
    {
      item: 'huawei-atlas-800i-a2',
      kind: 'server-purchase',
      supplier: '华东智算科技有限公司',
      quoteDate: '2026-05-10',
      price: 1_130_000,
      currency: 'CNY',
      vatIncluded: true,
      vatRate: 0.13,
      cardsPerServer: 8,
      cardSlug: 'ascend-910b4',
      source: { title: '分项报价表.xlsx', url: '', asOf: '2026-05-10', estimate: false, note: '' },
    },
    { origin: 'import', sourceFile: '分项报价表.xlsx', sourceSheet: 'Sheet1', sourceRow: 4 },
  );
});
afterAll(() => h?.close());

describe('correcting a server quote in the price history', () => {
  it('supersedes it; the per-card price follows the corrected server price', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox').fill('910B4');
    await page.locator('[data-slug="ascend-910b4"]').click();
    await page.getByRole('button', { name: 'Open price history and add a quote' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('table.quote-history').waitFor();
    const oldRow = dialog.locator(`tr[data-quote="${oldId}"]`);
    await expect(oldRow.textContent()).resolves.toContain('¥1,130,000');
    // the per-supplier comparison prices the server quote per card: 1,130,000 / 1.13 / 8
    const perCard = dialog.locator('table.supplier-compare tr[data-supplier="华东智算科技有限公司"]');
    await expect(perCard.textContent()).resolves.toContain('¥125,000');

    await dialog.getByRole('button', { name: `Correct #${oldId}` }).click();
    const form = dialog.getByRole('form', { name: `Correct quote #${oldId} (a new quote replaces it; the old one is kept)` });
    await form.getByText('A whole-server quote (8 cards): enter the price of the whole server; the price per card is worked out again from it.').waitFor();
    await expect(form.getByLabel('Unit price').inputValue()).resolves.toBe('¥1130000');
    await form.getByLabel('Unit price').fill('101.7万');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await dialog.getByRole('status').getByText(new RegExp(`Quote #${oldId} is superseded by #\\d+\\.`)).waitFor();
    await expect(oldRow.getAttribute('data-state')).resolves.toBe('superseded');

    const newer = h.ctx.quotes.history('ascend-910b4').find((q) => q.supersedesId === oldId)!;
    expect(newer).toMatchObject({ kind: 'server-purchase', item: 'huawei-atlas-800i-a2', cardsPerServer: 8, cardSlug: 'ascend-910b4', price: 1_017_000, status: 'current' });
    expect(h.ctx.quotes.get(oldId)).toMatchObject({ status: 'superseded', price: 1_130_000 });
    const newRow = dialog.locator(`tr[data-quote="${newer.id}"]`);
    await expect(newRow.getAttribute('data-state')).resolves.toBe('current');
    await expect(newRow.textContent()).resolves.toContain('¥1,017,000');
    await expect(perCard.textContent()).resolves.toContain('¥112,500'); // 1,017,000 / 1.13 / 8
    expect(h.errors).toEqual([]);
  });
});
