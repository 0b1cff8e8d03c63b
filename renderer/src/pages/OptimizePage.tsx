/** Optimize: the cheapest build that serves a demand under budget, power, risk and share limits. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCandidates } from '../../../shared/optimize/form';
import { findModel } from '../../../shared/model/presets';
import { formatNumberUpTo } from '../../../shared/format';
import { selectLookup, selectSites, useCatalog, useCatalogSnapshot } from '../stores/catalog';
import { selectStale, useOptimize } from '../stores/optimize';
import type { JobProgressView } from '../api/jobs';
import { today } from '../hooks/useEvaluation';
import { OptimizeForm } from '../components/OptimizeForm';
import { OptimizeResults } from '../components/OptimizeResults';

export function OptimizePage() {
  const { t } = useTranslation();
  const { form, result, running, progress, cancelling, cancelled, error, saved, set, reset, run, cancel, save } = useOptimize();
  const stale = useOptimize(selectStale);
  const snapshot = useCatalog((s) => s.snapshot);
  const lookup = useCatalog(selectLookup);
  const sites = useCatalog(selectSites);
  useCatalogSnapshot();

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
          <button disabled={!result?.save || running || stale} onClick={() => void save(name)}>
            {t('optimize.save')}
          </button>
          <button onClick={reset}>{t('optimize.reset')}</button>
        </div>
      </header>
      {running && <OptimizeProgress progress={progress} cancelling={cancelling} onCancel={cancel} />}
      {cancelled && !running && (
        <div className="info-banner" role="status" data-cancelled>
          {t('optimize.cancelled')}
        </div>
      )}
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
          {result && stale && (
            <p className="warn-banner stale-note" role="status" data-stale>
              {t('optimize.stale')}
            </p>
          )}
          {result ? <OptimizeResults result={result} /> : <p className="empty">{t('optimize.empty')}</p>}
        </div>
      </div>
    </div>
  );
}

/** The order of a run's phases (electron/optimize/run.ts): the main solve, then the binding analysis and the frontier, or, when nothing fits, the explanation. */
const PHASE_STEP: Record<string, number> = { solving: 1, binding: 2, frontier: 3, explaining: 2 };

/** The running job: its phase as step n of m, the solves done, and Cancel. */
function OptimizeProgress({ progress, cancelling, onCancel }: { progress: JobProgressView | null; cancelling: boolean; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const phase = progress?.state === 'running' && progress.phase in PHASE_STEP ? progress.phase : null;
  const steps = phase === 'explaining' ? 2 : 3;
  const step = phase ? PHASE_STEP[phase]! : 0;
  const total = progress?.total;
  const done = progress?.done;
  const label = !progress ? t('optimize.progress.starting') : progress.state === 'queued' ? t('optimize.progress.queued') : phase ? t('optimize.progress.step', { step, steps, phase: t(`optimize.progress.phases.${phase}`) }) : t('optimize.progress.starting');
  const solves =
    done === undefined || (!total && done === 0) ? null : total ? t('optimize.progress.solvesOf', { done: formatNumberUpTo(done, 0, i18n.language), total: formatNumberUpTo(total, 0, i18n.language) }) : t('optimize.progress.solves', { count: done });
  return (
    <div className="import-progress optimize-progress" role="status" data-optimize-progress={phase ?? progress?.state ?? 'starting'}>
      {/* with a total the bar counts solves; else it marks the phase (halfway through its step), and waits indeterminate before the first */}
      {total && done !== undefined ? (
        <progress aria-label={t('optimize.progress.label')} value={done} max={total} />
      ) : step > 0 ? (
        <progress aria-label={t('optimize.progress.label')} value={step - 0.5} max={steps} />
      ) : (
        <progress aria-label={t('optimize.progress.label')} />
      )}
      <span className="small">{label}</span>
      {solves && <span className="muted small" data-solves>{solves}</span>}
      <button onClick={onCancel} disabled={cancelling}>
        {cancelling ? t('optimize.progress.cancelling') : t('optimize.progress.cancel')}
      </button>
    </div>
  );
}
