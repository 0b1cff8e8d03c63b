/**
 * The comparison as a workbook (exceljs): a summary sheet, one sheet per bid (or build) and an
 * assumptions sheet. Numbers are stored as numbers with number formats, so they sum and sort;
 * every text that a spreadsheet could take for a formula (= + - @, tab, CR) is neutralised with
 * a leading apostrophe, so a vendor called `=HYPERLINK(…)` stays a name.
 */
import ExcelJS from 'exceljs';
import { KPIS, type KpiDef, type KpiUnit } from '../../shared/report/kpis';
import { roundToMinor, wanColumns } from '../../shared/format';
import { formatter } from './format';
import { cardSource } from './sections';
import { describeFailure } from '../../shared/bids/constraints';
import { priceLines, type PriceLine } from '../../shared/bids/price-lines';
import { TECHNICAL_CRITERIA } from '../../shared/bids/schema';
import { currencySymbol } from '../../shared/money';
import { tr } from '../../shared/i18n/translate';
import type { ReportModel } from './model';

type Cell = string | number | null | undefined;

/** OWASP's advice for spreadsheet exports: text starting with a formula trigger gets a `'`. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const FMT = {
  int: '#,##0',
  dec1: '#,##0.0',
  dec2: '#,##0.00',
  dec3: '0.000',
  pct: '0.0%',
};

function moneyFmt(m: ReportModel, digits = 0): string {
  const sym = currencySymbol(m.currency).replace(/"/g, '');
  return `"${sym}"#,##0${digits ? `.${'0'.repeat(digits)}` : ''}`;
}

/** Totals in 万元 (the 万元 / 元 setting is 万元): the cell holds yuan ÷ 10,000 and shows "2,504.45 万元". */
const WAN_FMT = '#,##0.00" 万元"';

/** The format of a column of money totals (KPIs, bid totals): 万元 when the setting says so, else whole yuan. */
function totalsFmt(m: ReportModel): string {
  return wanColumns(m.cnyUnit, m.currency) ? WAN_FMT : moneyFmt(m);
}

