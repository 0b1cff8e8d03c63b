/** Bid comparison: the requirement and scoring, the bids, their evaluation and rank, and the PDF/XLSX export. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBids, newBidFile } from '../stores/bids';
import type { BidFileInput } from '../../../shared/bids/schema';
import { useBidEvaluation } from '../hooks/useBidEvaluation';
import { BidResults } from '../components/BidResults';
import { BidRequirement } from '../components/BidRequirement';
import { BidEditor } from '../components/BidEditor';
import { pickFile, readDocumentFile } from '../files';
import { useShortcut } from '../hooks/useShortcut';
import { ExampleMenu } from '../components/ExampleMenu';
import { TeamCommittee } from '../components/TeamCommittee';

export function BidsPage() {
  const { t, i18n } = useTranslation();
  const { file, sets, savedId, message, error, busy, load, setFile, openText, save, openSaved, deleteSaved, saveFile, exportReport, downloadTemplate, importTemplate } = useBids();
  const evaluation = useBidEvaluation(file);
  const [committee, setCommittee] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async () => {
    const f = await pickFile('.json,application/json');
    if (f) openText(f.name, await readDocumentFile(f));
  };
  const pickTemplate = async () => {
    const f = await pickFile('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    if (f) await importTemplate(f);
  };
  const ready = evaluation?.ok === true;
  useShortcut('save', file ? () => void save() : null);
  useShortcut('openFile', () => void open());
  useShortcut('print', ready && busy === null ? () => void exportReport('pdf', i18n.language) : null);

  return (
    <div className="page bids-page">
      <header className="page-header">
        <h1>{t('bids.title')}</h1>
        <div className="toolbar">
          <button onClick={() => setFile(newBidFile(t('bids.defaultTitle')))}>+ {t('bids.newSet')}</button>
          <button onClick={() => void open()}>{t('bids.openFile')}</button>
          <ExampleMenu kind="bids" onOpen={(file, text) => {
              if (!openText(file, text)) throw new Error(useBids.getState().error ?? file);
            }}
            onTemplate={(_file, text) => downloadTemplate(JSON.parse(text) as BidFileInput)} />
          <select aria-label={t('bids.savedSets')} value={savedId ?? ''} onChange={(e) => e.target.value && void openSaved(Number(e.target.value))}>
            <option value="">{sets.length ? t('bids.savedSets') : t('bids.noSets')}</option>
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {savedId !== null && (
            <button className="danger" aria-label={t('bids.deleteSet')} onClick={() => void deleteSaved(savedId)}>
              ×
            </button>
          )}
          <button onClick={() => void save()} disabled={!file}>
            {t('bids.saveSet')}
          </button>
          <button onClick={saveFile} disabled={!file}>
            {t('bids.saveFile')}
          </button>
          <button onClick={() => void downloadTemplate()} disabled={!file || busy !== null}>
            {t('bidTemplate.ui.download')}
          </button>
          <button onClick={() => void pickTemplate()} disabled={!file || busy !== null}>
            {busy === 'import' ? t('bidTemplate.ui.importing') : t('bidTemplate.ui.import')}
          </button>
          <button className="primary" onClick={() => void exportReport('pdf', i18n.language)} disabled={!ready || busy !== null}>
            {busy === 'pdf' ? t('bids.exporting') : t('bids.exportPdf')}
          </button>
          <button onClick={() => void exportReport('xlsx', i18n.language)} disabled={!ready || busy !== null}>
            {busy === 'xlsx' ? t('bids.exporting') : t('bids.exportXlsx')}
          </button>
          <button aria-pressed={committee} onClick={() => setCommittee(!committee)}>
            {committee ? t('committee.ui.back') : t('committee.ui.entry')}
          </button>
        </div>
      </header>
      {(error || message) && (
        <div className={error ? 'error-banner' : 'info-banner'} role="status">
          {error ?? message}
        </div>
      )}
      {committee ? (
        <TeamCommittee />
      ) : !file ? (
        <p className="muted empty">{t('bids.dropHint')}</p>
      ) : (
        <div className="bids-body">
          <BidResults evaluation={evaluation} />
          <div className="bids-columns">
            <BidRequirement file={file} onChange={setFile} />
            <BidEditor file={file} onChange={setFile} />
          </div>
        </div>
      )}
    </div>
  );
}
