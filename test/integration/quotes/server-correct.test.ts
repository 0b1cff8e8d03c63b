/**
 * A whole-server quote is corrected like a card quote: a new quote supersedes it (append-only),
 * keeping its server or platform, card and card count, and its price per card follows the
 * corrected price through shared/domain/catalog perCardExVat. Rental quotes are still refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/bootstrap';
import { dispatch } from '../../../electron/handlers';
import type { AppContext } from '../../../electron/context';
import type { Result } from '../../../shared/contract/result';
import type { QuoteWritten } from '../../../shared/contract/quotes';
import { perCardExVat, type SeedQuote } from '../../../shared/domain/catalog';
import { tmpDbPath } from '../../helpers/tmp';
import { runProcure } from '../../helpers/cli';

let ctx: AppContext;
let dbPath: string;
const quotesTable = () => JSON.stringify(ctx.db.prepare('SELECT * FROM quote ORDER BY id').all());
const src = { title: '分项报价表.xlsx', url: '', asOf: '2026-05-10', estimate: false, note: '' };

const atlas: SeedQuote = {
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
  leadTimeWeeks: 6,
  source: src,
};

beforeEach(() => {
  dbPath = tmpDbPath();
  ctx = openApp(dbPath, { clock: () => new Date('2026-06-01T08:00:00Z') });
});

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await dispatch(ctx, channel, input)) as Result<T>;
}

describe('correcting a whole-server quote', () => {
  it('supersedes it with a server quote of the same server, card and count; the per-card price is recomputed', async () => {
    const oldId = ctx.quotes.add(atlas, { origin: 'import', sourceFile: '分项报价表.xlsx', sourceSheet: 'Sheet1', sourceRow: 4 });
    const before = await call<{ rows: { id: number; cardExVat: number | null }[] }>('quotes:history', { item: 'ascend-910b4' });
    expect(before.ok && before.value.rows.find((r) => r.id === oldId)?.cardExVat).toBe(125_000); // 1,130,000 / 1.13 / 8

    const r = await call<QuoteWritten>('quotes:correct', { id: oldId, quote: { supplier: atlas.supplier, price: 1_017_000, currency: 'CNY', vatIncluded: true, vatRate: 0.13, quoteDate: '2026-05-10' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.supersededId).toBe(oldId);
    const corrected = ctx.quotes.get(r.value.id)!;
    expect(corrected).toMatchObject({ kind: 'server-purchase', item: 'huawei-atlas-800i-a2', cardsPerServer: 8, cardSlug: 'ascend-910b4', price: 1_017_000, supersedesId: oldId, status: 'current', origin: 'user' });
    expect(ctx.quotes.get(oldId)).toMatchObject({ status: 'superseded', price: 1_130_000, sourceFile: '分项报价表.xlsx' });
    // the history answered is the card's, the new row a server row priced per card by the one rule
    expect(r.value.history.item).toBe('ascend-910b4');
    const row = r.value.history.rows.find((x) => x.id === r.value.id)!;
    expect(row).toMatchObject({ form: 'server', cardsPerServer: 8, state: 'current', supersedesId: oldId, priceInclVat: 1_017_000, priceExVat: 900_000 });
    expect(row.cardExVat).toBe(perCardExVat(1_017_000, true, 0.13, 'CNY', 8));
    expect(row.cardExVat).toBe(112_500);
    expect(r.value.history.rows.find((x) => x.id === oldId)?.state).toBe('superseded');
    // and the API's quote list shows the same per-card price
    const listed = await call<{ id: number; perCardExVat?: number }[]>('quotes:list', { item: 'huawei-atlas-800i-a2' });
    expect(listed.ok && listed.value.find((q) => q.id === r.value.id)?.perCardExVat).toBe(112_500);
  });

  it('a server quote that names a platform (not a catalog server) keeps its platform and card', async () => {
    const oldId = ctx.quotes.add({ ...atlas, item: 'ascend-910b', cardSlug: 'ascend-910b', platform: '某 OEM 推理整机 8卡', cardsPerServer: 8 }, { origin: 'import' });
    const r = await call<QuoteWritten>('quotes:correct', { id: oldId, quote: { supplier: atlas.supplier, price: 904_000, currency: 'CNY', vatIncluded: true, vatRate: 0.13 } });
    if (!r.ok) throw new Error(r.error.message);
    expect(ctx.quotes.get(r.value.id)).toMatchObject({ kind: 'server-purchase', item: 'ascend-910b', platform: '某 OEM 推理整机 8卡', cardSlug: 'ascend-910b', cardsPerServer: 8 });
    expect(r.value.history.rows.find((x) => x.id === r.value.id)?.cardExVat).toBe(100_000);
  });

  it('procure quote correct corrects a server quote too', async () => {
    const oldId = ctx.quotes.add(atlas, { origin: 'import' });
    ctx.db.close();
    const c = await runProcure(['quote', 'correct', String(oldId), '--price', '101.7万', '--json', '--db', dbPath]);
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    ctx = openApp(dbPath, { clock: () => new Date('2026-06-01T08:00:00Z') });
    const newId = (JSON.parse(c.out) as { id: number }).id;
    expect(ctx.quotes.get(newId)).toMatchObject({ kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'ascend-910b4', price: 1_017_000, supersedesId: oldId });
  });

  it('a rental quote is still refused, translated, and nothing is written', async () => {
    const id = ctx.quotes.add({ item: 'ascend-910b', kind: 'rental-card-hour', supplier: 'Cloud', price: 12, currency: 'CNY', vatIncluded: true, vatRate: 0.06, source: src }, { origin: 'import' });
    const before = quotesTable();
    const r = await call('quotes:correct', { id, quote: { supplier: 'Cloud', price: 11, currency: 'CNY', vatIncluded: true, vatRate: 0.06 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.i18n?.key).toBe('quotes.errors.notCardQuote');
    expect(r.error.message).toMatch(/rental quote/);
    expect(quotesTable()).toBe(before);
  });
});
