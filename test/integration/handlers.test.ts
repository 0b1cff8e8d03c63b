/** Every handler against hostile input: a typed error, and the database unchanged. */
import { describe, it, expect, beforeAll } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import type { AppContext } from '../../electron/context';
import { tmpDbPath } from '../helpers/tmp';
import { CHANNEL_NAMES } from '../../shared/contract/api';

let ctx: AppContext;
let valid: Record<string, unknown>;

function fingerprint(): string {
  const rows: unknown[] = [];
  for (const t of ['accelerator', 'figure_source', 'vendor', 'quote', 'setting', 'build', 'build_line', 'server', 'fx_rate', 'import_batch']) {
    rows.push(ctx.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
  }
  return JSON.stringify(rows);
}

beforeAll(() => {
  ctx = openApp(tmpDbPath());
  const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, ...acc } = ctx.accelerators.get('ascend-910b')!;
  valid = acc;
});

const huge = 'x'.repeat(100_000);
const sqlish = "Robert'); DROP TABLE accelerator;--";

const hostile: [string, string, unknown, string][] = [
  ['unknown channel', 'catalog:drop', {}, 'not-found'],
  ['catalog:get without slug', 'catalog:get', {}, 'invalid-input'],
  ['catalog:get with a number', 'catalog:get', { slug: 42 }, 'invalid-input'],
  ['catalog:get with SQL in the slug', 'catalog:get', { slug: sqlish }, 'not-found'],
  ['catalog:get with a huge slug', 'catalog:get', { slug: huge }, 'invalid-input'],
  ['catalog:get with an extra field', 'catalog:get', { slug: 'ascend-910b', admin: true }, 'invalid-input'],
  ['catalog:list with junk', 'catalog:list', { everything: 1 }, 'invalid-input'],
  ['catalog:save missing accelerator', 'catalog:save', { create: false }, 'invalid-input'],
  ['catalog:save negative memory', 'catalog:save', { accelerator: { slug: 'ascend-910b', memoryGB: -64 }, create: false }, 'invalid-input'],
  ['quotes:list with an object item', 'quotes:list', { item: { $gt: '' } }, 'invalid-input'],
  ['settings:set without key', 'settings:set', { value: 1 }, 'invalid-input'],
  ['settings:get huge key', 'settings:get', { key: huge }, 'invalid-input'],
  ['null argument', 'catalog:get', null, 'invalid-input'],
  ['array argument', 'catalog:save', [1, 2, 3], 'invalid-input'],
  ['builds:create without name', 'builds:create', { lines: [] }, 'invalid-input'],
  ['builds:create with a huge name', 'builds:create', { name: huge }, 'invalid-input'],
  ['builds:create with a negative count', 'builds:create', { name: 'x', lines: [{ accelerator: 'ascend-910b', count: -8 }] }, 'invalid-input'],
  ['builds:create with a fractional count', 'builds:create', { name: 'x', lines: [{ accelerator: 'ascend-910b', count: 2.5 }] }, 'invalid-input'],
  ['builds:create with NaN price', 'builds:create', { name: 'x', lines: [{ accelerator: 'ascend-910b', count: 8, unitPrice: { amount: Number.NaN, currency: 'CNY' } }] }, 'invalid-input'],
  ['builds:create with an unknown part', 'builds:create', { name: 'x', lines: [{ accelerator: sqlish, count: 8 }] }, 'invalid-input'],
  ['builds:create with an unknown server', 'builds:create', { name: 'x', lines: [{ accelerator: 'ascend-910b', count: 8, server: 'no-such-host' }] }, 'invalid-input'],
  ['builds:create with a bad site price', 'builds:create', { name: 'x', assumptions: { site: { powerPricePerKWh: -1 }, workload: { model: 'deepseek-v3' } } }, 'invalid-input'],
  ['builds:update unknown id', 'builds:update', { id: 999999, name: 'x' }, 'not-found'],
  ['builds:update with a string id', 'builds:update', { id: '1; DROP TABLE build', name: 'x' }, 'invalid-input'],
  ['builds:delete unknown id', 'builds:delete', { id: 424242 }, 'not-found'],
  ['builds:restore a live build id that does not exist', 'builds:restore', { id: 424242 }, 'not-found'],
  ['scenario:import not JSON', 'scenario:import', { fileName: 'a.procure.json', text: '{oops' }, 'invalid-input'],
  ['scenario:import wrong shape', 'scenario:import', { fileName: 'a.procure.json', text: '{"builds": 3}' }, 'invalid-input'],
  ['scenario:import unknown part', 'scenario:import', { fileName: 'a.procure.json', text: JSON.stringify({ site: 'west-china', workload: { model: 'deepseek-v3' }, builds: [{ name: 'b', lines: [{ accelerator: 'Voodoo 5', count: 8 }] }] }) }, 'invalid-input'],
  ['fx:add for CNY', 'fx:add', { currency: 'CNY', cnyPer: 1, asOf: '2026-01-01', source: 's' }, 'invalid-input'],
  ['db:restore of junk', 'db:restore', { dataBase64: Buffer.from('junk').toString('base64') }, 'invalid-input'],
  ['defaults:set with NaN years', 'defaults:set', { assumptions: { site: 'west-china', workload: { model: 'deepseek-v3' }, finance: { years: Number.NaN } } }, 'invalid-input'],
];

