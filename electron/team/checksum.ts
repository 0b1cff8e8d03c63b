/**
 * The equality check of a sync: a count and a SHA-256 over the shared records in a canonical
 * form (fields in the hub's column order, rows sorted by global id), the same on the laptop and
 * on the hub whatever each stores locally.
 */
import crypto from 'node:crypto';
import { QUOTE_FIELDS, SUPPLIER_FIELDS, type HubQuote, type HubSupplier } from '../db/hub/records';

function digest<T extends { gid: string }>(rows: T[], fields: readonly (keyof T)[]): { count: number; sha256: string } {
  const h = crypto.createHash('sha256');
  for (const r of [...rows].sort((a, b) => (a.gid < b.gid ? -1 : a.gid > b.gid ? 1 : 0))) h.update(JSON.stringify(fields.map((f) => r[f] ?? null)) + '\n');
  return { count: rows.length, sha256: h.digest('hex') };
}

export const supplierChecksum = (rows: HubSupplier[]) => digest(rows, SUPPLIER_FIELDS);
export const quoteChecksum = (rows: HubQuote[]) => digest(rows, QUOTE_FIELDS);
