/**
 * The catalog table's listing: one lean row per part with only what the table shows, sorts,
 * filters and searches on, and the price builds use. A part's sources, notes, efficiency
 * factors and price history are fetched for the row opened (`catalog:get`, `quotes:list`,
 * `quotes:history`), not for all 10,000 rows: the full listing (`catalog:list`, which the CLI
 * prints) was 26 MB of JSON at that size.
 */
import { z } from 'zod';
import type { Accelerator } from '../domain/accelerator';
import type { AcceleratorView, CatalogData } from './views';

/** The figures the table's columns show (TFLOPS: the precisions it has columns for). */
type Shown = 'slug' | 'vendor' | 'model' | 'generation' | 'aliases' | 'domestic' | 'memoryGB' | 'memoryType' | 'memoryBandwidthTBps' | 'tdpW' | 'scaleUpGBps' | 'formFactor' | 'softwareStack' | 'releaseYear';

export interface CatalogRow extends Pick<Accelerator, Shown> {
  tflops: Pick<Accelerator['tflops'], 'fp16' | 'bf16' | 'fp8' | 'int8'>;
  /** Export-control status for a buyer in China. */
  exportCN: Accelerator['exportControl']['CN'];
  userEdited: boolean;
  /** The price policy's choice as the table's price cell shows it (the same figures `catalog:list` gives). */
  bestPrice?: Pick<NonNullable<AcceleratorView['bestPrice']>, 'price' | 'currency' | 'estimate'>;
}

export interface CatalogListing {
  rows: CatalogRow[];
  vendors: CatalogData['vendors'];
}

export const catalogChannels = {
  'catalog:rows': { input: z.object({}).strict().optional(), output: {} as CatalogListing },
} as const;
