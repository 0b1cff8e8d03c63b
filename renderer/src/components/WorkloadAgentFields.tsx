/** Agent-era workload fields of a build: preset, prefix cache, multi-turn session, MTP, KV offload and a mix. */
import { useTranslation } from 'react-i18next';
import type { BuildAssumptions } from '../../../shared/scenario/build';
import { WORKLOAD_PRESETS } from '../../../shared/model/workload-presets';
import { applyWorkloadPreset, matchingPreset } from '../../../shared/scenario/workloads';
import { NumberField, PercentField } from './NumberField';
import { moneyUnit, withUnit } from '../../../shared/format';
import type { Currency } from '../../../shared/money';

type Workload = BuildAssumptions['workload'];
type Turns = NonNullable<Workload['turns']>;
type MixEntry = NonNullable<Workload['mix']>[number];

export function WorkloadPresetSelect({ value, onChange }: { value: Workload; onChange: (w: Workload) => void }) {
  const { t } = useTranslation();
  const current = matchingPreset(value) ?? '__custom';
  const preset = WORKLOAD_PRESETS.find((p) => p.id === current);
  return (
    <>
      <label className="num-field">
        <span>{t('builds.agent.preset')}</span>
        <select aria-label={t('builds.agent.preset')} value={current} onChange={(e) => e.target.value !== '__custom' && onChange(applyWorkloadPreset(value, e.target.value))}>
          {WORKLOAD_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`builds.agent.presets.${p.id}`)}
              {p.estimate ? ` (${t('builds.agent.estimate')})` : ''}
            </option>
          ))}
          <option value="__custom">{t('builds.agent.custom')}</option>
        </select>
      </label>
      {preset && (
        <p className="hint" data-preset-source={preset.id}>
          {t('builds.agent.source')}: {preset.source}
        </p>
      )}
    </>
  );
}

