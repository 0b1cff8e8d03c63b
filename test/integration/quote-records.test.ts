/**
 * Suppliers and quote records (electron/db/repos/suppliers.ts, quotes.ts): one supplier per
 * name whatever its case, quotes of a card or a whole server, corrections that supersede and
 * retirements that keep the row, and a part's whole history.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/db/open';
import { createContext, type AppContext } from '../../electron/context';
import { placeholderAccelerator, placeholderSource } from '../../electron/import/create-part';
import type { SeedQuote } from '../../shared/domain/catalog';
import { DEFAULT_ASSUMPTIONS, buildToScenario } from '../../shared/scenario/build';
import { tmpDbPath } from '../helpers/tmp';

let db: Database.Database;
let ctx: AppContext;

beforeEach(() => {
  db = openDatabase(tmpDbPath());
  ctx = createContext(db, ':test:');
  ctx.accelerators.upsert(placeholderAccelerator({ slug: 'mlu590', vendor: 'Cambricon', model: 'MLU590', source: placeholderSource('f.csv', 2, '2026-01-15') }), { origin: 'user', userEdited: false });
  ctx.servers.upsert({ slug: 'atlas-800i-a2', name: 'Atlas 800I A2', cardsPerServer: 8, hostPrice: 0, currency: 'CNY', hostPowerW: 2000, compatible: [], formFactor: '', source }, 'user');
});
afterEach(() => db.close());

const source = { title: 'quote sheet', url: '', asOf: '2026-01-15', estimate: false, note: '' };
const quote = (over: Partial<SeedQuote> = {}): SeedQuote => ({
  item: 'mlu590', kind: 'purchase', supplier: '华鲲振宇', price: 98_000, currency: 'CNY', vatIncluded: true, vatRate: 0.13, source, ...over,
});

describe('suppliers', () => {
  it('are found or created by name, one row whatever the letter case or spaces', () => {
    const a = ctx.suppliers.findOrCreate('Acme Trading Ltd');
    expect(ctx.suppliers.findOrCreate('  acme trading ltd ')).toBe(a);
    expect(ctx.suppliers.find('ACME TRADING LTD')?.name).toBe('Acme Trading Ltd');
    expect(ctx.suppliers.findOrCreate('华鲲振宇')).not.toBe(a);
    expect(() => ctx.suppliers.findOrCreate('   ')).toThrow(/supplier name/);
    expect(ctx.suppliers.update(a, { contact: 'sales@acme.example', notes: 'reseller' })).toBe(true);
    expect(ctx.suppliers.get(a)).toMatchObject({ name: 'Acme Trading Ltd', contact: 'sales@acme.example', notes: 'reseller' });
    expect(ctx.suppliers.list().map((s) => s.name)).toEqual(['Acme Trading Ltd', '华鲲振宇']);
  });
});

describe('quotes', () => {
  it('belong to a supplier, dated by their quote date (default the source as-of date)', () => {
    const id = ctx.quotes.add(quote({ quoteNumber: 'Q-031', quoteDate: '2026-01-10', validUntil: '2026-03-31', leadTimeWeeks: 6, moq: 8 }), { origin: 'user' });
    const q = ctx.quotes.get(id)!;
    expect(q).toMatchObject({ supplier: '华鲲振宇', quoteNumber: 'Q-031', quoteDate: '2026-01-10', validUntil: '2026-03-31', leadTimeWeeks: 6, moq: 8, status: 'current', supersedesId: null, vatIncluded: true });
    expect(q.supplierId).toBe(ctx.suppliers.find('华鲲振宇')!.id);
    expect(ctx.quotes.get(ctx.quotes.add(quote({ supplier: '' }), { origin: 'seed' }))!).toMatchObject({ supplier: 'quote sheet', quoteDate: '2026-01-15' });
  });

  it('of a whole server: a catalog server, or a named platform holding a catalog card', () => {
    const known = ctx.quotes.add(quote({ kind: 'server-purchase', item: 'atlas-800i-a2', price: 1_800_000, cardsPerServer: 8, cardSlug: 'mlu590' }), { origin: 'import' });
    const named = ctx.quotes.add(quote({ kind: 'server-purchase', item: 'mlu590', platform: 'Inspur NF5468 (8×MLU590)', price: 1_000_000, cardsPerServer: 8, cardSlug: 'mlu590' }), { origin: 'import' });
    expect(ctx.quotes.get(known)).toMatchObject({ item: 'atlas-800i-a2', kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'mlu590', platform: '' });
    expect(ctx.quotes.get(named)).toMatchObject({ item: 'mlu590', kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'mlu590', platform: 'Inspur NF5468 (8×MLU590)' });
    // a card's history holds the servers that carry it
    expect(ctx.quotes.history('mlu590').map((q) => q.id).sort()).toEqual([known, named]);
    expect(() => ctx.quotes.add(quote({ kind: 'server-purchase', item: 'no-such-host', cardsPerServer: 8 }), { origin: 'user' })).toThrow(/unknown server/);
  });

  it('are corrected by a new quote that supersedes, and retired with who, when and why; never rewritten', () => {
    const first = ctx.quotes.add(quote({ price: 9_800 }), { origin: 'user' }); // a typo: ¥9,800
    const fix = ctx.quotes.supersede(first, quote(), { origin: 'user' });
    expect(ctx.quotes.get(first)).toMatchObject({ status: 'superseded', price: 9_800 });
    expect(ctx.quotes.get(fix)).toMatchObject({ status: 'current', supersedesId: first, price: 98_000 });
    expect(() => ctx.quotes.supersede(first, quote(), { origin: 'user' })).toThrow(/superseded; only a current quote/);
    expect(() => ctx.quotes.supersede(9999, quote(), { origin: 'user' })).toThrow(/no quote #9999/);
    // a failed correction writes nothing
    const n = ctx.quotes.count();
    expect(() => ctx.quotes.supersede(fix, quote({ item: 'no-such-part' }), { origin: 'user' })).toThrow(/unknown accelerator/);
    expect(ctx.quotes.count()).toBe(n);
    expect(ctx.quotes.get(fix)!.status).toBe('current');

    const retired = ctx.quotes.retire(fix, { by: 'wang', reason: 'supplier withdrew it', at: '2026-02-01T08:00:00.000Z' });
    expect(retired).toMatchObject({ status: 'retired', retired: { by: 'wang', reason: 'supplier withdrew it', at: '2026-02-01T08:00:00.000Z' }, price: 98_000 });
    expect(() => ctx.quotes.retire(fix, { by: 'wang', reason: 'again' })).toThrow(/already retired/);
    expect(ctx.quotes.history('mlu590').map((q) => [q.id, q.status])).toEqual([[fix, 'retired'], [first, 'superseded']]);
    // the database refuses a rewrite or a delete whatever the caller
    expect(() => db.prepare('UPDATE quote SET price_minor = 1 WHERE id = ?').run(first)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM quote WHERE id = ?').run(first)).toThrow(/never deleted/);
  });

  it('an import writer resolves each supplier once and files every row under it', () => {
    const write = ctx.quotes.writer();
    ctx.transaction(() => {
      for (let i = 0; i < 5; i++) write(quote({ supplier: i % 2 ? 'ACME' : 'acme', price: 1000 + i }), { origin: 'import' });
    });
    expect(new Set(ctx.quotes.list().map((q) => q.supplierId)).size).toBe(1);
    expect(ctx.suppliers.list()).toHaveLength(1);
  });
});

describe('build lines', () => {
  it('keep a pinned quote or supplier, and hand it to the scenario', () => {
    const id = ctx.quotes.add(quote(), { origin: 'user' });
    const b = ctx.builds.create('pinned', DEFAULT_ASSUMPTIONS, [
      { accelerator: 'mlu590', count: 8, role: 'both', pinQuoteId: id },
      { accelerator: 'mlu590', count: 8, role: 'both', pinSupplier: '华鲲振宇' },
    ]);
    const lines = ctx.builds.get(b.id).lines;
    expect(lines.map((l) => [l.pinQuoteId, l.pinSupplier])).toEqual([[id, undefined], [undefined, '华鲲振宇']]);
    const s = buildToScenario(ctx.builds.get(b.id));
    expect(s.builds[0]!.lines.map((l) => [l.pinQuoteId, l.pinSupplier])).toEqual([[id, undefined], [undefined, '华鲲振宇']]);
  });
});
