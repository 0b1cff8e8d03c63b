/** API channels for saved builds and scenario files. */
import { z } from 'zod';
import { buildAssumptionsSchema, buildLineSchema, type BuildRecord } from '../scenario/build';
import type { CatalogSnapshot } from '../scenario/catalog-lookup';
import type { EvaluationResult } from '../scenario/evaluate';
import { scenarioSchema } from '../scenario/schema';

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(200);

export interface ScenarioImportResult {
  builds: BuildRecord[];
  /** Parts given inline in the file, added to the catalog as user parts. */
  addedParts: string[];
}

export const buildChannels = {
  /** Everything the shared models need to evaluate builds in the renderer. */
  'catalog:snapshot': { input: z.object({}).strict().optional(), output: {} as CatalogSnapshot },
  'builds:list': { input: z.object({}).strict().optional(), output: [] as BuildRecord[] },
  'builds:create': {
    input: z.object({ name, assumptions: buildAssumptionsSchema.optional(), lines: z.array(buildLineSchema).max(100).default([]) }).strict(),
    output: {} as BuildRecord,
  },
  'builds:update': {
    input: z
      .object({ id, name: name.optional(), assumptions: buildAssumptionsSchema.optional(), lines: z.array(buildLineSchema).max(100).optional() })
      .strict(),
    output: {} as BuildRecord,
  },
  'builds:duplicate': { input: z.object({ id, name: name.optional() }).strict(), output: {} as BuildRecord },
  /** Soft delete, so that it can be undone with builds:restore. */
  'builds:delete': { input: z.object({ id }).strict(), output: {} as { id: number } },
  'builds:restore': { input: z.object({ id }).strict(), output: {} as BuildRecord },
  /** Create builds from a `.procure.json` file's text. */
  'scenario:import': {
    input: z.object({ fileName: z.string().max(500), text: z.string().max(5_000_000) }).strict(),
    output: {} as ScenarioImportResult,
  },
  /** Evaluate a scenario document against the catalog, as `procure evaluate` prints it (every build's TCO, throughput, risk). */
  'scenario:evaluate': {
    input: z.object({ scenario: scenarioSchema, sensitivity: z.boolean().default(false) }).strict(),
    output: {} as EvaluationResult,
  },
} as const;