describe('hostile inputs', () => {
  it.each(hostile)('%s → %s', async (_name, channel, arg, code) => {
    const before = fingerprint();
    const r = await dispatch(ctx, channel, arg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(0);
    }
    expect(fingerprint()).toBe(before);
  });

  const badFigures: [string, Record<string, unknown>, string][] = [
    ['NaN bandwidth', { memoryBandwidthTBps: Number.NaN }, 'accelerator.memoryBandwidthTBps'],
    ['negative TDP', { tdpW: -1 }, 'accelerator.tdpW'],
    ['string memory', { memoryGB: '64GB' }, 'accelerator.memoryGB'],
    ['infinite TFLOPS', { tflops: { bf16: Infinity } }, 'accelerator.tflops.bf16'],
    ['no precision at all', { tflops: {} }, 'accelerator.tflops'],
    ['SQL in the model name, bad slug', { slug: sqlish }, 'accelerator.slug'],
    ['MBU above 1', { mbu: 1.5 }, 'accelerator.mbu'],
    ['unknown export status', { exportControl: { CN: 'maybe', other: 'free' } }, 'accelerator.exportControl.CN'],
    ['bad as-of date', { sources: { default: { title: 'x', asOf: 'yesterday' } } }, 'accelerator.sources.default.asOf'],
    ['huge notes', { notes: huge }, 'accelerator.notes'],
  ];
  it.each(badFigures)('catalog:save rejects %s with the field path', async (_n, patch, path) => {
    const before = fingerprint();
    const r = await dispatch(ctx, 'catalog:save', { accelerator: { ...valid, ...patch }, create: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(fingerprint()).toBe(before);
  });

  it('creating a part whose slug exists is a conflict', async () => {
    const r = await dispatch(ctx, 'catalog:save', { accelerator: valid, create: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('updating an unknown part is not-found', async () => {
    const r = await dispatch(ctx, 'catalog:save', { accelerator: { ...valid, slug: 'no-such-part' }, create: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('SQL metacharacters in names are stored as text, not run', async () => {
    const r = await dispatch(ctx, 'catalog:save', {
      accelerator: { ...valid, slug: 'quoted-part', model: sqlish, vendor: "O'Brien \"Chips\"; --", aliases: [sqlish] },
      create: true,
    });
    expect(r.ok).toBe(true);
    expect(ctx.accelerators.get('quoted-part')!.model).toBe(sqlish);
    expect(ctx.accelerators.list().length).toBeGreaterThan(30);
  });
});

describe('the handler table', () => {
  it('has exactly one handler per contract channel', async () => {
    for (const c of CHANNEL_NAMES) {
      const r = await dispatch(ctx, c, { definitely: 'not valid' });
      // Every channel validates its input; none crashes with an internal error.
      expect(r.ok ? 'ok' : r.error.code, c).not.toBe('internal');
    }
  });

  it('catalog:list returns parts with best prices and the vendors', async () => {
    const r = await dispatch(ctx, 'catalog:list', undefined);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const data = r.value as { accelerators: { slug: string; bestPrice?: unknown }[]; vendors: unknown[] };
      expect(data.vendors.length).toBeGreaterThanOrEqual(9);
      expect(data.accelerators.find((a) => a.slug === 'nvidia-h20')?.bestPrice).toBeDefined();
    }
  });
});

describe('scenario:import', () => {
  it('adds inline parts and servers to the catalog as user rows with estimate sources', async () => {
    const text = JSON.stringify({
      site: 'west-china',
      workload: { model: 'deepseek-v3' },
      builds: [
        {
          name: 'inline',
          lines: [
            {
              accelerator: { name: 'EX-9', vendor: 'Custom', memoryGB: 96, memoryBandwidthTBps: 2, tflops: { bf16: 400 }, tdpW: 500 },
              count: 16,
              unitPrice: { amount: 100000, currency: 'CNY' },
              server: { name: 'EX host', cardsPerServer: 8, price: { amount: 90000, currency: 'CNY' }, powerW: 1500 },
            },
          ],
        },
      ],
    });
    const r = await dispatch(ctx, 'scenario:import', { fileName: 'inline.procure.json', text });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { addedParts: string[]; builds: { lines: { accelerator: string; server?: string }[] }[] };
    expect(v.addedParts).toEqual(['custom-ex-9']);
    expect(v.builds[0]!.lines[0]).toMatchObject({ accelerator: 'custom-ex-9', server: 'ex-host' });
    expect(ctx.accelerators.get('custom-ex-9')).toMatchObject({ origin: 'user', sources: { default: { estimate: true } } });
    // A second import of the same file gets a fresh slug rather than overwriting.
    const again = await dispatch(ctx, 'scenario:import', { fileName: 'inline.procure.json', text });
    expect(again.ok && (again.value as { addedParts: string[] }).addedParts).toEqual(['custom-ex-9-2']);
  });
});
