/** Shapes the API returns to the UI. */
import type { Accelerator } from '../domain/accelerator';
import type { FxRate, Server, Site, Vendor } from '../domain/catalog';
import type { Currency } from '../money';
import type { Source } from '../domain/source';

export interface AcceleratorView extends Accelerator {
  id: number;
  origin: 'seed' | 'user' | 'import';
  userEdited: boolean;
  updatedAt: string;
  /** Lowest valid ex-VAT purchase quote converted to CNY (what builds use), if any. */
  bestPrice?: { price: number; currency: Currency; supplier: string; asOf: string; estimate: boolean };
}

export interface QuoteView {
  id: number;
  item: string;
  kind: 'purchase' | 'rental-card-hour' | 'server-purchase';
  supplier: string;
  price: number;
  currency: Currency;
  vatIncluded: boolean;
  vatRate: number;
  cardsPerServer?: number;
  cardSlug?: string;
  /** Server quotes: the implied ex-VAT price per card. */
  perCardExVat?: number;
  moq?: number;
  leadTimeWeeks?: number;
  validUntil?: string;
  source: Source;
  origin: 'seed' | 'user' | 'import';
  sourceFile: string;
  sourceSheet: string;
  sourceRow: number | null;
  importedAt: string;
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
