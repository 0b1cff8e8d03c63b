/** Handlers of the bid and report channels (see shared/contract/bids.ts). */
import type { ParsedInput } from '../../shared/contract/api';
import { translatedError, type AppError } from '../../shared/contract/result';
import { issueVar } from '../../shared/i18n/translate';
import type { BidSetRecord, BidSetSummary, ReportFileOut, TemplateImportOut } from '../../shared/contract/bids';
import { evaluateBidFile, type BidEvaluation } from '../../shared/bids/evaluate';
import { bidFileDraftSchema, parseBidFile, type Bid, type BidFile } from '../../shared/bids/schema';
import { parseDocument } from '../../shared/document/parse';
import { createCatalogLookup } from '../../shared/scenario/catalog-lookup';
import type { ScenarioIssue } from '../../shared/scenario/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { printReport, reportFileName, reportPdf, reportXlsx } from '../report';
import { requirementFingerprint } from '../bids/template-layout';
import { templateError } from '../bids/template-read';
import { writeBidTemplate } from '../bids/template-write';
import { jobDb, runJob } from '../jobs';
import type { EvaluationOut } from '../../shared/contract/team-evaluation';
import { listEvaluations } from './team-evaluation';

/** The report's model and HTML are built in a job worker; printing (another process already) stays here. */
async function reportPdfOffThread(ctx: AppContext, raw: ParsedInput<'report:pdf'>): Promise<ReportFileOut> {
  const input = withCommittee(ctx, raw);
  const db = jobDb(ctx);
  if (!db) return reportPdf(ctx, input);
  const { fileName, html } = await runJob('report:html', { db, request: { ...input, today: ctx.today() } });
  return printReport(ctx, fileName, html);
}

/** With `evaluations`, the request carries the committee evaluations of its bid set held here (none: an error). */
function withCommittee(ctx: AppContext, input: ParsedInput<'report:pdf'>): ParsedInput<'report:pdf'> & { committee?: EvaluationOut[] } {
  if (!input.evaluations) return input;
  if (input.bidFile === undefined) throw translatedError('invalid-input', 'errors.bids.evaluationsNeedBidFile');
  const committee = listEvaluations(ctx, { bidFile: input.bidFile });
  if (committee.length === 0) throw translatedError('not-found', 'errors.bids.noCommittee');
  return { ...input, committee };
}

function invalidBidFile(issues: ScenarioIssue[]): AppError {
  return translatedError('invalid-input', 'errors.document.invalid', { kind: { key: 'errors.document.kinds.bid file' }, detail: issues.map(issueVar) }, issues);
}

function parsed(raw: unknown): BidFile {
  const p = parseBidFile(raw);
  if (!p.ok) throw invalidBidFile(p.issues);
  return p.value;
}

/** A bid file whose requirement is set; its bids may still be to come. */
function draft(raw: unknown): BidFile {
  const p = parseDocument(bidFileDraftSchema, raw);
  if (!p.ok) throw invalidBidFile(p.issues);
  return p.value;
}

async function bidTemplate(ctx: AppContext, input: ParsedInput<'bids:template'>): Promise<ReportFileOut> {
  const file = draft(input.bidFile);
  const data = await writeBidTemplate(file, ctx.accelerators.list(), ctx.servers.list().map((s) => s.name));
  return { fileName: reportFileName({ title: 'Bid template', documentNumber: file.documentNumber || file.requirement.name }, 'xlsx'), dataBase64: data.toString('base64') };
}

function refuseDuplicate(file: BidFile, bid: Bid): void {
  if (file.bids.some((b) => b.vendor === bid.vendor && b.name === bid.name)) {
    throw translatedError('conflict', 'bidTemplate.error.duplicate', { vendor: bid.vendor, offer: bid.name || bid.vendor });
  }
}

/**
 * A filled template read into one bid for the set: checked against the set's requirement, then,
 * for a saved set, appended and saved in one transaction (the set is read again inside it, so a
 * set changed meanwhile is checked as it is now).
 */
async function importTemplate(ctx: AppContext, input: ParsedInput<'bids:template-import'>): Promise<TemplateImportOut> {
  const expectFor = (f: BidFile) => ({ fingerprint: requirementFingerprint(f.requirement, f.currency), requirement: f.requirement.name });
  const file = draft(input.id !== undefined ? ctx.bidSets.get(input.id).body : input.bidFile);
  // the workbook is parsed in a job worker; the catalog's names travel as plain lists
  const { bid } = await runJob('bids:read-template', {
    dataBase64: input.dataBase64,
    fileName: input.fileName,
    today: ctx.today(),
    expect: expectFor(file),
    parts: ctx.accelerators.list().map((a) => ({ slug: a.slug, vendor: a.vendor, model: a.model, aliases: a.aliases })),
    servers: ctx.servers.list().map((s) => ({ slug: s.slug, name: s.name })),
  });
  refuseDuplicate(file, bid);
  const id = input.id;
  if (id === undefined) return { bid, index: file.bids.length };
  return ctx.transaction(() => {
    const rec = ctx.bidSets.get(id);
    const now = draft(rec.body);
    if (expectFor(now).fingerprint !== expectFor(file).fingerprint) {
      throw templateError([{ key: 'bidTemplate.error.otherRequirement', vars: { file: input.fileName, template: file.requirement.name, requirement: now.requirement.name } }]);
    }
    refuseDuplicate(now, bid);
    const body = { ...(rec.body as Record<string, unknown>), bids: [...((rec.body as { bids?: unknown[] }).bids ?? []), bid] };
    parsed(body);
    return { bid, index: now.bids.length, record: ctx.bidSets.save(rec.name, body, rec.id) };
  });
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
  'bids:template': bidTemplate,
  'bids:template-import': importTemplate,
  'report:pdf': reportPdfOffThread,
  'report:xlsx': (ctx: AppContext, input: ParsedInput<'report:xlsx'>): Promise<ReportFileOut> => reportXlsx(ctx, withCommittee(ctx, input)),
} as const;
