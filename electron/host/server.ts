/**
 * The loopback host: the built renderer and the same API handlers over HTTP on 127.0.0.1 only,
 * with a random token required on every request. It lets the real UI and the real main-process
 * code run in any browser on this machine (and in end-to-end tests) without the Electron binary.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../context';
import { dispatch } from '../handlers';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** Same policy as the Electron window: nothing from anywhere but this origin. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface HostOptions {
  ctx: AppContext;
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

const MAX_BODY = 30 * 1024 * 1024;
const COOKIE = 'procure_token';

function tokenOf(req: http.IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const q = url.searchParams.get('token');
  if (q) return q;
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim().split('='));
  return cookie?.find(([k]) => k === COOKIE)?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const root = path.resolve(opts.staticDir);

  const server = http.createServer((req, res) => {
    const addr = server.address() as AddressInfo;
    const host = req.headers.host ?? '';
    // Refuse DNS-rebinding: only our own loopback origin may talk to us.
    if (host !== `127.0.0.1:${addr.port}` && host !== `localhost:${addr.port}`) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${addr.port}`);
    const given = tokenOf(req, url);
    if (!given || !safeEqual(given, token)) return send(res, 401, 'missing or wrong token');

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const channel = decodeURIComponent(url.pathname.slice(5));
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          send(res, 413, 'request too large');
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (res.writableEnded) return;
        let arg: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          arg = text ? JSON.parse(text) : undefined;
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'body is not JSON' } }), 'application/json');
        }
        void dispatch(opts.ctx, channel, arg).then((result) => send(res, 200, JSON.stringify(result), 'application/json'));
      });
      return;
    }

    if (req.method !== 'GET') return send(res, 405, 'GET only');
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || !path.extname(rel)) rel = '/index.html';
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep)) return send(res, 403, 'forbidden');
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, 'not found');
      if (url.searchParams.get('token')) {
        res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      }
      send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream');
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
