/** What the import detected in the sheet, with the choices that re-run the preview, and the column mapping. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportField, type ImportPreview } from '../../../shared/contract/import';
import { useImport, columnSource } from '../stores/import';
import { say } from '../i18n';

/** A text input that applies its value on Enter or when it loses focus, not on every key. */
function CommitInput(props: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  invalid?: (v: string) => boolean;
  className?: string;
}) {
  const [text, setText] = useState(props.value);
  // A new value from outside (a re-run preview) replaces what was typed; adjusted while rendering, not in an effect.
  const [synced, setSynced] = useState(props.value);
  if (synced !== props.value) {
    setSynced(props.value);
    setText(props.value);
  }
  const bad = props.invalid?.(text) ?? false;
  const apply = () => {
    if (!bad && text !== props.value) props.onCommit(text);
  };
  return (
    <label className={`num-field${bad ? ' invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <span>{props.label}</span>
      <input
        aria-label={props.label}
        value={text}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        aria-invalid={bad}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') setText(props.value);
        }}
      />
    </label>
  );
}

const pctText = (rate: number) => String(Math.round(rate * 10000) / 100);
const badPct = (v: string) => {
  const n = Number(v.replace('%', '').trim());
  return v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 50;
};
const badRow = (v: string) => !/^\d{1,4}$/.test(v.trim()) || Number(v) < 1 || Number(v) > 1000;

function Settings({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const options = useImport((s) => s.options);
  const setOptions = useImport((s) => s.setOptions);
  const vatMode = options.vatIncluded === undefined ? 'auto' : options.vatIncluded ? 'included' : 'excluded';
  return (
    <div className="import-settings">
      <dl className="kv import-facts">
        <dt>{t('importPage.format')}</dt>
        <dd>
          {preview.format.toUpperCase()}
          {preview.encoding && <span className="muted"> · {t('importPage.encoding')} {preview.encoding}</span>}
        </dd>
      </dl>
      <label className="num-field wide">
        <span>{t('importPage.sheet')}</span>
        <select aria-label={t('importPage.sheet')} value={preview.sheet} onChange={(e) => void setOptions({ sheet: e.target.value, headerRow: undefined }, true)}>
          {preview.sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {t('importPage.sheetOption', { name: s.name, rows: s.rows, score: s.score.toFixed(1) })}
            </option>
          ))}
        </select>
      </label>
      <CommitInput
        label={t('importPage.headerRow')}
        value={String(preview.headerRow)}
        inputMode="numeric"
        invalid={badRow}
        onCommit={(v) => void setOptions({ headerRow: Number(v) }, true)}
      />
      <CommitInput
        label={t('importPage.vatRate')}
        value={pctText(options.vatRate ?? preview.vatRate)}
        inputMode="decimal"
        invalid={badPct}
        onCommit={(v) => void setOptions({ vatRate: Math.round(Number(v.replace('%', '').trim()) * 100) / 10000 })}
      />
      <CommitInput
        className="wide"
        label={t('importPage.supplier')}
        value={options.supplier ?? preview.supplier}
        placeholder={t('importPage.supplierPlaceholder')}
        onCommit={(v) => void setOptions({ supplier: v.trim() })}
      />
      <p className="hint wide" data-testid="import-sheet-meta">
        {preview.supplierSource.from === 'sheet'
          ? t('importPage.supplierFromSheet', { row: preview.supplierSource.row })
          : preview.supplierSource.from === 'input'
            ? t('importPage.supplierGiven')
            : t('importPage.supplierNone')}{' '}
        {preview.quoteDate ? t('importPage.quoteDate', { date: preview.quoteDate }) : t('importPage.quoteDateNone')}
      </p>
      <label className="num-field wide">
        <span>{t('importPage.vatMode')}</span>
        <select
          aria-label={t('importPage.vatMode')}
          value={vatMode}
          onChange={(e) => void setOptions({ vatIncluded: e.target.value === 'auto' ? undefined : e.target.value === 'included' })}
        >
          {(['auto', 'included', 'excluded'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`importPage.vatModes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check wide">
        <input type="checkbox" checked={options.createUnknown} onChange={(e) => void setOptions({ createUnknown: e.target.checked })} />
        {t('importPage.createUnknown')}
      </label>
    </div>
  );
}

function Mapping({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const setColumnField = useImport((s) => s.setColumnField);
  const userColumns = useImport((s) => s.userColumns);
  const baseSource = useImport((s) => s.baseSource);
  return (
    <>
      <h3>{t('importPage.mapping')}</h3>
      <p className="muted small">{t('importPage.mappingHint')}</p>
      <ul className="import-mapping">
        {preview.columns.map((c) => {
          const src = columnSource({ userColumns, baseSource }, c.column);
          const pct = Math.round(c.confidence * 100);
          return (
            <li key={c.column} data-column={c.letter} className={c.field ? '' : 'ignored'}>
              <div className="map-head">
                <span className="col-letter">{c.letter}</span>
                <span className="col-header" title={c.header}>
                  {c.header || '–'}
                </span>
                <span className={`badge source-${src}`}>{t(`importPage.sources.${src}`)}</span>
              </div>
              <div className="map-body">
                <select
                  aria-label={t('importPage.fieldFor', { letter: c.letter, header: c.header })}
                  value={c.field ?? ''}
                  onChange={(e) => void setColumnField(c.column, (e.target.value || null) as ImportField | null)}
                >
                  <option value="">{t('importPage.fields.ignore')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(`importPage.fields.${f}`)}
                    </option>
                  ))}
                </select>
                {c.field && (
                  <span className="confidence" title={t('importPage.confidence', { pct })} aria-label={t('importPage.confidence', { pct })}>
                    <span className="bar">
                      <span style={{ width: `${pct}%` }} />
                    </span>
                    {pct} %
                  </span>
                )}
                {c.unitLabel && <span className="badge unit">{c.unitLabel}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function ImportDetection({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <section className="card import-detection" aria-label={t('importPage.detection')}>
      <h2>{t('importPage.detection')}</h2>
      <Settings preview={preview} />
      {preview.notes.length > 0 && (
        <>
          <h3>{t('importPage.warnings')}</h3>
          <ul className="warnings">
            {preview.notes.map((w) => (
              <li key={w.message}>{say(w)}</li>
            ))}
          </ul>
        </>
      )}
      <Mapping preview={preview} />
    </section>
  );
}
