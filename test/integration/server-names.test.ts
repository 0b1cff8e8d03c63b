/**
 * One server matcher: a scenario that names its host server loosely is evaluated with that
 * server and imported into a build with the same server (the import matched exactly before,
 * and refused what evaluation accepted).
 */
import { describe, expect, it } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { findServerByName } from '../../shared/domain/match';
import type { EvaluationResult } from '../../shared/scenario/evaluate';
import type { ScenarioImportResult } from '../../shared/contract/builds';
import { tmpDbPath } from '../helpers/tmp';

const SERVERS = [
  { slug: 'atlas-800t-a2-host', name: 'Atlas 800T/800I A2-class host (8x Ascend 910B)' },
  { slug: 'hgx-hopper-8gpu-host', name: 'HGX 8-GPU Hopper host (H100/H200/H800/H20 SXM)' },
];

describe('findServerByName', () => {
  it.each([
    ['atlas-800t-a2-host', 'atlas-800t-a2-host'],
    ['ATLAS 800T A2 HOST', 'atlas-800t-a2-host'],
    ['Atlas 800T/800I A2-class host (8x Ascend 910B)', 'atlas-800t-a2-host'],
    ['ａｔｌａｓ８００ｔ－ａ２－ｈｏｓｔ', 'atlas-800t-a2-host'], // full-width
    ['hgx 8 gpu hopper host (h100/h200/h800/h20 sxm)', 'hgx-hopper-8gpu-host'],
  ])('finds %s', (q, slug) => {
    expect(findServerByName(SERVERS, q)?.slug).toBe(slug);
  });

  it.each(['', '   ', 'atlas', 'HGX', 'atlas-800t-a2-host-2'])('does not guess at %j', (q) => {
    expect(findServerByName(SERVERS, q)).toBeUndefined();
  });
});

describe('a loosely named server', () => {
  it('is the same server when the scenario is evaluated and when it is imported', async () => {
    const ctx = openApp(tmpDbPath());
    const scenario = {
      version: 1,
      site: 'west-china',
      workload: { model: 'deepseek-v3' },
      builds: [{ name: 'h20 loose host', lines: [{ accelerator: 'H20', count: 16, server: 'HGX 8 GPU hopper HOST (H100/H200/H800/H20 SXM)' }] }],
    };
    const ev = await dispatch(ctx, 'scenario:evaluate', { scenario });
    if (!ev.ok) throw new Error(ev.error.message);
    const line = (ev.value as EvaluationResult).builds[0]!.lines[0]!;
    expect(line.server.name).toBe('HGX 8-GPU Hopper host (H100/H200/H800/H20 SXM)');

    const im = await dispatch(ctx, 'scenario:import', { fileName: 'loose.procure.json', text: JSON.stringify(scenario) });
    if (!im.ok) throw new Error(im.error.message);
    expect((im.value as ScenarioImportResult).builds[0]!.lines[0]!.server).toBe('hgx-hopper-8gpu-host');

    const bad = await dispatch(ctx, 'scenario:import', { fileName: 'bad.procure.json', text: JSON.stringify({ ...scenario, builds: [{ name: 'x', lines: [{ accelerator: 'H20', count: 8, server: 'HGX' }] }] }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(bad.ok || bad.error.message).toContain('no server "HGX"');
  });
});
