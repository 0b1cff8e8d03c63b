/**
 * The accelerator as the catalog knows it: specs plus, for each figure, its source.
 * The seed file (assets/seed/catalog.json), the database and the API all use this shape.
 */
import { z } from 'zod';
import { keyedCheck } from '../i18n/translate';
import { sourceSchema } from './source';

export const PRECISIONS = ['fp16', 'bf16', 'fp8', 'int8', 'fp4'] as const;
export const precisionSchema = z.enum(PRECISIONS);
export type Precision = z.infer<typeof precisionSchema>;

/** Export-control exposure of a part for a buyer (see docs/model.md, supply risk). */
export const EXPORT_STATUSES = ['free', 'licensed', 'restricted', 'prohibited'] as const;
export const exportStatusSchema = z.enum(EXPORT_STATUSES);
export type ExportStatus = z.infer<typeof exportStatusSchema>;

export const FIGURE_KEYS = [
  'memoryGB',
  'memoryType',
  'memoryBandwidthTBps',
  'tflops.fp16',
  'tflops.bf16',
  'tflops.fp8',
  'tflops.int8',
  'tflops.fp4',
  'tdpW',
  'idleW',
  'scaleUpLink',
  'scaleUpGBps',
  'scaleOutGBps',
  'formFactor',
  'softwareStack',
  'releaseYear',
  'exportControl',
  'foundry',
  'hbmSupply',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

const positive = z.number().finite().positive();

export const acceleratorSchema = z.object({
  slug: slugSchema,
  vendor: z.string().min(1).max(80),
  model: z.string().min(1).max(120),
  generation: z.string().max(80).default(''),
  /** Other names people and price sheets use: "昇腾910B", "910B", "H100 80GB SXM5". */
  aliases: z.array(z.string().min(1).max(120)).max(50).default([]),
  domestic: z.boolean(), // made by a Chinese vendor
  memoryGB: positive.max(10000),
  memoryType: z.string().min(1).max(40),
  memoryBandwidthTBps: positive.max(100),
  /** Dense peak, TFLOPS (TOPS for int8), per precision the part supports. */
  tflops: z
    .object({
      fp16: positive.max(100000).optional(),
      bf16: positive.max(100000).optional(),
      fp8: positive.max(100000).optional(),
      int8: positive.max(100000).optional(),
      fp4: positive.max(100000).optional(),
    })
    .refine((t) => Object.values(t).some((v) => v !== undefined), keyedCheck('errors.checks.onePrecision')),
  tdpW: positive.max(5000),
  idleW: z.number().finite().nonnegative().max(5000),
  scaleUpLink: z.string().max(80).default(''),
  scaleUpGBps: z.number().finite().nonnegative().max(100000),
  scaleOutGBps: z.number().finite().nonnegative().max(10000).default(50),
  formFactor: z.string().max(40),
  softwareStack: z.string().max(80),
  releaseYear: z.number().int().min(2000).max(2100),
  /** Status for a buyer in China and for a buyer elsewhere. */
  exportControl: z.object({ CN: exportStatusSchema, other: exportStatusSchema }),
  foundry: z.string().max(80).default(''),
  /** Where the HBM comes from, or "none" for GDDR/LPDDR parts. */
  hbmSupply: z.string().max(80).default(''),
  /** Software-stack maturity 0 (immature) … 1 (mature), drives default MBU/MFU and risk. */
  softwareMaturity: z.number().min(0).max(1),
  /** Achievable fraction of peak memory bandwidth / compute on this stack (editable). */
  mbu: z.number().gt(0).max(1),
  mfu: z.number().gt(0).max(1),
  /** Sources keyed by FigureKey; figures without an entry fall back to `default`. */
  sources: z.record(z.string(), sourceSchema).refine((s) => 'default' in s, keyedCheck('errors.checks.defaultSource')),
  notes: z.string().max(4000).default(''),
});
export type Accelerator = z.infer<typeof acceleratorSchema>;
export type AcceleratorInput = z.input<typeof acceleratorSchema>;

/** Source of one figure: its own entry or the part's default. */
export function sourceOf(acc: Pick<Accelerator, 'sources'>, key: FigureKey | string) {
  return acc.sources[key] ?? acc.sources.default!;
}
