/**
 * Catalog figures as a team shares them: field by field. A part's edit becomes one change per
 * figure whose value or source changed (`changedFields`); a change from the hub is applied to one
 * figure, leaving the others as they are (`withField`). The fields are the catalog's figures
 * (FIGURE_KEYS) and the efficiency factors the models read (software maturity, MBU, MFU).
 */
import { acceleratorSchema, FIGURE_KEYS, sourceOf, type Accelerator, type Precision } from './accelerator';
import type { Source } from './source';

export const TEAM_FIELDS = [...FIGURE_KEYS, 'softwareMaturity', 'mbu', 'mfu'] as const;
export type TeamField = (typeof TEAM_FIELDS)[number];
export const isTeamField = (f: string): f is TeamField => (TEAM_FIELDS as readonly string[]).includes(f);

/** A figure's value: a number, a string, exportControl's pair, or null (a precision the part lacks). */
export type FieldValue = number | string | { CN: string; other: string } | null;

export interface FieldChange {
  field: TeamField;
  value: FieldValue;
  source: Source;
}

/** The raw value of one field (figureValue formats for display; this one round-trips). */
export function fieldValue(a: Accelerator, field: TeamField): FieldValue {
  if (field.startsWith('tflops.')) return a.tflops[field.slice(7) as Precision] ?? null;
  if (field === 'exportControl') return { CN: a.exportControl.CN, other: a.exportControl.other };
  return a[field as Exclude<TeamField, `tflops.${string}` | 'exportControl'>];
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
const sameSource = (x: Source, y: Source) => x.title === y.title && x.url === y.url && x.asOf === y.asOf && x.estimate === y.estimate && x.note === y.note;

/** The fields whose value or source differ between two versions of a part, with the new value and source. */
export function changedFields(before: Accelerator, after: Accelerator): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of TEAM_FIELDS) {
    const value = fieldValue(after, field);
    const source = sourceOf(after, field);
    if (!same(fieldValue(before, field), value) || !sameSource(sourceOf(before, field), source)) out.push({ field, value, source: { ...source } });
  }
  return out;
}

/**
 * The part with one field set to a value and its own source; undefined when the result is not a
 * valid part (a value this catalog's schema refuses), so a bad hub row never breaks the catalog.
 */
export function withField(a: Accelerator, field: TeamField, value: FieldValue, source: Source): Accelerator | undefined {
  const next: Record<string, unknown> = { ...a, tflops: { ...a.tflops }, exportControl: { ...a.exportControl }, sources: { ...a.sources, [field]: source } };
  if (field.startsWith('tflops.')) {
    const p = field.slice(7) as Precision;
    const t = next.tflops as Record<string, unknown>;
    if (value === null) delete t[p];
    else t[p] = value;
  } else next[field] = value;
  const parsed = acceleratorSchema.safeParse(next);
  return parsed.success ? parsed.data : undefined;
}
