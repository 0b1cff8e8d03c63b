/**
 * What a report shows, gathered once from either input: a bid file (scored bids) or a scenario
 * (a comparison of builds). Everything here is evaluated by the shared models; the template
 * only lays it out.
 */
import type { ReportCommittee } from './committee';
import type { CnyUnit } from '../../shared/format';
import type { Lang } from '../../shared/i18n/translate';
import { tr } from '../../shared/i18n/translate';
import type { Currency } from '../../shared/money';
import { evaluateBidFile, type BidEvaluation } from '../../shared/bids/evaluate';
import type { BidFile } from '../../shared/bids/schema';
import { rankBuildsByUnitCost } from '../../shared/bids/build-ranking';
import { createCatalogLookup, type CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { evaluateScenario, type EvaluationResult } from '../../shared/scenario/evaluate';
import type { Scenario } from '../../shared/scenario/schema';

export interface ReportMeta {
  lang: Lang;
  /** The 万元 / 元 setting (shared/format); default 'auto'. */
  cnyUnit?: CnyUnit;
  /** YYYY-MM-DD; default today. */
  date?: string;
  title?: string;
  preparedBy?: string;
  documentNumber?: string;
}

export interface ReportModel {
  lang: Lang;
  cnyUnit: CnyUnit;
  kind: 'bids' | 'scenario';
  title: string;
  requirementName: string;
  requirementText: string;
  date: string;
  preparedBy: string;
  documentNumber: string;
  currency: Currency;
  evaluation: EvaluationResult;
  bids?: BidEvaluation;
  snapshot: CatalogSnapshot;
  /** Build indices in the order the summary ranks them (bids: ranked first, then failing). */
  order: number[];
  /** The build whose sensitivity tornado is shown: the recommended or best one. */
  focus: number;
  /** The committee evaluations of the bid set (with --evaluations): committee.ts's pages. */
  committee?: ReportCommittee[];
}

/** A stable number for a document that has none: the date and a short hash of its content. */
export function documentNumberFor(date: string, content: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) {
    h ^= content.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `RPT-${date.replaceAll('-', '')}-${h.toString(16).toUpperCase().padStart(8, '0').slice(0, 6)}`;
}

export function reportFromBids(file: BidFile, snapshot: CatalogSnapshot, meta: ReportMeta & { today: string }): ReportModel {
  const bids = evaluateBidFile(file, createCatalogLookup(snapshot), { today: meta.today, sensitivity: true });
  const date = meta.date ?? file.date ?? meta.today;
  const failing = bids.bids.filter((b) => !b.pass).map((b) => b.index);
  return {
    lang: meta.lang,
    cnyUnit: meta.cnyUnit ?? 'auto',
    kind: 'bids',
    title: meta.title || file.title || tr(meta.lang, 'report.title'),
    requirementName: file.requirement.name,
    requirementText: file.requirement.description,
    date,
    preparedBy: meta.preparedBy ?? file.preparedBy,
    documentNumber: meta.documentNumber || file.documentNumber || documentNumberFor(date, JSON.stringify(file)),
    currency: file.currency,
    evaluation: bids.evaluation,
    bids,
    snapshot,
    order: [...bids.ranking, ...failing],
    focus: bids.recommended[0] ?? bids.ranking[0] ?? 0,
  };
}

export function reportFromScenario(s: Scenario, snapshot: CatalogSnapshot, meta: ReportMeta & { today: string }): ReportModel {
  const evaluation = evaluateScenario(s, createCatalogLookup(snapshot), { today: meta.today, sensitivity: true });
  const date = meta.date ?? meta.today;
  const order = rankBuildsByUnitCost(evaluation.builds);
  return {
    lang: meta.lang,
    cnyUnit: meta.cnyUnit ?? 'auto',
    kind: 'scenario',
    title: meta.title || s.name || tr(meta.lang, 'report.scenarioTitle'),
    requirementName: s.name,
    requirementText: s.description,
    date,
    preparedBy: meta.preparedBy ?? '',
    documentNumber: meta.documentNumber || documentNumberFor(date, JSON.stringify(s)),
    currency: s.currency,
    evaluation,
    snapshot,
    order,
    focus: order[0] ?? 0,
  };
}
