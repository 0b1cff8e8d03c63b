/** The sidebar's small team line: offline / syncing / synced 5 min ago, and "3 changes to share" (details: Settings → Team). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamStatusLine } from '../../../shared/domain/team-status';
import { pollTeam, useTeam } from '../stores/team';

export function TeamStatus() {
  const { t } = useTranslation();
  const status = useTeam((s) => s.status);
  const activity = useTeam((s) => s.activity);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const stop = pollTeam();
    const clock = setInterval(() => setNow(new Date()), 30_000);
    return () => (stop(), clearInterval(clock));
  }, []);
  // the clock only ages "N min ago"; a sync newer than it reads "just now"
  if (!status) return null;
  const line = teamStatusLine(status, activity, now);
  const main = t(line.main.key, { ...line.main.vars, ago: line.ago ? t(line.ago.key, line.ago.vars) : '' });
  return (
    <div className={`team-status ${line.tone}`} role="status" data-testid="team-status" title={activity?.lastError?.message ?? undefined}>
      <span>{main}</span>
      {line.share && <span className="small">{t(line.share.key, line.share.vars)}</span>}
    </div>
  );
}
