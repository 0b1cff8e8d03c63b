/**
 * TLS to the team hub, as libpq means `sslmode`, against a real PostgreSQL with ssl=on and a
 * throwaway CA made here with openssl: the server's certificate names `localhost` only, and
 * pg_hba takes the users over TLS only (hostssl).
 *
 * - verify-full with the CA and the right host name works; the wrong host name (127.0.0.1, not in
 *   the certificate), no CA (the system store does not know it), or another CA are refused, each
 *   with the certificate line;
 * - verify-ca checks the chain but not the name; require encrypts without checking (and, as
 *   libpq, verifies the chain when sslrootcert names a CA); prefer and allow end up on TLS here;
 *   disable is turned away by the server's hostssl-only rule.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';
import { startHub, type HubFixture } from '../../helpers/hub-fixture';
import { tmpDbPath, tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason() ?? (fs.existsSync('/usr/bin/openssl') ? undefined : 'TLS hub tests skipped: no openssl');
if (skip) console.warn(skip);

/** A CA and a server certificate it signed for `names` (subjectAltName DNS entries). */
function makeCerts(dir: string, names: string[]): { ca: string; cert: string; key: string } {
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  o('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=procure test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  o('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0]}`);
  fs.writeFileSync(path.join(dir, 'ext.cnf'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
  o('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
  return { ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key') };
}

describe.skipIf(Boolean(skip))('team hub over TLS (sslmode as libpq, real PostgreSQL with ssl=on)', () => {
  let cluster: PgCluster;
  let hub: HubFixture;
  let ctx: AppContext;
  let ca: string;
  let otherCa: string;
  const dir = tmpDir('procure-tls-');
  const home = tmpDir('procure-tls-home-');
  const saved = { HOME: process.env.HOME, PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };

  beforeAll(async () => {
    const certs = makeCerts(fs.mkdirSync(path.join(dir, 'hub'), { recursive: true })!, ['localhost']);
    ca = certs.ca;
    otherCa = makeCerts(fs.mkdirSync(path.join(dir, 'other'), { recursive: true })!, ['localhost']).ca;
    cluster = await startCluster({ ssl: { cert: certs.cert, key: certs.key } });
    hub = await startHub([['ann', 'buyer']], { cluster });
    // no ~/.postgresql/root.crt, no password file: only what each test gives
    process.env.HOME = home;
    process.env.PGPASSFILE = path.join(home, 'none');
    process.env.PGPASSWORD = hub.passwords.ann;
    ctx = openApp(tmpDbPath());
  }, 120_000);

  afterAll(async () => {
    ctx?.db.close();
    await hub?.close();
    cluster?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  const url = (host: string, params: string) => `postgresql://${host}:${cluster.port}/hub?${params}`;
  const test = (hubUrl: string) => dispatch(ctx, 'team:test', { hub: hubUrl, user: 'ann' });
  const works = async (hubUrl: string) => {
    const r = await test(hubUrl);
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    return (r as { value: { tls: boolean; role: string } }).value;
  };
  const refused = async (hubUrl: string) => {
    const r = await test(hubUrl);
    expect(r.ok, `${hubUrl} should be refused`).toBe(false);
    return (r as { error: { message: string; i18n?: { key: string; vars?: Record<string, unknown> } } }).error;
  };

  it('verify-full: the CA and the right host name work', async () => {
    expect(await works(url('localhost', `sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`))).toMatchObject({ tls: true, role: 'buyer' });
  });

  it('verify-full: the wrong host name is refused with the certificate line', async () => {
    const e = await refused(url('127.0.0.1', `sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`));
    expect(e.i18n?.key).toBe('team.err.certificate');
    expect(e.message).toMatch(/^the hub's TLS certificate was not accepted \(sslmode=verify-full\): .*(Hostname\/IP does not match|altnames)/);
  });

  it('verify-full: no CA (the system store does not know this one) or another CA is refused', async () => {
    const none = await refused(url('localhost', 'sslmode=verify-full'));
    expect(none.i18n?.key).toBe('team.err.certificate');
    expect(none.message).toMatch(/certificate/);
    const other = await refused(url('localhost', `sslmode=verify-full&sslrootcert=${encodeURIComponent(otherCa)}`));
    expect(other.i18n?.key).toBe('team.err.certificate');
  });

  it('reads ~/.postgresql/root.crt when verifying without sslrootcert, as libpq does', async () => {
    fs.mkdirSync(path.join(home, '.postgresql'), { recursive: true });
    fs.copyFileSync(ca, path.join(home, '.postgresql', 'root.crt'));
    try {
      expect((await works(url('localhost', 'sslmode=verify-full'))).tls).toBe(true);
    } finally {
      fs.rmSync(path.join(home, '.postgresql'), { recursive: true, force: true });
    }
  });

  it('verify-ca checks the chain, not the name', async () => {
    expect((await works(url('127.0.0.1', `sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`))).tls).toBe(true);
    expect((await refused(url('127.0.0.1', `sslmode=verify-ca&sslrootcert=${encodeURIComponent(otherCa)}`))).i18n?.key).toBe('team.err.certificate');
  });

  it('require encrypts without checking the certificate; with sslrootcert it checks the chain, as libpq', async () => {
    expect((await works(url('127.0.0.1', 'sslmode=require'))).tls).toBe(true);
    expect((await works(url('127.0.0.1', `sslmode=require&sslrootcert=${encodeURIComponent(ca)}`))).tls).toBe(true);
    expect((await refused(url('127.0.0.1', `sslmode=require&sslrootcert=${encodeURIComponent(otherCa)}`))).i18n?.key).toBe('team.err.certificate');
  });

  it('prefer (the default) and allow end on TLS; disable is turned away by a TLS-only server', async () => {
    expect((await works(url('127.0.0.1', 'sslmode=prefer'))).tls).toBe(true);
    expect((await works(`postgresql://127.0.0.1:${cluster.port}/hub`)).tls).toBe(true);
    expect((await works(url('127.0.0.1', 'sslmode=allow'))).tls).toBe(true);
    const e = await refused(url('127.0.0.1', 'sslmode=disable'));
    expect(e.i18n?.key).toBe('team.err.notLetIn');
    expect(e.message).toMatch(/no encryption|pg_hba/);
  });

  it('connects and syncs over verify-full through the handlers the UI uses', async () => {
    const hubUrl = url('localhost', `sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`);
    const c = await dispatch(ctx, 'team:connect', { hub: hubUrl, user: 'ann' });
    expect(c.ok && c.value).toMatchObject({ tls: true, role: 'buyer' });
    const s = await dispatch(ctx, 'team:sync', undefined);
    expect(s.ok && s.value).toMatchObject({ tls: true, user: 'ann' });
  });
});
