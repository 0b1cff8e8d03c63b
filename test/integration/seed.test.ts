import { describe, it, expect } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import { applySeed, loadSeed, seedPath } from '../../electron/db/seed';
import { dispatch } from '../../electron/handlers';
import { tmpDbPath } from '../helpers/tmp';
import type { AcceleratorView } from '../../shared/contract/views';

const seed = loadSeed(seedPath(SOURCE_ROOT));

describe('seeding', () => {
  it('loads every part, vendor, quote, site and FX rate of the seed', () => {
    const ctx = openApp(tmpDbPath());
    const parts = ctx.accelerators.list();
    expect(parts).toHaveLength(seed.accelerators.length);
    expect(ctx.quotes.list()).toHaveLength(seed.quotes.length);
    expect(ctx.sites.list().map((s) => s.slug).sort()).toEqual(seed.sites.map((s) => s.slug).sort());
    expect(ctx.fx.latest().length).toBe(seed.fx.length);
    // Sources survive the round trip through figure_source.
    const a = parts.find((p) => p.slug === 'ascend-910b')!;
    const s = seed.accelerators.find((p) => p.slug === 'ascend-910b')!;
    expect(a.sources).toEqual(s.sources);
    expect(a.tflops).toEqual(s.tflops);
    ctx.db.close();
  });

  it('never overwrites a user edit or a user quote when a newer seed arrives', async () => {
    const ctx = openApp(tmpDbPath());
    const before = (await dispatch(ctx, 'catalog:get', { slug: 'nvidia-h20' })) as { ok: true; value: AcceleratorView };
    const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, bestPrice: _b, ...acc } = before.value;
    const saved = await dispatch(ctx, 'catalog:save', { accelerator: { ...acc, memoryBandwidthTBps: 3.9 }, create: false });
    expect(saved.ok).toBe(true);
    const quotesBefore = ctx.quotes.list().length;

    const next = structuredClone(seed);
    next.version = seed.version + 1;
    next.accelerators = next.accelerators.map((p) => (p.slug === 'nvidia-h20' ? { ...p, memoryBandwidthTBps: 4.1 } : p));
    next.accelerators.push({ ...next.accelerators[0]!, slug: 'future-part', model: 'Future Part', aliases: [] });
    const report = applySeed(ctx, next);
    expect(report).toMatchObject({ applied: true, added: 1, keptUserEdits: 1 });
    expect(ctx.accelerators.get('nvidia-h20')!.memoryBandwidthTBps).toBe(3.9);
    expect(ctx.accelerators.get('future-part')).toBeDefined();
    expect(ctx.quotes.list().length).toBe(quotesBefore);
    // The same seed again changes nothing.
    expect(applySeed(ctx, next).applied).toBe(false);
    ctx.db.close();
  });

  it('keeps an edit across a restart', async () => {
    const p = tmpDbPath();
    let ctx = openApp(p);
    const got = ctx.accelerators.get('mlu590')!;
    const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, ...acc } = got;
    await dispatch(ctx, 'catalog:save', { accelerator: { ...acc, tdpW: 333 }, create: false });
    ctx.db.close();
    ctx = openApp(p);
    expect(ctx.accelerators.get('mlu590')).toMatchObject({ tdpW: 333, userEdited: true });
    ctx.db.close();
  });
});
