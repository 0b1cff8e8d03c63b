/**
 * The column mapping: proposed from the header (with a confidence per column), replaced by a
 * remembered mapping for the same supplier and layout, then by the user's overrides.
 */
import crypto from 'node:crypto';
import type { ColumnOverride, ColumnView, ImportField } from '../../shared/contract/import';
import { columnLetter } from './grid';
import { readUnit, type HeaderReading } from './fields';
import { labelKey } from './text';

/** The layout of a sheet: its header texts in order, hashed (same layout = same columns). */
export function layoutKey(headers: readonly string[]): string {
  const keys = headers.map((h) => labelKey(h));
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  return crypto.createHash('sha256').update(keys.join('|')).digest('hex').slice(0, 16);
}

/** One column per field: the most confident wins; among equals, an ex-VAT price, then the leftmost. */
export function proposeMapping(headers: readonly string[], readings: readonly HeaderReading[]): ColumnView[] {
  const cols: ColumnView[] = headers.map((header, i) => {
    const r = readings[i]!;
    const view: ColumnView = {
      column: i,
      letter: columnLetter(i),
      header,
      field: r.field,
      confidence: Math.round(r.confidence * 100) / 100,
      multiplier: r.unit.multiplier,
      unitLabel: r.unit.label,
    };
    if (r.unit.currency) view.currency = r.unit.currency;
    if (r.unit.vatIncluded !== undefined) view.vatIncluded = r.unit.vatIncluded;
    return view;
  });
  const owner = new Map<ImportField, ColumnView>();
  for (const c of cols) {
    if (!c.field) continue;
    const cur = owner.get(c.field);
    const better =
      !cur ||
      c.confidence > cur.confidence ||
      (c.confidence === cur.confidence && c.field === 'unitPrice' && c.vatIncluded === false && cur.vatIncluded !== false);
    if (better) {
      if (cur) demote(cur);
      owner.set(c.field, c);
    } else demote(c);
  }
  return cols;
}

function demote(c: ColumnView): void {
  c.field = null;
  c.confidence = 0;
}

/**
 * Apply overrides (remembered or the user's): the named column takes the field, and any other
 * column holding that field gives it up. Units not given keep what the header said.
 */
export function applyOverrides(cols: ColumnView[], overrides: readonly ColumnOverride[]): ColumnView[] {
  const out = cols.map((c) => ({ ...c }));
  for (const o of overrides) {
    const col = out[o.column];
    if (!col) continue;
    if (o.field) for (const other of out) if (other !== col && other.field === o.field) demote(other);
    col.field = o.field;
    col.confidence = o.field ? 1 : 0;
    if (o.multiplier !== undefined) col.multiplier = o.multiplier;
    if (o.currency !== undefined) col.currency = o.currency;
    if (o.vatIncluded !== undefined) col.vatIncluded = o.vatIncluded;
  }
  return out;
}

/** The mapping as stored in import_mapping: every mapped column with its units. */
export function toOverrides(cols: readonly ColumnView[]): ColumnOverride[] {
  return cols
    .filter((c) => c.field !== null)
    .map((c) => {
      const o: ColumnOverride = { column: c.column, field: c.field, multiplier: c.multiplier };
      if (c.currency) o.currency = c.currency;
      if (c.vatIncluded !== undefined) o.vatIncluded = c.vatIncluded;
      return o;
    });
}

/** Columns by field, for reading rows. */
export function columnsByField(cols: readonly ColumnView[]): Partial<Record<ImportField, ColumnView>> {
  const by: Partial<Record<ImportField, ColumnView>> = {};
  for (const c of cols) if (c.field) by[c.field] = c;
  return by;
}

/** Lead-time columns carry their unit in the header ("交货期（天）"). */
export function timeUnitOf(col: ColumnView): 'week' | 'day' | 'month' | undefined {
  return readUnit(col.header).timeUnit;
}

/** Rental price columns ("租赁单价（元/卡/小时）"). */
export function isPerHour(col: ColumnView): boolean {
  return readUnit(col.header).perHour === true;
}
