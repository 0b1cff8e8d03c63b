/**
 * Catalog figures field by field (shared/domain/catalog-fields): an edit of a part becomes one
 * change per figure whose value or source changed, and a change from the hub sets one figure and
 * its source, leaving the others; a value the schema refuses leaves the part as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedCatalogSchema } from '../../../shared/domain/catalog';
import { FIGURE_KEYS, sourceOf, type Accelerator } from '../../../shared/domain/accelerator';
import { changedFields, fieldValue, TEAM_FIELDS, withField } from '../../../shared/domain/catalog-fields';

const seed = seedCatalogSchema.parse(JSON.parse(readFileSync(new URL('../../../assets/seed/catalog.json', import.meta.url), 'utf8')));
const h20 = seed.accelerators.find((a) => a.slug === 'nvidia-h20') as Accelerator;
const src = { title: 'bench', url: '', asOf: '2025-06-01', estimate: false, note: 'measured' };

describe('catalog fields', () => {
  it('covers every catalog figure and the efficiency factors', () => {
    expect(TEAM_FIELDS).toEqual([...FIGURE_KEYS, 'softwareMaturity', 'mbu', 'mfu']);
  });

  it('an unchanged part has no changes; one figure changed is one change, with the source it shows', () => {
    expect(changedFields(h20, structuredClone(h20))).toEqual([]);
    const after = { ...h20, tdpW: 420 };
    expect(changedFields(h20, after)).toEqual([{ field: 'tdpW', value: 420, source: sourceOf(h20, 'tdpW') }]);
  });

  it('a new source with the same value is a change; a dropped precision is the value null', () => {
    const sourced = { ...h20, sources: { ...h20.sources, memoryBandwidthTBps: src } };
    expect(changedFields(h20, sourced)).toEqual([{ field: 'memoryBandwidthTBps', value: h20.memoryBandwidthTBps, source: src }]);
    const { int8: _drop, ...tflops } = h20.tflops;
    expect(h20.tflops.int8).toBeDefined();
    expect(changedFields(h20, { ...h20, tflops })).toEqual([{ field: 'tflops.int8', value: null, source: sourceOf(h20, 'tflops.int8') }]);
  });

  it('exportControl travels as its pair', () => {
    const after = { ...h20, exportControl: { CN: 'prohibited' as const, other: 'free' as const } };
    expect(changedFields(h20, after).map((c) => [c.field, c.value])).toEqual([['exportControl', { CN: 'prohibited', other: 'free' }]]);
  });

  it('withField sets one figure and its source and round-trips every field', () => {
    const next = withField(h20, 'tflops.fp8', 301, src)!;
    expect(next.tflops.fp8).toBe(301);
    expect(next.sources['tflops.fp8']).toEqual(src);
    expect(changedFields(h20, next).map((c) => c.field)).toEqual(['tflops.fp8']);
    for (const f of TEAM_FIELDS) expect(withField(h20, f, fieldValue(h20, f), sourceOf(h20, f)), f).toBeDefined();
    expect(withField(h20, 'tflops.int8', null, src)!.tflops.int8).toBeUndefined();
  });

  it('refuses a value the catalog schema refuses (a hostile hub row), leaving nothing half-set', () => {
    expect(withField(h20, 'tdpW', -5, src)).toBeUndefined();
    expect(withField(h20, 'tdpW', "700'; DROP TABLE accelerator;--", src)).toBeUndefined();
    expect(withField(h20, 'releaseYear', 1999.5, src)).toBeUndefined();
    expect(withField(h20, 'tdpW', 700, { ...src, asOf: 'yesterday' })).toBeUndefined();
    expect(h20.tdpW).not.toBe(-5);
  });
});
