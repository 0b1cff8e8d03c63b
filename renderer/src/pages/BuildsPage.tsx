/** Builds: the list, the selected build's lines and assumptions, and its KPIs as the user types. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assumptionsDifference, buildToScenario, buildsToScenario, siteFigures } from '../../../shared/scenario/build';
import { selectSites, useCatalog } from '../stores/catalog';
import { useBuilds, selectSelectedBuild } from '../stores/builds';
import { useEvaluation } from '../hooks/useEvaluation';
import { LinesEditor } from '../components/LinesEditor';
import { AssumptionsEditor } from '../components/AssumptionsEditor';
import { KpiPanel } from '../components/KpiPanel';
import { pickFile, readDocumentFile, safeFileName, saveTextFile } from '../files';
import type { Currency } from '../../../shared/money';
import { useShortcut } from '../hooks/useShortcut';
import { ExampleMenu } from '../components/ExampleMenu';
import { toastDone, toastFailed } from '../stores/toast';

export function BuildsPage() {
  const { t } = useTranslation();
  const { builds, selectedId, deleted, error, load, select, create, rename, setLines, setAssumptions, duplicate, remove, undoDelete, importScenario, flush } = useBuilds();
  const build = useBuilds(selectSelectedBuild);
  const sites = useCatalog(selectSites);
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
    const file = `${safeFileName(build.name)}.procure.json`;
    saveTextFile(file, JSON.stringify(buildToScenario(build), null, 2) + '\n');
    toastDone('toast.scenarioSaved', { file });
  };

  // every build in one scenario file (a scenario holds one set of assumptions, so they must agree)
  const saveAll = () => {
    const site = siteFigures(sites, builds[0]?.assumptions.currency ?? 'CNY');
    const differ = assumptionsDifference(builds, site);
    const scenario = buildsToScenario(builds, t('builds.title'), site);
    if (differ || !scenario) {
      if (differ) toastFailed('saveAll.differ', { name: builds[differ.index]!.name, first: builds[0]!.name, what: { key: `saveAll.what.${differ.key}` } });
      return;
    }
    const file = `${safeFileName(t('builds.title'))}.procure.json`;
    saveTextFile(file, JSON.stringify(scenario, null, 2) + '\n');
    toastDone('toast.allSaved', { count: builds.length, file });
  };

  const undo = () => {
    if (!deleted) return toastDone('toast.nothingToUndo');
    const name = deleted.name;
    void undoDelete().then(() => toastDone('toast.buildRestored', { name }));
  };

  useShortcut('save', build ? save : null);
  useShortcut('openFile', () => void open());
  useShortcut('undo', undo);

  return (
    <div className="page builds-page">
      <header className="page-header">
        <h1>{t('builds.title')}</h1>
        <div className="toolbar">
          <button className="primary" onClick={() => void create(t('builds.defaultName', { n: builds.length + 1 }), [{ accelerator: 'ascend-910b', count: 16, role: 'both' }])}>
            + {t('builds.newBuild')}
          </button>
          <button onClick={() => void open()}>{t('builds.openScenario')}</button>
          <ExampleMenu kind="scenario" onOpen={(file, text) => importScenario(file, text)} />
          <button onClick={save} disabled={!build}>
            {t('builds.saveScenario')}
          </button>
          <button onClick={saveAll} disabled={builds.length === 0}>
            {t('saveAll.button')}
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
