/**
 * "Import filled template": a bid template (template-write.ts) that a supplier filled in, read
 * back into one bid. The archive goes through the importer's guarded XLSX reader; every value
 * through the price-sheet parsers (template-values.ts). Every problem names the file, sheet, row
 * and column and travels as an i18n key with its values; all problems of a file are collected,
 * and nothing comes back unless the whole bid is right.
 */
import { AppError } from '../../shared/contract/result';
import { clean } from '../../shared/document/cell-text';
import type { FieldIssue } from '../../shared/document/parse';
import { bidSchema, RESPONSE_ITEMS, type Bid, type BidResponse, type ResponseItem } from '../../shared/bids/schema';
import { tr, type MessageVar } from '../../shared/i18n/translate';
import type { MatchResult } from '../../shared/domain/match';
import { columnLetter, type Cell, type SheetGrid } from '../import/grid';
import { Refusal } from '../import/errors';
import { readXlsx } from '../import/read-xlsx';
import {
  BIDDER,
  bilingual,
  FORM_HEADER,
  MAX_TEMPLATE_LINES,
  META_SHEET,
  PRICE_COLUMNS,
  PRICE_FIRST_ROW,
    sheetTitle,
  TECH_COLUMNS,
  TECH_FIRST_ROW,
  TEMPLATE_MARK,
  TEMPLATE_VERSION,
  TERMS,
  type FieldDef,
  type FormSheet,
} from './template-layout';
import { cellString, isEmptyCell, readCell, type Currency, type ParsedPrice } from './template-values';

export interface TemplateProblem {
  key: string;
  vars: Record<string, MessageVar>;
}

export interface TemplateReadOptions {
  fileName: string;
  today: string;
  /** The requirement the bid is for: a template made for another one is refused. */
  expect?: { fingerprint: string; requirement: string };
  findAccelerator(name: string): MatchResult<{ slug: string; model: string }>;
  serverExists(name: string): boolean;
}

export interface TemplateReading {
  fingerprint: string;
  /** The requirement's name as the template recorded it. */
  requirement: string;
  bid: Bid;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * One AppError for all problems of a file. One problem travels as its own key and values; several
 * as `bidTemplate.error.list` whose list holds each problem's key and values, so the UI words every
 * one in its language. `message` and the issues are English (CLI, logs).
 */
export function templateError(problems: TemplateProblem[]): AppError {
  const all = problems.map((p) => tr('en', p.key, p.vars));
  const issues: FieldIssue[] = problems.map((p, i) => ({
    path: p.vars.sheet ? `${String(p.vars.sheet)}!${String(p.vars.column ?? '')}${String(p.vars.row ?? '')}` : String(p.vars.file),
    message: all[i]!,
    i18n: { key: p.key, vars: p.vars },
  }));
  if (problems.length === 1) return new AppError('invalid-input', all[0]!, issues, { key: problems[0]!.key, vars: problems[0]!.vars });
  const vars = { count: problems.length, list: problems.map((p) => ({ key: p.key, vars: p.vars })) };
  return new AppError('invalid-input', tr('en', 'bidTemplate.error.list', vars), issues, { key: 'bidTemplate.error.list', vars });
}

/** Thrown by the reader: the problems, worded by templateError in the caller's language. */
export class TemplateProblems extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => tr('en', p.key, p.vars)).join('; '));
  }
}

class Sheet {
  constructor(
    readonly grid: SheetGrid,
    private readonly file: string,
    readonly problems: TemplateProblem[],
  ) {}

  cell(row: number, col: number): Cell {
    return this.grid.rows[row - 1]?.[col - 1] ?? null;
  }

  at(row: number, col: number, field?: FieldDef): Record<string, string | number> {
    return { file: this.file, sheet: this.grid.name, row, column: columnLetter(col - 1), field: field ? flat(bilingual(field.label, {}, ' ')) : '' };
  }

  problem(key: string, row: number, col: number, field?: FieldDef, vars: Record<string, string | number> = {}): void {
    const value = clip(cellString(this.cell(row, col)));
    this.problems.push({ key, vars: { ...this.at(row, col, field), value, ...vars } });
  }

  /** The cell must read `expected` (whitespace aside): a changed header means a changed layout. */
  expectText(row: number, col: number, expected: string): boolean {
    // NFKC on both sides: "（" and "(" are the same to a reader, and a cell read back is cleaned
    if (flat(cellString(this.cell(row, col))) === flat(clean(expected))) return true;
    this.problem('bidTemplate.error.header', row, col, undefined, { expected: flat(expected) });
    return false;
  }

