/** Where a figure came from: every number in the catalog carries one. */
import { z } from 'zod';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const sourceSchema = z.object({
  title: z.string().min(1).max(500),
  url: z.string().max(2000).default(''),
  asOf: isoDateSchema,
  estimate: z.boolean().default(false),
  /** Why this value was chosen when sources disagree, or the range seen. */
  note: z.string().max(2000).default(''),
});
export type Source = z.infer<typeof sourceSchema>;
