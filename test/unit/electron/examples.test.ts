/** The shipped examples' channels: the list names the scenarios and the bid set; a read takes only a listed file name. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/handlers';
import { openApp } from '../../../electron/bootstrap';
import { tmpDbPath } from '../../helpers/tmp';

const ctx = openApp(tmpDbPath());

describe('examples channels', () => {
  it('lists the shipped scenarios and the bid set, not the optimizer problem', async () => {
    const r = await dispatch(ctx, 'examples:list', {});
    if (!r.ok) throw new Error(r.error.message);
    const list = r.value as { file: string; kind: string }[];
    expect(list.filter((e) => e.kind === 'bids').map((e) => e.file)).toEqual(['bids-deepseek-v3-cluster.json']);
    expect(list.filter((e) => e.kind === 'scenario').map((e) => e.file)).toContain('deepseek-v3-ascend.procure.json');
    expect(list.map((e) => e.file)).not.toContain('optimize-deepseek-v3-west-china.json');
  });

  it('reads a listed example', async () => {
    const r = await dispatch(ctx, 'examples:read', { file: 'deepseek-v3-ascend.procure.json' });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { kind: string; text: string };
    expect(v.kind).toBe('scenario');
    expect(JSON.parse(v.text)).toMatchObject({ builds: expect.any(Array) });
  });

  it.each(['../package.json', '..%2Fpackage.json', '/etc/passwd', 'price-sheets/x.json', 'optimize-deepseek-v3-west-china.json', 'missing.json', '', 'a'.repeat(200) + '.json'])(
    'refuses %j',
    async (file) => {
      const r = await dispatch(ctx, 'examples:read', { file });
      expect(r.ok).toBe(false);
    },
  );
});
