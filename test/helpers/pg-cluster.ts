/**
 * A throwaway PostgreSQL cluster for the hub tests: initdb in a temp folder, pg_ctl start on
 * 127.0.0.1 and a free port, stopped and removed by `stop()`. As root, initdb refuses to run,
 * so the cluster belongs to the `postgres` user (runuser) and the folder is handed to it.
 *
 * The superuser `hub_su` is trusted from 127.0.0.1 (it stands in for IT's DBA); every other
 * role logs in with a SCRAM password, as on a real hub. `findPostgres()` says why a cluster
 * cannot be started where that is so (the tests then skip with that one line).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  port: number;
  dir: string;
  /** A connection URL for `user` (the superuser when omitted) and `database`. */
  url(database: string, user?: string, params?: string): string;
  /** `pg_ctl restart -m fast`: every session is ended, the server back on the same port when this returns. */
  restart(): void;
  stop(): void;
}

const SUPERUSER = 'hub_su';

/** The bin folder of the newest PostgreSQL installed the Debian way, or why none can be used. */
export function findPostgres(): { bin: string } | { missing: string } {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v) && Number(v) >= 14) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) {
      if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return { missing: 'running as root and there is no postgres user to run initdb as' };
      return { bin };
    }
  }
  return { missing: 'no PostgreSQL 14+ found under /usr/lib/postgresql (apt-get install postgresql)' };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(opts: { ssl?: { cert: string; key: string } } = {}): Promise<PgCluster> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(found.bin, cmd), ...args], { stdio: 'pipe' }) : execFileSync(path.join(found.bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', SUPERUSER, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    [
      'local all all trust',
      `host all ${SUPERUSER} 127.0.0.1/32 trust`,
      ...(opts.ssl ? ['hostssl all all 127.0.0.1/32 scram-sha-256'] : ['host all all 127.0.0.1/32 scram-sha-256']),
      '',
    ].join('\n'),
  );
  if (opts.ssl) {
    fs.copyFileSync(opts.ssl.cert, path.join(data, 'server.crt'));
    fs.copyFileSync(opts.ssl.key, path.join(data, 'server.key'));
    fs.chmodSync(path.join(data, 'server.key'), 0o600);
    fs.appendFileSync(path.join(data, 'postgresql.conf'), "\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n");
  }
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  let port = 0;
  let started = false;
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`, 'start']);
      started = true;
    } catch {
      // the port was taken between probing and binding: another port
    }
  }
  if (!started) {
    const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000) : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start:\n${log}`);
  }
  let stopped = false;
  return {
    port,
    dir,
    url: (database, user = SUPERUSER, params = 'sslmode=disable') => `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}${params ? `?${params}` : ''}`,
    restart() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-m', 'fast', '-w', '-t', '30', 'restart']);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The one line a hub test file prints when it skips, or undefined when PostgreSQL is there. */
export function hubSkipReason(): string | undefined {
  const found = findPostgres();
  return 'missing' in found ? `hub tests skipped: ${found.missing}` : undefined;
}
