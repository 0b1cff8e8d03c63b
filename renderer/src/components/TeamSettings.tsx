/**
 * Settings → Team: connect this laptop to the team hub (URL, user, a password entered once and
 * kept by the credential store), test the connection, sync now, the last sync and its counts per
 * kind, the background interval, and the catalog conflicts to resolve. Failures are quiet lines.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamSyncOut } from '../../../shared/contract/team';
import { SYNC_MINUTES_DEFAULT } from '../../../shared/contract/team-link';
import { formatDateTime } from '../../../shared/format';
import { useTeam, type TeamNote } from '../stores/team';
import { useSettings } from '../stores/settings';
import { NumberField } from './NumberField';

const NOT_KINDS = new Set(['unplaced', 'conflicts']);

/** The kinds a sync counts (suppliers, quotes, retirements, and whatever else the hub shares), in the order first seen. */
function kindsOf(...counts: (Record<string, number> | undefined)[]): string[] {
  const out: string[] = [];
  for (const c of counts) for (const k of Object.keys(c ?? {})) if (!NOT_KINDS.has(k) && !out.includes(k)) out.push(k);
  return out;
}

function lastSync(v: unknown): TeamSyncOut | null {
  return v && typeof v === 'object' && 'pushed' in v && 'pulled' in v ? (v as TeamSyncOut) : null;
}

