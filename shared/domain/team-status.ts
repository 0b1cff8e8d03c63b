/**
 * The team hub status as the sidebar and Settings → Team say it: offline, syncing, synced N min
 * ago, not synced yet, and how many local changes wait to be shared. Pure: the caller passes the
 * instant now; the words are UI string keys (team.status.*, team.ago.*).
 */

export interface StatusRef {
  key: string;
  vars?: Record<string, string | number>;
}

export interface TeamStatusInput {
  connected: boolean;
  lastSyncAt?: string | null;
  /** Counts per kind waiting to be shared (suppliers, quotes, retirements, catalog edits, …). */
  pending: object;
}

export interface TeamActivityInput {
  syncing: boolean;
  lastError: { message: string } | null;
}

export interface TeamStatusLine {
  /** `team.status.synced` takes `ago` (translated first) as its {{ago}}. */
  main: StatusRef;
  ago?: StatusRef;
  /** "3 changes to share", when any wait. */
  share?: StatusRef;
  tone: 'ok' | 'quiet' | 'warn';
}

/** All local changes waiting for the hub, whatever their kind. */
export function pendingTotal(pending: object): number {
  return Object.values(pending).reduce((s: number, n: unknown) => s + (typeof n === 'number' && Number.isFinite(n) ? n : 0), 0);
}

/** "just now" under a minute, then whole minutes, hours (from 60 min), days (from 24 h); a future instant is "just now". */
export function agoRef(since: string, now: Date): StatusRef {
  const ms = now.getTime() - Date.parse(since);
  const min = Math.floor(ms / 60_000);
  if (!Number.isFinite(min) || min < 1) return { key: 'team.ago.now' };
  if (min < 60) return { key: 'team.ago.minutes', vars: { count: min } };
  const h = Math.floor(min / 60);
  if (h < 24) return { key: 'team.ago.hours', vars: { count: h } };
  return { key: 'team.ago.days', vars: { count: Math.floor(h / 24) } };
}

export function teamStatusLine(status: TeamStatusInput, activity: TeamActivityInput | null, now: Date): TeamStatusLine {
  const n = pendingTotal(status.pending);
  const share = n > 0 ? { share: { key: 'team.status.toShare', vars: { count: n } } } : {};
  if (!status.connected) return { main: { key: 'team.status.notConnected' }, ...share, tone: 'quiet' };
  if (activity?.syncing) return { main: { key: 'team.status.syncing' }, ...share, tone: 'quiet' };
  if (activity?.lastError) return { main: { key: 'team.status.offline' }, ...share, tone: 'warn' };
  if (!status.lastSyncAt) return { main: { key: 'team.status.never' }, ...share, tone: 'quiet' };
  return { main: { key: 'team.status.synced' }, ago: agoRef(status.lastSyncAt, now), ...share, tone: 'ok' };
}
