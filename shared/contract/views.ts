/** Shapes the API returns to the UI. */
import type { Accelerator } from '../domain/accelerator';
import type { FxRate, QuoteRecord, Server, Site, Vendor } from '../domain/catalog';
import type { Currency } from '../money';

export interface AcceleratorView extends Accelerator {
  id: number;
  origin: 'seed' | 'user' | 'import';
  userEdited: boolean;
  updatedAt: string;
  /** The purchase price builds use (the price policy's choice), ex VAT in CNY, with whose quote, its date, age and flags. */
  bestPrice?: { price: number; currency: Currency; supplier: string; asOf: string; ageDays: number; estimate: boolean; expired: boolean; stale: boolean; quoteId?: number };
}

/** A stored quote as the API lists it. */
export interface QuoteView extends QuoteRecord {
  /** Server quotes: the implied ex-VAT price per card. */
  perCardExVat?: number;
}

export interface CatalogData {
  accelerators: AcceleratorView[];
  vendors: (Pick<Vendor, "name" | "nameZh" | "country"> & { parts: number })[];
  servers: Server[];
  sites: Site[];
  fx: FxRate[];
}

export interface AppInfo {
  version: string;
  dbPath: string;
  schemaVersion: number;
  seedVersion: number;
  counts: { accelerators: number; vendors: number; quotes: number; estimates: number };
}
