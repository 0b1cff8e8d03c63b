/**
 * Which column says the part. Tender bills of quantities carry a generic name column (货物名称
 * "AI推理服务器", "加速卡") next to a model column (规格型号 "Atlas 800I A2", "思元590（MLU590）");
 * rows are matched on whichever actually names catalog parts, judged by the cells, not the header.
 * A sheet with only a name column ("产品名称", "Description") matches on it.
 */
import { said, type Said } from '../../shared/i18n/translate';
import type { ColumnView } from '../../shared/contract/import';
import { cellText, type Cell } from './grid';
import { clean } from './text';

/** Rows looked at to judge a column: enough for a price sheet, bounded for a 100,000-row one. */
const SAMPLE_ROWS = 400;

function hits(rows: readonly (readonly Cell[])[], col: ColumnView, identifies: (text: string) => boolean): number {
  let n = 0;
  const seen = new Map<string, boolean>();
  for (const cells of rows.slice(0, SAMPLE_ROWS)) {
    const t = clean(cellText(cells[col.column] ?? null));
    if (!t) continue;
    let ok = seen.get(t);
    if (ok === undefined) seen.set(t, (ok = identifies(t)));
    if (ok) n++;
  }
  return n;
}

/**
 * Settle item (model) and name columns in place; the sheet-level note to show, if a choice was
 * made by content. Only for a detected mapping: a remembered or user mapping stands as given.
 */
export function settleItemColumn(columns: ColumnView[], dataRows: readonly (readonly Cell[])[], identifies: (text: string) => boolean): Said | undefined {
  const item = columns.find((c) => c.field === 'item');
  const name = columns.find((c) => c.field === 'name');
  if (!name) return undefined;
  if (!item) {
    name.field = 'item';
    return undefined;
  }
  const byItem = hits(dataRows, item, identifies);
  const byName = hits(dataRows, name, identifies);
  if (byName <= byItem) {
    return byItem > 0 && byName > 0
      ? undefined
      : byItem > 0
        ? said('errors.import.itemColumnKept', { item: item.letter, itemHeader: item.header, n: byItem, name: name.letter, nameHeader: name.header })
        : undefined;
  }
  item.field = 'name';
  name.field = 'item';
  return said('errors.import.itemColumnSwapped', { name: name.letter, nameHeader: name.header, byName, item: item.letter, itemHeader: item.header, byItem });
}
