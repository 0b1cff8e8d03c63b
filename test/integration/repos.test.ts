/**
 * The repositories (electron/db/repos): statements prepared once, when the context is made; one
 * upsert keyed by slug that keeps the row's id and first origin; a transaction that is all or nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/db/open';
import { applySeed, loadSeed, seedPath } from '../../electron/db/seed';
import { createContext, type AppContext } from '../../electron/context';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { placeholderAccelerator, placeholderSource } from '../../electron/import/create-part';
import type { SeedQuote, Server } from '../../shared/domain/catalog';
import { DEFAULT_ASSUMPTIONS, buildAssumptionsSchema } from '../../shared/scenario/build';
import { tmpDbPath } from '../helpers/tmp';

let db: Database.Database;
let prepared: string[];
let ctx: AppContext;

beforeEach(() => {
  db = openDatabase(tmpDbPath());
  // Count what is prepared after the context exists: the real database, its prepare wrapped.
  const prepare = db.prepare.bind(db);
  prepared = [];
  ctx = createContext(db, ':test:');
  (db as { prepare: typeof db.prepare }).prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
  applySeed(ctx, loadSeed(seedPath(SOURCE_ROOT)));
});
afterEach(() => db.close());

const source = { title: 't', url: '', asOf: '2026-01-15', estimate: false, note: '' };
const quote = (item: string, over: Partial<SeedQuote> = {}): SeedQuote => ({
  item, kind: 'purchase', supplier: 'S', price: 1000, currency: 'CNY', vatIncluded: true, vatRate: 0.13, source, ...over,
});
const server = (over: Partial<Server> = {}): Server => ({
  slug: 'test-host', name: 'Test host', cardsPerServer: 8, hostPrice: 100_000, currency: 'CNY', hostPowerW: 2000,
  compatible: [], formFactor: '', source, ...over,
});

describe('the repositories', () => {
  it('prepare every statement when the context is made, none per call (the seed included)', () => {
    const part = placeholderAccelerator({ slug: 'acme-x1', vendor: 'Acme', model: 'X1', source: placeholderSource('f.csv', 2, '2026-01-15') });
    ctx.accelerators.upsert(part, { origin: 'import', userEdited: false });
    ctx.accelerators.list();
    ctx.accelerators.get('acme-x1');
    ctx.accelerators.vendors();
    ctx.accelerators.counts();
    ctx.accelerators.provenance('acme-x1');
    ctx.servers.upsert(server(), 'user');
    ctx.servers.list();
    ctx.servers.userEdited('test-host');
    const id = ctx.quotes.add(quote('acme-x1'), { origin: 'user' });
    ctx.quotes.writer()(quote('acme-x1', { price: 2000 }), { origin: 'user' });
    ctx.quotes.list({ item: 'acme-x1' });
    const fix = ctx.quotes.supersede(id, quote('acme-x1', { price: 900 }), { origin: 'user' });
    ctx.quotes.retire(fix, { by: 'me', reason: 'test' });
    ctx.quotes.get(fix);
    ctx.quotes.history('acme-x1');
    ctx.suppliers.findOrCreate('Acme Trading');
    ctx.suppliers.resolver()('Acme Trading');
    ctx.suppliers.find('acme trading');
    ctx.suppliers.get(1);
    ctx.suppliers.list();
    ctx.suppliers.update(1, { contact: 'x', notes: '' });
    ctx.quotes.has(quote('acme-x1'));
    ctx.quotes.count();
    ctx.quotes.latestPrices(['s']);
    ctx.quotes.latestPrices();
    ctx.sites.list();
    ctx.fx.add({ currency: 'USD', cnyPer: 7.1, asOf: '2026-02-01', source }, 'user');
    ctx.fx.latest();
    ctx.fx.has('USD', '2026-02-01');
    const b = ctx.builds.create('b', buildAssumptionsSchema.parse(DEFAULT_ASSUMPTIONS), [{ accelerator: 'acme-x1', count: 8, role: 'both', server: 'test-host' }]);
    ctx.builds.update(b.id, { name: 'b2' });
    ctx.builds.setDeleted(b.id, true);
    ctx.builds.get(b.id, true);
    ctx.builds.list();
    const set = ctx.bidSets.save('bids', { a: 1 });
    ctx.bidSets.list();
    ctx.bidSets.remove(set.id);
    const batch = ctx.imports.createBatch({ fileName: 'f.csv', sheet: 'S', supplier: 'S', rowCount: 1, importedAt: '2026-01-15T00:00:00Z' });
    ctx.imports.saveMapping('S', 'layout', { headerRow: 1, columns: [] }, '2026-01-15T00:00:00Z');
    ctx.imports.mapping('S', 'layout');
    ctx.imports.layoutKeys();
    ctx.imports.markUndone(batch, '2026-01-16T00:00:00Z');
    ctx.imports.list();
    ctx.meta.set('k', 'v');
    ctx.meta.get('k');
    ctx.meta.schemaVersion();
    ctx.settings.set('k', { v: 1 });
    ctx.settings.get('k');
    expect(id).toBeGreaterThan(0);
    expect(prepared).toEqual([]);
  });

  it('upsert by slug: the same id, the first origin kept, every other column replaced', () => {
    const first = ctx.servers.upsert(server(), 'import');
    const again = ctx.servers.upsert(server({ name: 'Renamed', hostPrice: 120_000 }), 'user');
    expect(again).toBe(first);
    expect(ctx.servers.idOf('test-host')).toBe(first);
    expect(ctx.servers.list().find((s) => s.slug === 'test-host')).toMatchObject({ id: first, name: 'Renamed', hostPrice: 120_000 });
    expect(db.prepare('SELECT origin FROM server WHERE id = ?').pluck().get(first)).toBe('import');

    const h20 = ctx.accelerators.get('nvidia-h20')!;
    const id = ctx.accelerators.upsert({ ...h20, tdpW: 333 }, { origin: 'user', userEdited: true });
    expect(id).toBe(h20.id);
    expect(ctx.accelerators.get('nvidia-h20')).toMatchObject({ id: h20.id, tdpW: 333, origin: 'seed', userEdited: true, sources: h20.sources });
  });

  it('a transaction writes everything or nothing', () => {
    const before = { servers: ctx.servers.list().length, quotes: ctx.quotes.count() };
    expect(() =>
      ctx.transaction(() => {
        ctx.servers.upsert(server(), 'user');
        ctx.quotes.add(quote('test-host', { kind: 'server-purchase', cardsPerServer: 8, cardSlug: 'nvidia-h20' }), { origin: 'user' });
        ctx.quotes.add(quote('no-such-part'), { origin: 'user' });
      }),
    ).toThrow(/unknown accelerator "no-such-part"/);
    expect({ servers: ctx.servers.list().length, quotes: ctx.quotes.count() }).toEqual(before);
    expect(ctx.servers.idOf('test-host')).toBeUndefined();
  });

  it('a part whose sources cannot be written is not written either', () => {
    const h20 = ctx.accelerators.get('nvidia-h20')!;
    const bad = { ...h20, slug: 'half-written', sources: { default: { ...source, title: null as unknown as string } } };
    expect(() => ctx.accelerators.upsert(bad, { origin: 'user', userEdited: true })).toThrow(/NOT NULL/);
    expect(ctx.accelerators.idOf('half-written')).toBeUndefined();
  });
});

describe('build lines', () => {
  it('keep a lead time, a rental price per card-hour and an engine (a name or an inline profile)', () => {
    const lines = [
      { accelerator: 'ascend-910b', count: 8, role: 'both' as const, leadTimeWeeks: 12.5, rentalPricePerCardHour: { amount: 4.25, currency: 'USD' as const }, engine: 'mindie' },
      { accelerator: 'ascend-910b', count: 16, role: 'decode' as const, engine: { name: 'our fork', base: 'vllm', stepOverheadMs: 4 } },
      { accelerator: 'ascend-910b', count: 4, role: 'prefill' as const },
    ];
    const b = ctx.builds.create('terms', buildAssumptionsSchema.parse(DEFAULT_ASSUMPTIONS), lines);
    expect(ctx.builds.get(b.id).lines).toEqual(lines);
  });
});
