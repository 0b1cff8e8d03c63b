/**
 * Seeding the catalog from assets/seed/catalog.json.
 * Adds what is missing and refreshes seed rows the user never edited; never touches user edits or quotes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedCatalogSchema, type SeedCatalog } from '../../shared/domain/catalog';
import type { Repos } from './repos';

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

/** In one transaction: the whole seed or nothing. */
export function applySeed(repos: Repos, seed: SeedCatalog): SeedReport {
  const current = Number(repos.meta.get('seed_version') ?? '0');
  const report: SeedReport = { version: seed.version, applied: false, added: 0, refreshed: 0, keptUserEdits: 0 };
  if (seed.version <= current) return report;
  const { accelerators, servers, sites, quotes, fx } = repos;
  repos.transaction(() => {
    for (const v of seed.vendors) accelerators.upsertVendor(v);
    for (const a of seed.accelerators) {
      const existing = accelerators.provenance(a.slug);
      if (!existing) {
        accelerators.upsert(a, { origin: 'seed', userEdited: false, seedVersion: seed.version });
        report.added++;
      } else if (existing.origin === 'seed' && !existing.userEdited) {
        accelerators.upsert(a, { origin: 'seed', userEdited: false, seedVersion: seed.version });
        report.refreshed++;
      } else {
        report.keptUserEdits++;
      }
    }
    for (const s of seed.servers) if (servers.userEdited(s.slug) !== true) servers.upsert(s, 'seed');
    for (const s of seed.sites) if (sites.userEdited(s.slug) !== true) sites.upsert(s, 'seed');
    for (const q of seed.quotes) if (!quotes.has(q)) quotes.add(q, { origin: 'seed' });
    for (const f of seed.fx) if (!fx.has(f.currency, f.asOf)) fx.add(f, 'seed');
    repos.meta.set('seed_version', String(seed.version));
  });
  report.applied = true;
  return report;
}
