/** API channels of Settings: default assumptions, FX rates, backup and restore. */
import { z } from 'zod';
import { buildAssumptionsSchema, type BuildAssumptions } from '../scenario/build';
import { currencySchema } from '../money';
import { isoDateSchema } from '../domain/source';
import type { FxRate } from '../domain/catalog';

export interface FxHistoryRow extends FxRate {
  id: number;
  origin: string;
}

export const settingsChannels = {
  'defaults:get': { input: z.object({}).strict().optional(), output: {} as BuildAssumptions },
  'defaults:set': { input: z.object({ assumptions: buildAssumptionsSchema }).strict(), output: {} as BuildAssumptions },
  'fx:history': { input: z.object({}).strict().optional(), output: [] as FxHistoryRow[] },
  'fx:add': {
    input: z
      .object({
        currency: currencySchema.refine((c) => c !== 'CNY', 'CNY is the pivot currency'),
        cnyPer: z.number().finite().positive().max(1e6),
        asOf: isoDateSchema,
        source: z.string().trim().min(1).max(500),
      })
      .strict(),
    output: [] as FxHistoryRow[],
  },
  'db:backup': { input: z.object({}).strict().optional(), output: {} as { fileName: string; dataBase64: string } },
  'db:restore': {
    input: z.object({ dataBase64: z.string().min(1).max(700_000_000) }).strict(),
    output: {} as { backup: string; accelerators: number },
  },
  /** The full integrity check of the open database (integrity_check and foreign keys). */
  'db:check': { input: z.object({}).strict().optional(), output: {} as { ok: boolean; problems: string[] } },
} as const;
