/**
 * Finding a catalog part by what people type: "910B", "h100 sxm", "昇腾910B", a slug.
 * Case-, width- and punctuation-insensitive; an ambiguous name lists its candidates.
 */
import { said, type MessageRef } from '../i18n/translate';

export interface Named {
  slug: string;
  vendor: string;
  model: string;
  aliases: string[];
}

/** Lower-case, full-width → half-width, drop spaces, dashes, underscores and brackets. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_()（）[\]【】·.,/]+/g, '');
}

export type MatchResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not-found' | 'ambiguous'; candidates: T[]; message: string; i18n: MessageRef };

function keysOf(p: Named): string[] {
  return [p.slug, p.model, `${p.vendor} ${p.model}`, ...p.aliases].map(normalizeName);
}

export function matchByName<T extends Named>(parts: readonly T[], query: string): MatchResult<T> {
  const q = normalizeName(query);
  if (!q) return { ok: false, reason: 'not-found', candidates: [], ...said('errors.match.empty') };
  const exact = parts.filter((p) => keysOf(p).includes(q));
  if (exact.length === 1) return { ok: true, value: exact[0]! };
  const pool = exact.length > 1 ? exact : parts.filter((p) => keysOf(p).some((k) => k.includes(q)));
  if (pool.length === 1) return { ok: true, value: pool[0]! };
  if (pool.length === 0) {
    return { ok: false, reason: 'not-found', candidates: [], ...said('errors.match.noAccelerator', { name: query }) };
  }
  return {
    ok: false,
    reason: 'ambiguous',
    candidates: pool,
    ...said('errors.match.ambiguous', { name: query, n: pool.length, list: pool.map((p) => `${p.model} (${p.slug})`).join(', ') }),
  };
}

/**
 * A host server by slug or name, as a scenario names it: the same normalisation as parts
 * ("Atlas 800 (9000)" finds "atlas-800-9000"), equality only (no partial match: a server
 * decides the host price and power, so a near miss must not pick one silently). Used both
 * when a scenario is imported into builds and when a scenario is evaluated.
 */
export function findServerByName<T extends { slug: string; name: string }>(servers: readonly T[], query: string): T | undefined {
  const n = normalizeName(query);
  if (!n) return undefined;
  return servers.find((s) => normalizeName(s.slug) === n || normalizeName(s.name) === n);
}
