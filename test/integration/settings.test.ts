import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { tmpDbPath } from '../helpers/tmp';
import type { AppContext } from '../../electron/context';

async function ok<T>(ctx: AppContext, channel: string, arg?: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('settings', () => {
  it('stores default assumptions that new builds take', async () => {
    const ctx = openApp(tmpDbPath());
    const defaults = await ok<Record<string, unknown>>(ctx, 'defaults:get');
    expect(defaults).toMatchObject({ currency: 'CNY', site: 'west-china' });
    await ok(ctx, 'defaults:set', { assumptions: { ...defaults, site: 'east-china', currency: 'USD' } });
    const b = await ok<{ assumptions: { site: string; currency: string } }>(ctx, 'builds:create', { name: 'x' });
    expect(b.assumptions).toMatchObject({ site: 'east-china', currency: 'USD' });
    const bad = await dispatch(ctx, 'defaults:set', { assumptions: { ...defaults, finance: { years: -3 } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('keeps FX history: a new rate wins, the old one stays', async () => {
    const ctx = openApp(tmpDbPath());
    await ok(ctx, 'fx:add', { currency: 'USD', cnyPer: 7.5, asOf: '2099-01-01', source: 'Bank of China, counter rate' });
    const hist = await ok<{ currency: string; cnyPer: number }[]>(ctx, 'fx:history');
    expect(hist.filter((r) => r.currency === 'USD').length).toBeGreaterThanOrEqual(2);
    expect(ctx.fx.latest().find((r) => r.currency === 'USD')!.cnyPer).toBe(7.5);
    for (const bad of [{ currency: 'CNY', cnyPer: 1, asOf: '2026-01-01', source: 'x' }, { currency: 'USD', cnyPer: -1, asOf: '2026-01-01', source: 'x' }, { currency: 'USD', cnyPer: 7, asOf: 'today', source: 'x' }]) {
      expect((await dispatch(ctx, 'fx:add', bad)).ok).toBe(false);
    }
  });

  it('backs up and restores the whole database, keeping the current one as a backup', async () => {
    const p = tmpDbPath();
    const ctx = openApp(p);
    await ok(ctx, 'builds:create', { name: 'before backup' });
    const backup = await ok<{ fileName: string; dataBase64: string }>(ctx, 'db:backup');
    expect(backup.fileName).toMatch(/^procure-backup-\d{4}-\d{2}-\d{2}\.db$/);
    await ok(ctx, 'builds:create', { name: 'after backup' });
    const r = await ok<{ backup: string }>(ctx, 'db:restore', { dataBase64: backup.dataBase64 });
    expect(fs.existsSync(r.backup)).toBe(true);
    expect(ctx.builds.list().map((b) => b.name)).toEqual(['before backup']);
    ctx.db.close();
  });

  it('refuses to restore a file that is not a database of this app, leaving everything as it was', async () => {
    const ctx = openApp(tmpDbPath());
    await ok(ctx, 'builds:create', { name: 'precious' });
    for (const junk of [Buffer.from('not a database at all'), Buffer.alloc(8192)]) {
      const r = await dispatch(ctx, 'db:restore', { dataBase64: junk.toString('base64') });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(ctx.builds.list().map((b) => b.name)).toEqual(['precious']);
  });
});
