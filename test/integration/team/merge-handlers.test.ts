/**
 * The catalog-merge and sharing handlers on a real laptop database, without a hub: a catalog
 * edit is recorded field by field (one pending edit per figure, the last value), shares are
 * versioned only when the build changed, and hostile input to every new channel is a typed
 * error with the database unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { tmpDbPath } from '../../helpers/tmp';

let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

const ok = async <T>(channel: string, arg?: unknown): Promise<T> => {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
};
const fails = async (channel: string, arg: unknown) => {
  const r = await dispatch(ctx, channel, arg);
  expect(r.ok, `${channel} ${JSON.stringify(arg)}`).toBe(false);
  return r.ok ? '' : r.error.code;
};
const tables = () => JSON.stringify(['catalog_edit', 'team_conflict', 'team_resolution', 'team_share', 'team_shared_version', 'build', 'bid_set'].map((t) => ctx.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
const pending = () => ctx.db.prepare('SELECT part, field, value FROM catalog_edit WHERE hub_change IS NULL ORDER BY field').all();

describe('catalog edits recorded field by field', () => {
  it('records the figures an edit changed, one pending edit per figure with its last value', async () => {
    const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, ...h20 } = ctx.accelerators.get('nvidia-h20')!;
    await ok('catalog:save', { accelerator: { ...h20, tdpW: 410, idleW: 55 }, create: false });
    await ok('catalog:save', { accelerator: { ...h20, tdpW: 415, idleW: 55 }, create: false });
    expect(pending()).toEqual([
      { part: 'nvidia-h20', field: 'idleW', value: '55' },
      { part: 'nvidia-h20', field: 'tdpW', value: '415' },
    ]);
    expect((await ok<{ pending: { catalogEdits: number } }>('team:status')).pending.catalogEdits).toBe(2);
    // a new part is not a figure edit of a shared part
    await ok('catalog:save', { accelerator: { ...h20, slug: 'my-own-card', model: 'Own' }, create: true });
    expect(pending()).toHaveLength(2);
  });
});

describe('sharing without a hub', () => {
  it('queues a version only when the build changed', async () => {
    const b = await ok<{ id: number }>('builds:create', { name: 'Pilot', lines: [{ accelerator: 'nvidia-h20', count: 8, role: 'both' }] });
    const first = await ok<{ status: string; docId: string }>('team:share', { kind: 'build', name: 'Pilot' });
    expect(first.status).toBe('queued');
    expect((await ok<{ status: string }>('team:share', { kind: 'build', id: b.id })).status).toBe('unchanged');
    await ok('builds:update', { id: b.id, lines: [{ accelerator: 'nvidia-h20', count: 16, role: 'both' }] });
    const again = await ok<{ status: string; docId: string }>('team:share', { kind: 'build', id: b.id });
    expect(again).toMatchObject({ status: 'queued', docId: first.docId });
    // still one version waiting (the newer replaced the unshared one)
    expect((await ok<{ pending: { builds: number } }>('team:status')).pending.builds).toBe(1);
    const list = await ok<{ docId: string; pending: boolean; mine: boolean }[]>('team:shared-list');
    expect(list).toEqual([expect.objectContaining({ docId: first.docId, pending: true, mine: true })]);
  });

  it('refuses a shared build this app cannot open when duplicating it, writing nothing', async () => {
    ctx.db
      .prepare(`INSERT INTO team_shared_version (gid, doc_gid, kind, version, name, body, shared_at, author, pushed_at, hub_change) VALUES (?, ?, 'build', 1, ?, ?, 't', 'mallory', 't', 99)`)
      .run('01900000-0000-7000-8000-0000000000aa', '01900000-0000-7000-8000-0000000000ab', "x'); DROP TABLE build;--", JSON.stringify({ lines: [{ accelerator: 'no-such-part', count: -3 }] }));
    const before = tables();
    expect(await fails('team:duplicate', { docId: '01900000-0000-7000-8000-0000000000ab' })).toBe('invalid-input');
    expect(tables()).toBe(before);
  });
});

describe('hostile input to the merge channels: a typed error, nothing written', () => {
  const sqlish = "Robert'); DROP TABLE catalog_edit;--";
  const cases: [string, unknown, string][] = [
    ['team:resolve', { id: sqlish, decision: 'confirm' }, 'invalid-input'],
    ['team:resolve', { id: '01900000-0000-7000-8000-000000000001', decision: 'confirm' }, 'not-found'],
    ['team:resolve', { id: '01900000-0000-7000-8000-000000000001', decision: 'delete' }, 'invalid-input'],
    ['team:share', { kind: 'build', name: sqlish }, 'not-found'],
    ['team:share', { kind: 'build', id: 1, name: 'Pilot' }, 'invalid-input'],
    ['team:share', { kind: 'quote', id: 1 }, 'invalid-input'],
    ['team:share', { kind: 'bidset', id: 9999 }, 'not-found'],
    ['team:duplicate', { docId: '01900000-0000-7000-8000-000000000009' }, 'not-found'],
    ['team:duplicate', { docId: sqlish }, 'invalid-input'],
    ['team:duplicate', {}, 'invalid-input'],
    ['team:shared-list', { kind: 'everything' }, 'invalid-input'],
    ['team:conflicts', { all: 'yes' }, 'invalid-input'],
    ['team:history', { kind: 'part', gid: 'nvidia-h20' }, 'not-found'],
    ['team:history', { kind: 'audit', gid: 'x' }, 'invalid-input'],
    ['team:history', { kind: 'quote', gid: 'x'.repeat(500) }, 'invalid-input'],
  ];
  it.each(cases)('%s %j → %s', async (channel, arg, code) => {
    const before = tables();
    expect(await fails(channel, arg)).toBe(code);
    expect(tables()).toBe(before);
  });

  it('lists no conflicts on a laptop that never synced', async () => {
    expect(await ok('team:conflicts', { all: true })).toEqual([]);
  });
});
