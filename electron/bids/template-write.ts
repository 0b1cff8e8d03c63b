/**
 * "Download bid template": an XLSX that a supplier fills in (exceljs). One sheet per bid section
 * (bidder, prices, delivery and terms, technical response) after an instructions sheet; headers
 * in Chinese and English; lists for every choice (accelerator, role, currency, yes/no, complies);
 * line totals as formulas; every sheet protected without a password, only the yellow input cells
 * unlocked. A hidden sheet holds the requirement's fingerprint and the lists.
 */
import ExcelJS from 'exceljs';
import type { BidFile, Requirement } from '../../shared/bids/schema';
import { formatMoney, formatNumber, formatPercent } from '../../shared/format';
import { tr } from '../../shared/i18n/translate';
import { columnLetter } from '../import/grid';
import { neutralise } from '../report/xlsx';
import {
  acceleratorText,
  BIDDER,
  bilingual,
  CURRENCY_CHOICES,
  FORM_HEADER,
  MAX_TEMPLATE_LINES,
  META_SHEET,
  PRICE_COL,
  PRICE_COLUMNS,
  PRICE_FIRST_ROW,
  PRICE_TOTAL_ROW,
  requirementFingerprint,
  responseItems,
  RESPONSES,
  ROLE_CHOICES,
  sheetTitle,
  TECH_COLUMNS,
  TECH_FIRST_ROW,
  TEMPLATE_MARK,
  TEMPLATE_VERSION,
  TERMS,
  YES_NO,
  type FieldDef,
  type FormSheet,
} from './template-layout';

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };
const FORMATS: Partial<Record<FieldDef['kind'], string>> = { price: '#,##0.00', date: 'yyyy-mm-dd', rate: '0%', count: '#,##0', watts: '#,##0', weeks: '0.#', years: '0.#' };

export interface TemplateAccelerator {
  vendor: string;
  model: string;
}

/** The lists on the hidden sheet: column per list, from row 1; the ranges the validations point at. */
interface Lists {
  accelerators: string;
  /** The catalog's host servers: a suggestion, not a rule (a quoted host may have any name). */
  servers: string;
  roles: string;
  currencies: string;
  yesNo: string;
  responses: string;
}

const LIST_COLUMNS: Record<keyof Lists, number> = { accelerators: 4, roles: 5, currencies: 6, yesNo: 7, responses: 8, servers: 9 };

function listTexts(accelerators: readonly TemplateAccelerator[], servers: readonly string[]): Record<keyof Lists, string[]> {
  return {
    servers: [...servers].sort((a, b) => a.localeCompare(b)),
    accelerators: [...accelerators].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.model.localeCompare(b.model)).map(acceleratorText),
    roles: ROLE_CHOICES.map((c) => c.text),
    currencies: CURRENCY_CHOICES.map((c) => c.text),
    yesNo: YES_NO.map((c) => c.text),
    responses: RESPONSES.map((c) => c.text),
  };
}

/** The range on the hidden sheet each list validation points at (a list longer than 255 characters cannot be inline). */
function listRanges(texts: Record<keyof Lists, string[]>): Lists {
  const range = (k: keyof Lists) => {
    const c = columnLetter(LIST_COLUMNS[k] - 1);
    return `'${META_SHEET}'!$${c}$1:$${c}$${Math.max(1, texts[k].length)}`;
  };
  return { accelerators: range('accelerators'), servers: range('servers'), roles: range('roles'), currencies: range('currencies'), yesNo: range('yesNo'), responses: range('responses') };
}

/** The hidden sheet: the template's mark and version, the requirement's fingerprint, and the lists. */
function metaSheet(wb: ExcelJS.Workbook, file: BidFile, texts: Record<keyof Lists, string[]>): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ws.getCell('A1').value = TEMPLATE_MARK;
  ws.getCell('B1').value = TEMPLATE_VERSION;
  ws.getCell('A2').value = 'fingerprint';
  ws.getCell('B2').value = requirementFingerprint(file.requirement, file.currency);
  ws.getCell('A3').value = 'requirement';
  ws.getCell('B3').value = neutralise(file.requirement.name);
  ws.getCell('A4').value = 'currency';
  ws.getCell('B4').value = file.currency;
  for (const k of Object.keys(LIST_COLUMNS) as (keyof Lists)[]) texts[k].forEach((t, i) => (ws.getCell(i + 1, LIST_COLUMNS[k]).value = neutralise(t)));
}

function listFor(kind: FieldDef['kind'], lists: Lists): string | undefined {
  return { accelerator: lists.accelerators, serverName: lists.servers, role: lists.roles, currency: lists.currencies, yesNo: lists.yesNo, response: lists.responses }[kind as string];
}

