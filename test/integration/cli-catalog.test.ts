import { describe, it, expect } from 'vitest';
import { runProcure } from '../helpers/cli';
import { tmpDbPath } from '../helpers/tmp';

const run = (args: string[]) => runProcure(args);

describe('procure catalog', () => {
  const db = tmpDbPath();

  it('lists the catalog as a table and as JSON, filtered by vendor', async () => {
    const table = await run(['catalog', 'list', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Ascend 910B/);
    expect(table.out).toMatch(/H20/);
    const json = await run(['catalog', 'list', '--json', '--vendor', 'huawei', '--db', db]);
    const parts = JSON.parse(json.out) as { vendor: string }[];
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.vendor === 'Huawei')).toBe(true);
  });

  it('shows one part with every figure\'s source, matching names loosely', async () => {
    const r = await run(['catalog', 'show', '910B', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ascend-910b/);
    expect(r.out).toMatch(/memoryBandwidthTBps\s+[\d.]+ TB\/s/);
    expect(r.out).toMatch(/source: /);
    const sxm = await run(['catalog', 'show', 'h100', 'sxm', '--db', db]);
    expect(sxm.out).toMatch(/nvidia-h100-sxm/);
    const zh = await run(['catalog', 'show', '昇腾910B', '--db', db]);
    expect(zh.out).toMatch(/ascend-910b\)/);
  });

  it('an ambiguous or unknown name is an error listing candidates', async () => {
    const r = await run(['catalog', 'show', 'ascend', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/matches \d+ accelerators: .*ascend-910b/);
    const none = await run(['catalog', 'show', 'voodoo 5', '--db', db]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no accelerator matches/);
  });

  it('unknown commands print usage and fail', async () => {
    const r = await run(['frobnicate', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/usage: procure/);
  });
});
