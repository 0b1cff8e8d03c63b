/** Builds: the list, the selected build's lines and assumptions, and its KPIs as the user types. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildToScenario } from '../../../shared/scenario/build';
import { useBuilds, selectSelectedBuild } from '../stores/builds';
import { useEvaluation } from '../hooks/useEvaluation';
import { LinesEditor } from '../components/LinesEditor';
import { AssumptionsEditor } from '../components/AssumptionsEditor';
import { KpiPanel } from '../components/KpiPanel';
import { pickFile, readDocumentFile, safeFileName, saveTextFile } from '../files';
import type { Currency } from '../../../shared/money';

export function BuildsPage() {
  const { t } = useTranslation();
  const { builds, selectedId, deleted, error, load, select, create, rename, setLines, setAssumptions, duplicate, remove, undoDelete, importScenario, flush } = useBuilds();
  const build = useBuilds(selectSelectedBuild);
  const evaluation = useEvaluation(build);
  const [message, setMessage] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(() => {
    void load();
    return () => void flush();
  }, [load, flush]);

  const open = async () => {
    const f = await pickFile('.json,.procure.json,application/json');
    if (!f) return;
    try {
      const made = await importScenario(f.name, await readDocumentFile(f));
      setOpenError(null);
      setMessage(t('builds.opened', { count: made.length, file: f.name }));
    } catch (e) {
      // a file that cannot be opened is an error (in the UI language: ApiCallError translates its key), not a notice
      setMessage(null);
      setOpenError((e as Error).message);
    }
  };

  const save = () => {
    if (!build) return;
    saveTextFile(`${safeFileName(build.name)}.procure.json`, JSON.stringify(buildToScenario(build), null, 2) + '\n');
  };

  return (
    <div className="page builds-page">
      <header className="page-header">
        <h1>{t('builds.title')}</h1>
        <div className="toolbar">
          <button className="primary" onClick={() => void create(t('builds.defaultName', { n: builds.length + 1 }), [{ accelerator: 'ascend-910b', count: 16, role: 'both' }])}>
            + {t('builds.newBuild')}
          </button>
          <button onClick={() => void open()}>{t('builds.openScenario')}</button>
          <button onClick={save} disabled={!build}>
            {t('builds.saveScenario')}
          </button>
        </div>
      </header>
      {openError && (
        <div className="error-banner" role="alert">
          {openError}
        </div>
      )}
      {(message || error) && (
        <div className={error ? 'error-banner' : 'info-banner'} role="status">
          {error ?? message}
        </div>
      )}
      {deleted && (
        <div className="info-banner" role="status">
          {t('builds.deleted', { name: deleted.name })}{' '}
          <button onClick={() => void undoDelete()}>{t('common.undo')}</button>
        </div>
      )}
      <div className="builds-body">
        <nav className="build-list" aria-label={t('builds.title')}>
          {builds.length === 0 && <p className="muted small">{t('builds.none')}</p>}
          <ul>
            {builds.map((b) => (
              <li key={b.id}>
                <button className={b.id === selectedId ? 'selected' : ''} aria-current={b.id === selectedId} onClick={() => select(b.id)}>
                  {b.name}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted small drop-hint">{t('builds.dropHint')}</p>
        </nav>
        {build && (
          <div className="build-editor">
            <div className="build-name-row">
              <label className="num-field grow">
                <span>{t('builds.rename')}</span>
                <input aria-label={t('builds.rename')} value={build.name} maxLength={200} onChange={(e) => rename(build.id, e.target.value)} />
              </label>
              <button onClick={() => void duplicate(build.id)}>{t('builds.duplicate')}</button>
              <button className="danger" onClick={() => void remove(build.id)}>
                {t('builds.delete')}
              </button>
            </div>
            <LinesEditor lines={build.lines} currency={(build.assumptions.currency ?? 'CNY') as Currency} onChange={(l) => setLines(build.id, l)} />
            <AssumptionsEditor value={build.assumptions} onChange={(a) => setAssumptions(build.id, a)} />
          </div>
        )}
        {build && <KpiPanel evaluation={evaluation} />}
      </div>
    </div>
  );
}
