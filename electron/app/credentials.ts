/**
 * The desktop app's credential store: a hub password typed once in Settings → Team is encrypted
 * with Electron's safeStorage (the macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux) and
 * kept as ciphertext in hub-credentials.json beside the database, never in the app's settings.
 * Where the system offers no real encryption (Linux without a keyring: safeStorage would fall
 * back to a fixed key) the libpq password file is used instead, as in the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { pgpassStore, type CredentialStore } from '../team/credentials';

export function keychainStore(userData: string): CredentialStore {
  const linuxPlain = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxPlain) return pgpassStore();
  const file = path.join(userData, 'hub-credentials.json');
  const read = (): Record<string, string> => {
    try {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return v && typeof v === 'object' ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    kind: 'safeStorage',
    get(entry) {
      const sealed = read()[entry];
      if (!sealed) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return undefined; // sealed by another user or machine: ask again
      }
    },
    set(entry, password) {
      const all = { ...read(), [entry]: safeStorage.encryptString(password).toString('base64') };
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
  };
}
