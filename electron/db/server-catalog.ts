/**
 * The sourced catalog of OEM inference servers (assets/seed/servers.json), seeded like the main
 * catalog: each server becomes a `server` platform (its cards, the cards it takes, and the host
 * price and power of its class host, flagged as the estimate they are), and its names are kept
 * as the OEM alias list the importer finds servers by. Versioned on its own, one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { serverCatalogSchema, type OemServer, type ServerCatalog } from '../../shared/domain/oem-servers';
import type { Server } from '../../shared/domain/catalog';
import type { Repos } from './repos';

const VERSION_KEY = 'server_catalog_version';
const ALIASES_KEY = 'oem_servers';

export function serverCatalogPath(appRoot: string): string {
  return path.join(appRoot, 'assets', 'seed', 'servers.json');
}

export function loadServerCatalog(file: string): ServerCatalog {
  return serverCatalogSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** What the importer needs of an OEM server besides its `server` row. */
export interface OemServerNames {
  slug: string;
  vendor: string;
  model: string;
  aliases: string[];
  fixedCard: boolean;
}

const namesSchema = z.array(
  z.object({ slug: z.string(), vendor: z.string(), model: z.string(), aliases: z.array(z.string()), fixedCard: z.boolean() }),
);

/** The OEM alias list as seeded (empty before the first seed or when unreadable). */
export function oemServerNames(repos: Pick<Repos, 'meta'>): OemServerNames[] {
  const raw = repos.meta.get(ALIASES_KEY);
  if (!raw) return [];
  try {
    const parsed = namesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function platformOf(s: OemServer, host: Server): Server {
  return {
    slug: s.slug,
    name: `${s.vendor} ${s.model}`,
    cardsPerServer: s.cards,
    hostPrice: host.hostPrice,
    currency: host.currency,
    hostPowerW: host.hostPowerW,
    compatible: s.compatible,
    formFactor: host.formFactor,
    source: {
      ...s.source,
      // The card count is the spec sheet's; the host price and power are the class estimate.
      estimate: s.source.estimate || host.source.estimate,
      note: `${s.source.note} Host price and power without the cards: the class figures of "${host.name}"${host.source.estimate ? ' (estimate)' : ''}.`.slice(0, 2000),
    },
  };
}

export interface ServerCatalogReport {
  version: number;
  applied: boolean;
  servers: number;
}

export function applyServerCatalog(repos: Repos, catalog: ServerCatalog): ServerCatalogReport {
  const current = Number(repos.meta.get(VERSION_KEY) ?? '0');
  if (catalog.version <= current) return { version: catalog.version, applied: false, servers: 0 };
  const hosts = new Map(repos.servers.list().map((s) => [s.slug, s]));
  const cards = new Set(repos.accelerators.list().map((a) => a.slug));
  repos.transaction(() => {
    for (const s of catalog.servers) {
      const host = hosts.get(s.hostClass);
      if (!host) throw new Error(`servers.json: ${s.slug} names host class "${s.hostClass}", which is not in the catalog`);
      const unknown = s.compatible.find((c) => !cards.has(c));
      if (unknown) throw new Error(`servers.json: ${s.slug} takes "${unknown}", which is not in the catalog`);
      if (repos.servers.userEdited(s.slug) !== true) repos.servers.upsert(platformOf(s, host), 'seed');
    }
    const names: OemServerNames[] = catalog.servers.map((s) => ({ slug: s.slug, vendor: s.vendor, model: s.model, aliases: s.aliases, fixedCard: s.fixedCard }));
    repos.meta.set(ALIASES_KEY, JSON.stringify(names));
    repos.meta.set(VERSION_KEY, String(catalog.version));
  });
  return { version: catalog.version, applied: true, servers: catalog.servers.length };
}
