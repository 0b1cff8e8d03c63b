/** API channels of Settings: default assumptions, FX rates, backup and restore. */
import { z } from 'zod';
import { buildAssumptionsSchema, type BuildAssumptions } from '../scenario/build';
import { currencySchema } from '../money';
import { isoDateSchema } from '../domain/source';
import { timeZoneSchema } from '../calendar';
import type { FxRate } from '../domain/catalog';

export interface FxHistoryRow extends FxRate {
  id: number;
  origin: string;
}

/** The time zone calendar dates are taken in: the saved one, else the system's. */
export interface TimeZoneSetting {
  timeZone: string;
  /** The operating system's zone, the default. */
  system: string;
  /** Whether the user chose `timeZone` (false: it is the system's). */
  saved: boolean;
  /** Today in `timeZone`, YYYY-MM-DD. */
  today: string;
}

export const settingsChannels = {
  'timezone:get': { input: z.object({}).strict().optional(), output: {} as TimeZoneSetting },
  /** An IANA zone name; null goes back to the system's zone. */
  'timezone:set': { input: z.object({ timeZone: timeZoneSchema.nullable() }).strict(), output: {} as TimeZoneSetting },
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
