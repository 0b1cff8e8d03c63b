/**
 * Seeding the catalog from assets/seed/catalog.json.
 * Adds what is missing and refreshes seed rows the user never edited; never touches user edits or quotes.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { seedCatalogSchema, type SeedCatalog } from '../../shared/domain/catalog';
import { AcceleratorRepo } from './repos/accelerators';
import { PriceRepo } from './repos/prices';
import { getMeta, setMeta } from './repos/meta';

/** The seed file under the app's root folder (repository root, or the packaged app's path). */
export function seedPath(appRoot: string): string {
  return path.join(appRoot, 'assets', 'seed', 'catalog.json');
}

export function loadSeed(file: string): SeedCatalog {
  return seedCatalogSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export interface SeedReport {
  version: number;
  applied: boolean;
  added: number;
  refreshed: number;
  keptUserEdits: number;
}

export function applySeed(db: Database.Database, seed: SeedCatalog): SeedReport {
  const current = Number(getMeta(db, 'seed_version') ?? '0');
  const report: SeedReport = { version: seed.version, applied: false, added: 0, refreshed: 0, keptUserEdits: 0 };
  if (seed.version <= current) return report;
  const accs = new AcceleratorRepo(db);
  const prices = new PriceRepo(db);
  db.transaction(() => {
    for (const v of seed.vendors) accs.upsertVendor(v);
    for (const a of seed.accelerators) {
      const existing = db.prepare('SELECT origin, user_edited FROM accelerator WHERE slug = ?').get(a.slug) as
        | { origin: string; user_edited: number }
        | undefined;
      if (!existing) {
        accs.upsert(a, { origin: 'seed', userEdited: false, seedVersion: seed.version });
        report.added++;
      } else if (existing.origin === 'seed' && existing.user_edited === 0) {
        accs.upsert(a, { origin: 'seed', userEdited: false, seedVersion: seed.version });
        report.refreshed++;
      } else {
        report.keptUserEdits++;
      }
    }
    for (const s of seed.servers) {
      const row = db.prepare('SELECT user_edited FROM server WHERE slug = ?').get(s.slug) as { user_edited: number } | undefined;
      if (!row || row.user_edited === 0) prices.upsertServer(s, 'seed');
    }
    for (const s of seed.sites) {
      const row = db.prepare('SELECT user_edited FROM site WHERE slug = ?').get(s.slug) as { user_edited: number } | undefined;
      if (!row || row.user_edited === 0) prices.upsertSite(s, 'seed');
    }
    for (const q of seed.quotes) if (!prices.hasQuote(q)) prices.addQuote(q, { origin: 'seed' });
    const haveFx = new Set(
      (db.prepare(`SELECT currency || '|' || as_of AS k FROM fx_rate`).all() as { k: string }[]).map((r) => r.k),
    );
    for (const f of seed.fx) if (!haveFx.has(`${f.currency}|${f.asOf}`)) prices.addFxRate(f, 'seed');
    setMeta(db, 'seed_version', String(seed.version));
  })();
  report.applied = true;
  return report;
}
