/** Export the comparison as PDF or XLSX (rendered by the main process from the same scenario). */
import { useTranslation } from 'react-i18next';
import type { BuildRecord } from '../../../shared/scenario/build';
import { buildsToScenario } from '../../../shared/scenario/build';
import { useCompare } from '../stores/compare';
import { useShortcut } from '../hooks/useShortcut';

export function CompareExport({ builds }: { builds: BuildRecord[] }) {
  const { t, i18n } = useTranslation();
  const busy = useCompare((s) => s.exporting);
  const error = useCompare((s) => s.exportError);
  const exportReport = useCompare((s) => s.exportReport);
  const scenario = buildsToScenario(builds, t('compare.title'));
  const run = (kind: 'pdf' | 'xlsx') => {
    if (scenario) void exportReport(kind, scenario, i18n.language);
  };
  useShortcut('print', scenario && builds.length >= 2 && busy === null ? () => run('pdf') : null);
  return (
    <div className="toolbar">
      {error && <span className="field-error">{error}</span>}
      {!scenario && builds.length >= 2 && <span className="small muted">{t('compare.exportNeedsSameAssumptions')}</span>}
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => run('pdf')}>
        {t('compare.exportPdf')}
      </button>
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => run('xlsx')}>
        {t('compare.exportXlsx')}
      </button>
    </div>
  );
}
