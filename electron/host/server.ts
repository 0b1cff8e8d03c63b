/**
 * The loopback host: the built renderer and the same API handlers over HTTP on 127.0.0.1 only,
 * with a random token required on every request. It lets the real UI and the real main-process
 * code run in any browser on this machine (and in end-to-end tests) without the Electron binary.
 * Who may call is decided in ./guard; every handler here is wrapped so no input throws out of it.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../context';
import type { ErrorCode } from '../../shared/contract/result';
import { dispatch } from '../handlers';
import { HttpError, apiAllowed, crossSiteReason, decodePath, ownHost, parseTarget, staticAllowed, staticCookie } from './guard';

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

const CODE_OF: Record<number, ErrorCode> = { 400: 'invalid-input', 404: 'not-found', 413: 'invalid-input', 500: 'internal' };

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: http.OutgoingHttpHeaders = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

/** Every refusal and failure as the same JSON envelope the API answers with, its message by key (errors.host.*). */
function fail(res: http.ServerResponse, e: unknown) {
  const err = e instanceof HttpError ? e : new HttpError(500, 'internal');
  send(res, err.status, JSON.stringify({ ok: false, error: { code: CODE_OF[err.status] ?? 'unsupported', message: err.message, i18n: err.i18n } }), 'application/json');
}

export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const root = path.resolve(opts.staticDir);

  function api(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string) {
    if (!apiAllowed(req.headers, token)) throw new HttpError(403, 'apiToken');
    if (req.method !== 'POST') throw new HttpError(405, 'postOnly');
    const channel = decodePath(rawPath.slice('/api/'.length));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(res, new HttpError(413, 'tooLarge'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let arg: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        arg = text ? JSON.parse(text) : undefined;
      } catch {
        return fail(res, new HttpError(400, 'notJson'));
      }
      // a promise chain, so even a handler that throws synchronously ends as a 500 here
      Promise.resolve()
        .then(() => dispatch(opts.ctx, channel, arg))
        .then(
          (result) => send(res, 200, JSON.stringify(result), 'application/json'),
          (e: unknown) => fail(res, e),
        );
    });
  }

  function file(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, query: URLSearchParams, port: number) {
    if (!staticAllowed(req.headers, query, token, port)) throw new HttpError(403, 'staticToken');
    if (req.method !== 'GET') throw new HttpError(405, 'getOnly');
    let rel = decodePath(rawPath);
    if (rel === '/' || !path.extname(rel)) rel = '/index.html';
    const target = path.resolve(root, '.' + rel);
    if (!target.startsWith(root + path.sep)) throw new HttpError(403, 'forbidden');
    fs.readFile(target, (err, data) => {
      if (err) return fail(res, new HttpError(404, 'notFound'));
      const cookie = staticCookie(token, port);
      // the cookie opens static files only (reloads, assets); the API wants the header
      const extra = query.get('token') ? { 'Set-Cookie': `${cookie.name}=${cookie.value}; HttpOnly; SameSite=Strict; Path=/` } : {};
      send(res, 200, data, MIME[path.extname(target)] ?? 'application/octet-stream', extra);
    });
  }

  const server = http.createServer((req, res) => {
    req.on('error', () => req.destroy());
    try {
      const port = (server.address() as AddressInfo).port;
      const host = ownHost(req.headers, port);
      if (!host) throw new HttpError(421, 'wrongHost');
      const { rawPath, query } = parseTarget(req.url);
      const refused = crossSiteReason(req.headers, host);
      if (refused) throw new HttpError(403, refused);
      if (rawPath.startsWith('/api/')) api(req, res, rawPath);
      else file(req, res, rawPath, query, port);
    } catch (e) {
      fail(res, e);
    }
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
