/**
 * Where the app keeps a hub password typed once in Settings → Team: never the app's settings or
 * database. In the desktop app the system keychain (Electron safeStorage, electron/app sets that
 * store at start-up); in the loopback host and the CLI the libpq password file (PGPASSFILE or
 * ~/.pgpass, mode 0600), which psql and every libpq tool read too.
 *
 * Entries are keyed like ~/.pgpass lines: host:port:database:user (connection.ts pgpassEntry).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CredentialStore {
  /** Which store it is, for the UI's hint. */
  readonly kind: 'safeStorage' | 'pgpass';
  get(entry: string): string | undefined;
  set(entry: string, password: string): void;
}

/** The libpq password file: PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
export function pgpassFile(): string {
  if (process.env.PGPASSFILE) return process.env.PGPASSFILE;
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'postgresql', 'pgpass.conf');
  return path.join(os.homedir(), '.pgpass');
}

/** A .pgpass field: `:` and `\` escaped with `\`. */
const escape = (s: string) => s.replace(/[\\:]/g, (c) => `\\${c}`);

/** A .pgpass line's five fields, escapes undone (undefined for comments and short lines). */
function fields(line: string): string[] | undefined {
  if (line.startsWith('#')) return undefined;
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':' && out.length < 4) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.length === 5 ? out : undefined;
}

/** The entry's four key fields, split as connection.ts pgpassEntry joined them (user last, hosts without `:`). */
function keyOf(entry: string): string[] {
  const [host = '', port = '', database = '', ...user] = entry.split(':');
  return [host, port, database, user.join(':')];
}

export function pgpassStore(file: () => string = pgpassFile): CredentialStore {
  const lines = () => {
    try {
      return fs.readFileSync(file(), 'utf8').split(/\r?\n/);
    } catch {
      return [];
    }
  };
  return {
    kind: 'pgpass',
    get(entry) {
      const key = keyOf(entry);
      for (const line of lines()) {
        const f = fields(line);
        if (f && key.every((k, i) => f[i] === '*' || f[i] === k)) return f[4];
      }
      return undefined;
    },
    /** Replaces this entry's own line (an exact match, not a wildcard one) and keeps every other line. */
    set(entry, password) {
      const key = keyOf(entry);
      const kept = lines().filter((line) => {
        const f = fields(line);
        return line !== '' && !(f && key.every((k, i) => f[i] === k));
      });
      const target = file();
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      // libpq ignores a password file others can read: 0600 from the first byte
      fs.writeFileSync(tmp, [`${[...key, password].map(escape).join(':')}`, ...kept, ''].join('\n'), { mode: 0o600 });
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, target);
    },
  };
}

let store: CredentialStore | undefined;

/** The process's credential store: the one set at start-up (the desktop app's keychain), else the password file. */
export function credentialStore(): CredentialStore {
  return (store ??= pgpassStore());
}

export function setCredentialStore(s: CredentialStore): void {
  store = s;
}
