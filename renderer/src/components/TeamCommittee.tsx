/**
 * Committee evaluation (评标委员会) in the UI: the evaluations this laptop holds; an evaluator's
 * scoring sheet (each bid on each subjective criterion, saved as a draft here, offline is fine,
 * then submitted); and the combined table the bid set's owner (and an evaluator after their own
 * submission) sees: per cell the evaluators' scores and the combination of shared/bids/committee.ts
 * (mean, or trimmed mean from five evaluators), the deviation flags, and who has not submitted.
 * A save or a submission asks for a sync when connected, so drafts and submissions reach the hub
 * without waiting for the background interval; offline they wait for the next sync.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIM_FROM_EVALUATORS } from '../../../shared/bids/committee';
import type { EvaluationOut } from '../../../shared/contract/team-evaluation';
import { formatDateTime, formatNumber, formatPercent } from '../../../shared/format';
import { call } from '../api/client';
import { askConfirm } from '../stores/confirm';
import { useSettings } from '../stores/settings';
import { useTeam } from '../stores/team';

type Sheet = Record<string, number | undefined>;
const cell = (bid: number, criterion: string) => `${bid}:${criterion}`;

function sheetOf(e: EvaluationOut): Sheet {
  const out: Sheet = {};
  for (const s of e.scores) if (s.evaluator === e.me.user) out[cell(s.bid, s.criterion)] = s.points;
  return out;
}

export function TeamCommittee() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zone = useSettings((s) => s.zone.timeZone);
  const { status, load, syncNow } = useTeam();
  const [list, setList] = useState<EvaluationOut[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet>({});
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // bumped after an action here; a sync (now or in the background) moves lastSyncAt
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    let live = true;
    call('team:evaluation-list', {})
      .then((l) => live && setList(l))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [tick, status?.lastSyncAt]);

  const current = list?.find((e) => e.id === selected) ?? null;
  // the sheet is filled from the evaluation when it is chosen, not on every reload (typed points stay)
  const choose = (e: EvaluationOut) => {
    setSelected(e.id);
    setSheet(sheetOf(e));
  };

  const act = async (f: () => Promise<EvaluationOut>, done: (e: EvaluationOut) => string) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const e = await f();
      setNote(done(e));
      if (status?.connected) await syncNow();
      reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const given = (e: EvaluationOut) =>
    e.bids.flatMap((_, bid) => e.criteria.map((c) => ({ bid, criterion: c.id, points: sheet[cell(bid, c.id)] }))).filter((s): s is { bid: number; criterion: string; points: number } => s.points !== undefined);
  const saveDraft = (e: EvaluationOut) => act(() => call('team:evaluation-score', { id: e.id, scores: given(e) }), (r) => t('committee.ui.saved', { scored: r.me.scored, of: r.me.of }));
  const submit = async (e: EvaluationOut) => {
    if (!(await askConfirm({ title: t('committee.ui.submit'), text: t('committee.ui.submitConfirm'), confirmLabel: t('committee.ui.submit') }))) return;
    await act(
      async () => {
        // the points on screen first, then the submission: what is submitted is what is shown
        if (given(e).length > 0) await call('team:evaluation-score', { id: e.id, scores: given(e) });
        return call('team:evaluation-submit', { id: e.id });
      },
      () => t('committee.ui.submittedNote'),
    );
  };

  const pts = (x: number | null | undefined) => (x === null || x === undefined ? '–' : formatNumber(x, 2, lang));
  const myPart = (e: EvaluationOut) =>
    e.me.evaluator
      ? e.me.submitted
        ? t(e.me.submissionShared ? 'committee.ui.partSubmitted' : 'committee.ui.partSubmittedLocal')
        : t('committee.ui.partScored', { scored: e.me.scored, of: e.me.of })
      : e.author === e.me.user
        ? t('committee.ui.partOwner')
        : '—';

  return (
    <section className="card team-committee" aria-labelledby="committee-title" data-testid="team-committee">
      <h2 id="committee-title">{t('committee.ui.title')}</h2>
      <p className="small muted">{t('committee.ui.hint')}</p>
      {!status?.connected && <p className="small warn-text">{t('committee.ui.notConnected')}</p>}
      {(note || error) && (
        <p className={error ? 'field-error' : 'small'} role="status" data-testid="committee-note">
          {error ?? note}
        </p>
      )}
      {list && list.length === 0 && <p className="small muted">{t('committee.ui.none')}</p>}
      {list && list.length > 0 && (
        <table className="data-table" data-testid="committee-list">
          <thead>
            <tr>
              <th>{t('committee.ui.bidSet')}</th>
              <th>{t('committee.ui.openedBy')}</th>
              <th>{t('committee.ui.openedAt')}</th>
              <th>{t('committee.ui.submittedCol')}</th>
              <th>{t('committee.ui.myPart')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.id} aria-current={e.id === selected ? 'true' : undefined}>
                <td>
                  {e.bidSetName ?? e.versionId.slice(0, 8)}
                  {e.bidSetVersion !== null ? ` v${e.bidSetVersion}` : ''}
                  {e.pending ? <span className="small muted"> ({t('committee.ui.pending')})</span> : null}
                </td>
                <td>{e.author ?? '—'}</td>
                <td>{formatDateTime(e.openedAt, zone)}</td>
                <td>{t('committee.ui.submittedOf', { submitted: e.submitted.length, count: e.evaluators.length })}</td>
                <td>{myPart(e)}</td>
                <td>
                  <button onClick={() => choose(e)} aria-label={t('committee.ui.showNamed', { name: e.bidSetName ?? e.id.slice(0, 8) })}>
                    {t('committee.ui.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {current && (
        <div className="committee-detail" data-testid="committee-detail">
          <h3>{t('committee.ui.detailTitle', { name: current.bidSetName ?? current.id.slice(0, 8) })}</h3>
          <p className="small">
            {t('committee.members', { members: current.evaluators.join(', '), submitted: current.submitted.length, count: current.evaluators.length })}{' '}
            {current.evaluators.length >= TRIM_FROM_EVALUATORS ? t('committee.ruleTrimmed') : t('committee.ruleMean')}
          </p>
          <p className="small" data-testid="committee-waiting">
            {current.evaluators.length === current.submitted.length
              ? t('committee.ui.allSubmitted')
              : t('committee.ui.waiting', { names: current.evaluators.filter((x) => !current.submitted.includes(x)).join(', ') })}
          </p>

          {current.me.evaluator && (
            <div className="committee-sheet" data-testid="committee-sheet">
              <h4>{t('committee.ui.sheetTitle')}</h4>
              <p className="small muted">
                {current.me.submitted
                  ? t(current.me.submissionShared ? 'committee.submitted' : 'committee.ui.submittedLocal')
                  : t(current.scores.some((s) => s.evaluator === current.me.user && !s.shared) || current.me.scored === 0 ? 'committee.ui.draftLocal' : 'committee.ui.draftShared', {
                      scored: current.me.scored,
                      of: current.me.of,
                    })}
              </p>
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('committee.bid')}</th>
                    {current.criteria.map((c) => (
                      <th key={c.id} className="num">
                        {t('committee.ui.criterionHead', { name: c.name, points: formatNumber(c.points, 0, lang) })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {current.bids.map((b, bid) => (
                    <tr key={bid}>
                      <td>{b}</td>
                      {current.criteria.map((c) => {
                        const k = cell(bid, c.id);
                        const v = sheet[k];
                        return (
                          <td key={c.id} className="num">
                            <input
                              type="number"
                              min={0}
                              max={c.points}
                              step="any"
                              className="score-input"
                              style={{ width: "6em", textAlign: "right" }}
                              aria-label={t('committee.ui.scoreLabel', { bid: b, criterion: c.name, points: c.points })}
                              aria-invalid={v !== undefined && (v < 0 || v > c.points)}
                              disabled={current.me.submitted || busy}
                              value={v ?? ''}
                              onChange={(ev) => setSheet({ ...sheet, [k]: ev.target.value === '' ? undefined : Number(ev.target.value) })}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              {!current.me.submitted && (
                <div className="row">
                  <button disabled={busy || given(current).length === 0} onClick={() => void saveDraft(current)}>
                    {t('committee.ui.saveDraft')}
                  </button>
                  <button className="primary" disabled={busy || given(current).length < current.me.of} onClick={() => void submit(current)}>
                    {t('committee.ui.submit')}
                  </button>
                </div>
              )}
            </div>
          )}

          {current.me.evaluator && !current.me.submitted ? (
            <p className="small muted">{t('committee.ui.hiddenUntilSubmit')}</p>
          ) : (
            <div className="committee-combined" data-testid="committee-combined">
              <h4>{t('committee.ui.combinedTitle')}</h4>
              {current.submitted.length === 0 ? (
                <p className="small muted">{t('committee.ui.noneSubmitted')}</p>
              ) : (
                <>
                  <table className="data-table" data-testid="committee-table">
                    <thead>
                      <tr>
                        <th>{t('committee.bid')}</th>
                        <th>{t('committee.criterion')}</th>
                        {current.evaluators.map((x) => (
                          <th key={x} className="num">
                            {x}
                          </th>
                        ))}
                        <th className="num">{t('committee.combined')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {current.committee.cells.map((c) => {
                        const k = current.criteria.find((x) => x.id === c.criterion);
                        return (
                          <tr key={`${c.bid}:${c.criterion}`}>
                            <td>{current.bids[c.bid]}</td>
                            <td>{t('committee.ui.criterionHead', { name: k?.name ?? c.criterion, points: formatNumber(k?.points ?? 0, 0, lang) })}</td>
                            {c.scores.map((s, i) => {
                              const name = current.evaluators[i]!;
                              const dropped = name === c.droppedHigh || name === c.droppedLow;
                              return (
                                <td key={name} className="num">
                                  {dropped ? <s title={t('committee.droppedNote')}>{pts(s)}</s> : pts(s)}
                                </td>
                              );
                            })}
                            <td className="num">
                              <b>{pts(c.combined)}</b>
                            </td>
                          </tr>
                        );
                      })}
                      {current.bids.map((b, bid) => (
                        <tr key={`total-${bid}`} className="total-row">
                          <td colSpan={2 + current.evaluators.length}>
                            <b>{t('committee.bidTotal', { bid: b })}</b>
                          </td>
                          <td className="num">
                            <b>{pts(current.committee.bidTotals[bid])}</b>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {current.committee.cells.some((c) => c.droppedHigh) && <p className="small muted">{t('committee.droppedNote')}</p>}
                  {!current.committee.complete && <p className="small warn-text">{t('committee.incomplete')}</p>}
                  <h4>{t('committee.flags')}</h4>
                  {current.committee.flags.length === 0 ? (
                    <p className="small" data-testid="committee-flags">
                      {t('committee.noFlags', { share: formatPercent(current.deviationShare, lang, 0) })}
                    </p>
                  ) : (
                    <ul className="small warn-text" data-testid="committee-flags">
                      {current.committee.flags.map((f) => (
                        <li key={`${f.bid}:${f.evaluator}`}>
                          {t('committee.flag', {
                            evaluator: f.evaluator,
                            bid: current.bids[f.bid] ?? String(f.bid + 1),
                            total: pts(f.total),
                            mean: pts(f.othersMean),
                            deviation: formatPercent(f.deviation, lang, 1),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