export function TeamSettings() {
  const { t } = useTranslation();
  const zone = useSettings((s) => s.zone.timeZone);
  const { status, activity, conflicts, busy, note, error, load, connect, test, syncNow, setMinutes, resolve } = useTeam();
  // the fields show the connected hub and user until the user types
  const [hubDraft, setHub] = useState<string | null>(null);
  const [userDraft, setUser] = useState<string | null>(null);
  const hub = hubDraft ?? status?.hub ?? '';
  const user = userDraft ?? status?.user ?? '';
  const [password, setPassword] = useState('');
  const [minutes, setMinutesDraft] = useState<number | undefined>(undefined);
  useEffect(() => void load(), [load]);

  const noteText = (n: TeamNote) => ('text' in n ? n.text : t(n.key, { ...n.vars, ...(n.vars?.tls ? { tls: t(`team.${n.vars.tls}`) } : {}) }));
  const last = lastSync(status?.lastResult);
  const kinds = kindsOf(last?.pushed as unknown as Record<string, number>, last?.pulled as unknown as Record<string, number>, status?.pending as unknown as Record<string, number>);
  const onConnect = async (e: FormEvent) => {
    e.preventDefault();
    if (await connect({ hub: hub.trim(), user: user.trim(), ...(password ? { password } : {}) })) setPassword('');
  };
  const shownMinutes = minutes ?? activity?.intervalMinutes ?? SYNC_MINUTES_DEFAULT;

  return (
    <section className="card team-settings" aria-labelledby="team-title" data-testid="team-settings">
      <h2 id="team-title">{t('team.title')}</h2>
      <p className="small muted">{t('team.hint')}</p>
      <form className="team-connect" onSubmit={(e) => void onConnect(e)}>
        <label className="num-field wide">
          <span>{t('team.hub')}</span>
          <input value={hub} onChange={(e) => setHub(e.target.value)} placeholder="postgresql://hub.example.com/procure?sslmode=verify-full" spellCheck={false} />
        </label>
        <div className="row">
          <label className="num-field">
            <span>{t('team.user')}</span>
            <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" spellCheck={false} />
          </label>
          <label className="num-field">
            <span>{activity?.passwordKept ? t('team.password') : t('team.passwordNew')}</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" aria-describedby="team-password-hint" />
          </label>
        </div>
        <p id="team-password-hint" className="small muted">
          {t('team.passwordHint', { store: t(`team.store.${activity?.credentialStore ?? 'pgpass'}`) })}
        </p>
        <div className="row">
          <button type="submit" className="primary" disabled={busy !== null || !hub.trim() || !user.trim()}>
            {t('team.connect')}
          </button>
          <button type="button" disabled={busy !== null || !hub.trim()} onClick={() => void test({ hub: hub.trim(), ...(user.trim() ? { user: user.trim() } : {}), ...(password ? { password } : {}) })}>
            {busy === 'test' ? t('team.testing') : t('team.test')}
          </button>
        </div>
      </form>
      {(note || error) && (
        <p className={error ? 'field-error' : 'small'} role="status" data-testid="team-note">
          {error ?? (note ? noteText(note) : '')}
        </p>
      )}
      {status?.connected && (
        <>
          <p className="small" data-testid="team-connected">
            {t('team.connectedAs', { user: status.user, role: status.role ?? '?', hub: status.hub })}
          </p>
          <div className="row">
            <button className="primary" disabled={busy !== null || activity?.syncing} onClick={() => void syncNow()}>
              {busy === 'sync' || activity?.syncing ? t('team.syncing') : t('team.syncNow')}
            </button>
            <span className="small muted" data-testid="team-last-sync">
              {status.lastSyncAt ? t('team.lastSyncAt', { at: formatDateTime(status.lastSyncAt, zone), cursor: status.cursor ?? 0 }) : `${t('team.lastSync')}: ${t('team.never')}`}
            </span>
          </div>
          {activity?.lastError && (
            <p className="small warn-text" role="status" data-testid="team-last-error">
              {activity.lastError.i18n ? t(activity.lastError.i18n.key, activity.lastError.i18n.vars ?? {}) : activity.lastError.message}
            </p>
          )}
          <table className="data-table team-counts" data-testid="team-counts">
            <thead>
              <tr>
                <th>{t('team.kind')}</th>
                <th className="num">{t('team.pushed')}</th>
                <th className="num">{t('team.pulled')}</th>
                <th className="num">{t('team.pending')}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => (
                <tr key={k}>
                  <td>{t(`team.kinds.${k}`, { defaultValue: k })}</td>
                  <td className="num">{last ? ((last.pushed as unknown as Record<string, number>)[k] ?? 0) : '—'}</td>
                  <td className="num">{last ? ((last.pulled as unknown as Record<string, number>)[k] ?? 0) : '—'}</td>
                  <td className="num">{(status.pending as unknown as Record<string, number>)[k] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {status.unplaced > 0 && <p className="small muted">{t('team.unplaced', { count: status.unplaced })}</p>}
          <div className="row">
            <NumberField label={t('team.interval')} value={shownMinutes} min={0} max={1440} integer onChange={(v) => setMinutesDraft(v)} />
            <button disabled={busy !== null || minutes === undefined || minutes === activity?.intervalMinutes} onClick={() => void setMinutes(minutes!).then(() => setMinutesDraft(undefined))}>
              {t('team.intervalSave')}
            </button>
          </div>
          <h3>{t('team.conflicts')}</h3>
          {conflicts === null ? (
            <p className="small muted">{t('team.conflictsLater')}</p>
          ) : conflicts.filter((c) => c.status === 'open').length === 0 ? (
            <p className="small muted">{t('team.noConflicts')}</p>
          ) : (
            <table className="data-table" data-testid="team-conflicts">
              <thead>
                <tr>
                  <th>{t('team.conflict.field')}</th>
                  <th>{t('team.conflict.earlier')}</th>
                  <th>{t('team.conflict.later')}</th>
                  <th>
                    <span className="sr-only">{t('team.conflicts')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {conflicts
                  .filter((c) => c.status === 'open')
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        {c.part} · {t(`figure.${c.field}`, { defaultValue: c.field })}
                      </td>
                      <td>{t('team.conflict.side', { value: JSON.stringify(c.earlier.value), who: c.earlier.author, at: formatDateTime(c.earlier.pushedAt, zone) })}</td>
                      <td>{t('team.conflict.side', { value: JSON.stringify(c.later.value), who: c.later.author, at: formatDateTime(c.later.pushedAt, zone) })}</td>
                      <td>
                        {c.pending ? (
                          <span className="small muted">{t(`team.conflict.pending.${c.pending}`)}</span>
                        ) : (
                          <span className="row">
                            <button onClick={() => void resolve(c.id, 'confirm')}>{t('team.conflict.confirm')}</button>
                            <button onClick={() => void resolve(c.id, 'reverse')}>{t('team.conflict.reverse')}</button>
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
