/**
 * The team commands in Chinese (`--lang zh-CN`, as `procure bids` takes it), against a real
 * PostgreSQL: init, add-user, connect, status and sync print in Chinese, and the hub's refusals
 * that carry a UI string (a wrong password, a viewer's push) are worded in Chinese too; English
 * stays the default, word for word; any other --lang is a usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';
import { runProcure } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

describe.skipIf(Boolean(skip))('team CLI in Chinese (real PostgreSQL)', () => {
  let cluster: PgCluster;
  const dir = tmpDir('procure-cli-lang-');
  const db = (n: string) => path.join(dir, `${n}.db`);
  const pw: Record<string, string> = {};
  const saved = process.env.PGPASSWORD;
  const as = async (user: string | null, laptop: string, args: string[]) => {
    if (user) process.env.PGPASSWORD = pw[user] ?? user;
    else delete process.env.PGPASSWORD;
    return runProcure([...args, '--db', db(laptop)]);
  };
  const url = () => `postgresql://127.0.0.1:${cluster.port}/hub?sslmode=disable`;

  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = saved;
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('init and add-user', async () => {
    const init = await as(null, 'admin', ['team', 'init', '--hub', cluster.url('hub'), '--lang', 'zh-CN']);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/^中心库 postgresql:\/\/hub_su@127\.0\.0\.1:\d+\/hub\?sslmode=disable：架构版本 \d+（已创建数据库 hub）；已应用 1(, \d+)*\n$/);
    const again = await as(null, 'admin', ['team', 'init', '--hub', cluster.url('hub')]);
    expect(again.out).toMatch(/: schema version \d+; already up to date\n$/);
    for (const [user, role] of [['li', 'buyer'], ['wang', 'viewer']] as const) {
      const r = await as(null, 'admin', ['team', 'add-user', user, '--role', role, '--hub', cluster.url('hub'), '--lang', 'zh-CN']);
      expect(r.code, r.err).toBe(0);
      const m = new RegExp(`^已添加用户 ${user}（${role}）；一次性密码（请交给该用户，不会再次显示）：\\n(\\S+)\\n$`).exec(r.out);
      expect(m, r.out).not.toBeNull();
      pw[user] = m![1]!;
    }
  });

  it('connect, status and sync print in Chinese; English is unchanged', async () => {
    const c = await as('li', 'a', ['team', 'connect', '--hub', url(), '--user', 'li', '--lang', 'zh-CN']);
    expect(c.out).toBe(`已以 li（buyer）连接到 ${url()}，未加密\n`);
    expect((await as('li', 'a', ['quote', 'add', 'nvidia-h20', '--supplier', '华鲲振宇', '--price', '9.8万'])).code).toBe(0);
    const st = await as('li', 'a', ['team', 'status', '--lang', 'zh-CN']);
    expect(st.out).toMatch(/^中心库 .*，用户 li（buyer）；变更号 0；上次同步 从未；待共享：供应商 1，报价 1，撤回 0，/);
    const s = await as('li', 'a', ['sync', '--lang', 'zh-CN']);
    expect(s.code, s.err).toBe(0);
    expect(s.out.split('\n')[0]).toBe(`已与 ${url()} 同步，用户 li（buyer）`);
    expect(s.out).toMatch(/\n已推送 {2}供应商 1，报价 1，撤回 0，/);
    expect(s.out).toMatch(/\n变更号 {2}\d+\n$/);
    const en = await as('li', 'a', ['sync']);
    expect(en.out).toMatch(/^synced with .* as li \(buyer\)\npushed {2}0 suppliers, 0 quotes, 0 retirements, /);
  });

  it('says the hub\'s refusals in Chinese: a wrong password, a viewer\'s push', async () => {
    const wrong = await as('not-the-password', 'w', ['team', 'connect', '--hub', url(), '--user', 'wang', '--lang', 'zh-CN']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/中心库拒绝了 wang 的密码（请设置 PGPASSWORD，或在 ~\/\.pgpass 中为 127\.0\.0\.1:\d+:hub:wang 添加一行）/);
    const english = await as('not-the-password', 'w', ['team', 'connect', '--hub', url(), '--user', 'wang']);
    expect(english.err).toMatch(/the hub refused the password of wang/);

    expect((await as('wang', 'w', ['team', 'connect', '--hub', url(), '--user', 'wang'])).code).toBe(0);
    expect((await as('wang', 'w', ['quote', 'add', 'nvidia-h20', '--supplier', '华鲲振宇', '--price', '9.1万'])).code).toBe(0);
    const r = await as('wang', 'w', ['sync', '--lang', 'zh-CN']);
    expect(r.code).toBe(4);
    // the supplier is new on this laptop: refused first, and with it everything waiting stays here
    expect(r.err).toBe('procure sync: 角色 viewer 无权添加供应商：2 项本地变更保留在本机，未共享\n');
    expect(r.out).toMatch(/^已与 .* 同步，用户 wang（viewer）\n/);
  });

  it('refuses a --lang it does not speak', async () => {
    const r = await as('li', 'a', ['sync', '--lang', 'fr']);
    expect(r.code).toBe(2);
    // --lang is the CLI's global option now: refused before any command runs
    expect(r.err).toMatch(/^procure: --lang must be en or zh-CN/);
  });
});
