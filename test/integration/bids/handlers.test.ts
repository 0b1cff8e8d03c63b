/** bids:* handlers on a real database: evaluate, saved bid sets CRUD, and hostile inputs. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { tmpDbPath } from '../../helpers/tmp';

const example = () => JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as Record<string, unknown>;
let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

async function ok<T>(channel: string, arg?: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('bids handlers', () => {
  it('evaluates the example: two ranked by score, two failing with their reasons', async () => {
    type Bid = { vendor: string; pass: boolean; failures: { code: string; actual: unknown; limit: unknown }[]; rank: number | null; totalScore: number | null; build: { outputTokensPerSecond: number } };
    const r = await ok<{ requiredTokensPerSecond: number; ranking: number[]; recommended: number[]; bids: Bid[] }>('bids:evaluate', { bidFile: example() });
    // Pacific misses the deadline and the domestic share; Kunlun's 128 × P800 serve too little (docs/model.md § 10)
    expect(r.bids.map((b) => b.pass)).toEqual([true, false, true, false]);
    expect(r.bids[1]!.failures.map((f) => f.code)).toEqual(['delivery', 'domestic']);
    const kunlun = r.bids[3]!;
    expect(kunlun.failures.map((f) => f.code)).toEqual(['throughput']);
    expect(kunlun.failures[0]).toMatchObject({ actual: kunlun.build.outputTokensPerSecond, limit: r.requiredTokensPerSecond });
    expect(kunlun.build.outputTokensPerSecond).toBeLessThan(r.requiredTokensPerSecond);
    for (const b of r.bids.filter((b) => !b.pass)) expect(b).toMatchObject({ rank: null, totalScore: null });
    // the ranking holds exactly the passing bids, in falling total score, and names the first
    const passing = r.bids.flatMap((b, i) => (b.pass ? [i] : []));
    expect([...r.ranking].sort((a, b) => a - b)).toEqual(passing);
    const scores = r.ranking.map((i) => r.bids[i]!.totalScore!);
    for (let k = 1; k < scores.length; k++) expect(scores[k]!).toBeLessThan(scores[k - 1]!);
    r.ranking.forEach((i, k) => expect(r.bids[i]!.rank).toBe(k + 1));
    expect(r.recommended).toEqual([r.ranking[0]]);
  });

  it('saves, lists, updates, reads and deletes bid sets', async () => {
    const body = example();
    const saved = await ok<{ id: number; name: string; body: unknown }>('bids:save', { name: 'Tender 17', body });
    expect(saved.body).toEqual(body);
    const renamed = await ok<{ id: number; name: string }>('bids:save', { id: saved.id, name: 'Tender 17 (final)', body: { ...body, title: 'Final' } });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Tender 17 (final)' });
    const list = await ok<{ id: number; name: string }[]>('bids:list');
    expect(list.map((s) => s.name)).toContain('Tender 17 (final)');
    const got = await ok<{ body: { title: string } }>('bids:get', { id: saved.id });
    expect(got.body.title).toBe('Final');
    await ok('bids:delete', { id: saved.id });
    expect(await dispatch(ctx, 'bids:get', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(ctx, 'bids:delete', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(ctx, 'bids:save', { id: 999_999, name: 'x', body })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  const hostile: [string, unknown][] = [
    ['no argument', undefined],
    ['a string body', { name: 'x', body: '{"kind":"bids"}' }],
    ['an array body', { name: 'x', body: [] }],
    ['null body', { name: 'x', body: null }],
    ['empty name', { name: '   ', body: example() }],
    ['a scenario as body', { name: 'x', body: { version: 1, site: 'west-china', workload: { model: 'deepseek-v3' }, builds: [] } }],
    ['__proto__ key', JSON.parse('{"name":"x","body":{"kind":"bids","__proto__":{"polluted":1}}}')],
    ['extra key', { name: 'x', body: example(), admin: true }],
    ['negative id', { id: -1, name: 'x', body: example() }],
    ['huge name', { name: 'x'.repeat(10_000), body: example() }],
  ];
  it.each(hostile)('bids:save refuses %s', async (_label, arg) => {
    const r = await dispatch(ctx, 'bids:save', arg);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the path of a bad bid', async () => {
    const body = example();
    ((body.bids as Record<string, unknown>[])[2]!.lines as Record<string, unknown>[])[1]!.count = 1.5;
    const r = await dispatch(ctx, 'bids:evaluate', { bidFile: body });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'bids[2].lines[1].count' }] } });
  });
});
