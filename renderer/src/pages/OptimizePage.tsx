/** Optimize: the cheapest build that serves a demand under budget, power, risk and share limits. */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCandidates } from '../../../shared/optimize/form';
import { findModel } from '../../../shared/model/presets';
import { formatNumberUpTo } from '../../../shared/format';
import { selectLookup, selectSites, useCatalog } from '../stores/catalog';
import { useOptimize } from '../stores/optimize';
import { today } from '../hooks/useEvaluation';
import { OptimizeForm } from '../components/OptimizeForm';
import { OptimizeResults } from '../components/OptimizeResults';

export function OptimizePage() {
  const { t } = useTranslation();
  const { form, result, running, error, saved, set, reset, run, save } = useOptimize();
  const snapshot = useCatalog((s) => s.snapshot);
  const lookup = useCatalog(selectLookup);
  const sites = useCatalog(selectSites);
  const ensureLoaded = useCatalog((s) => s.ensureLoaded);

  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);

  const parts = useMemo(
    () => (snapshot && lookup ? defaultCandidates(snapshot, lookup, form.site, today()) : []),
    [snapshot, lookup, form.site],
  );
  const name = t('optimize.buildName', { model: findModel(form.model)?.name ?? form.model, tps: formatNumberUpTo(form.outputTokensPerSecond, 3) });

  return (
    <div className="page optimize-page">
      <header className="page-header">
        <h1>{t('optimize.title')}</h1>
        <div className="toolbar">
          <button className="primary" disabled={running} onClick={() => void run(name)}>
            {running ? t('optimize.running') : t('optimize.run')}
          </button>
          <button disabled={!result?.save || running} onClick={() => void save(name)}>
            {t('optimize.save')}
          </button>
          <button onClick={reset}>{t('optimize.reset')}</button>
        </div>
      </header>
      {error && (
        <div className="error-banner" role="alert">
          {error}
        </div>
      )}
      {saved && (
        <div className="info-banner" role="status">
          {t('optimize.saved', { name: saved.name })} <a href="#/builds">{t('optimize.openBuilds')}</a>
        </div>
      )}
      <div className="optimize-body">
        <OptimizeForm form={form} set={set} sites={sites} parts={parts} />
        <div className="optimize-output" aria-busy={running}>
          {result ? <OptimizeResults result={result} /> : <p className="empty">{t('optimize.empty')}</p>}
        </div>
      </div>
    </div>
  );
}
