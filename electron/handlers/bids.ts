/** Handlers of the bid and report channels (see shared/contract/bids.ts). */
import type { ParsedInput } from '../../shared/contract/api';
import { AppError } from '../../shared/contract/result';
import type { BidSetRecord, BidSetSummary, ReportFileOut } from '../../shared/contract/bids';
import { evaluateBidFile, type BidEvaluation } from '../../shared/bids/evaluate';
import { parseBidFile, type BidFile } from '../../shared/bids/schema';
import { createCatalogLookup } from '../../shared/scenario/catalog-lookup';
import type { ScenarioIssue } from '../../shared/scenario/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { printReport, reportPdf, reportXlsx } from '../report';
import { jobDb, runJob } from '../jobs';

/** The report's model and HTML are built in a job worker; printing (another process already) stays here. */
async function reportPdfOffThread(ctx: AppContext, input: ParsedInput<'report:pdf'>): Promise<ReportFileOut> {
  const db = jobDb(ctx);
  if (!db) return reportPdf(ctx, input);
  const { fileName, html } = await runJob('report:html', { db, request: { ...input, today: ctx.today() } });
  return printReport(ctx, fileName, html);
}

function invalidBidFile(issues: ScenarioIssue[]): AppError {
  return new AppError('invalid-input', `not a valid bid file: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

function parsed(raw: unknown): BidFile {
  const p = parseBidFile(raw);
  if (!p.ok) throw invalidBidFile(p.issues);
  return p.value;
}

/** A part, site or price the file names but the catalog lacks throws ScenarioError (bid-file paths), reported by dispatch. */
export function evaluateBids(ctx: AppContext, input: ParsedInput<'bids:evaluate'>): BidEvaluation {
  return evaluateBidFile(parsed(input.bidFile), createCatalogLookup(catalogSnapshot(ctx)), { today: ctx.today() });
}

export const bidHandlers = {
  'bids:evaluate': evaluateBids,
  'bids:list': (ctx: AppContext): BidSetSummary[] => ctx.bidSets.list(),
  'bids:get': (ctx: AppContext, input: ParsedInput<'bids:get'>): BidSetRecord => ctx.bidSets.get(input.id),
  'bids:save': (ctx: AppContext, input: ParsedInput<'bids:save'>): BidSetRecord => {
    parsed(input.body);
    return ctx.bidSets.save(input.name, input.body, input.id);
  },
  'bids:delete': (ctx: AppContext, input: ParsedInput<'bids:delete'>): { id: number } => {
    ctx.bidSets.remove(input.id);
    return { id: input.id };
  },
  'report:pdf': reportPdfOffThread,
  'report:xlsx': (ctx: AppContext, input: ParsedInput<'report:xlsx'>): Promise<ReportFileOut> => reportXlsx(ctx, input),
} as const;
