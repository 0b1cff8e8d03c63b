/**
 * The desktop app's credential path with Electron's safeStorage mocked (Electron never launches
 * here): a password typed once in team:connect is sealed into hub-credentials.json as ciphertext,
 * never written in plain text to the app's settings, its database file or the libpq password
 * file; a later sync reads it back from the store; and a Linux without a keyring (safeStorage's
 * plain-text fallback) uses ~/.pgpass instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// a reversible stand-in for the system's encryption: bytes XORed and framed, so plain text never shows
const backend = { name: 'gnome_libsecret' };
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend.name,
    encryptString: (s: string) => Buffer.concat([Buffer.from('SEALED:'), Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a))]),
    decryptString: (b: Buffer) => {
      if (!b.subarray(0, 7).equals(Buffer.from('SEALED:'))) throw new Error('not sealed here');
      return Buffer.from(b.subarray(7).map((x) => x ^ 0x5a)).toString('utf8');
    },
  },
}));

const { keychainStore } = await import('../../../electron/app/credentials');
const { credentialStore, setCredentialStore } = await import('../../../electron/team/credentials');
const { openApp } = await import('../../../electron/bootstrap');
const { dispatch } = await import('../../../electron/handlers');
const { closeJobWorkers } = await import('../../../electron/jobs');
const { hubSkipReason } = await import('../../helpers/pg-cluster');
const { startHub } = await import('../../helpers/hub-fixture');
const { tmpDbPath, tmpDir } = await import('../../helpers/tmp');

const skip = hubSkipReason();
if (skip) console.warn(skip);

describe('safeStorage credential store (mocked electron)', () => {
  const dir = tmpDir('procure-safe-storage-');
  const before = credentialStore();
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
  beforeAll(() => {
    delete process.env.PGPASSWORD;
    process.env.PGPASSFILE = path.join(dir, 'pgpass');
  });
  afterAll(async () => {
    setCredentialStore(before);
    await closeJobWorkers();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seals a password as ciphertext and reads it back; a keyring-less Linux falls back to ~/.pgpass', () => {
    const store = keychainStore(dir);
    expect(store.kind).toBe('safeStorage');
    store.set('127.0.0.1:5432:hub:ann', 'pa55-Wörd');
    const file = fs.readFileSync(path.join(dir, 'hub-credentials.json'), 'utf8');
    expect(file).not.toContain('pa55');
    expect(fs.statSync(path.join(dir, 'hub-credentials.json')).mode & 0o777).toBe(0o600);
    expect(store.get('127.0.0.1:5432:hub:ann')).toBe('pa55-Wörd');
    expect(store.get('127.0.0.1:5432:hub:bob')).toBeUndefined();
    if (process.platform === 'linux') {
      backend.name = 'basic_text';
      try {
        expect(keychainStore(dir).kind).toBe('pgpass');
      } finally {
        backend.name = 'gnome_libsecret';
      }
    }
  });

  it.skipIf(Boolean(skip))('team:connect keeps the typed password only sealed; a sync finds it there (real PostgreSQL)', { timeout: 120_000 }, async () => {
    const hub = await startHub([['ann', 'buyer']]);
    const dbPath = tmpDbPath();
    const ctx = openApp(dbPath);
    try {
      const userData = path.join(dir, 'user-data');
      fs.mkdirSync(userData);
      setCredentialStore(keychainStore(userData));
      const password = hub.passwords.ann!;
      const r = await dispatch(ctx, 'team:connect', { hub: hub.url(), user: 'ann', password });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const activity = await dispatch(ctx, 'team:activity', undefined);
      expect(activity.ok && (activity.value as { credentialStore: string }).credentialStore).toBe('safeStorage');
      // nowhere in plain text: not the settings, not the database file, not the password file
      expect(JSON.stringify(ctx.db.prepare('SELECT * FROM setting').all())).not.toContain(password);
      ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      for (const f of [dbPath, `${dbPath}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(password))).toBe(false);
      expect(fs.existsSync(process.env.PGPASSFILE!)).toBe(false);
      const sealed = fs.readFileSync(path.join(userData, 'hub-credentials.json'), 'utf8');
      expect(sealed).not.toContain(password);
      expect(Object.keys(JSON.parse(sealed) as object)).toHaveLength(1);
      // no password typed now: the sync takes the store's
      const sync = await dispatch(ctx, 'team:sync', undefined);
      expect(sync.ok, JSON.stringify(sync)).toBe(true);
    } finally {
      ctx.db.close();
      await hub.close();
    }
  });
});
