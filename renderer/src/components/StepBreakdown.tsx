/** One line's pacing step as the shared model computed it: engine, fixed overhead, memory, compute, communication, overlap and what binds. */
import { useTranslation } from 'react-i18next';
import type { LineResult } from '../../../shared/scenario/evaluate';
import { formatNumber } from '../../../shared/format';

const ms = (v: number, locale: string) => formatNumber(v, 2, locale);
const gb = (v: number, locale: string) => formatNumber(v, 1, locale);

export function StepBreakdown({ line }: { line: Pick<LineResult, 'engine' | 'step' | 'kvFit'> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { engine, step, kvFit } = line;
  const rows: [string, number][] = step
    ? [
        ['fixed', step.fixedMs],
        ['memory', step.memoryMs],
        ['compute', step.computeMs],
        ['comm', step.commMs],
        ['overlap', -step.overlapMs],
        ['total', step.totalMs],
      ]
    : [];
  return (
    <div className="step-breakdown" data-step-breakdown>
      <div data-engine>
        {t('step.engine')}: {engine.name} ({engine.asOf}) · {t(engine.pagedKv ? 'step.paged' : 'step.static')}
      </div>
      {step && (
        <table>
          <caption>{t('step.title', { phase: t(`step.phase.${step.phase}`) })}</caption>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k} data-step={k}>
                <th scope="row">{t(`step.${k}`)}</th>
                <td className="num">{t('step.ms', { v: ms(v, locale) })}</td>
              </tr>
            ))}
            <tr data-step="binds">
              <th scope="row">{t('step.binds')}</th>
              <td>{t(`bound.${step.dominant}`)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {kvFit && (
        <div className="note small" data-kv-fit>
          {t('step.kvNotFit', {
            batch: kvFit.batch,
            mean: gb(kvFit.kvMeanGBPerCard, locale),
            full: gb(kvFit.kvFullGBPerCard, locale),
            free: gb(kvFit.freeGBPerCard, locale),
            largest: kvFit.largestBatch,
          })}
        </div>
      )}
    </div>
  );
}
