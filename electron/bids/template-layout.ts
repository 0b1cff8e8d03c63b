/**
 * The bid template's layout, declared once for the writer (template-write.ts) and the reader
 * (template-read.ts): its sheets, the fields of each (label key, where the input cell is, what
 * kind of value it takes), the choice lists, and the fingerprint that ties a template to the
 * requirement it was made for. Labels are bilingual ("单价 Unit price"), from shared/i18n, so the
 * header a reader expects is the header the writer wrote.
 */
import { createHash } from 'node:crypto';
import { tr } from '../../shared/i18n/translate';
import { CURRENCIES } from '../../shared/money';
import { ROLES } from '../../shared/scenario/schema';
import { RESPONSE_ITEMS, type Requirement, type ResponseItem } from '../../shared/bids/schema';
import type { Currency } from '../../shared/money';

export const TEMPLATE_MARK = 'procure-bid-template';
export const TEMPLATE_VERSION = 1;
/** Priced lines a template offers (a bid has at most 100; real bids have a handful). */
export const MAX_TEMPLATE_LINES = 20;

/** "单价 Unit price": the Chinese and the English UI string of `key`, Chinese first. */
export function bilingual(key: string, vars: Record<string, string | number> = {}, sep = '\n'): string {
  const zh = tr('zh-CN', key, vars);
  const en = tr('en', key, vars);
  return zh === en ? en : `${zh}${sep}${en}`;
}

export type ValueKind = 'text' | 'longText' | 'weeks' | 'years' | 'date' | 'yesNo' | 'rate' | 'accelerator' | 'role' | 'count' | 'price' | 'currency' | 'serverName' | 'cardsPerServer' | 'watts' | 'response';

export interface FieldDef {
  key: string;
  /** i18n key of the label (bidTemplate.field.*). */
  label: string;
  kind: ValueKind;
  required: boolean;
  /** i18n key of the hint shown beside a key/value field. */
  hint?: string;
}

/** A sheet of label / value rows: row 1 the header, then one field per row (label in A, input in B, hint in C). */
export interface FormSheet {
  id: 'bidder' | 'terms';
  name: string;
  fields: FieldDef[];
}

const f = (key: string, kind: ValueKind, required: boolean, hint?: string): FieldDef => ({ key, label: `bidTemplate.field.${key}`, kind, required, hint: hint && `bidTemplate.hint.${hint}` });

export const SHEETS = {
  instructions: 'bidTemplate.sheet.instructions',
  bidder: 'bidTemplate.sheet.bidder',
  prices: 'bidTemplate.sheet.prices',
  terms: 'bidTemplate.sheet.terms',
  technical: 'bidTemplate.sheet.technical',
} as const;
export type SheetId = keyof typeof SHEETS;

/** Sheet names: bilingual on one line, within Excel's 31 characters. */
export function sheetTitle(id: SheetId): string {
  return bilingual(SHEETS[id], {}, ' ').slice(0, 31);
}
export const META_SHEET = '_procure';

export const FORM_HEADER = ['bidTemplate.col.field', 'bidTemplate.col.value', 'bidTemplate.col.hint'] as const;

export const BIDDER: FormSheet = {
  id: 'bidder',
  name: sheetTitle('bidder'),
  fields: [f('vendor', 'text', true, 'vendor'), f('offer', 'text', false, 'offer'), f('notes', 'longText', false)],
};

export const TERMS: FormSheet = {
  id: 'terms',
  name: sheetTitle('terms'),
  fields: [
    f('deliveryWeeks', 'weeks', true, 'weeks'),
    f('warrantyYears', 'years', true, 'years'),
    f('paymentTerms', 'longText', false),
    f('validUntil', 'date', false, 'date'),
    f('vatIncluded', 'yesNo', true, 'vatIncluded'),
    f('vatRate', 'rate', true, 'vatRate'),
  ],
};

/** The price sheet's columns, A onwards; `total` is the locked formula column. */
export const PRICE_COLUMNS: (FieldDef & { width: number })[] = [
  { ...f('lineNo', 'text', false), width: 6 },
  { ...f('accelerator', 'accelerator', true), width: 30 },
  { ...f('role', 'role', false), width: 16 },
  { ...f('count', 'count', true), width: 10 },
  { ...f('unitPrice', 'price', true), width: 16 },
  { ...f('currency', 'currency', true), width: 9 },
  { ...f('server', 'serverName', false), width: 24 },
  { ...f('cardsPerServer', 'cardsPerServer', false), width: 11 },
  { ...f('hostPowerW', 'watts', false), width: 12 },
  { ...f('hostPrice', 'price', false), width: 16 },
  { ...f('networkPerCard', 'price', false), width: 14 },
  { ...f('lineTotal', 'text', false), width: 18 },
];
export const PRICE_COL = Object.fromEntries(PRICE_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<string, number>;
/** Row 1 header, lines from row 2, the total row after the last line. */
export const PRICE_FIRST_ROW = 2;
export const PRICE_TOTAL_ROW = PRICE_FIRST_ROW + MAX_TEMPLATE_LINES;

export const TECH_COLUMNS: (FieldDef & { width: number })[] = [
  { ...f('item', 'text', false), width: 26 },
  { ...f('requirement', 'text', false), width: 46 },
  { ...f('response', 'response', true), width: 20 },
  { ...f('remarks', 'longText', false), width: 46 },
];
export const TECH_FIRST_ROW = 2;

// ---------------------------------------------------------------- choices

export interface Choice<T> {
  value: T;
  /** What the list shows and the cell holds: "是 / Yes". */
  text: string;
}

const choice = <T>(value: T, key: string): Choice<T> => ({ value, text: bilingual(key, {}, ' / ') });

export const YES_NO: Choice<boolean>[] = [choice(true, 'common.yes'), choice(false, 'common.no')];
export const RESPONSES: Choice<boolean>[] = [choice(true, 'bidTemplate.choice.complies'), choice(false, 'bidTemplate.choice.deviates')];
export const ROLE_CHOICES: Choice<(typeof ROLES)[number]>[] = ROLES.map((r) => choice(r, `builds.roles.${r}`));
export const CURRENCY_CHOICES: Choice<Currency>[] = CURRENCIES.map((c) => ({ value: c, text: c }));

/** An accelerator as the list shows it: vendor and model, which the catalog's name match resolves to one part. */
export function acceleratorText(a: { vendor: string; model: string }): string {
  return `${a.vendor} ${a.model}`;
}

// ---------------------------------------------------------------- technical response rows

/** The items of the requirement a supplier answers, in order; items the requirement does not set are left out. */
export function responseItems(req: Requirement): ResponseItem[] {
  const c = req.constraints;
  const present: Record<ResponseItem, boolean> = {
    model: true,
    throughput: req.minOutputTokensPerSecond !== undefined || req.tokensPerDay !== undefined,
    latency: true,
    budget: c.budgetCap !== undefined,
    power: c.maxFacilityPowerKW !== undefined,
    delivery: c.deliveryDeadline !== undefined,
    risk: c.maxRiskScore !== undefined,
    domestic: c.minDomesticShare !== undefined,
  };
  return RESPONSE_ITEMS.filter((i) => present[i]);
}

// ---------------------------------------------------------------- fingerprint

/** JSON with object keys sorted, so equal requirements give equal text whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Ties a template to its requirement: the first 16 hex digits of SHA-256 over the parsed requirement and the file's currency. */
export function requirementFingerprint(req: Requirement, currency: Currency): string {
  return createHash('sha256').update(canonical({ req, currency })).digest('hex').slice(0, 16);
}