export function WorkloadAgentFields({ value, onChange }: { value: Workload; onChange: (w: Workload) => void }) {
  const { t } = useTranslation();
  const set = (p: Partial<Workload>) => onChange({ ...value, ...p });
  const drop = (k: keyof Workload) => {
    const next = { ...value };
    delete next[k];
    onChange(next);
  };
  const turns = value.turns;
  const setTurns = (p: Partial<Turns>) => set({ turns: { ...(turns as Turns), ...p } });
  const offload = value.kvOffload;
  const mix = value.mix ?? [];
  const setMix = (i: number, p: Partial<MixEntry>) => set({ mix: mix.map((e, j) => (j === i ? { ...e, ...p } : e)) });
  return (
    <>
      <div className="row">
        {!turns && (
          <PercentField label={t('builds.agent.prefixCacheHitRate')} value={value.prefixCacheHitRate ?? 0} min={0} max={1} onChange={(v) => v !== undefined && set({ prefixCacheHitRate: v })} />
        )}
        <PercentField
          label={t('builds.agent.mtpAcceptanceRate')}
          value={value.mtpAcceptanceRate}
          min={0}
          max={1}
          optional
          onChange={(v) => (v === undefined ? drop('mtpAcceptanceRate') : set({ mtpAcceptanceRate: v }))}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={turns !== undefined}
          onChange={(e) =>
            e.target.checked
              ? set({ turns: { count: 12, contextTokens: value.inputTokens ?? 2000, inputTokensPerTurn: 0, outputTokensPerTurn: value.outputTokens ?? 500 } })
              : drop('turns')
          }
        />
        {t('builds.agent.turns')}
      </label>
      {turns && (
        <div className="row" data-section="turns">
          <NumberField label={t('builds.agent.turnsCount')} value={turns.count} min={1} max={10_000} integer onChange={(v) => v !== undefined && setTurns({ count: v })} />
          <NumberField label={t('builds.agent.contextTokens')} value={turns.contextTokens} min={0} integer onChange={(v) => v !== undefined && setTurns({ contextTokens: v })} />
          <NumberField label={t('builds.agent.inputTokensPerTurn')} value={turns.inputTokensPerTurn ?? 0} min={0} integer onChange={(v) => v !== undefined && setTurns({ inputTokensPerTurn: v })} />
          <NumberField label={t('builds.agent.outputTokensPerTurn')} value={turns.outputTokensPerTurn} min={1} integer onChange={(v) => v !== undefined && setTurns({ outputTokensPerTurn: v })} />
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={offload !== undefined}
          onChange={(e) => (e.target.checked ? set({ kvOffload: { hostMemoryGBPerServer: 1024, bandwidthGBpsPerServer: 64 } }) : drop('kvOffload'))}
        />
        {t('builds.agent.offload')}
      </label>
      {offload && (
        <div className="row" data-section="offload">
          <NumberField label={t('builds.agent.offloadGB')} value={offload.hostMemoryGBPerServer} min={1} onChange={(v) => v !== undefined && set({ kvOffload: { ...offload, hostMemoryGBPerServer: v } })} />
          <NumberField label={t('builds.agent.offloadGBps')} value={offload.bandwidthGBpsPerServer} min={1} onChange={(v) => v !== undefined && set({ kvOffload: { ...offload, bandwidthGBpsPerServer: v } })} />
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={value.mix !== undefined}
          onChange={(e) => (e.target.checked ? set({ mix: [{ preset: 'chat', share: 1 }, { preset: 'coding-agent', share: 1 }] }) : drop('mix'))}
        />
        {t('builds.agent.mix')}
      </label>
      {value.mix && (
        <div data-section="mix">
          {mix.map((e, i) => (
            <div className="row" key={i} data-mix-entry={i}>
              <label className="num-field">
                <span>{t('builds.agent.preset')}</span>
                <select value={e.preset ?? ''} onChange={(ev) => setMix(i, { preset: ev.target.value })}>
                  {WORKLOAD_PRESETS.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t(`builds.agent.presets.${p.id}`)}
                    </option>
                  ))}
                </select>
              </label>
              <NumberField label={t('builds.agent.share')} value={e.share} min={0.0001} onChange={(v) => v !== undefined && setMix(i, { share: v })} />
              <button type="button" className="link" disabled={mix.length <= 1} onClick={() => set({ mix: mix.filter((_, j) => j !== i) })}>
                {t('builds.agent.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="link" onClick={() => set({ mix: [...mix, { preset: 'rag', share: 1 }] })}>
            {t('builds.agent.addMix')}
          </button>
        </div>
      )}
    </>
  );
}

type Finance = NonNullable<BuildAssumptions['finance']>;
type ApiPrice = NonNullable<Finance['apiPrice']>;

/** Per-token API prices to compare owning with; input and output both given, or none. */
export function ApiPriceFields({ finance, currency, onChange }: { finance: Finance; currency: string; onChange: (f: Finance) => void }) {
  const { t } = useTranslation();
  const api = finance.apiPrice;
  const amount = (k: keyof ApiPrice) => api?.[k]?.amount;
  const unit = moneyUnit(currency as Currency);
  const setPrice = (k: keyof ApiPrice, v: number | undefined) => {
    const cur = { currency } as const;
    const next: Partial<ApiPrice> = { ...(api ?? {}) };
    if (v === undefined) delete next[k];
    else next[k] = { amount: v, ...cur } as ApiPrice[typeof k] & object;
    const f = { ...finance };
    if (next.inputPerMillion && next.outputPerMillion) f.apiPrice = next as ApiPrice;
    else if (!next.inputPerMillion && !next.outputPerMillion && !next.cachedInputPerMillion) delete f.apiPrice;
    else f.apiPrice = { inputPerMillion: next.inputPerMillion ?? { amount: 0, currency }, outputPerMillion: next.outputPerMillion ?? { amount: 0, currency }, ...(next.cachedInputPerMillion ? { cachedInputPerMillion: next.cachedInputPerMillion } : {}) } as ApiPrice;
    onChange(f);
  };
  return (
    <div className="row" data-section="api-price" aria-label={t('builds.agent.api')}>
      <NumberField label={withUnit(`${t('builds.agent.api')}: ${t('builds.agent.apiInput')}`, unit)} value={amount('inputPerMillion')} min={0} optional onChange={(v) => setPrice('inputPerMillion', v)} />
      <NumberField label={withUnit(t('builds.agent.apiCached'), unit)} value={amount('cachedInputPerMillion')} min={0} optional onChange={(v) => setPrice('cachedInputPerMillion', v)} />
      <NumberField label={withUnit(t('builds.agent.apiOutput'), unit)} value={amount('outputPerMillion')} min={0} optional onChange={(v) => setPrice('outputPerMillion', v)} />
    </div>
  );
}
