/** Export the comparison as PDF or XLSX (rendered by the main process from the same scenario). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildRecord } from '../../../shared/domain/build';
import { buildToScenario } from '../../../shared/domain/build';
import { call } from '../api/client';
import { saveBlob } from '../files';
import { isChannel } from '../../../shared/contract/api';

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** One scenario per build (each keeps its own assumptions). */
export function scenariosOf(builds: BuildRecord[]) {
  return builds.map((b) => buildToScenario(b));
}

export function CompareExport({ builds }: { builds: BuildRecord[] }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!isChannel('report:pdf')) return null;
  const run = async (kind: 'pdf' | 'xlsx') => {
    setBusy(kind);
    setError(null);
    try {
      const channel = kind === 'pdf' ? 'report:pdf' : 'report:xlsx';
      const r = (await (call as (c: string, i: unknown) => Promise<unknown>)(channel, { scenarios: scenariosOf(builds), lang: i18n.language })) as {
        fileName: string;
        dataBase64: string;
      };
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
      <button disabled={builds.length < 2 || busy !== null} onClick={() => void run('pdf')}>
        {t('compare.exportPdf')}
      </button>
      <button disabled={builds.length < 2 || busy !== null} onClick={() => void run('xlsx')}>
        {t('compare.exportXlsx')}
      </button>
    </div>
  );
}