  /** The value of an input cell; undefined when empty (a problem if the field is required) or wrong (a problem). */
  value<T>(row: number, col: number, field: FieldDef, today: string, required = field.required): T | undefined {
    const c = this.cell(row, col);
    if (isEmptyCell(c)) {
      if (required) this.problem('bidTemplate.error.required', row, col, field);
      return undefined;
    }
    const r = readCell(field.kind, field.key, c, { today });
    if (r.ok) return r.value as T;
    this.problem(r.reason, row, col, field, r.vars);
    return undefined;
  }
}

const headerOf = (f: FieldDef) => bilingual(f.label) + (f.required ? ' *' : '');

function formValues(sheet: Sheet, def: FormSheet, today: string): Record<string, unknown> | undefined {
  let ok = FORM_HEADER.every((k, i) => sheet.expectText(1, i + 1, bilingual(k)));
  def.fields.forEach((f, i) => (ok = sheet.expectText(i + 2, 1, headerOf(f)) && ok));
  if (!ok) return undefined;
  return Object.fromEntries(def.fields.map((f, i) => [f.key, sheet.value(i + 2, 2, f, today)]));
}

const col = (key: string) => PRICE_COLUMNS.findIndex((c) => c.key === key) + 1;
const field = (key: string) => PRICE_COLUMNS[col(key) - 1]!;

interface Host {
  name?: string;
  cardsPerServer?: number;
  powerW?: number;
  price?: ParsedPrice;
}

function priceLines(sheet: Sheet, opts: TemplateReadOptions, vatIncluded: boolean | undefined): Bid['lines'] | undefined {
  let ok = true;
  PRICE_COLUMNS.forEach((c, i) => (ok = sheet.expectText(1, i + 1, headerOf(c)) && ok));
  if (!ok) return undefined;
  const inputs = PRICE_COLUMNS.filter((c) => c.key !== 'lineNo' && c.key !== 'lineTotal' && c.key !== 'currency');
  const lines: Bid['lines'] = [];
  let bad = false;
  for (let r = PRICE_FIRST_ROW; r < PRICE_FIRST_ROW + MAX_TEMPLATE_LINES; r++) {
    if (inputs.every((c) => isEmptyCell(sheet.cell(r, col(c.key))))) continue;
    const v = <T>(key: string, required?: boolean) => sheet.value<T>(r, col(key), field(key), opts.today, required);
    const before = sheet.problems.length;
    const name = v<string>('accelerator');
    const count = v<number>('count');
    const role = v<'both' | 'prefill' | 'decode'>('role') ?? 'both';
    const currency = v<Currency>('currency');
    const unit = v<ParsedPrice>('unitPrice');
    const host: Host = { name: v<string>('server'), cardsPerServer: v<number>('cardsPerServer'), powerW: v<number>('hostPowerW'), price: v<ParsedPrice>('hostPrice') };
    const net = v<ParsedPrice>('networkPerCard');
    let slug: string | undefined;
    if (name !== undefined) {
      const m = opts.findAccelerator(name);
      if (m.ok) slug = m.value.slug;
      else if (m.reason === 'ambiguous') sheet.problem('bidTemplate.error.acceleratorAmbiguous', r, col('accelerator'), field('accelerator'), { candidates: m.candidates.slice(0, 5).map((c) => c.model).join(', ') });
      else sheet.problem('bidTemplate.error.accelerator', r, col('accelerator'), field('accelerator'));
    }
    for (const [key, p] of [['unitPrice', unit], ['hostPrice', host.price], ['networkPerCard', net]] as const) {
      if (!p) continue;
      if (currency && p.currency && p.currency !== currency) sheet.problem('bidTemplate.error.currencyConflict', r, col(key), field(key), { cellCurrency: p.currency, currency });
      if (vatIncluded !== undefined && p.vatIncluded !== undefined && p.vatIncluded !== vatIncluded) sheet.problem('bidTemplate.error.vatConflict', r, col(key), field(key));
    }
    let server: Bid['lines'][number]['server'];
    if (host.price) {
      // a quoted host needs its cards per server and power (a wrong value was reported already)
      for (const key of ['cardsPerServer', 'hostPowerW']) if (isEmptyCell(sheet.cell(r, col(key)))) v(key, true);
      if (host.cardsPerServer !== undefined && host.powerW !== undefined && currency) {
        server = { name: host.name || 'Host server', cardsPerServer: host.cardsPerServer, powerW: host.powerW, price: { amount: host.price.amount, currency } };
      }
    } else if (host.cardsPerServer !== undefined || host.powerW !== undefined) {
      sheet.problem('bidTemplate.error.hostPrice', r, col('hostPrice'), field('hostPrice'));
    } else if (host.name) {
      if (opts.serverExists(host.name)) server = host.name;
      else sheet.problem('bidTemplate.error.server', r, col('server'), field('server'));
    }
    if (sheet.problems.length > before || slug === undefined || count === undefined || unit === undefined || currency === undefined) {
      bad = true;
      continue;
    }
    lines.push({
      accelerator: slug,
      count,
      role,
      unitPrice: { amount: unit.amount, currency },
      ...(server !== undefined ? { server } : {}),
      ...(net ? { networkPerCard: { amount: net.amount, currency } } : {}),
    });
  }
  if (bad) return undefined;
  if (lines.length === 0) {
    sheet.problem('bidTemplate.error.noLines', PRICE_FIRST_ROW, col('accelerator'), field('accelerator'));
    return undefined;
  }
  return lines;
}

