/**
 * The migration set itself: one file per version, numbered without gaps, each with its own test
 * here; and every older version's data opens in today's app with nothing lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../electron/db/migrations';
import { expectKept, snapshot, userVersion, withData } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'electron/db/migrations');
const files = fs.readdirSync(DIR).filter((f) => f !== 'index.ts').sort();

const isMigration = (v: unknown): v is Migration =>
  typeof v === 'object' && v !== null && typeof (v as Migration).version === 'number' && typeof (v as Migration).up === 'function';

describe('the migrations', () => {
  it('are one file per version, NNNN-name.ts, numbered 1..N without gaps, all in MIGRATIONS in order', async () => {
    expect(files.length).toBeGreaterThan(0);
    const declared: Migration[] = [];
    for (const [i, f] of files.entries()) {
      expect(f).toMatch(/^\d{4}-[a-z0-9-]+\.ts$/);
      expect(Number(f.slice(0, 4)), f).toBe(i + 1);
      const exported = Object.values(await import(path.join(DIR, f))).filter(isMigration);
      expect(exported, `${f} exports one migration`).toHaveLength(1);
      expect(exported[0]!.version, f).toBe(i + 1);
      declared.push(exported[0]!);
    }
    expect(MIGRATIONS).toEqual(declared);
    expect(MIGRATIONS.every((m, i) => m === declared[i])).toBe(true);
    expect(LATEST_VERSION).toBe(files.length);
  });

  it('each have a test of their own in test/integration/migrations/', () => {
    for (const f of files) expect(fs.existsSync(path.join(import.meta.dirname, f.replace(/\.ts$/, '.test.ts'))), `${f} has no test`).toBe(true);
  });

  it.each(MIGRATIONS.map((m) => m.version))('a version-%i database with data opens in this version of the app with every row kept', (version) => {
    const at = withData(version);
    const before = snapshot(at.db);
    at.db.close();
    const db = openDatabase(at.path);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expectKept(before, db);
    db.close();
  });
});
