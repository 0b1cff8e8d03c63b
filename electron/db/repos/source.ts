/** The five source columns (title, url, as-of, estimate, note) that every sourced row carries. */
import type { QuoteOrigin } from '../../../shared/domain/catalog';
import type { Source } from '../../../shared/domain/source';

/** Who wrote a row: the seed file, the user, or an import. */
export type Origin = QuoteOrigin;

export interface SourceCols {
  source_title: string;
  source_url: string;
  as_of: string;
  estimate: number;
  source_note: string;
}

export function sourceParams(s: Source): SourceCols {
  return { source_title: s.title, source_url: s.url, as_of: s.asOf, estimate: s.estimate ? 1 : 0, source_note: s.note };
}

export function sourceFromRow(r: SourceCols): Source {
  return { title: r.source_title, url: r.source_url, asOf: r.as_of, estimate: r.estimate === 1, note: r.source_note };
}

/**
 * `INSERT … ON CONFLICT(slug) DO UPDATE … RETURNING id` for the named columns: the one upsert
 * of every catalog table keyed by slug. `keep` are left as first written (slug, origin).
 */
export function upsertBySlug(table: string, cols: readonly string[], keep: readonly string[] = ['slug', 'origin']): string {
  const sets = cols.filter((c) => !keep.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})
    ON CONFLICT(slug) DO UPDATE SET ${sets.join(', ')} RETURNING id`;
}