function responses(sheet: Sheet, today: string): BidResponse[] | undefined {
  let ok = true;
  TECH_COLUMNS.forEach((c, i) => (ok = sheet.expectText(1, i + 1, headerOf(c)) && ok));
  if (!ok) return undefined;
  const out: BidResponse[] = [];
  for (let r = TECH_FIRST_ROW; r < TECH_FIRST_ROW + RESPONSE_ITEMS.length; r++) {
    const label = flat(cellString(sheet.cell(r, 1)));
    if (label === '') break;
    const item = RESPONSE_ITEMS.find((k) => flat(clean(bilingual(`bidTemplate.item.${k}`))) === label) as ResponseItem | undefined;
    if (!item) {
      sheet.problem('bidTemplate.error.header', r, 1, undefined, { expected: RESPONSE_ITEMS.map((k) => flat(bilingual(`bidTemplate.item.${k}`, {}, ' '))).join(' | ') });
      continue;
    }
    const complies = sheet.value<boolean>(r, 3, TECH_COLUMNS[2]!, today);
    const remarks = sheet.value<string>(r, 4, TECH_COLUMNS[3]!, today) ?? '';
    if (complies !== undefined) out.push({ item, complies, remarks });
  }
  return out;
}

export async function readBidTemplate(buf: Buffer, opts: TemplateReadOptions): Promise<TemplateReading> {
  const file = opts.fileName;
  const fail = (key: string, vars: Record<string, MessageVar> = {}) => new TemplateProblems([{ key, vars: { file, ...vars } }]);
  let sheets: SheetGrid[];
  try {
    sheets = (await readXlsx(buf)).sheets;
  } catch (e) {
    // a reason the reader gives as a UI string keeps its key
    throw fail('bidTemplate.error.unreadable', { reason: e instanceof Refusal ? e.said.i18n : (e as Error).message });
  }
  const meta = sheets.find((s) => s.name === META_SHEET);
  const metaAt = (r: number, c: number) => cellString(meta?.rows[r - 1]?.[c - 1] ?? null);
  if (!meta || metaAt(1, 1) !== TEMPLATE_MARK) throw fail('bidTemplate.error.notTemplate');
  const version = Number(metaAt(1, 2));
  if (!(version >= 1 && version <= TEMPLATE_VERSION)) throw fail('bidTemplate.error.version', { version: metaAt(1, 2) });
  const fingerprint = metaAt(2, 2);
  const requirement = metaAt(3, 2);
  if (opts.expect && fingerprint !== opts.expect.fingerprint) {
    throw fail('bidTemplate.error.otherRequirement', { template: requirement, requirement: opts.expect.requirement });
  }
  const problems: TemplateProblem[] = [];
  const find = (id: Parameters<typeof sheetTitle>[0]): Sheet | undefined => {
    const name = sheetTitle(id);
    const grid = sheets.find((s) => s.name === name);
    if (!grid) problems.push({ key: 'bidTemplate.error.missingSheet', vars: { file, sheet: name } });
    return grid && new Sheet(grid, file, problems);
  };
  const [bidder, prices, terms, technical] = [find('bidder'), find('prices'), find('terms'), find('technical')];
  if (!bidder || !prices || !terms || !technical) throw new TemplateProblems(problems);

  const who = formValues(bidder, BIDDER, opts.today);
  const t = formValues(terms, TERMS, opts.today);
  const lines = priceLines(prices, opts, t?.vatIncluded as boolean | undefined);
  const resp = responses(technical, opts.today);
  if (problems.length || !who || !t || !lines || !resp) throw new TemplateProblems(problems);

  const parsed = bidSchema.safeParse({
    vendor: who.vendor,
    name: who.offer ?? '',
    notes: who.notes ?? '',
    vatIncluded: t.vatIncluded,
    vatRate: t.vatRate,
    deliveryWeeks: t.deliveryWeeks,
    warrantyYears: t.warrantyYears,
    paymentTerms: t.paymentTerms ?? '',
    ...(t.validUntil !== undefined ? { validUntil: t.validUntil } : {}),
    responses: resp,
    lines,
  });
  // every value was checked above; a refusal here is a bug of this reader, reported with the schema's path
  if (!parsed.success) throw fail('bidTemplate.error.schema', { reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return { fingerprint, requirement, bid: parsed.data };
}