/** Decimals a stored number keeps, by its number format: money to the minor unit, no float noise (120000.00000000001). */
function rounded(v: number, fmt: string | undefined, m: ReportModel): number {
  if (!Number.isFinite(v)) return v;
  // to the fen, counted in 万
  if (fmt === WAN_FMT) return Math.round(roundToMinor(v, m.currency) * 100) / 1_000_000;
  if (fmt?.startsWith('"')) return roundToMinor(v, m.currency);
  const d = fmt === FMT.pct ? 4 : fmt === FMT.int ? 2 : 4;
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** A KPI's column header with its unit: "Peak IT power (kW)", "Capex (CNY)". */
function kpiHeader(k: KpiDef, t: (key: string) => string, m: ReportModel): string {
  const units: Partial<Record<KpiUnit, string>> = {
    money: wanColumns(m.cnyUnit, m.currency) ? '万元' : m.currency, moneyPerMTok: `${m.currency}/M tok`, moneyPerHour: `${m.currency}/card·h`, kW: 'kW', kWh: 'kWh',
    tokPerSec: 'tok/s', tokPerSecPerW: 'tok/s/W', score: '0–100', percent: '%',
  };
  const u = units[k.unit];
  return u ? `${t(`kpi.${k.key}`)} (${u})` : t(`kpi.${k.key}`);
}

/** Append a row; numbers keep their type and get `formats[i]` (money rounded to its minor unit), texts are neutralised. */
function addRowTo(ws: ExcelJS.Worksheet, cells: Cell[], formats: (string | undefined)[] = [], bold = false, m?: ReportModel): ExcelJS.Row {
  const row = ws.addRow(cells.map((c, i) => (typeof c === 'string' ? neutralise(c) : c === undefined ? null : typeof c === 'number' && m ? rounded(c, formats[i], m) : c)));
  cells.forEach((c, i) => {
    const f = formats[i];
    if (typeof c === 'number' && f) row.getCell(i + 1).numFmt = f;
  });
  if (bold) row.font = { bold: true };
  return row;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique, not starting/ending with '. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 28) || 'Sheet';
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 27 - String(i).length)} (${i})`;
  used.add(n.toLowerCase());
  return n;
}

function widths(ws: ExcelJS.Worksheet, w: number[]): void {
  w.forEach((x, i) => (ws.getColumn(i + 1).width = x));
}

function summarySheet(wb: ExcelJS.Workbook, m: ReportModel, used: Set<string>): void {
  const t = (k: string, v?: Record<string, string | number>) => tr(m.lang, k, v);
  const ws = wb.addWorksheet(sheetName(t(m.bids ? 'report.summary' : 'report.cmp.summary'), used));
  const addRow = (ws: ExcelJS.Worksheet, cells: Cell[], formats: (string | undefined)[] = [], bold = false) => addRowTo(ws, cells, formats, bold, m);
  const money = totalsFmt(m);
  addRow(ws, [m.title], [], true);
  if (m.bids) addRow(ws, [t('report.requirement'), m.requirementName]);
  else addRow(ws, [t('report.cmp.subtitle', { n: m.evaluation.builds.length }), m.requirementName]);
  addRow(ws, [t('report.date'), m.date]);
  addRow(ws, [t('report.preparedBy'), m.preparedBy]);
  addRow(ws, [t('report.documentNumber'), m.documentNumber]);
  addRow(ws, []);
  const kpis = KPIS.filter((k) => k.unit !== 'text');
  const kpiFmt = (unit: string) => (unit === 'money' ? money : unit === 'moneyPerMTok' || unit === 'moneyPerHour' ? moneyFmt(m, 2) : unit === 'tokPerSecPerW' ? FMT.dec3 : unit === 'kW' ? FMT.dec1 : unit === 'percent' ? FMT.pct : FMT.int);
  const bidCols = m.bids
    ? [t('bids.status'), t('bids.reasons'), t('bids.evaluatedPriceCol'), t('bids.priceScore'), t('bids.technicalScore'), t('bids.totalScore'), t('bids.bidTotal'), t('bids.deliveryWeeks'), t('bids.warrantyYears'), t('report.domesticShare')]
    : [];
  addRow(ws, [t('bids.rank'), t('report.item'), ...bidCols, ...kpis.map((k) => kpiHeader(k, t, m))], [], true);
  m.order.forEach((i, pos) => {
    const b = m.evaluation.builds[i]!;
    const bid = m.bids?.bids[i];
    const bidCells: Cell[] = bid
      ? [t(bid.pass ? 'bids.pass' : 'bids.fail'), bid.failures.map((x) => describeFailure(x, m.lang, m.currency)).join('; '), bid.evaluatedPrice, bid.priceScore, bid.technicalScore, bid.totalScore, bid.bidTotalInclVat, bid.deliveryWeeks, bid.warrantyYears, bid.domesticShare]
      : [];
    const bidFmts = bid ? [undefined, undefined, money, FMT.dec2, FMT.dec2, FMT.dec2, money, FMT.int, FMT.int, FMT.pct] : [];
    const rank = bid ? bid.rank : pos + 1;
    addRow(ws, [rank, bid?.label ?? b.name, ...bidCells, ...kpis.map((k) => k.value(b) as number | null)], [FMT.int, undefined, ...bidFmts, ...kpis.map((k) => kpiFmt(k.unit))]);
  });
  widths(ws, [8, 36, ...bidCols.map((_, i) => (i === 1 ? 40 : 16)), ...kpis.map(() => 16)]);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 7 }];
}

function detailSheet(wb: ExcelJS.Workbook, m: ReportModel, i: number, used: Set<string>): void {
  const t = (k: string, v?: Record<string, string | number>) => tr(m.lang, k, v);
  const b = m.evaluation.builds[i]!;
  const bid = m.bids?.bids[i];
  const ws = wb.addWorksheet(sheetName(bid?.label ?? b.name, used));
  const addRow = (ws: ExcelJS.Worksheet, cells: Cell[], formats: (string | undefined)[] = [], bold = false) => addRowTo(ws, cells, formats, bold, m);
  const cur = ` (${m.currency})`;
  const money = moneyFmt(m);
  addRow(ws, [bid?.label ?? b.name], [], true);
  if (bid?.name) addRow(ws, [bid.name]);
  addRow(ws, []);
  addRow(ws, [t('report.item'), t('report.lineItem'), t('report.qty'), t('report.unitExVat') + cur, t('report.unitInclVat') + cur, t('report.totalExVat') + cur, t('report.totalInclVat') + cur, t('bids.bidTotal')], [], true);
  const lines: PriceLine[] = bid?.priceLines ?? priceLines(b, { vatRate: 0.13 });
  for (const l of lines) {
    addRow(ws, [t(`report.${l.kind}`), l.item, l.qty, l.unitExVat, l.unitInclVat, l.totalExVat, l.totalInclVat, l.inBid ? t('common.yes') : t('common.no')], [undefined, undefined, FMT.int, money, money, money, money]);
  }
  if (bid) {
    addRow(ws, [t('report.quotedTotal'), '', null, null, null, bid.bidTotalExVat, bid.bidTotalInclVat], [undefined, undefined, undefined, undefined, undefined, money, money], true);
    addRow(ws, []);
    addRow(ws, [t('report.terms')], [], true);
    addRow(ws, [t('bids.deliveryWeeks'), bid.deliveryWeeks], [undefined, FMT.int]);
    addRow(ws, [t('report.delivery'), bid.deliveryDate]);
    addRow(ws, [t('bids.warrantyYears'), bid.warrantyYears], [undefined, FMT.int]);
    addRow(ws, [t('report.payment'), bid.paymentTerms]);
    addRow(ws, [t('report.validUntil'), bid.validUntil ?? '']);
    addRow(ws, [t('report.domesticShare'), bid.domesticShare], [undefined, FMT.pct]);
    if (bid.notes) addRow(ws, [t('report.notes'), bid.notes]);
    addRow(ws, []);
    addRow(ws, [t('report.result'), t(bid.pass ? 'bids.pass' : 'bids.fail')], [], true);
    for (const x of bid.failures) addRow(ws, ['', describeFailure(x, m.lang, m.currency)]);
    if (bid.technical) {
      addRow(ws, [t('bids.evaluatedPriceCol'), bid.evaluatedPrice], [undefined, money]);
      addRow(ws, [t('bids.weights.price'), bid.priceScore, m.bids!.weights.price], [undefined, FMT.dec2, FMT.int]);
      for (const k of TECHNICAL_CRITERIA) addRow(ws, [t(`bids.weights.${k}`), bid.technical[k], m.bids!.weights[k]], [undefined, FMT.dec2, FMT.int]);
      addRow(ws, [t('bids.totalScore'), bid.totalScore, m.bids!.maxPoints], [undefined, FMT.dec2, FMT.int], true);
      addRow(ws, [t('bids.rank'), bid.rank], [undefined, FMT.int]);
    }
  }
  addRow(ws, []);
  addRow(ws, [t('report.kpiTable')], [], true);
  for (const k of KPIS.filter((x) => x.unit !== 'text')) {
    const v = k.value(b) as number | null;
    const f = k.unit === 'money' ? totalsFmt(m) : k.unit === 'moneyPerMTok' || k.unit === 'moneyPerHour' ? moneyFmt(m, 2) : k.unit === 'tokPerSecPerW' ? FMT.dec3 : k.unit === 'kW' ? FMT.dec1 : k.unit === 'percent' ? FMT.pct : FMT.int;
    addRow(ws, [kpiHeader(k, t, m), v], [undefined, f]);
  }
  addRow(ws, []);
  addRow(ws, [t('bids.accelerator'), t('bids.count'), t('report.group'), t('report.batch'), t('kpi.outputTokensPerSecond'), 'TPOT ms', 'TTFT ms', 'MBU', 'MFU', t('report.priceSource')], [], true);
  const f = formatter(m.lang, m.currency, m.cnyUnit);
  for (const l of b.lines) {
    addRow(ws, [l.accelerator, l.count, l.groupSize, l.batch, l.outputTokensPerSecond, l.tpotMs, l.ttftMs, l.mbu, l.mfu, bid ? `${t('report.bidPrice')}: ${bid.vendor}` : cardSource(l, f, true)], [undefined, FMT.int, FMT.int, FMT.int, FMT.int, FMT.dec1, FMT.int, FMT.dec2, FMT.dec2]);
  }
  widths(ws, [34, 34, 10, 16, 16, 16, 16, 12, 10, 40]);
}

function assumptionsSheet(wb: ExcelJS.Workbook, m: ReportModel, used: Set<string>): void {
  const t = (k: string, v?: Record<string, string | number>) => tr(m.lang, k, v);
  const ws = wb.addWorksheet(sheetName(t('report.assumptions'), used));
  const addRow = (ws: ExcelJS.Worksheet, cells: Cell[], formats: (string | undefined)[] = [], bold = false) => addRowTo(ws, cells, formats, bold, m);
  const a = m.evaluation.assumptions;
  addRow(ws, [t('report.assumptions')], [], true);
  const kv: [string, Cell, string?][] = [
    [t('builds.site'), a.site.name],
    [`${t('builds.powerPrice')} (${m.currency}/kWh)`, a.site.powerPricePerKWh, '0.000'],
    [t('builds.pue'), a.site.pue, FMT.dec2],
    [t('builds.jurisdiction'), a.site.jurisdiction],
    [t('builds.model'), a.workload.model],
    [t('builds.inputTokens'), a.workload.inputTokens, FMT.int],
    [t('builds.outputTokens'), a.workload.outputTokens, FMT.int],
    [t('builds.tpotMs'), a.workload.tpotMs, FMT.int],
    [t('builds.ttftMs'), a.workload.ttftMs, FMT.int],
    [t('builds.years'), a.finance.years, FMT.int],
    [t('builds.discountRate'), a.finance.discountRate, FMT.pct],
    [t('builds.utilization'), a.finance.utilization, FMT.pct],
    [t('builds.maintenanceRate'), a.finance.maintenanceRate, FMT.pct],
    [t('builds.residualValueRate'), a.finance.residualValueRate, FMT.pct],
    [t('builds.currency'), m.currency],
    ['As of', a.asOf],
  ];
  for (const [k, v, f] of kv) addRow(ws, [k, v], [undefined, f]);
  for (const [cur, rate] of Object.entries(a.fx)) addRow(ws, [`FX ${cur} → CNY`, rate as number], [undefined, '0.0000']);
  addRow(ws, []);
  addRow(ws, [t('report.specs')], [], true);
  addRow(ws, [t('bids.accelerator'), t('report.figure'), t('report.source'), t('report.asOf'), t('report.estimate')], [], true);
  const slugs = [...new Set(m.evaluation.builds.flatMap((b) => b.lines.map((l) => l.slug).filter((s): s is string => !!s)))];
  for (const slug of slugs) {
    const acc = m.snapshot.accelerators.find((x) => x.slug === slug);
    if (!acc) continue;
    for (const [figure, src] of Object.entries(acc.sources)) {
      addRow(ws, [`${acc.vendor} ${acc.model}`, figure === 'default' ? '*' : figure, src.title, src.asOf, src.estimate ? t('common.yes') : t('common.no')]);
    }
  }
  widths(ws, [36, 30, 60, 14, 10]);
}

/**
 * One sheet per committee evaluation (with --evaluations): per bid and criterion each evaluator's
 * score, the combined one and who was dropped as the highest / the lowest; the committee total,
 * the formula total and the overall score with its rank per bid; the deviation flags. The
 * figures are shared/bids/committee.ts's, as on the PDF's committee pages.
 */
function committeeSheet(wb: ExcelJS.Workbook, m: ReportModel, e: NonNullable<ReportModel['committee']>[number], used: Set<string>): void {
  const t = (k: string, v?: Record<string, string | number>) => tr(m.lang, k, v);
  const ws = wb.addWorksheet(sheetName(`${t('committee.ui.sheet')} ${e.bidSetName ?? ''}`.trim(), used));
  const addRow = (cells: Cell[], formats: (string | undefined)[] = [], bold = false) => addRowTo(ws, cells, formats, bold, m);
  const trimmed = e.evaluators.length >= 5;
  addRow([t('committee.title')], [], true);
  addRow([t('committee.members', { members: e.evaluators.join(', '), submitted: e.submitted.length, count: e.evaluators.length })]);
  addRow([t(trimmed ? 'committee.ruleTrimmed' : 'committee.ruleMean')]);
  if (!e.committee.complete) addRow([t('committee.incomplete')]);
  addRow([]);
  addRow([t('committee.bid'), t('committee.criterion'), t('committee.maxPoints'), ...e.evaluators, t('committee.combined'), t('committee.ui.dropped')], [], true);
  for (const c of e.committee.cells) {
    const k = e.criteria.find((x) => x.id === c.criterion);
    const dropped = [c.droppedHigh, c.droppedLow].filter((x): x is string => x !== null).join(', ');
    addRow([e.bids[c.bid], k?.name ?? c.criterion, k?.points ?? null, ...c.scores, c.combined, dropped || null], [undefined, undefined, FMT.int, ...e.evaluators.map(() => FMT.dec2), FMT.dec2]);
  }
  addRow([]);
  const labels = m.bids?.bids.map((b) => b.label) ?? e.bids;
  addRow([t('committee.bid'), t('committee.formulaTotal'), t('committee.committeeTotal'), t('committee.total'), t('committee.rank')], [], true);
  e.overall.forEach((o, i) => addRow([labels[i], m.bids?.bids[i]?.totalScore ?? null, e.committee.bidTotals[i] ?? null, o.total, o.rank], [undefined, FMT.dec2, FMT.dec2, FMT.dec2, FMT.int]));
  addRow([]);
  addRow([t('committee.flags')], [], true);
  if (e.committee.flags.length === 0) addRow([t('committee.noFlags', { share: `${Math.round(e.deviationShare * 100)} %` })]);
  else {
    addRow([t('committee.evaluator'), t('committee.bid'), t('committee.score'), t('committee.ui.othersMean'), t('committee.ui.deviation')], [], true);
    for (const f of e.committee.flags) addRow([f.evaluator, e.bids[f.bid], f.total, f.othersMean, f.deviation], [undefined, undefined, FMT.dec2, FMT.dec2, FMT.pct]);
  }
  widths(ws, [34, 30, 10, ...e.evaluators.map(() => 12), 12, 24]);
}

export async function reportWorkbook(m: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Accelerator Procurement Planner';
  wb.title = m.title;
  const used = new Set<string>();
  summarySheet(wb, m, used);
  for (const i of m.order) detailSheet(wb, m, i, used);
  for (const e of m.committee ?? []) committeeSheet(wb, m, e, used);
  assumptionsSheet(wb, m, used);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
