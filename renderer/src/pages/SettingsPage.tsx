/** Settings: language and theme, default assumptions and risk weights, FX rates, backup and restore, the team hub. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_WEIGHT_DEFAULTS } from '../../../shared/model/risk';
import { CURRENCIES, type Currency } from '../../../shared/money';
import { AppearanceControls } from '../components/AppearanceControls';
import { TimeZoneField } from '../components/TimeZoneField';
import { StaleQuoteDaysField } from '../components/StaleQuoteDaysField';
import { CnyUnitField } from '../components/CnyUnitField';
import { TeamSettings } from '../components/TeamSettings';
import { today } from '../hooks/useEvaluation';
import { useCatalog } from '../stores/catalog';
import { useDatabase } from '../stores/database';
import { useDefaults } from '../stores/defaults';
import { useFx } from '../stores/fx';
import { AssumptionsEditor } from '../components/AssumptionsEditor';
import { NumberField } from '../components/NumberField';
import { pickFile } from '../files';
import { askConfirm } from '../stores/confirm';
import { toastDone, toastError } from '../stores/toast';

type Weights = typeof RISK_WEIGHT_DEFAULTS;

export function SettingsPage() {
  const { t } = useTranslation();
  const loadCatalog = useCatalog((s) => s.load);
  const defaults = useDefaults((s) => s.draft);
  const loadDefaults = useDefaults((s) => s.load);
  const setDefaults = useDefaults((s) => s.edit);
  const saveDefaults = useDefaults((s) => s.save);
  const fx = useFx((s) => s.history);
  const loadFx = useFx((s) => s.load);
  const addFx = useFx((s) => s.add);
  const info = useDatabase((s) => s.info);
  const loadInfo = useDatabase((s) => s.load);
  const backup = useDatabase((s) => s.backup);
  const restore = useDatabase((s) => s.restore);
  const checkDb = useDatabase((s) => s.check);
  const [newFx, setNewFx] = useState({ currency: 'USD' as Currency, cnyPer: 7.1, asOf: today(), source: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([loadDefaults(), loadFx(), loadInfo()]);
    void loadCatalog();
  }, [loadDefaults, loadFx, loadInfo, loadCatalog]);

  const guard = async (f: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await f();
    } catch (e) {
      setError((e as Error).message);
      toastError(e);
    }
  };

  const weights: Weights = { ...RISK_WEIGHT_DEFAULTS, ...((defaults?.risk as { weights?: Partial<Weights> } | undefined)?.weights ?? {}) };

  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      {(message || error) && (
        <div className={error ? 'error-banner' : 'info-banner'} role="status">
          {error ?? message}
        </div>
      )}
      <div className="settings-grid">
        <section className="card">
          <h2>{t('settings.appearance')}</h2>
          <div className="row">
            <AppearanceControls labelClass="num-field" />
          </div>
          <div className="row">
            <TimeZoneField labelClass="num-field" />
          </div>
          <StaleQuoteDaysField />
          <CnyUnitField />
          <h2 className="spaced">{t('settings.backup')}</h2>
          {info && <p className="small muted">{t('settings.database', { path: info.dbPath })}</p>}
          <div className="row">
            <button
              onClick={() =>
                void guard(async () => {
                  toastDone('toast.backupSaved', { file: await backup() });
                })
              }
            >
              {t('settings.backupNow')}
            </button>
            <button
              onClick={() =>
                void guard(async () => {
                  const f = await pickFile('.db,.sqlite,application/vnd.sqlite3');
                  if (!f) return;
                  const ok = await askConfirm({ title: t('confirmDialog.restoreTitle'), text: t('settings.restoreConfirm'), confirmLabel: t('confirmDialog.restoreConfirm') });
                  if (!ok) return;
                  const kept = await restore(f);
                  setMessage(t('settings.restored', { path: kept }));
                  toastDone('toast.restored', { path: kept });
                })
              }
            >
              {t('settings.restore')}
            </button>
            <button
              onClick={() =>
                void guard(async () => {
                  const r = await checkDb();
                  if (r.ok) setMessage(t('database.checkOk'));
                  else setError(t('database.checkFailed', { problems: r.problems.join('; ') }));
                })
              }
            >
              {t('database.checkNow')}
            </button>
          </div>
        </section>
        <section className="card">
          <h2>{t('settings.fx')}</h2>
          <p className="small muted">{t('settings.fxHint')}</p>
          <div className="row fx-add">
            <label className="num-field">
              <span>{t('settings.fxCurrency')}</span>
              <select value={newFx.currency} onChange={(e) => setNewFx({ ...newFx, currency: e.target.value as Currency })}>
                {CURRENCIES.filter((c) => c !== 'CNY').map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <NumberField label={t('settings.fxRate')} value={newFx.cnyPer} min={0.000001} onChange={(v) => v !== undefined && setNewFx({ ...newFx, cnyPer: v })} />
            <label className="num-field">
              <span>{t('settings.fxAsOf')}</span>
              <input value={newFx.asOf} onChange={(e) => setNewFx({ ...newFx, asOf: e.target.value })} />
            </label>
            <label className="num-field">
              <span>{t('settings.fxSource')}</span>
              <input value={newFx.source} onChange={(e) => setNewFx({ ...newFx, source: e.target.value })} />
            </label>
            <button
              onClick={() =>
                void guard(() => addFx(newFx))
              }
            >
              {t('settings.fxAdd')}
            </button>
          </div>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('settings.fxCurrency')}</th>
                <th className="num">{t('settings.fxRate')}</th>
                <th>{t('settings.fxAsOf')}</th>
                <th>{t('settings.fxSource')}</th>
              </tr>
            </thead>
            <tbody>
              {fx.map((r) => (
                <tr key={r.id}>
                  <td>{r.currency}</td>
                  <td className="num">{r.cnyPer}</td>
                  <td>{r.asOf}</td>
                  <td className="small">
                    {r.source.title}
                    {r.source.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <TeamSettings />
        {defaults && (
          <section className="card defaults">
            <h2>{t('settings.defaults')}</h2>
            <AssumptionsEditor value={defaults} onChange={setDefaults} />
            <fieldset>
              <legend>{t('settings.riskWeights')}</legend>
              <div className="row">
                {(Object.keys(RISK_WEIGHT_DEFAULTS) as (keyof Weights)[]).map((k) => (
                  <NumberField
                    key={k}
                    label={t(`riskFactor.${k}`)}
                    value={weights[k]}
                    min={0}
                    max={100}
                    onChange={(v) => v !== undefined && setDefaults({ ...defaults, risk: { ...(defaults.risk ?? {}), weights: { ...weights, [k]: v } } })}
                  />
                ))}
              </div>
            </fieldset>
            <button
              className="primary"
              onClick={() =>
                void guard(async () => {
                  await saveDefaults();
                  setMessage(t('settings.savedDefaults'));
                })
              }
            >
              {t('settings.saveDefaults')}
            </button>
          </section>
        )}
      </div>
    </div>
  );
}
