/**
 * Cross-site request forgery against the loopback host, in real Chromium: a page served from a
 * second loopback port (cookies ignore ports, so the victim's cookie rides along) fires no-cors
 * writes at the host after the genuine page has loaded. None may change the database.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { startHarness, type Harness } from './harness';
import { tmpDbPath } from '../helpers/tmp';

let h: Harness;
let evil: http.Server;
let evilOrigin: string;

/** A backup of a database that carries one marker build: restoring it would show. */
async function markedBackup(): Promise<string> {
  const ctx = openApp(tmpDbPath());
  try {
    await dispatch(ctx, 'builds:create', { name: 'PWNED-BY-RESTORE', lines: [] });
    const r = (await dispatch(ctx, 'db:backup', undefined)) as { ok: true; value: { dataBase64: string } };
    return r.value.dataBase64;
  } finally {
    ctx.db.close();
  }
}

function attackPage(target: string, backup: string): string {
  const calls = [
    ['db:restore', { dataBase64: backup }],
    ['settings:set', { key: 'pwned', value: true }],
    ['builds:create', { name: 'PWNED-BY-CREATE', lines: [] }],
  ];
  // every flavour a page may send without CORS: no-cors fetch, with and without cookies, and a form post
  return `<!doctype html><meta charset="utf-8"><body><script>
    const target = ${JSON.stringify(target)};
    const calls = ${JSON.stringify(calls)};
    (async () => {
      for (const [channel, arg] of calls) {
        for (const credentials of ['include', 'same-origin', 'omit']) {
          try {
            await fetch(target + '/api/' + channel, { method: 'POST', mode: 'no-cors', credentials,
              headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(arg) });
          } catch (e) { /* an opaque failure is what we hope for */ }
        }
        try {
          await fetch(target + '/api/' + channel + '?token=guess', { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify(arg) });
        } catch (e) {}
      }
      document.title = 'done';
    })();
  </script></body>`;
}

beforeAll(async () => {
  h = await startHarness();
  await h.page.getByRole('heading', { name: 'Accelerator catalog' }).waitFor();
  const backup = await markedBackup();
  const target = `http://127.0.0.1:${h.host.port}`;
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(target, backup));
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => evil?.close(r));
  await h?.close();
});

async function builds(): Promise<string[]> {
  const r = (await dispatch(h.ctx, 'builds:list', undefined)) as { ok: true; value: { name: string }[] };
  return r.value.map((b) => b.name).sort();
}

describe('cross-site requests to the loopback host', () => {
  it('a page on another loopback port cannot restore, set or create anything', async () => {
    const before = await builds();
    const settingBefore = await dispatch(h.ctx, 'settings:get', { key: 'pwned' });
    // the attack must really reach the host with the victim's cookie, or this test proves nothing
    const seen: { origin?: string; cookie?: string }[] = [];
    const spy = (req: http.IncomingMessage) => {
      if (req.url?.startsWith('/api/')) seen.push({ origin: req.headers.origin, cookie: req.headers.cookie });
    };
    h.host.server.on('request', spy);
    try {
      // the harness's page holds the victim's cookie: the same browser now visits the attacker
      await h.page.goto(`${evilOrigin}/`);
      await h.page.waitForFunction("document.title === 'done'", undefined, { timeout: 30_000 });
    } finally {
      h.host.server.off('request', spy);
    }
    expect(seen.length).toBe(12);
    expect(seen.every((r) => r.origin === evilOrigin)).toBe(true);
    expect(seen.filter((r) => r.cookie?.includes(`procure_static_${h.host.port}=`)).length).toBeGreaterThan(0);
    expect(await builds()).toEqual(before);
    expect(before.some((n) => n.startsWith('PWNED'))).toBe(false);
    expect(await dispatch(h.ctx, 'settings:get', { key: 'pwned' })).toEqual(settingBefore);
  });

  it('the genuine page still reads and writes through the API', async () => {
    const { page } = h;
    await page.goto(h.host.url);
    await page.locator('[data-slug="ascend-910b"]').waitFor();
    // the page's own token (from its URL, kept in its sessionStorage) in the header the host wants
    const wrote = await page.evaluate(`(async () => {
      const token = sessionStorage.getItem('procure.token');
      const r = await fetch('./api/settings:set', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Procure-Token': token },
        body: JSON.stringify({ key: 'genuine', value: 42 }),
      });
      return r.json();
    })()`);
    expect(wrote).toMatchObject({ ok: true });
    expect(await dispatch(h.ctx, 'settings:get', { key: 'genuine' })).toMatchObject({ ok: true, value: 42 });
  });
});
