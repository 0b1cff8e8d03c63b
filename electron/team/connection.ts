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

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** A failure to reach or log in to the hub, said in one line. */
export class HubConnectError extends Error {}

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
    throw new HubConnectError('the hub is a postgresql:// URL, e.g. postgresql://hub.example.com/procure?sslmode=verify-full');
  }
  u.password = '';
  for (const k of [...u.searchParams.keys()]) if (k.toLowerCase() === 'password') u.searchParams.delete(k);
  return u.toString();
}

export function parseHubUrl(url: string, user?: string): HubTarget {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new HubConnectError('the hub is a postgresql:// URL, e.g. postgresql://hub.example.com/procure?sslmode=verify-full');
  const q = new URL(url).searchParams;
  const mode = (q.get('sslmode') ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(mode)) throw new HubConnectError(`sslmode is one of ${SSL_MODES.join(', ')} (got "${mode}")`);
  const home = path.join(os.homedir(), '.postgresql', 'root.crt');
  // libpq reads ~/.postgresql/root.crt when verifying and no sslrootcert is given
  const withRoot = (mode === 'verify-ca' || mode === 'verify-full') && !q.get('sslrootcert') && fs.existsSync(home) ? `${url}${url.includes('?') ? '&' : '?'}sslrootcert=${encodeURIComponent(home)}` : url;
  let c;
  try {
    c = parse(mode === 'allow' || mode === 'prefer' ? withRoot.replace(/sslmode=(allow|prefer)/, 'sslmode=require') : withRoot, { useLibpqCompat: true });
  } catch (e) {
    throw new HubConnectError(`the hub URL: ${(e as Error).message}`);
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

/** The password libpq would use: the URL's, PGPASSWORD, or the matching ~/.pgpass line. */
export async function passwordFor(t: HubTarget): Promise<string | undefined> {
  if (t.urlPassword) return t.urlPassword;
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
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ETIMEDOUT' || err.code === 'EHOSTUNREACH') return new HubConnectError(`cannot reach the hub at ${where} (${err.code})`);
  if (err.code === '28P01' || /password authentication failed/.test(msg)) return new HubConnectError(`the hub refused the password of ${t.user} (set PGPASSWORD or a ~/.pgpass line for ${t.host}:${t.port}:${t.database}:${t.user})`);
  if (/client password must be a string|no password/i.test(msg)) return new HubConnectError(`no password for ${t.user}: set PGPASSWORD or add a ~/.pgpass line for ${t.host}:${t.port}:${t.database}:${t.user}`);
  if (err.code === '3D000') return new HubConnectError(`the hub database ${t.database} does not exist at ${t.host}:${t.port}: an admin runs procure team init --hub URL`);
  if (err.code === '28000') return new HubConnectError(`the hub at ${where} does not let ${t.user} in: ${msg}`);
  if (/certificate|self.signed|Hostname\/IP does not match|altnames/i.test(msg)) return new HubConnectError(`the hub's TLS certificate was not accepted (sslmode=${t.sslmode}): ${msg}`);
  if (/does not support SSL/i.test(msg)) return new HubConnectError(`the hub at ${where} does not offer TLS, and sslmode=${t.sslmode} requires it`);
  return new HubConnectError(`cannot connect to the hub at ${where}: ${msg}`);
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
export async function connectHub(url: string, opts: { user?: string } = {}): Promise<{ client: pg.Client; target: HubTarget; tls: boolean }> {
  const t = parseHubUrl(url, opts.user);
  const password = await passwordFor(t);
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
