/** Export the comparison as PDF or XLSX (rendered by the main process from the same scenario). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildRecord } from '../../../shared/scenario/build';
import { buildsToScenario } from '../../../shared/scenario/build';
import { call } from '../api/client';
import { saveBlob } from '../files';

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}


export function CompareExport({ builds }: { builds: BuildRecord[] }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scenario = buildsToScenario(builds, t('compare.title'));
  const run = async (kind: 'pdf' | 'xlsx') => {
    if (!scenario) return;
    setBusy(kind);
    setError(null);
    try {
      const channel = kind === 'pdf' ? 'report:pdf' : 'report:xlsx';
      const r = await call(channel, { scenario, lang: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' });
      saveBlob(r.fileName, base64ToBlob(r.dataBase64, kind === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="toolbar">
      {error && <span className="field-error">{error}</span>}
      {!scenario && builds.length >= 2 && <span className="small muted">{t('compare.exportNeedsSameAssumptions')}</span>}
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => void run('pdf')}>
        {t('compare.exportPdf')}
      </button>
      <button disabled={!scenario || builds.length < 2 || busy !== null} onClick={() => void run('xlsx')}>
        {t('compare.exportXlsx')}
      </button>
    </div>
  );
}