/** Unlock an input cell, colour it, give it its number format and, for a choice, its list. */
function input(cell: ExcelJS.Cell, field: FieldDef, lists: Lists): void {
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
  const fmt = FORMATS[field.kind];
  if (fmt) cell.numFmt = fmt;
  if (field.kind === 'longText' || field.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
  const list = listFor(field.kind, lists);
  if (list) {
    // a host server's list only suggests the catalog's hosts; every other list is a rule
    const suggestion = field.kind === 'serverName';
    cell.dataValidation = {
      type: 'list',
      allowBlank: !field.required,
      formulae: [list],
      showErrorMessage: !suggestion,
      errorStyle: 'stop',
      errorTitle: bilingual('bidTemplate.validation.title', {}, ' / '),
      error: bilingual('bidTemplate.validation.list', {}, ' / '),
    };
  }
}

function header(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = ws.getRow(1);
  labels.forEach((l, i) => {
    const c = row.getCell(i + 1);
    c.value = l;
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  row.height = 34;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function formSheet(wb: ExcelJS.Workbook, sheet: FormSheet, lists: Lists, prefill: Record<string, ExcelJS.CellValue> = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name);
  ws.columns = [{ width: 30 }, { width: 44 }, { width: 56 }];
  header(ws, FORM_HEADER.map((k) => bilingual(k)));
  sheet.fields.forEach((field, i) => {
    const row = ws.getRow(i + 2);
    const label = row.getCell(1);
    label.value = bilingual(field.label) + (field.required ? ' *' : '');
    label.alignment = { wrapText: true, vertical: 'top' };
    const value = row.getCell(2);
    input(value, field, lists);
    if (prefill[field.key] !== undefined) value.value = prefill[field.key]!;
    if (field.hint) {
      row.getCell(3).value = bilingual(field.hint);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    }
    row.height = field.kind === 'longText' ? 60 : 32;
  });
  return ws;
}

/** Line total: cards × (unit price + network per card) + hosts × host price, blank until count and price are numbers. */
function lineTotalFormula(r: number): string {
  const col = (k: string) => `${columnLetter(PRICE_COL[k]! - 1)}${r}`;
  const [n, p, cps, host, net] = [col('count'), col('unitPrice'), col('cardsPerServer'), col('hostPrice'), col('networkPerCard')];
  return `IF(COUNT(${n},${p})<2,"",${n}*${p}+IF(AND(ISNUMBER(${cps}),${cps}>0,ISNUMBER(${host})),ROUNDUP(${n}/${cps},0)*${host},0)+IF(ISNUMBER(${net}),${n}*${net},0))`;
}

function pricesSheet(wb: ExcelJS.Workbook, file: BidFile, lists: Lists): void {
  const ws = wb.addWorksheet(sheetTitle('prices'));
  ws.columns = PRICE_COLUMNS.map((c) => ({ width: c.width }));
  header(ws, PRICE_COLUMNS.map((c) => bilingual(c.label) + (c.required ? ' *' : '')));
  for (let k = 0; k < MAX_TEMPLATE_LINES; k++) {
    const r = PRICE_FIRST_ROW + k;
    const row = ws.getRow(r);
    row.getCell(1).value = k + 1;
    PRICE_COLUMNS.forEach((c, i) => {
      if (c.key === 'lineNo' || c.key === 'lineTotal') return;
      input(row.getCell(i + 1), c, lists);
    });
    row.getCell(PRICE_COL.currency!).value = file.currency;
    const total = row.getCell(PRICE_COL.lineTotal!);
    total.value = { formula: lineTotalFormula(r) };
    total.numFmt = '#,##0.00';
  }
  const totalRow = ws.getRow(PRICE_TOTAL_ROW);
  totalRow.getCell(PRICE_COL.networkPerCard!).value = bilingual('bidTemplate.field.total', {}, ' ');
  const tl = columnLetter(PRICE_COL.lineTotal! - 1);
  const sum = totalRow.getCell(PRICE_COL.lineTotal!);
  sum.value = { formula: `SUM(${tl}${PRICE_FIRST_ROW}:${tl}${PRICE_TOTAL_ROW - 1})` };
  sum.numFmt = '#,##0.00';
  totalRow.font = { bold: true };
  const note = ws.getRow(PRICE_TOTAL_ROW + 2).getCell(2);
  note.value = bilingual('bidTemplate.hint.prices', {}, '\n');
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(PRICE_TOTAL_ROW + 2, 2, PRICE_TOTAL_ROW + 2, PRICE_COLUMNS.length);
  ws.getRow(PRICE_TOTAL_ROW + 2).height = 48;
}

/** What the requirement asks for one item, in both languages. */
export function requirementText(item: ReturnType<typeof responseItems>[number], file: BidFile): string {
  const req: Requirement = file.requirement;
  const c = req.constraints;
  const w = req.workload;
  const model = typeof w.model === 'string' ? w.model : ((w.model as { name?: string }).name ?? '');
  const vars: Record<string, string | number> = {};
  let key = `bidTemplate.req.${item}`;
  switch (item) {
    case 'model':
      Object.assign(vars, { model, input: formatNumber(w.inputTokens ?? 0), output: formatNumber(w.outputTokens ?? 0) });
      break;
    case 'throughput': {
      const perDay = req.tokensPerDay !== undefined ? req.tokensPerDay / 86_400 : 0;
      vars.tps = formatNumber(Math.max(req.minOutputTokensPerSecond ?? 0, perDay));
      break;
    }
    case 'latency':
      Object.assign(vars, { tpot: formatNumber(w.tpotMs ?? 0, 1).replace(/\.0$/, ''), ttft: formatNumber(w.ttftMs ?? 0) });
      break;
    case 'budget':
      vars.amount = formatMoney(c.budgetCap!.amount, c.budgetCap!.currency);
      key = c.budgetCap!.vatIncluded ? 'bidTemplate.req.budgetIncl' : 'bidTemplate.req.budgetExcl';
      break;
    case 'power':
      vars.kw = formatNumber(c.maxFacilityPowerKW!, 1).replace(/\.0$/, '');
      break;
    case 'delivery':
      Object.assign(vars, { date: c.deliveryDeadline!, award: req.awardDate ?? file.asOf ?? '' });
      if (!req.awardDate && !file.asOf) key = 'bidTemplate.req.deliveryNoAward';
      break;
    case 'risk':
      vars.score = formatNumber(c.maxRiskScore!);
      break;
    case 'domestic':
      vars.share = formatPercent(c.minDomesticShare!);
      break;
  }
  return bilingual(key, vars);
}

function technicalSheet(wb: ExcelJS.Workbook, file: BidFile, lists: Lists): void {
  const ws = wb.addWorksheet(sheetTitle('technical'));
  ws.columns = TECH_COLUMNS.map((c) => ({ width: c.width }));
  header(ws, TECH_COLUMNS.map((c) => bilingual(c.label) + (c.required ? ' *' : '')));
  responseItems(file.requirement).forEach((item, k) => {
    const row = ws.getRow(TECH_FIRST_ROW + k);
    row.getCell(1).value = bilingual(`bidTemplate.item.${item}`);
    row.getCell(2).value = requirementText(item, file);
    input(row.getCell(3), TECH_COLUMNS[2]!, lists);
    input(row.getCell(4), TECH_COLUMNS[3]!, lists);
    for (const i of [1, 2]) row.getCell(i).alignment = { wrapText: true, vertical: 'top' };
    row.height = 48;
  });
}

function instructionsSheet(wb: ExcelJS.Workbook, file: BidFile): void {
  const ws = wb.addWorksheet(sheetTitle('instructions'));
  ws.columns = [{ width: 24 }, { width: 100 }];
  const put = (r: number, a: string, b: string, bold = false) => {
    const row = ws.getRow(r);
    row.getCell(1).value = a;
    row.getCell(2).value = neutralise(b);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (bold) row.font = { bold: true };
  };
  put(1, bilingual('bidTemplate.instr.title', {}, ' '), '', true);
  ws.getRow(1).font = { bold: true, size: 14 };
  put(2, bilingual('bidTemplate.instr.requirement'), file.requirement.name);
  put(3, bilingual('bidTemplate.instr.documentNumber'), file.documentNumber || '—');
  put(4, bilingual('bidTemplate.instr.templateId'), requirementFingerprint(file.requirement, file.currency));
  put(5, bilingual('bidTemplate.instr.currency'), file.currency);
  const steps = ['1', '2', '3', '4', '5', '6'];
  steps.forEach((s, i) => {
    put(7 + i, `${i + 1}.`, `${tr('zh-CN', `bidTemplate.instr.step${s}`)}\n${tr('en', `bidTemplate.instr.step${s}`)}`);
    ws.getRow(7 + i).height = 44;
  });
}

/** The template for the bid file's requirement, as XLSX bytes. `accelerators` and `servers`: the catalog's parts and host names, for the lists. */
export async function writeBidTemplate(file: BidFile, accelerators: readonly TemplateAccelerator[], servers: readonly string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'procure';
  wb.calcProperties.fullCalcOnLoad = true;
  const texts = listTexts(accelerators, servers);
  const lists = listRanges(texts);
  instructionsSheet(wb, file);
  formSheet(wb, BIDDER, lists);
  pricesSheet(wb, file, lists);
  formSheet(wb, TERMS, lists, { vatRate: 0.13 });
  technicalSheet(wb, file, lists);
  // last, so that the supplier's first tab is the instructions
  metaSheet(wb, file, texts);
  for (const ws of wb.worksheets) await ws.protect('', PROTECTION);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
