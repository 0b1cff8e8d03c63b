/**
 * Vendor price-sheet import: choose or drop a file, check what was detected and the column
 * mapping, pick the rows, import them; the history lists past imports with undo.
 */
import { useEffect, useRef, useState } from 'react';
import type React from 'react';
import { useTranslation } from 'react-i18next';
import { pickFile } from '../files';
import { useImport, IMPORT_ACCEPT } from '../stores/import';
import { ImportDetection } from '../components/ImportDetection';
import { ImportRows } from '../components/ImportRows';
import { ImportHistory } from '../components/ImportHistory';

function Banners() {
  const { t } = useTranslation();
  const error = useImport((s) => s.error);
  const committed = useImport((s) => s.committed);
  const undone = useImport((s) => s.undone);
  const dismiss = useImport((s) => s.dismissMessages);
  const close = (
    <button className="banner-close" onClick={dismiss} aria-label={t('importPage.dismiss')}>
      ×
    </button>
  );
  return (
    <>
      {error && (
        <div className="error-banner import-banner" role="alert">
          <span>{typeof error === 'string' ? error : t(error.key, error.values)}</span>
          {close}
        </div>
      )}
      {committed && (
        <div className="info-banner import-banner success" role="status">
          <span>
            {t('importPage.committed', {
              id: committed.importId,
              file: committed.fileName,
              quotes: committed.quotes,
              new: committed.newQuotes,
              changed: committed.priceChanges,
              unchanged: committed.unchanged,
              parts: committed.createdParts,
              servers: committed.createdServers,
            })}
          </span>
          {close}
        </div>
      )}
      {undone !== null && (
        <div className="info-banner import-banner" role="status">
          <span>{t('importPage.undone', { id: undone })}</span>
          {close}
        </div>
      )}
    </>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const file = useImport((s) => s.file);
  const preview = useImport((s) => s.preview);
  const busy = useImport((s) => s.busy);
  const selectedCount = useImport((s) => s.selected.size);
  const open = useImport((s) => s.open);
  const commit = useImport((s) => s.commit);
  const clear = useImport((s) => s.clear);
  const loadHistory = useImport((s) => s.loadHistory);
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left the page.
  const depth = useRef(0);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const choose = async () => {
    const f = await pickFile(IMPORT_ACCEPT);
    if (f) await open(f);
  };

  // Files dropped here are price sheets; a .json goes on to the window's scenario handler (App.tsx).
  const isScenario = (e: React.DragEvent) => {
    const f = e.dataTransfer.items?.[0];
    return f?.kind === 'file' && f.type === 'application/json';
  };
  const onDragOver = (e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes('Files') || isScenario(e)) return;
    e.preventDefault();
    e.stopPropagation();
    setDragging(true);
  };
  const onDrop = (e: React.DragEvent) => {
    depth.current = 0;
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (!f || /\.json$/i.test(f.name)) return;
    e.preventDefault();
    e.stopPropagation();
    void open(f);
  };

  return (
    <div
      className={`page import-page${dragging ? ' dragging' : ''}`}
      onDragOver={onDragOver}
      onDragEnter={() => depth.current++}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="page-header">
        <h1>{t('importPage.title')}</h1>
        <div className="toolbar">
          {file && (
            <span className="import-file" title={file.name}>
              <strong>{file.name}</strong> <span className="muted small">{t('importPage.fileSize', { kb: Math.max(1, Math.round(file.size / 1024)) })}</span>
            </span>
          )}
          {file && (
            <button onClick={clear} disabled={busy === 'committing'}>
              {t('importPage.closeFile')}
            </button>
          )}
          <button onClick={() => void choose()} disabled={busy !== null}>
            {t('importPage.chooseFile')}
          </button>
          {preview && (
            <button className="primary" disabled={busy !== null || selectedCount === 0} onClick={() => void commit()}>
              {t('importPage.commit', { count: selectedCount })}
            </button>
          )}
        </div>
      </header>
      {busy && (
        <div className="import-progress" role="status">
          <progress aria-label={t(`importPage.busy.${busy}`)} />
          <span className="muted small">{t(`importPage.busy.${busy}`)}</span>
        </div>
      )}
      <Banners />
      {preview ? (
        <div className="import-body">
          <aside className="import-side">
            <ImportDetection preview={preview} />
            <ImportHistory />
          </aside>
          <ImportRows preview={preview} />
        </div>
      ) : (
        <div className="import-empty">
          <button className="drop-zone" onClick={() => void choose()} disabled={busy !== null}>
            <span className="drop-icon" aria-hidden="true">
              ⇪
            </span>
            <span>{dragging ? t('importPage.dropActive') : t('importPage.dropHint')}</span>
          </button>
          <ImportHistory />
        </div>
      )}
    </div>
  );
}
