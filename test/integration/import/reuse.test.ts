/**
 * The commit's speed-ups must not change what it writes: the batch writer writes the rows the
 * one-by-one writer wrote, the commit hook still hears of every quote, a failure inside a batch
 * still leaves nothing, and a commit that takes its preview's read still plans against the
 * database as it is at the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_ROWS } from '../../../electron/db/repos/quotes';
import { buildPlan } from '../../../electron/import/preview';
import { commitImport } from '../../../electron/import/commit';
import { forgetKept, keptStats } from '../../../electron/import/kept';
import type { SeedQuote } from '../../../shared/domain/catalog';
import type { AppContext } from '../../../electron/context';
import { b64, chineseWorkbook, counts, csv, tempApp, type TempApp } from './fixtures';

let app: TempApp;
beforeEach(() => {
  app = tempApp();
  forgetKept();
});
afterEach(() => {
  forgetKept();
  app.close();
});

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const source = { title: 't', url: '', asOf: '2026-01-15', estimate: false, note: '' };
const quote = (i: number): SeedQuote => ({
  item: i % 3 === 0 ? 'nvidia-h20' : 'ascend-910b',
  kind: 'purchase',
  supplier: i % 2 ? 'S' : 'T',
  price: 1000 + i,
  currency: 'CNY',
  vatIncluded: i % 2 === 0,
  vatRate: 0.13,
  moq: i % 5 === 0 ? 2 : undefined,
  leadTimeWeeks: 6,
  validUntil: '2026-12-31',
  source: { ...source, note: `n${i % 4}` },
});

/** Every column of the quotes written since `after`, without the ids. */
function written(ctx: AppContext, after: number): Record<string, unknown>[] {
  return (ctx.db.prepare('SELECT * FROM quote WHERE id > ? ORDER BY id').all(after) as Record<string, unknown>[]).map(({ id: _id, gid: _gid, ...rest }) => rest);
}
const maxId = (ctx: AppContext) => (ctx.db.prepare('SELECT coalesce(max(id), 0) FROM quote').pluck().get() as number);

describe('the batch writer', () => {
  it('writes the rows the one-by-one writer writes, in order, each with its own global id', () => {
    const { ctx } = app;
    const n = BATCH_ROWS * 2 + 7;
    const prov = (i: number) => ({ origin: 'import' as const, sourceFile: 'f.csv', sourceSheet: 'S', sourceRow: i + 2, createdAt: '2026-01-15T00:00:00.000Z' });
    const start = maxId(ctx);
    ctx.transaction(() => {
      const write = ctx.quotes.writer();
      for (let i = 0; i < n; i++) write(quote(i), prov(i));
    });
    const middle = maxId(ctx);
    const said: number[] = [];
    ctx.transaction(() => {
      const batch = ctx.quotes.batchWriter();
      for (let i = 0; i < n; i++) said.push(batch.add(quote(i), prov(i)));
      said.push(batch.flush());
    });
    expect(said.filter((k) => k > 0)).toEqual([BATCH_ROWS, BATCH_ROWS, 7]);
    const one = written(ctx, start).slice(0, n);
    const many = written(ctx, middle);
    expect(many).toHaveLength(n);
    expect(many).toEqual(one);
    const gids = ctx.db.prepare('SELECT gid FROM quote WHERE id > ?').pluck().all(start) as string[];
    for (const g of gids) expect(g).toMatch(UUID7);
    expect(new Set(gids).size).toBe(gids.length);
  });

  it('refuses an unknown part when the quote is added, not when its batch is written', () => {
    const { ctx } = app;
    ctx.transaction(() => {
      const batch = ctx.quotes.batchWriter();
      expect(() => batch.add({ ...quote(1), item: 'no-such-part' }, { origin: 'import' })).toThrow(/unknown accelerator "no-such-part"/);
      expect(batch.add(quote(1), { origin: 'import' })).toBe(0);
      expect(batch.flush()).toBe(1);
    });
  });
});

/** A sheet of `n` rows, every one a new quote. */
const sheet = (n: number) => csv([['型号', '单价'], ...Array.from({ length: n }, (_, i) => [i % 2 ? 'H20' : '昇腾910B', String(100_000 + i)])]);

describe('the commit', () => {
  it('tells the hook of every quote once, in row order, as its batch is written', async () => {
    const n = BATCH_ROWS * 2 + 11;
    const heard: [number, number][] = [];
    let quotesSeen = 0;
    const res = await commitImport(
      app.ctx,
      { fileName: 'h.csv', dataBase64: b64(sheet(n)), supplier: 'Hook Co' },
      {
        afterQuote(k, row) {
          heard.push([k, row]);
          // inside the transaction, the quotes told of are written
          quotesSeen = app.ctx.db.prepare('SELECT count(*) FROM quote WHERE source_file = ?').pluck().get('h.csv') as number;
          expect(quotesSeen).toBeGreaterThanOrEqual(k);
        },
      },
    );
    expect(res.quotes).toBe(n);
    expect(heard).toEqual(Array.from({ length: n }, (_, i) => [i + 1, i + 2]));
  });

  it('a failure inside a batch leaves every table as it was', async () => {
    const before = counts(app.ctx);
    await expect(
      commitImport(
        app.ctx,
        { fileName: 'boom.csv', dataBase64: b64(sheet(BATCH_ROWS * 2)), supplier: 'Boom Co' },
        {
          afterQuote(k) {
            if (k === BATCH_ROWS + 3) throw new Error('disk full (simulated)');
          },
        },
      ),
    ).rejects.toThrow(/simulated/);
    expect(counts(app.ctx)).toEqual(before);
  });

  it('takes the file its preview read, and writes what a commit that reads it writes', async () => {
    const file = await chineseWorkbook();
    const input = { fileName: '报价.xlsx', dataBase64: b64(file), supplier: 'Kept Co', createUnknown: true };
    const other = tempApp();
    try {
      const { hits, reads } = keptStats;
      await buildPlan(app.ctx, input);
      const kept = await commitImport(app.ctx, input);
      expect(keptStats).toEqual({ hits: hits + 1, reads: reads + 1 });
      // a commit forgets the file: the next one reads it
      const cold = await commitImport(other.ctx, input);
      expect(keptStats.reads).toBe(reads + 2);
      expect(cold.quotes).toBe(kept.quotes);
      expect(cold.preview).toEqual(kept.preview);
      const strip = (rows: Record<string, unknown>[]) => rows.map(({ created_at: _c, import_id: _i, ...r }) => r);
      expect(strip(written(other.ctx, 0).filter((r) => r.source_file === '报价.xlsx'))).toEqual(strip(written(app.ctx, 0).filter((r) => r.source_file === '报价.xlsx')));
    } finally {
      other.close();
    }
  });

  it('plans against the database as it is at the commit, not as it was at the preview', async () => {
    const input = { fileName: 'p.csv', dataBase64: b64(sheet(2)), supplier: 'Later Co' };
    const plan = await buildPlan(app.ctx, input);
    expect(plan.preview.rows.map((r) => r.status)).toEqual(['new', 'new']);
    // Meanwhile the same supplier's same prices arrive another way.
    const at = app.ctx.today();
    for (const q of plan.quotes.values()) app.ctx.quotes.add({ ...q, source: { ...q.source, asOf: at } }, { origin: 'user' });
    await expect(commitImport(app.ctx, input)).rejects.toThrow(/nothing|unchanged/i);
    const again = await buildPlan(app.ctx, input);
    expect(again.preview.rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });
});
