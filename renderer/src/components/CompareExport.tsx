/** Export the comparison as PDF or XLSX (rendered by the main process from the same scenario). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildRecord } from '../../../shared/scenario/build';
import { assumptionsDifference, buildsToScenario, siteFigures } from '../../../shared/scenario/build';
import { useCompare } from '../stores/compare';
import { useShortcut } from '../hooks/useShortcut';
import { selectSites, useCatalog } from '../stores/catalog';
import { useBuilds } from '../stores/builds';
import { askConfirm } from '../stores/confirm';
import { toastDone } from '../stores/toast';

export function CompareExport({ builds }: { builds: BuildRecord[] }) {
  const { t, i18n } = useTranslation();
  const busy = useCompare((s) => s.exporting);
  const error = useCompare((s) => s.exportError);
  const exportReport = useCompare((s) => s.exportReport);
  const sites = useCatalog(selectSites);
  const setAssumptions = useBuilds((s) => s.setAssumptions);
  // assumptions compared by value: a custom site with a preset's numbers is that preset
  const site = useMemo(() => siteFigures(sites, builds[0]?.assumptions.currency ?? 'CNY'), [sites, builds]);
  const differ = assumptionsDifference(builds, site);
  const scenario = buildsToScenario(builds, t('compare.title'), site);
  const run = (kind: 'pdf' | 'xlsx') => {
    if (scenario) void exportReport(kind, scenario, i18n.language);
  };
  const applyToAll = async () => {
    const from = builds[0];
    if (!from) return;
    const others = builds.slice(1);
    const ok = await askConfirm({
      title: t('compareExport.applyTitle'),
      text: t('compareExport.applyText', { name: from.name, others: others.map((b) => `“${b.name}”`).join(', ') }),
      confirmLabel: t('compareExport.applyConfirm'),
    });
    if (!ok) return;
    for (const b of others) setAssumptions(b.id, from.assumptions);
    toastDone('compareExport.applied', { name: from.name, count: others.length });
  };
  useShortcut('print', scenario && builds.length >= 2 && busy === null ? () => run('pdf') : null);
  return (
    <div className="toolbar">
      {error && <span className="field-error">{error}</span>}
      {differ && builds.length >= 2 && (
        <span className="small" data-assumptions-differ={differ.path}>
          {t('compareExport.differ', { name: builds[differ.index]!.name, first: builds[0]!.name, what: t(`saveAll.what.${differ.key}`), path: differ.path })}
        </span>
      )}
      {differ && builds.length >= 2 && <button onClick={() => void applyToAll()}>{t('compareExport.apply', { name: builds[0]!.name })}</button>}
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => run('pdf')}>
        {t('compare.exportPdf')}
      </button>
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => run('xlsx')}>
        {t('compare.exportXlsx')}
      </button>
    </div>
  );
}
