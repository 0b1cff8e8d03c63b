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

/** One pulled change: the record and the hub's change number. */
export type HubChange = { kind: 'supplier'; change_no: number; row: HubSupplier & { author: string } } | { kind: 'quote'; change_no: number; row: HubQuote & { author: string } };
