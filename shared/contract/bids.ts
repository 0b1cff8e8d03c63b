/**
 * API channels of bid evaluation, saved bid sets and report export. Bid files and scenarios
 * travel as parsed JSON (`unknown` here) and are validated by their own schemas in the handler,
 * so errors name the path inside the document (`bids[2].lines[0].count: …`).
 */
import { z } from 'zod';
import type { BidEvaluation } from '../bids/evaluate';
import type { Bid } from '../bids/schema';
import { fileBytesSchema } from './import';
import { isoDateSchema } from '../domain/source';

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(200);
const doc = z.unknown().refine((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'expected a JSON object' });

export interface BidSetSummary {
  id: number;
  name: string;
  updatedAt: string;
}
export interface BidSetRecord extends BidSetSummary {
  /** The bid file as saved (validated against the bid file schema). */
  body: unknown;
}

export interface ReportFileOut {
  fileName: string;
  /** The file's bytes, base64 (the IPC and the loopback host carry JSON). */
  dataBase64: string;
}

/** A report of a bid file (scored bids) or of a scenario (compared builds): exactly one of the two. */
export const reportInputSchema = z
  .object({
    bidFile: doc.optional(),
    scenario: doc.optional(),
    lang: z.enum(['en', 'zh-CN']).default('en'),
    date: isoDateSchema.optional(),
    title: z.string().max(300).optional(),
    preparedBy: z.string().max(200).optional(),
    documentNumber: z.string().max(100).optional(),
    /** Add the committee's pages: the evaluations of this bid set held here (an error when none). */
    evaluations: z.boolean().optional(),
  })
  .strict()
  .refine((v) => (v.bidFile === undefined) !== (v.scenario === undefined), { message: 'give either "bidFile" or "scenario"' });

/** A filled bid template (XLSX) and where its bid goes: a saved set (appended and saved in one transaction) or the set being edited (returned only). */
export const templateImportInputSchema = z
  .object({
    fileName: z.string().min(1).max(260),
    dataBase64: fileBytesSchema,
    id: id.optional(),
    bidFile: doc.optional(),
  })
  .strict()
  .refine((v) => (v.id === undefined) !== (v.bidFile === undefined), { message: 'give either "id" (a saved bid set) or "bidFile"' });

export interface TemplateImportOut {
  /** The bid read from the template, as it is added to the set. */
  bid: Bid;
  /** Its index in the set's bids. */
  index: number;
  /** The saved set after the bid was added (when `id` was given). */
  record?: BidSetRecord;
}

export const bidChannels = {
  /** The bid template (XLSX) for the file's requirement, which suppliers fill in. */
  'bids:template': { input: z.object({ bidFile: doc }).strict(), output: {} as ReportFileOut },
  /** Read a filled bid template back into one bid, every value checked. */
  'bids:template-import': { input: templateImportInputSchema, output: {} as TemplateImportOut },
  /** Check every bid against the hard constraints, score and rank them. */
  'bids:evaluate': { input: z.object({ bidFile: doc }).strict(), output: {} as BidEvaluation },
  'bids:list': { input: z.object({}).strict().optional(), output: [] as BidSetSummary[] },
  'bids:get': { input: z.object({ id }).strict(), output: {} as BidSetRecord },
  /** Create (no id) or replace a saved bid set; the body must be a valid bid file. */
  'bids:save': { input: z.object({ id: id.optional(), name, body: doc }).strict(), output: {} as BidSetRecord },
  'bids:delete': { input: z.object({ id }).strict(), output: {} as { id: number } },
  'report:pdf': { input: reportInputSchema, output: {} as ReportFileOut },
  'report:xlsx': { input: reportInputSchema, output: {} as ReportFileOut },
} as const;
