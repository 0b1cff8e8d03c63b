/**
 * Reports from a bid file or a scenario: the model is gathered once (model.ts), then laid out
 * as HTML and printed to PDF, or written as an XLSX workbook. The printer is the app's
 * (Electron's printToPDF via ctx.printPdf) or, in the CLI and the loopback host, Chromium.
 */
import { AppError } from '../../shared/contract/result';
import { issueVar } from '../../shared/i18n/translate';
import { cnyUnitOf } from '../../shared/format';
import { parseBidFile } from '../../shared/bids/schema';
import { overallScores } from '../../shared/bids/committee';
import type { EvaluationOut } from '../../shared/contract/team-evaluation';
import type { Lang } from '../../shared/i18n/translate';
import { parseScenario, type ScenarioIssue } from '../../shared/scenario/schema';
import type { AppContext } from '../context';
import { catalogSnapshot } from '../db/snapshot';
import { printWithChromium } from './chromium';
import { renderReportHtml } from './html';
import { reportFromBids, reportFromScenario, type ReportModel } from './model';
import { reportWorkbook } from './xlsx';

export interface ReportRequest {
  bidFile?: unknown;
  scenario?: unknown;
  lang: Lang;
  date?: string;
  title?: string;
  preparedBy?: string;
  documentNumber?: string;
  /** Today (YYYY-MM-DD) for quote validity; default: today in the user's time zone. */
  today?: string;
  /** The committee evaluations of the bid set (with --evaluations), as held on this laptop. */
  committee?: EvaluationOut[];
}

export interface ReportFile {
  fileName: string;
  dataBase64: string;
}

const KINDS = new Set(['scenario', 'bid file', 'bid set', 'optimize problem']);

/** Paths stay relative to the document (`bids[2].lines[0].count`), as the file's author sees it. */
function invalid(kind: string, issues: ScenarioIssue[]): AppError {
  const ref = { key: 'errors.document.invalid', vars: { kind: KINDS.has(kind) ? { key: `errors.document.kinds.${kind}` } : kind, detail: issues.map(issueVar) } };
  return new AppError('invalid-input', `not a valid ${kind}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues, ref);
}

export function buildReportModel(ctx: AppContext, req: ReportRequest): ReportModel {
  const today = req.today ?? ctx.today();
  const meta = { lang: req.lang, cnyUnit: cnyUnitOf(ctx.settings.get('cnyUnit')), date: req.date, title: req.title, preparedBy: req.preparedBy, documentNumber: req.documentNumber, today };
  // a document that parses but names what the catalog lacks throws ScenarioError, reported by dispatch
  if (req.bidFile !== undefined) {
    const p = parseBidFile(req.bidFile);
    if (!p.ok) throw invalid('bid file', p.issues);
    const model = reportFromBids(p.value, catalogSnapshot(ctx), meta);
    if (!req.committee || !model.bids) return model;
    const bids = model.bids.bids;
    const overall = (e: EvaluationOut) => overallScores(bids.map((b, i) => ({ formulaTotal: b.totalScore, committeeTotal: e.committee.bidTotals[i] ?? null, evaluatedPrice: b.evaluatedPrice })));
    return { ...model, committee: req.committee.map((e) => ({ ...e, overall: overall(e) })) };
  }
  const p = parseScenario(req.scenario);
  if (!p.ok) throw invalid('scenario', p.issues);
  return reportFromScenario(p.value, catalogSnapshot(ctx), meta);
}

/** A file name from the title and document number, safe on Windows, macOS and Linux. */
export function reportFileName(m: Pick<ReportModel, 'title' | 'documentNumber'>, ext: 'pdf' | 'xlsx'): string {
  const base = `${m.title} ${m.documentNumber}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${base || 'report'}.${ext}`;
}

export async function reportPdf(ctx: AppContext, req: ReportRequest): Promise<ReportFile> {
  const model = buildReportModel(ctx, req);
  return printReport(ctx, reportFileName(model, 'pdf'), renderReportHtml(model));
}

/** Print report HTML with the app's printer (Electron's printToPDF) or Chromium. */
export async function printReport(ctx: AppContext, fileName: string, html: string): Promise<ReportFile> {
  const pdf = ctx.printPdf ? await ctx.printPdf(html) : await printWithChromium(html);
  return { fileName, dataBase64: Buffer.from(pdf).toString('base64') };
}

export async function reportXlsx(ctx: AppContext, req: ReportRequest): Promise<ReportFile> {
  const model = buildReportModel(ctx, req);
  const data = await reportWorkbook(model);
  return { fileName: reportFileName(model, 'xlsx'), dataBase64: Buffer.from(data).toString('base64') };
}
