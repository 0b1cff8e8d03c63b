/** The password file as the browser host's and the CLI's credential store: libpq's format, 0600, one line per entry. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pgpass from 'pgpass';
import { pgpassStore } from '../../../electron/team/credentials';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir('procure-pgpass-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
/** What libpq's reader (the pgpass package node-postgres uses) finds for an entry. */
const libpq = (file: string, host: string, port: number, database: string, user: string) =>
  new Promise<string | undefined>((resolve) => {
    process.env.PGPASSFILE = file;
    pgpass({ host, port, database, user }, (pw: string | undefined) => {
      delete process.env.PGPASSFILE;
      resolve(pw);
    });
  });

describe('pgpass credential store', () => {
  it('writes mode 0600, escapes : and \\ as libpq reads them, and replaces only the same entry', async () => {
    const file = path.join(dir, 'a', 'pgpass');
    const store = pgpassStore(() => file);
    expect(store.get('hub.example.com:5432:procure:li')).toBeUndefined();
    store.set('hub.example.com:5432:procure:li', 'pa:ss\\word');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('hub.example.com:5432:procure:li:pa\\:ss\\\\word\n');
    expect(store.get('hub.example.com:5432:procure:li')).toBe('pa:ss\\word');
    expect(await libpq(file, 'hub.example.com', 5432, 'procure', 'li')).toBe('pa:ss\\word');
    store.set('hub.example.com:5432:procure:wang', 'w');
    store.set('hub.example.com:5432:procure:li', 'new');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.sort()).toEqual(['hub.example.com:5432:procure:li:new', 'hub.example.com:5432:procure:wang:w']);
    expect(await libpq(file, 'hub.example.com', 5432, 'procure', 'li')).toBe('new');
  });

  it('keeps the lines it did not write (comments, wildcards) and reads a wildcard line', () => {
    const file = path.join(dir, 'b');
    fs.writeFileSync(file, '# IT\n*:*:procure:ops:star\n', { mode: 0o600 });
    const store = pgpassStore(() => file);
    expect(store.get('db1:5432:procure:ops')).toBe('star');
    store.set('db1:5432:procure:ops', 'mine');
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(['db1:5432:procure:ops:mine', '# IT', '*:*:procure:ops:star']);
    expect(store.get('db1:5432:procure:ops')).toBe('mine');
  });
});
