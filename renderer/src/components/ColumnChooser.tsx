/** A "Columns" menu of checkboxes to show or hide table columns. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table } from '@tanstack/react-table';

export function ColumnChooser<T>({ table }: { table: Table<T> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="column-chooser" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        {t('common.columns')} ▾
      </button>
      {open && (
        <div className="menu" role="menu">
          {table.getAllLeafColumns().map((c) => (
            <label key={c.id} role="menuitemcheckbox" aria-checked={c.getIsVisible()}>
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
