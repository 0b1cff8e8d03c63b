/**
 * The catalog table's body: only the rows in view (and a few either side) are in the page.
 * It holds the virtualizer itself, so a scroll re-renders this body and not the toolbar and
 * filters above it, and each row is memoized: a scroll renders only the rows that come into
 * view (a row keeps its place in the scrolled body as long as it stays there).
 */
import { memo, useRef } from 'react';
import { flexRender, type Cell, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CatalogRow } from '../../../shared/contract/catalog';

export const ROW_HEIGHT = 34;

interface GridProps {
  rows: Row<CatalogRow>[];
  selectedSlug: string | null;
  onSelect: (slug: string) => void;
  emptyText: string;
}

export function CatalogGrid({ rows, selectedSlug, onSelect, emptyText }: GridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // a few rows either side cover a fast wheel (40 px a frame is about one row); each more is
    // DOM built and thrown away on every jump (dragging the scroll bar renders a new window each frame)
    overscan: 4,
  });
  return (
    <div className="grid-scroll" ref={scrollRef}>
      {rows.length === 0 && <p className="empty">{emptyText}</p>}
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((vi) => {
          const row = rows[vi.index]!;
          return (
            <GridRow
              key={row.id}
              row={row}
              cells={row.getVisibleCells()}
              start={vi.start}
              size={vi.size}
              alt={vi.index % 2 === 1}
              selected={row.original.slug === selectedSlug}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  row: Row<CatalogRow>;
  /** The row's visible cells (a new array when the columns shown change, which re-renders the row). */
  cells: Cell<CatalogRow, unknown>[];
  start: number;
  size: number;
  /** Striped by its place in the table (not in the page, which changes as rows come and go). */
  alt: boolean;
  selected: boolean;
  onSelect: (slug: string) => void;
}

const GridRow = memo(function GridRow({ row, cells, start, size, alt, selected, onSelect }: RowProps) {
  const slug = row.original.slug;
  return (
    <div
      role="row"
      tabIndex={0}
      data-slug={slug}
      aria-selected={selected}
      className={`grid-row body striped${alt ? ' alt' : ''}${selected ? ' selected' : ''}`}
      // contained: a row's layout and paint stay inside its own box
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: size, transform: `translateY(${start}px)`, contain: 'strict' }}
      onClick={() => onSelect(slug)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(slug)}
    >
      {cells.map((c) => (
        <div role="cell" key={c.id} className={`cell${(c.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric ? ' num' : ''}`}>
          {flexRender(c.column.columnDef.cell, c.getContext())}
        </div>
      ))}
    </div>
  );
});
