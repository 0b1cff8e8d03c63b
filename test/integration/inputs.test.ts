/**
 * Hostile and awkward inputs at every door: nesting deep enough to exhaust a recursive walk,
 * oversized arguments, NaN and Infinity for a setting, a vanishing optimizer demand, document
 * files with a byte-order mark or in UTF-16, and a reader that closes stdout early.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/handlers';
import { runProcure } from '../helpers/cli';
import { tmpDbPath, tmpDir } from '../helpers/tmp';

const EXAMPLES = path.join(SOURCE_ROOT, 'examples');
const SCENARIO = path.join(EXAMPLES, 'deepseek-v3-mixed.procure.json');
const BIDS = path.join(EXAMPLES, 'bids-deepseek-v3-cluster.json');
const OPTIMIZE = path.join(EXAMPLES, 'optimize-deepseek-v3-west-china.json');

const deepText = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deep = (n: number): unknown => JSON.parse(deepText(n));

let ctx: AppContext;
let db: string;
beforeAll(() => {
  db = tmpDbPath();
  ctx = openApp(db);
});
afterAll(() => ctx?.db.close());

async function refusal(channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await dispatch(ctx, channel, input);
  if (r.ok) throw new Error(`${channel} accepted it`);
  return r.error;
}

describe('JSON nesting and size limits', () => {
  const bidFile = () => JSON.parse(fs.readFileSync(BIDS, 'utf8')) as Record<string, unknown>;
  const doors: [string, () => unknown][] = [
    ['bids:evaluate', () => ({ bidFile: { ...bidFile(), title: deep(5000) } })],
    ['bids:save', () => ({ name: 'deep', body: { ...bidFile(), notes: deep(5000) } })],
    ['report:pdf', () => ({ bidFile: { ...bidFile(), title: deep(5000) }, lang: 'en' })],
    ['settings:set', () => ({ key: 'deep', value: deep(5000) })],
    ['scenario:evaluate', () => ({ scenario: { builds: deep(5000) } })],
    ['optimize:run', () => ({ demand: deep(5000) })],
  ];
  it.each(doors)('%s: 5,000 levels are refused naming the limit, not a stack overflow', async (channel, input) => {
    const e = await refusal(channel, input());
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/nested deeper than 64 levels \(the limit\)/);
  });

  it('64 levels are fine for a setting; 65 are not', async () => {
    expect(await dispatch(ctx, 'settings:set', { key: 'nest', value: deep(62) })).toMatchObject({ ok: true });
    expect((await refusal('settings:set', { key: 'nest', value: deep(64) })).message).toMatch(/deeper than 64 levels/);
  });

  it('an argument over the size limit is refused naming the limit', async () => {
    const e = await refusal('scenario:import', { fileName: 'big.json', text: 'x'.repeat(21 * 1024 * 1024) });
    expect(e).toMatchObject({ code: 'invalid-input', message: 'argument too large: larger than 20,971,520 characters as JSON (the limit)' });
  });

  it('document files: a scenario text, the CLI and a mapping file say which limit', async () => {
    const text = JSON.stringify({ name: 'x' }).replace('}', `,"builds":${deepText(5000)}}`);
    const e = await refusal('scenario:import', { fileName: 'deep.procure.json', text });
    expect(e.message).toMatch(/builds(\.a)+: nested deeper than 64 levels \(the limit\)/);
    const dir = tmpDir();
    const file = path.join(dir, 'deep.json');
    fs.writeFileSync(file, `{"kind":"bids","x":${deepText(5000)}}`);
    for (const cmd of [['bids', file], ['report', file, '--out', path.join(dir, 'r.pdf')], ['evaluate', file], ['optimize', file]]) {
      const r = await runProcure([...cmd, '--db', db]);
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.err, cmd.join(' ')).toMatch(/x(\.a)+: nested deeper than 64 levels \(the limit\)/);
      expect(r.err).not.toMatch(/internal|call stack/i);
    }
  });
});

describe('settings:set takes JSON values only', () => {
  it.each([NaN, Infinity, -Infinity])('refuses %s, at the top and nested, and keeps the stored value', async (v) => {
    await dispatch(ctx, 'settings:set', { key: 'k', value: 1 });
    expect(await refusal('settings:set', { key: 'k', value: v })).toMatchObject({ code: 'invalid-input', message: 'value: expected a finite number' });
    expect((await refusal('settings:set', { key: 'k', value: { a: [1, v] } })).message).toBe('value: a[1]: expected a finite number');
    expect(await dispatch(ctx, 'settings:get', { key: 'k' })).toEqual({ ok: true, value: 1 });
  });
  it('still stores ordinary values', async () => {
    expect(await dispatch(ctx, 'settings:set', { key: 'k', value: { a: [1, 'b', null, true] } })).toEqual({ ok: true, value: { a: [1, 'b', null, true] } });
  });
});

describe('optimizer demand', () => {
  const problem = () => JSON.parse(fs.readFileSync(OPTIMIZE, 'utf8')) as { demand: Record<string, unknown>[] };
  const withRate = (key: string, v: number) => {
    const p = problem();
    const { outputTokensPerSecond: _a, outputTokensPerDay: _b, requestsPerSecond: _c, ...rest } = p.demand[0]!;
    return { ...p, demand: [{ ...rest, [key]: v }] };
  };
  it.each([
    ['outputTokensPerSecond', 5e-324],
    ['outputTokensPerSecond', 0.5],
    ['outputTokensPerDay', 5e-324],
    ['outputTokensPerDay', 1],
    ['requestsPerSecond', 5e-324],
    ['requestsPerSecond', 0.001],
  ])('%s = %s is invalid input with its path, not an internal error', async (key, v) => {
    const e = await refusal('optimize:run', withRate(key, v));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toBe(`demand[0].${key}: expected a demand of at least 1 output token per second (86,400 a day)`);
  });
  it('one token a second is solved', async () => {
    const r = await dispatch(ctx, 'optimize:run', withRate('outputTokensPerDay', 86_400));
    expect(r.ok && (r.value as { status: string }).status).toMatch(/optimal|feasible/);
  }, 60_000);
});

describe('document files with a byte-order mark or in UTF-16', () => {
  const encodings: [string, (s: string) => Buffer][] = [
    ['UTF-8 with BOM', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['UTF-16LE with BOM', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')])],
    ['UTF-16BE with BOM', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')])],
  ];
  it.each(encodings)('%s: procure evaluate, bids and optimize read them', async (name, encode) => {
    const dir = tmpDir();
    const write = (src: string) => {
      const f = path.join(dir, path.basename(src));
      fs.writeFileSync(f, encode(fs.readFileSync(src, 'utf8')));
      return f;
    };
    const ev = await runProcure(['evaluate', write(SCENARIO), '--json', '--db', db]);
    expect(ev.err).toBe('');
    expect(ev.code).toBe(0);
    expect((JSON.parse(ev.out) as { builds: { name: string }[] }).builds.map((b) => b.name)).toContain('H20 x128');
    const bids = await runProcure(['bids', write(BIDS), '--json', '--db', db]);
    expect(bids.err).toBe('');
    expect(bids.out).toContain('昆仑智算 Kunlun Compute Partners');
    if (name !== 'UTF-16LE with BOM') return; // one solve is enough to show the optimizer reads them too
    const opt = await runProcure(['optimize', write(OPTIMIZE), '--json', '--db', db]);
    expect(opt.err).toBe('');
    expect(opt.code).toBe(0);
  }, 120_000);

  it('scenario:import takes text that kept its BOM (read as UTF-8 by a client)', async () => {
    const r = await dispatch(ctx, 'scenario:import', { fileName: 'bom.procure.json', text: `\ufeff${fs.readFileSync(SCENARIO, 'utf8')}` });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });
});

describe('procure … | head', () => {
  it('a reader that leaves early ends the output quietly, exit status 0', async () => {
    // a real pipe into head, which exits after 100 bytes while ≈120 kB are still to come
    const bin = path.join(SOURCE_ROOT, 'bin', 'procure.mjs');
    const script = `"$0" "$1" catalog list --json --db "$2" | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', script, process.execPath, bin, tmpDbPath()], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(err).toBe('status=0\n');
  }, 60_000);
});
