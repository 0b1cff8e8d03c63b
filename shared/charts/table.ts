/** Every chart's data as a plain table (for screen readers and copy-paste into Excel). */
import type { ChartOption } from './options';

export interface DataTable {
  caption: string;
  header: string[];
  rows: (string | number | null)[][];
}

interface Series {
  name: string;
  type: string;
  data: unknown[];
}

export function chartTable(option: ChartOption): DataTable {
  const caption = ((option.title as { text?: string } | undefined)?.text ?? '') as string;
  const series = (option.series ?? []) as Series[];
  const x = option.xAxis as { type?: string; data?: string[]; name?: string } | undefined;
  const y = option.yAxis as { type?: string; data?: string[]; name?: string } | undefined;
  const categoryAxis = x?.type === 'category' ? x : y?.type === 'category' ? y : undefined;
  if (categoryAxis?.data) {
    return {
      caption,
      header: [categoryAxis.name ?? '', ...series.map((s) => s.name)],
      rows: categoryAxis.data.map((cat, i) => [cat, ...series.map((s) => (s.data[i] as number | null) ?? null)]),
    };
  }
  // Scatter: one point per series.
  return {
    caption,
    header: ['', x?.name ?? 'x', y?.name ?? 'y'],
    rows: series.map((s) => {
      const p = (s.data[0] ?? []) as (number | null)[];
      return [s.name, p[0] ?? null, p[1] ?? null];
    }),
  };
}

/** Tab-separated text that pastes into Excel as cells. */
export function tableToTsv(t: DataTable): string {
  return [t.header, ...t.rows].map((r) => r.map((c) => (c === null ? '' : String(c))).join('\t')).join('\n');
}
