/**
 * The OEM inference servers a sheet may name instead of a card: "Atlas 800I A2", "NF5688M7",
 * "PowerEdge XE9680". Each holds a known number of cards, of one kind (Atlas 800I A2: 8 × 910B4)
 * or of one of several (an HGX H100/H200/H20 platform: the row must say which). The catalog is
 * assets/seed/servers.json; every entry names the spec sheet it was read from and when.
 */
import { z } from 'zod';
import { normalizeName } from './match';
import { sourceSchema } from './source';

export const oemServerSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(80),
  vendor: z.string().min(1).max(80),
  model: z.string().min(1).max(120),
  /** Other spellings: without the vendor, with the Chinese vendor name, short forms. */
  aliases: z.array(z.string().min(3).max(120)).default([]),
  cards: z.number().int().min(1).max(64),
  /** Accelerator slugs it takes; the first is the one it holds when the row names none and `fixedCard`. */
  compatible: z.array(z.string().min(1)).min(1),
  /** The model itself says the card (Atlas 800I A2 is always Ascend); false: the row must name it. */
  fixedCard: z.boolean(),
  /** The class host in catalog.json whose host price and power (without cards) this server uses. */
  hostClass: z.string().min(1),
  source: sourceSchema,
});
export type OemServer = z.infer<typeof oemServerSchema>;

export const serverCatalogSchema = z.object({
  version: z.number().int().min(1),
  servers: z.array(oemServerSchema),
});
export type ServerCatalog = z.infer<typeof serverCatalogSchema>;

/** The names a server is found by: its model, vendor + model, and aliases, normalised. */
export function serverKeys(s: { vendor: string; model: string; aliases: readonly string[] }): string[] {
  return [...new Set([s.model, `${s.vendor} ${s.model}`, ...s.aliases].map(normalizeName))].filter((k) => k.length >= 4);
}

export interface ServerNames<T> {
  item: T;
  keys: string[];
}

/**
 * The server whose name stands in `text`: the longest key found, not followed or preceded by
 * another letter or digit of the same model number ("NF5468" is not "NF5468M7"'s prefix match
 * when an NF5468M7 entry exists, and "R5500 G6" is not found in "R5500 G60").
 */
export function findServerIn<T>(text: string, entries: readonly ServerNames<T>[]): T | undefined {
  const q = normalizeName(text);
  if (q.length < 4) return undefined;
  let best: { item: T; len: number } | undefined;
  for (const e of entries) {
    for (const k of e.keys) {
      if (k.length <= (best?.len ?? 0)) continue;
      let at = q.indexOf(k);
      while (at >= 0) {
        const after = q[at + k.length];
        const before = q[at - 1];
        const clash = (after !== undefined && /[0-9]/.test(after) && /[0-9a-z]$/.test(k)) || (before !== undefined && /[0-9]/.test(before) && /^[0-9]/.test(k));
        if (!clash) {
          best = { item: e.item, len: k.length };
          break;
        }
        at = q.indexOf(k, at + 1);
      }
    }
  }
  return best?.item;
}
