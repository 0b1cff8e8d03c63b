import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import os from 'node:os';
import { openApp } from '../../electron/bootstrap';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { LATEST_VERSION } from '../../electron/db/migrations';

let host: RunningHost;
let secretDir: string;

function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string; port?: number; host?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: opts.host ?? '127.0.0.1', port: opts.port ?? host.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ok</title>');
  secretDir = path.basename(tmpDir());
  fs.writeFileSync(path.join(os.tmpdir(), secretDir, 'secret.txt'), 'the secret');
  host = await startHost({ ctx: openApp(tmpDbPath()), staticDir: dir });
});
afterAll(() => host.close());

describe('loopback host', () => {
  it('listens on 127.0.0.1 only', () => {
    const addr = host.server.address();
    expect(addr).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      return expect(request({ path: '/', host: external.address })).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('refuses every request without the token', async () => {
    expect((await request({ path: '/' })).status).toBe(403);
    expect((await request({ path: '/api/catalog:list', method: 'POST', body: '' })).status).toBe(403);
    expect((await request({ path: '/api/catalog:list', method: 'POST', headers: { 'X-Procure-Token': 'wrong' } })).status).toBe(403);
    expect((await request({ path: '/?token=' + 'a'.repeat(host.token.length) })).status).toBe(403);
  });

  it('takes the API token only from the X-Procure-Token header (not the query, a bearer or a cookie)', async () => {
    const info = { path: '/api/app:info', method: 'POST', body: '' };
    expect((await request({ ...info, headers: { 'X-Procure-Token': host.token } })).status).toBe(200);
    expect((await request({ ...info, path: `/api/app:info?token=${host.token}` })).status).toBe(403);
    expect((await request({ ...info, headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(403);
    expect((await request({ ...info, headers: { Cookie: `procure_token=${host.token}` } })).status).toBe(403);
  });

  it('refuses cross-origin and cross-site requests even with the token', async () => {
    const t = { 'X-Procure-Token': host.token };
    const own = `http://127.0.0.1:${host.port}`;
    const call = (headers: Record<string, string>) => request({ path: '/api/app:info', method: 'POST', headers: { ...t, ...headers }, body: '' });
    expect((await call({ Origin: own, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    for (const origin of ['http://127.0.0.1:1', 'null', `http://localhost:${host.port}`, `https://127.0.0.1:${host.port}`, 'http://evil.example']) {
      const r = await call({ Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    }
    for (const site of ['same-site', 'cross-site', 'bogus']) expect((await call({ 'Sec-Fetch-Site': site })).status, site).toBe(403);
    // the page itself, opened from a link on another site, is refused too
    expect((await request({ path: `/?token=${host.token}`, headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await request({ path: `/?token=${host.token}`, headers: { 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await request({ path: `/?token=${host.token}`, headers: { Host: 'evil.example:80' } });
    expect(r.status).toBe(421);
  });

  it('serves the page with the token, sets a per-port static cookie that opens no API call, and a CSP', async () => {
    const r = await request({ path: `/?token=${host.token}` });
    expect(r.status).toBe(200);
    const setCookie = r.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^procure_static_${host.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict`));
    expect(setCookie).not.toContain(host.token);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const cookie = setCookie.split(';')[0]!;
    expect((await request({ path: '/index.html', headers: { Cookie: cookie } })).status).toBe(200);
    const api = await request({ path: '/api/app:info', method: 'POST', headers: { Cookie: cookie }, body: '' });
    expect(api.status).toBe(403);
    const withHeader = await request({ path: '/api/app:info', method: 'POST', headers: { Cookie: cookie, 'X-Procure-Token': host.token }, body: '' });
    expect(JSON.parse(withHeader.body)).toMatchObject({ ok: true, value: { schemaVersion: LATEST_VERSION } });
  });

  it('answers API calls through the same handlers, with typed errors', async () => {
    const auth = { 'X-Procure-Token': host.token };
    const ok = JSON.parse((await request({ path: '/api/catalog:get', method: 'POST', headers: auth, body: JSON.stringify({ slug: 'nvidia-h20' }) })).body);
    expect(ok).toMatchObject({ ok: true, value: { slug: 'nvidia-h20' } });
    const bad = JSON.parse((await request({ path: '/api/catalog:get', method: 'POST', headers: auth, body: '{"slug": 7}' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const notJson = await request({ path: '/api/catalog:get', method: 'POST', headers: auth, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await request({ path: '/api/catalog:list', method: 'GET', headers: auth })).status).toBe(405);
  });

  it('does not serve files outside its folder', async () => {
    const r = await request({ path: `/..%2f${secretDir}%2fsecret.txt?token=${host.token}` });
    expect(r.status).toBe(403);
    expect(r.body).not.toMatch(/the secret/);
    const etc = await request({ path: `/..%2f..%2f..%2fetc%2fhostname.txt?token=${host.token}` });
    expect(etc.status).toBe(403);
  });
});
