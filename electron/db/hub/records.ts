/**
 * The shared records as they travel between a laptop and the hub: named as the hub's columns,
 * parts by catalog slug and links by global id (each laptop has its own integer ids).
 */

export interface HubSupplier {
  gid: string;
  name: string;
  contact: string;
  notes: string;
  created_at: string;
}

export interface HubQuote {
  gid: string;
  supplier_gid: string;
  kind: 'purchase' | 'rental-card-hour' | 'server-purchase';
  item: string;
  server_item: string;
  card_item: string;
  platform: string;
  cards_per_server: number | null;
  quote_number: string;
  quote_date: string;
  price_minor: number;
  currency: string;
  vat_included: boolean;
  vat_rate: number;
  moq: number | null;
  lead_time_weeks: number | null;
  valid_until: string | null;
  source_title: string;
  source_url: string;
  as_of: string;
  estimate: boolean;
  source_note: string;
  origin: 'seed' | 'user' | 'import';
  created_at: string;
  supersedes_gid: string | null;
  retired_at: string | null;
  retired_by: string | null;
  retired_reason: string | null;
}

export const SUPPLIER_FIELDS = ['gid', 'name', 'contact', 'notes', 'created_at'] as const satisfies readonly (keyof HubSupplier)[];
export const QUOTE_FIELDS = [
  'gid', 'supplier_gid', 'kind', 'item', 'server_item', 'card_item', 'platform', 'cards_per_server', 'quote_number', 'quote_date',
  'price_minor', 'currency', 'vat_included', 'vat_rate', 'moq', 'lead_time_weeks', 'valid_until', 'source_title', 'source_url',
  'as_of', 'estimate', 'source_note', 'origin', 'created_at', 'supersedes_gid', 'retired_at', 'retired_by', 'retired_reason',
] as const satisfies readonly (keyof HubQuote)[];

/** A catalog figure edit as pushed: one part, one field, and the field's change number the laptop had seen. */
export interface HubCatalogEdit {
  gid: string;
  part: string;
  field: string;
  value: unknown;
  source: unknown;
  base_change: number;
  edited_at: string;
}

/** The hub's current value of one field of one part (who set it, when, and by which edit or reversal). */
export interface HubCatalogField {
  part: string;
  field: string;
  value: unknown;
  source: unknown;
  set_by: string;
  author: string;
  edited_at: string;
  pushed_at: string;
  change_no: number;
}

export interface HubConflict {
  gid: string;
  part: string;
  field: string;
  earlier_set_by: string;
  earlier_value: unknown;
  earlier_source: unknown;
  earlier_author: string;
  earlier_edited_at: string;
  earlier_pushed_at: string;
  later_value: unknown;
  later_source: unknown;
  later_author: string;
  later_edited_at: string;
  later_pushed_at: string;
  status: 'open' | 'confirmed' | 'reversed';
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface HubResolution {
  gid: string;
  conflict_gid: string;
  decision: 'confirm' | 'reverse';
  resolved_at: string;
}

export interface HubSharedDoc {
  gid: string;
  kind: 'build' | 'bidset';
  created_at: string;
}

export interface HubSharedVersion {
  gid: string;
  doc_gid: string;
  name: string;
  body: unknown;
  shared_at: string;
}

/** A pulled version: with the hub's number, author and the doc's kind. */
export type HubSharedVersionIn = HubSharedVersion & { kind: 'build' | 'bidset'; version: number; author: string; pushed_at: string };

/** One pulled change: the record and the hub's change number. */
export type HubChange =
  | { kind: 'supplier'; change_no: number; row: HubSupplier & { author: string } }
  | { kind: 'quote'; change_no: number; row: HubQuote & { author: string } }
  | { kind: 'catalog_field'; change_no: number; row: HubCatalogField }
  | { kind: 'catalog_conflict'; change_no: number; row: HubConflict }
  | { kind: 'shared_version'; change_no: number; row: HubSharedVersionIn };
