/**
 * Suppliers: who quoted a price (a reseller, an integrator, the vendor itself). Names are one
 * supplier whatever their letter case or surrounding spaces.
 */
import { z } from 'zod';

/** The supplier of a quote that names none and has no source title either. */
export const UNKNOWN_SUPPLIER = 'Unknown supplier';

export const supplierNameSchema = z.string().trim().min(1, { error: 'expected a supplier name' }).max(160);

export const supplierSchema = z.object({
  name: supplierNameSchema,
  contact: z.string().trim().max(500).default(''),
  notes: z.string().max(2000).default(''),
});
export type Supplier = z.infer<typeof supplierSchema>;

/** A supplier as stored. */
export interface SupplierRecord extends Supplier {
  id: number;
  createdAt: string;
}

/** Suppliers differing only in letter case or surrounding spaces are one supplier. */
export function supplierKey(supplier: string): string {
  return supplier.trim().toLowerCase();
}

/**
 * The supplier a quote belongs to: its supplier text, else its source's title (a seed price
 * "via Reuters" names its source), else UNKNOWN_SUPPLIER. Migration 0002 names the suppliers
 * of older quotes by the same rule.
 */
export function supplierNameOf(q: { supplier?: string; source: { title: string } }): string {
  return q.supplier?.trim() || q.source.title.trim() || UNKNOWN_SUPPLIER;
}
