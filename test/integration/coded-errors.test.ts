/**
 * Errors that reach the user travel as a key and values: the bid and catalog handlers, the
 * loopback host's refusals, and the CLI, which says them (and its own words) in the language of
 * --lang or LC_ALL / LC_MESSAGES / LANG, English by default.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { startHost, type RunningHost } from '../../electron/host/server';
import { runCli } from '../../electron/cli/main';
import { envLang, langOfLocale } from '../../electron/cli/io';
import { translate } from '../../shared/i18n/translate';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';
import type { ApiError } from '../../shared/contract/result';
import { tmpDbPath, tmpDir } from '../helpers/tmp';

const ctx = openApp(tmpDbPath());

async function refusal(channel: string, input: unknown): Promise<ApiError> {
  const r = await dispatch(ctx, channel, input);
  if (r.ok) throw new Error(`${channel} succeeded`);
  return r.error;
}

describe('handler errors arrive coded and translate in both languages', () => {
  it('catalog:get of an unknown slug', async () => {
    const e = await refusal('catalog:get', { slug: 'voodoo-5' });
    expect(e).toMatchObject({ code: 'not-found', message: 'no accelerator with slug "voodoo-5"', i18n: { key: 'errors.catalog.notFound', vars: { slug: 'voodoo-5' } } });
    expect(translate('zh-CN', e.i18n!)).toBe('没有标识为“voodoo-5”的加速卡');
  });

  it('catalog:save of a slug that exists: the conflict and its field issue', async () => {
    const a = (await dispatch(ctx, 'catalog:get', { slug: 'ascend-910b' })) as { ok: true; value: Record<string, unknown> };
    const { bestPrice: _bp, ...accelerator } = a.value;
    const e = await refusal('catalog:save', { accelerator, create: true });
    expect(e.code).toBe('conflict');
    expect(translate('en', e.i18n!)).toBe('an accelerator with slug "ascend-910b" already exists');
    expect(translate('zh-CN', e.i18n!)).toBe('标识为“ascend-910b”的加速卡已存在');
    expect(e.issues).toEqual([{ path: 'accelerator.slug', message: 'already in use', i18n: { key: 'errors.catalog.slugInUse', vars: {} } }]);
    expect(translate('zh-CN', e.issues![0]!.i18n!)).toBe('已被使用');
  });

  it("a schema's own check (a part without a default source) travels with its key", async () => {
    const a = (await dispatch(ctx, 'catalog:get', { slug: 'ascend-910b' })) as { ok: true; value: Record<string, unknown> };
    const { bestPrice: _bp, ...accelerator } = a.value;
    const e = await refusal('catalog:save', { accelerator: { ...accelerator, sources: { tdpW: { title: 'x', asOf: '2026-01-01' } } }, create: false });
    const issue = e.issues?.find((i) => i.path === 'accelerator.sources');
    expect(issue).toMatchObject({ message: 'needs a "default" source', i18n: { key: 'errors.checks.defaultSource' } });
    expect(translate('zh-CN', e.i18n!)).toContain('需要一个 "default"（默认）来源');
  });

  it('a committee evaluation asked for without a team hub', async () => {
    const e = await refusal('team:evaluation-submit', { id: '00000000-0000-4000-8000-000000000000' });
    expect(e).toMatchObject({ code: 'not-found', i18n: { key: 'errors.committee.notConnected' } });
    expect(e.message).toMatch(/^not connected to a team hub/);
    expect(translate('zh-CN', e.i18n!)).toMatch(/^尚未连接团队中心/);
  });

  it('bids:save of an invalid bid file lists its issues in the language', async () => {
    const e = await refusal('bids:save', { name: 'x', body: { requirement: {} } });
    expect(e.code).toBe('invalid-input');
    expect(e.i18n?.key).toBe('errors.document.invalid');
    expect(translate('en', e.i18n!)).toMatch(/^not a valid bid file: /);
    expect(translate('zh-CN', e.i18n!)).toMatch(/^不是有效的投标文件：/);
    expect(e.message).toBe(translate('en', e.i18n!));
  });

  it('report:pdf asking for committee evaluations of a scenario', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-h20.procure.json'), 'utf8')) as unknown;
    const e = await refusal('report:pdf', { scenario, lang: 'en', evaluations: true });
    expect(e).toMatchObject({ code: 'invalid-input', i18n: { key: 'errors.bids.evaluationsNeedBidFile' } });
    expect(translate('zh-CN', e.i18n!)).toBe('评审委员会评分属于投标文件，而不是方案文件');
  });
});

describe("the loopback host's refusals", () => {
  let host: RunningHost;
  beforeAll(async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ok</title>');
    host = await startHost({ ctx, staticDir: dir });
  });
  afterAll(() => host.close());

  const post = (p: string, headers: Record<string, string>, body = '') =>
    new Promise<{ status: number; body: { ok: false; error: ApiError } }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: p, method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { ok: false; error: ApiError } }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('a missing token and a body that is not JSON come back with their keys', async () => {
    const noToken = await post('/api/catalog:list', {});
    expect(noToken.status).toBe(403);
    expect(noToken.body.error).toMatchObject({ message: 'the X-Procure-Token header is missing or wrong', i18n: { key: 'errors.host.apiToken' } });
    expect(translate('zh-CN', noToken.body.error.i18n!)).toBe('缺少 X-Procure-Token 请求头或其值不正确');
    const notJson = await post('/api/catalog:list', { 'X-Procure-Token': host.token }, '{oops');
    expect(notJson.status).toBe(400);
    expect(translate('zh-CN', notJson.body.error.i18n!)).toBe('请求正文不是 JSON');
  });

  it("dispatch's refusal of an unknown API call carries a key", async () => {
    const r = await dispatch(ctx, 'no:such-call', {});
    expect(r.ok).toBe(false);
    const e = (r as { error: ApiError }).error;
    expect(e).toMatchObject({ code: 'not-found', message: 'unknown API call "no:such-call"', i18n: { key: 'errors.dispatch.unknownCall' } });
    expect(translate('zh-CN', e.i18n!)).toBe('未知的 API 调用“no:such-call”');
  });

  it('every host refusal has English and Chinese text', () => {
    const keys = Object.keys(en.errors.host);
    expect(keys.length).toBeGreaterThan(10);
    expect(Object.keys(zhCN.errors.host).sort()).toEqual([...keys].sort());
  });
});

describe('the CLI speaks the chosen language', () => {
  const db = tmpDbPath();
  async function procure(args: string[], env: NodeJS.ProcessEnv = {}) {
    let out = '';
    let err = '';
    const code = await runCli([...args, '--db', db], { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') }, env);
    return { code, out, err };
  }

  it('reads the language from the environment as POSIX does', () => {
    expect(langOfLocale('zh_CN.UTF-8')).toBe('zh-CN');
    expect(langOfLocale('zh')).toBe('zh-CN');
    expect(langOfLocale('C.UTF-8')).toBe('en');
    expect(langOfLocale('zhx')).toBe('en');
    expect(envLang({})).toBe('en');
    expect(envLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(envLang({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(envLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });

  it('a handler error (no such part) in English by default, in Chinese with LANG or --lang', async () => {
    const plain = await procure(['catalog', 'show', 'Voodoo 5 6000']);
    expect(plain.code).toBe(1);
    expect(plain.err).toBe('procure: no accelerator matches "Voodoo 5 6000"\n');
    const zh = await procure(['catalog', 'show', 'Voodoo 5 6000'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err).toMatch(/^procure: .*Voodoo 5 6000/);
    expect(zh.err).not.toMatch(/no accelerator/);
    expect(zh.err).toBe(`procure: ${translate('zh-CN', { key: 'errors.match.noAccelerator', vars: { name: 'Voodoo 5 6000' } })}\n`);
    // --lang beats the environment, either way
    expect((await procure(['catalog', 'show', 'Voodoo 5 6000', '--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' })).err).toBe(zh.err);
    expect((await procure(['--lang=en', 'catalog', 'show', 'Voodoo 5 6000'], { LANG: 'zh_CN.UTF-8' })).err).toBe(plain.err);
  });

  it("the CLI's own words: table headings, counts, usage and refusals", async () => {
    const list = await procure(['catalog', 'list', '--vendor', 'huawei', '--lang', 'zh-CN']);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toMatch(/^厂商\s+型号\s+标识/);
    expect(list.out).toMatch(/共 \d+ 款加速卡/);
    const english = await procure(['catalog', 'list', '--vendor', 'huawei']);
    expect(english.out.split('\n')[0]).toMatch(/^Vendor\s+Model\s+Slug/);
    const unknown = await procure(['frobnicate'], { LC_ALL: 'zh_CN.UTF-8' });
    expect(unknown.err).toMatch(/^procure: 未知命令“frobnicate”\n用法：procure <命令>/);
    expect((await procure(['import', '--undo', 'abc', '--lang', 'zh-CN'])).err).toBe('procure: --undo：“abc”不是导入记录 ID\n');
    expect((await procure(['import', 'no-such.csv', '--lang', 'zh-CN'])).err).toBe('procure: 无法读取 no-such.csv：文件不存在\n');
    const files = await procure(['evaluate', '--lang', 'zh-CN']);
    expect(files).toMatchObject({ code: 2 });
    expect(files.err).toMatch(/^procure evaluate: 应给出 1 个文件，实际 0 个\n用法：procure evaluate FILE/);
    expect((await procure(['evaluate'])).err).toMatch(/^procure evaluate: expected 1 file, got 0\nusage: procure evaluate FILE/);
  });

  it("evaluate's tables in the chosen language", async () => {
    const file = path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-h20.procure.json');
    const zh = await procure(['evaluate', file], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^方案\s+卡数\s+资本支出\s+TCO（现值）/m);
    expect(zh.out).toMatch(/^加速卡\s+卡数\s+角色/m);
    const plain = await procure(['evaluate', file]);
    expect(plain.out).toMatch(/^Build\s+Cards\s+Capex\s+TCO \(PV\)/m);
  });

  it('a Chinese evaluate prints no English words but names and units', async () => {
    // every example, so that the pooled, agent-workload, own-or-API and rent lines are covered too
    const dir = path.join(SOURCE_ROOT, 'examples');
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.procure.json'))) {
      const file = path.join(dir, name);
      const zh = await procure(['evaluate', file, '--sensitivity', '--lang', 'zh-CN']);
      expect(zh.code, zh.err).toBe(0);
      // names are data, not our words: builds, parts, engines, models, sites, workloads, suppliers, precisions
      const names: string[] = [];
      const walk = (v: unknown, key = ''): void => {
        if (typeof v === 'string') {
          if (/^(name|accelerator|model|supplier|asOf|jurisdiction|weightPrecision|kvPrecision)$/.test(key)) names.push(v);
        } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      };
      walk(JSON.parse((await procure(['evaluate', file, '--json'])).out));
      walk(JSON.parse(fs.readFileSync(file, 'utf8')));
      const own = new Set((names.join(' ').match(/[A-Za-z][A-Za-z-]*/g) ?? []).map((x) => x.toLowerCase()));
      // units, currency codes and abbreviations the Chinese text keeps as they are
      const units = new Set(['tok', 's', 'ms', 'kw', 'kwh', 'w', 'gb', 'b', 'kv', 'tco', 'pue', 'it', 'api', 'tpot', 'ttft', 'mbu', 'mfu', 'm', 'token', 'cny', 'usd', 'eur', 'hkd', 'jpy', 'tp', 'hbm', 'decode', 'prefill', 'kv-transfer']);
      // the model's warnings are still English sentences (shared/model/cluster.ts, scenario/resolve.ts): not checked yet
      const body = zh.out.split('\n警告：\n')[0]!;
      const english = (body.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((x) => !units.has(x.toLowerCase()) && !own.has(x.toLowerCase()));
      expect([...new Set(english)], `${name}:\n${zh.out}`).toEqual([]);
      expect(zh.out).toMatch(/^成本 {4}资本支出 /m);
      const en = await procure(['evaluate', file]);
      expect(en.out).toMatch(/^Cost {9}capex \S+; opex \S+\/yr; TCO \(present value\)/m);
      expect(en.out).toMatch(/^Throughput {3}[\d,]+ output tok\/s, [\d,]+ input tok\/s; group \d+, batch \d+, bound: /m);
    }
  });

  it('refuses a --lang it does not speak, before any command', async () => {
    const r = await procure(['catalog', 'list', '--lang', 'fr']);
    expect(r).toMatchObject({ code: 2, err: 'procure: --lang must be en or zh-CN (got "fr")\n' });
  });

  it('every CLI string has English and Chinese text', async () => {
    const flat = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v as object, `${p}${k}.`) : [`${p}${k}`]));
    expect(flat(zhCN.cli).sort()).toEqual(flat(en.cli).sort());
    // the summaries cover every command the usage lists
    const usage = await procure(['help', '--lang', 'zh-CN']);
    expect(usage.out).not.toMatch(/summary\./);
  });
});
