/**
 * Connecting to a team hub the libpq way: a postgresql:// URL, `sslmode` with libpq's meanings
 * (disable, allow, prefer — the default, require, verify-ca, verify-full; sslrootcert, and
 * ~/.postgresql/root.crt when verifying without one), the user from the URL or --user, the
 * password from the URL, PGPASSWORD or ~/.pgpass (PGPASSFILE), never from the app's settings.
 * What the app stores is `storableUrl`: the URL without any password.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import pgpass from 'pgpass';
import { tr } from '../../shared/i18n/translate';
import type { MessageRef } from '../../shared/contract/result';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** A failure to reach or log in to the hub, said in one line (and as a UI string key, for the UI's language). */
export class HubConnectError extends Error {
  constructor(
    message: string,
    readonly i18n?: MessageRef,
  ) {
    super(message);
  }
}

/** A HubConnectError whose message is the UI string `team.err.<key>` in English. */
export function hubError(key: string, vars: Record<string, string | number> = {}): HubConnectError {
  const ref = { key: `team.err.${key}`, vars };
  return new HubConnectError(tr('en', ref.key, vars), ref);
}

export interface HubTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  /** The password given in the URL itself (used, never stored). */
  urlPassword?: string;
  ssl: pg.ClientConfig['ssl'];
}

/** The URL with its password removed: what may be written to the app's database. */
export function storableUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw hubError('url');
  }
  u.password = '';
  for (const k of [...u.searchParams.keys()]) if (k.toLowerCase() === 'password') u.searchParams.delete(k);
  return u.toString();
}

export function parseHubUrl(url: string, user?: string): HubTarget {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw hubError('url');
  const q = new URL(url).searchParams;
  const mode = (q.get('sslmode') ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(mode)) throw hubError('sslmode', { modes: SSL_MODES.join(', '), got: mode });
  const home = path.join(os.homedir(), '.postgresql', 'root.crt');
  // libpq reads ~/.postgresql/root.crt when verifying and no sslrootcert is given
  const withRoot = (mode === 'verify-ca' || mode === 'verify-full') && !q.get('sslrootcert') && fs.existsSync(home) ? `${url}${url.includes('?') ? '&' : '?'}sslrootcert=${encodeURIComponent(home)}` : url;
  let c;
  try {
    c = parse(mode === 'allow' || mode === 'prefer' ? withRoot.replace(/sslmode=(allow|prefer)/, 'sslmode=require') : withRoot, { useLibpqCompat: true });
  } catch (e) {
    throw hubError('badUrl', { detail: (e as Error).message });
  }
  const ssl = mode === 'disable' ? false : typeof c.ssl === 'object' ? c.ssl : { rejectUnauthorized: false };
  return {
    host: c.host ?? 'localhost',
    port: c.port ? Number(c.port) : 5432,
    database: c.database ?? 'procure',
    user: user ?? c.user ?? process.env.PGUSER ?? os.userInfo().username,
    sslmode: mode,
    ...(c.password ? { urlPassword: c.password } : {}),
    ssl: ssl as pg.ClientConfig['ssl'],
  };
}

/** The ~/.pgpass key of a target: host:port:database:user. */
export const pgpassEntry = (t: Pick<HubTarget, 'host' | 'port' | 'database' | 'user'>) => `${t.host}:${t.port}:${t.database}:${t.user}`;

/**
 * The password libpq would use: the URL's, PGPASSWORD, or the matching ~/.pgpass line. `given`
 * is one the caller already chose in that order (a password typed in Settings → Team, the main
 * thread's PGPASSWORD, the app's credential store): it comes after the URL's, before this
 * thread's PGPASSWORD (a job worker's copy of the environment may be older than the caller's).
 */
export async function passwordFor(t: HubTarget, given?: string): Promise<string | undefined> {
  if (t.urlPassword) return t.urlPassword;
  if (given) return given;
  if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
  return new Promise((resolve) => pgpass({ host: t.host, port: t.port, database: t.database, user: t.user }, resolve));
}

// bigint columns (change numbers, prices in minor units) as numbers: they stay far below 2^53
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

function describe(e: unknown, t: HubTarget): HubConnectError {
  const err = e as Error & { code?: string };
  const where = `${t.host}:${t.port}/${t.database}`;
  const msg = err.message ?? String(e);
  const entry = pgpassEntry(t);
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ETIMEDOUT' || err.code === 'EHOSTUNREACH') return hubError('unreachable', { where, code: err.code });
  if (err.code === '28P01' || /password authentication failed/.test(msg)) return hubError('password', { user: t.user, entry });
  if (/client password must be a string|no password/i.test(msg)) return hubError('noPassword', { user: t.user, entry });
  if (err.code === '3D000') return hubError('noDatabase', { database: t.database, at: `${t.host}:${t.port}` });
  if (err.code === '28000') return hubError('notLetIn', { where, user: t.user, detail: msg });
  if (/certificate|self.signed|Hostname\/IP does not match|altnames/i.test(msg)) return hubError('certificate', { mode: t.sslmode, detail: msg });
  if (/does not support SSL/i.test(msg)) return hubError('noTls', { where, mode: t.sslmode });
  return hubError('other', { where, detail: msg });
}

async function open(t: HubTarget, ssl: pg.ClientConfig['ssl'], password: string | undefined): Promise<pg.Client> {
  const client = new pg.Client({
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    // a function, so node-postgres never falls back to reading ~/.pgpass itself
    password: async () => password ?? '',
    ssl,
    types,
    application_name: 'procure',
    connectionTimeoutMillis: 15_000,
    keepAlive: true,
  });
  // a dropped connection surfaces on the running query; without a listener it would crash the process
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A connected client, with TLS as `sslmode` says (prefer: TLS when the server offers it). */
export async function connectHub(url: string, opts: { user?: string; password?: string } = {}): Promise<{ client: pg.Client; target: HubTarget; tls: boolean }> {
  const t = parseHubUrl(url, opts.user);
  const password = await passwordFor(t, opts.password);
  const attempts: pg.ClientConfig['ssl'][] = t.sslmode === 'prefer' ? [t.ssl, false] : t.sslmode === 'allow' ? [false, t.ssl] : [t.ssl];
  let last: unknown;
  for (const ssl of attempts) {
    try {
      return { client: await open(t, ssl, password), target: t, tls: ssl !== false };
    } catch (e) {
      last = e;
      const msg = (e as Error).message ?? '';
      // prefer falls back only when the server has no TLS; allow only when it insists on TLS
      const retry = (t.sslmode === 'prefer' && /does not support SSL/i.test(msg)) || (t.sslmode === 'allow' && /no pg_hba.conf entry|SSL/i.test(msg));
      if (!retry) break;
    }
  }
  throw describe(last, t);
}
