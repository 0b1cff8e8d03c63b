/**
 * Domain errors thrown in handlers reach every caller as the envelope's typed error, mapped in
 * one place (electron/handlers/errors.ts): IPC and the loopback host through `dispatch`, and the
 * CLI, whose every command goes through `dispatch` too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import { dispatch, handlers } from '../../electron/handlers';
import { toApiError } from '../../electron/handlers/errors';
import { openDatabase } from '../../electron/db/open';
import { AppError, type ApiError } from '../../shared/contract/result';
import { translate } from '../../shared/i18n/translate';
import { channels } from '../../shared/contract/api';
import { FxMissingError } from '../../shared/money';
import { ScenarioError } from '../../shared/scenario/schema';
import { runProcure } from '../helpers/cli';
import { tmpDbPath, tmpDir } from '../helpers/tmp';

/** Valid by the schema, but naming a site and a part the catalog does not have. */
const unknownPart = {
  asOf: '2026-11-27',
  site: 'Atlantis hub',
  workload: { model: 'deepseek-v3' },
  builds: [{ name: 'B', lines: [{ accelerator: 'Voodoo 5 6000', count: 8 }] }],
};

function bidFileNaming(part: string): Record<string, unknown> {
  const f = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: { lines: { accelerator: unknown }[] }[] };
  f.bids[0]!.lines[0]!.accelerator = part;
  return f;
}

describe('toApiError', () => {
  it('maps each domain error to its code, message and issues', () => {
    const issues = [{ path: 'builds[0].lines[1].count', message: 'expected a positive integer' }, { path: '(root)', message: 'not valid JSON' }];
    expect(toApiError(new ScenarioError(issues))).toEqual({
      code: 'invalid-input',
      message: 'builds[0].lines[1].count: expected a positive integer; not valid JSON',
      issues,
      // issues without a key of their own travel as their English text inside the list
      i18n: { key: 'errors.issues', vars: { items: ['builds[0].lines[1].count: expected a positive integer', 'not valid JSON'] } },
    });
    const fx = toApiError(new FxMissingError('JPY'));
    expect(fx).toEqual({ code: 'invalid-input', message: expect.stringMatching(/no exchange rate for JPY/), i18n: { key: 'errors.fx.missing', vars: { currency: 'JPY' } } });
    expect(translate('zh-CN', fx.i18n!)).toBe('缺少 JPY 的汇率；请在“设置 → 汇率”或方案文件的 "fx" 中添加');
    expect(toApiError(new AppError('conflict', 'taken', [{ path: 'slug', message: 'exists' }]))).toMatchObject({ code: 'conflict', message: 'taken', issues: [{ path: 'slug' }] });
    const zod = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(toApiError(zod.error)).toMatchObject({ code: 'invalid-input', issues: [{ path: 'n' }] });
    expect(toApiError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toApiError('a string')).toEqual({ code: 'internal', message: 'a string' });
  });

  it('a database file that is not ours is bad input, not an internal error', () => {
    const file = path.join(tmpDir(), 'junk.db');
    fs.writeFileSync(file, 'this is not a database');
    let thrown: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      thrown = e;
    }
    expect(thrown?.constructor.name).toBe('DbOpenError');
    expect(toApiError(thrown)).toMatchObject({ code: 'invalid-input', message: (thrown as Error).message.split('\n')[0] });
  });
});

describe('a ScenarioError thrown in a handler, through dispatch', () => {
  const ctx = openApp(tmpDbPath());

  it('scenario:evaluate: the handler throws ScenarioError; the caller gets its issues as invalid-input', async () => {
    const input = channels['scenario:evaluate'].input.parse({ scenario: unknownPart });
    let thrown: unknown;
    try {
      handlers['scenario:evaluate'](ctx, input);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const issues = (thrown as ScenarioError).issues;
    expect(issues.map((i) => i.path)).toEqual(['site', 'builds[0].lines[0].accelerator']);
    const r = await dispatch(ctx, 'scenario:evaluate', { scenario: unknownPart });
    expect(r).toEqual({ ok: false, error: { code: 'invalid-input', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues, i18n: expect.objectContaining({ key: 'errors.issues' }) } });
    // the same error in the zh-CN UI: every issue in Chinese, paths as written
    const zh = translate('zh-CN', (r as { error: ApiError }).error.i18n!);
    expect(zh).toBe('site：目录中没有名为“Atlantis hub”的站点；请在文件中直接给出站点：{"name", "powerPricePerKWh", "pue", "jurisdiction"}；builds[0].lines[0].accelerator：没有与“Voodoo 5 6000”匹配的加速卡');
  });

  it('bids:evaluate, report:xlsx and optimize:run report what the catalog lacks the same way', async () => {
    const bid = await dispatch(ctx, 'bids:evaluate', { bidFile: bidFileNaming('Voodoo 5 6000') });
    const report = await dispatch(ctx, 'report:xlsx', { scenario: unknownPart, lang: 'en' });
    const opt = await dispatch(ctx, 'optimize:run', { site: 'west-china', demand: [{ model: 'gpt-17', outputTokensPerSecond: 1 }] });
    for (const r of [bid, report, opt]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.issues?.length).toBeGreaterThan(0);
      expect(r.error.message).toBe(r.error.issues!.map((i) => (i.path === '(root)' ? i.message : `${i.path}: ${i.message}`)).join('; '));
    }
    expect(bid.ok || bid.error.issues?.[0]?.path).toBe('bids[0].lines[0].accelerator');
    expect(report.ok || report.error.issues?.map((i) => i.path)).toEqual(['site', 'builds[0].lines[0].accelerator']);
    expect(opt.ok || opt.error.issues?.[0]?.path).toMatch(/^demand\[0\]\.model/);
  });

  it('procure evaluate goes through dispatch and lists the same issues under the file name', async () => {
    const file = path.join(tmpDir(), 'unknown.procure.json');
    fs.writeFileSync(file, JSON.stringify(unknownPart));
    const r = await runProcure(['evaluate', file, '--db', tmpDbPath()]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/is not a valid scenario:\n {2}\S+: site: no site named "Atlantis hub"[^\n]*\n {2}\S+: builds\[0\]\.lines\[0\]\.accelerator: /);
    expect(r.err.startsWith(`procure evaluate: ${file} is not a valid scenario:\n  ${file}: site: `)).toBe(true);
  });
});
