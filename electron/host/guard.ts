/**
 * Who may talk to the loopback host, and what a request target means. Pure functions of the
 * request's headers and target, so every refusal is testable without a socket.
 *
 * The API token travels only in the `X-Procure-Token` header: a page on another origin cannot
 * send a custom header without a CORS preflight, and the preflight is refused. Cookies are sent
 * to every port of 127.0.0.1 (and so to any local service), so the cookie is not the token: it
 * is a separate value derived from it that opens the static files only, never the API.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { said, type MessageRef } from '../../shared/i18n/translate';

export const TOKEN_HEADER = 'x-procure-token';

/**
 * A refusal with its HTTP status; the host turns it into a JSON error. `key` is an
 * `errors.host.*` UI string: the message is its English text, the envelope carries the key for
 * the UI to say in its language.
 */
export class HttpError extends Error {
  readonly i18n: MessageRef;
  constructor(
    readonly status: number,
    key: HostErrorKey,
  ) {
    const m = said(`errors.host.${key}`);
    super(m.message);
    this.i18n = m.i18n;
  }
}

export type HostErrorKey =
  | 'notPath' | 'badEncoding' | 'controlChar' | 'crossOrigin' | 'crossSite' | 'wrongHost'
  | 'apiToken' | 'postOnly' | 'getOnly' | 'tooLarge' | 'notJson' | 'staticToken' | 'forbidden' | 'notFound' | 'internal';

export interface Target {
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
}

/** Splits an origin-form request target by hand: `new URL()` throws on `//`, and nothing here may throw unplanned. */
export function parseTarget(raw: string | undefined): Target {
  if (!raw || raw[0] !== '/') throw new HttpError(400, 'notPath');
  const hash = raw.indexOf('#');
  const noHash = hash < 0 ? raw : raw.slice(0, hash);
  const q = noHash.indexOf('?');
  return { rawPath: q < 0 ? noHash : noHash.slice(0, q), query: new URLSearchParams(q < 0 ? '' : noHash.slice(q + 1)) };
}

/** Percent-decodes a path or a channel name; malformed escapes and control characters (NUL among them) are a 400. */
export function decodePath(raw: string): string {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'badEncoding');
  }
  if (/[\u0000-\u001f\u007f]/.test(s)) throw new HttpError(400, 'controlChar');
  return s;
}

/** The host names we answer to: our own loopback origin only (this also refuses DNS rebinding). */
export function ownHost(headers: IncomingHttpHeaders, port: number): string | undefined {
  const host = headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` ? host : undefined;
}

/**
 * Refuses what a browser marks as coming from elsewhere: an `Origin` that is not ours, or fetch
 * metadata other than same-origin or a user's own navigation (`none`). Clients that send
 * neither header (the CLI, tests, curl) still need the token.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, host: string): HostErrorKey | undefined {
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return 'crossOrigin';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'crossSite';
  return undefined;
}

export function safeEqual(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The cookie for static files: named per port so two hosts never clash, and worthless to the API. */
export function staticCookie(token: string, port: number): { name: string; value: string } {
  return { name: `procure_static_${port}`, value: crypto.createHmac('sha256', token).update('static files').digest('hex') };
}

export function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of headers.cookie?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The API door: the token in its own header, nothing else. */
export function apiAllowed(headers: IncomingHttpHeaders, token: string): boolean {
  const given = headers[TOKEN_HEADER];
  return safeEqual(Array.isArray(given) ? undefined : given, token);
}

/** The static door: the API header, the token in the query (the URL printed at start) or the static cookie. */
export function staticAllowed(headers: IncomingHttpHeaders, query: URLSearchParams, token: string, port: number): boolean {
  if (apiAllowed(headers, token) || safeEqual(query.get('token') ?? undefined, token)) return true;
  const c = staticCookie(token, port);
  return safeEqual(cookieValue(headers, c.name), c.value);
}
