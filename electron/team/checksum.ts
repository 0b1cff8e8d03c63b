/**
 * The equality check of a sync: a count and a SHA-256 over the shared records in a canonical
 * form (fields in the hub's column order, rows sorted by their key, JSON values with their keys
 * sorted, since jsonb keeps its own key order), the same on the laptop and on the hub whatever
 * each stores locally.
 */
import crypto from 'node:crypto';
import { QUOTE_FIELDS, SUPPLIER_FIELDS, type HubCatalogField, type HubConflict, type HubQuote, type HubSupplier } from '../db/hub/records';

/** A JSON value with object keys in sorted order. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;

function digest<T>(rows: T[], fields: readonly (keyof T)[], key: (r: T) => string): { count: number; sha256: string } {
  const h = crypto.createHash('sha256');
  const keyed = rows.map((r) => [key(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [, r] of keyed) h.update(JSON.stringify(fields.map((f) => canonical(r[f] ?? null))) + '\n');
  return { count: rows.length, sha256: h.digest('hex') };
}

const byGid = (r: { gid: string }) => r.gid;

export const supplierChecksum = (rows: HubSupplier[]) => digest(rows, SUPPLIER_FIELDS, byGid);
export const quoteChecksum = (rows: HubQuote[]) => digest(rows, QUOTE_FIELDS, byGid);

const FIELD_FIELDS = ['part', 'field', 'value', 'source', 'set_by', 'author', 'edited_at', 'pushed_at', 'change_no'] as const satisfies readonly (keyof HubCatalogField)[];
export const catalogFieldChecksum = (rows: HubCatalogField[]) => digest(rows, FIELD_FIELDS, (r) => `${r.part}\u0000${r.field}`);

const CONFLICT_FIELDS = [
  'gid', 'part', 'field', 'earlier_set_by', 'earlier_value', 'earlier_source', 'earlier_author', 'earlier_edited_at', 'earlier_pushed_at',
  'later_value', 'later_source', 'later_author', 'later_edited_at', 'later_pushed_at', 'status', 'resolved_by', 'resolved_at',
] as const satisfies readonly (keyof HubConflict)[];
export const conflictChecksum = (rows: HubConflict[]) => digest(rows, CONFLICT_FIELDS, byGid);

export interface SharedVersionRow {
  gid: string;
  doc_gid: string;
  kind: string;
  version: number;
  name: string;
  body: unknown;
  author: string;
}
export const sharedVersionChecksum = (rows: SharedVersionRow[]) => digest(rows, ['gid', 'doc_gid', 'kind', 'version', 'name', 'body', 'author'], byGid);
