/**
 * This laptop's link to its team hub: the one sync runner (sync now and the background sync share
 * it, so two never overlap), the background schedule, testing a connection, and the runner's state
 * for Settings → Team and the sidebar.
 *
 * A sync runs as a job (electron/jobs 'team:sync'): the network waits and the local writes happen
 * on a worker's own connection, so IPC and the loopback host keep answering while it runs. The
 * password is the credential store's (electron/team/credentials), read here and handed to the job.
 * A failed sync is remembered as a quiet status (lastError) until one succeeds, never a dialog.
 */
import type { ParsedInput } from '../../shared/contract/api';
import type { TeamSyncOut } from '../../shared/contract/team';
import { SYNC_MINUTES_DEFAULT, syncMinutesSchema, type TeamActivityOut, type TeamTestOut } from '../../shared/contract/team-link';
import { translatedError, type AppError } from '../../shared/contract/result';
import type { AppContext } from '../context';
import { HubRepo } from '../db/hub/repo';
import { jobDb, runJob } from '../jobs';
import { connectTeam, type ConnectResult } from '../team/admin';
import { connectHub, parseHubUrl, pgpassEntry, storableUrl } from '../team/connection';
import { credentialStore } from '../team/credentials';
import { hubAppError, hubCall } from '../team/errors';
import { syncWithHub } from '../team/sync';
import { teamRepo } from './team';

interface Runner {
  running: Promise<TeamSyncOut> | null;
  lastError: TeamActivityOut['lastError'];
  /** When the last sync (of either kind) started, for the schedule. */
  lastStart: number;
}

const runners = new WeakMap<AppContext, Runner>();
const runnerOf = (ctx: AppContext): Runner => {
  let r = runners.get(ctx);
  if (!r) runners.set(ctx, (r = { running: null, lastError: null, lastStart: 0 }));
  return r;
};

/** The credential store's entry for a hub URL and user. */
const entryOf = (hubUrl: string, user: string) => pgpassEntry(parseHubUrl(hubUrl, user));

/** The password for a hub and user in libpq's order after the URL's: one typed now, PGPASSWORD, the credential store's. */
export function passwordOf(url: string, user: string | undefined, typed?: string): string | undefined {
  return typed ?? (process.env.PGPASSWORD || (user ? credentialStore().get(entryOf(url, user)) : undefined));
}

/** The password kept for the connected hub and user, if any. */
function keptPassword(ctx: AppContext): string | undefined {
  const hub = teamRepo(ctx).hub();
  return hub ? credentialStore().get(entryOf(hub.hubUrl, hub.hubUser)) : undefined;
}

/**
 * One sync, or the one already running: "sync now" during a background sync waits for that one.
 * In a worker when the database is a file; inline for an in-memory one (and in the CLI, whose
 * jobs run inline anyway).
 */
export function runSync(ctx: AppContext): Promise<TeamSyncOut> {
  const r = runnerOf(ctx);
  if (r.running) return r.running;
  r.lastStart = Date.now();
  const run = async (): Promise<TeamSyncOut> => {
    const hub = teamRepo(ctx).hub();
    const password = hub ? passwordOf(hub.hubUrl, hub.hubUser) : undefined;
    const db = jobDb(ctx);
    const out = db ? await runJob('team:sync', { db, password }) : await hubCall(() => syncWithHub(teamRepo(ctx), ctx.clock, { password }));
    return out as TeamSyncOut;
  };
  r.running = run().then(
    (out) => {
      r.lastError = null;
      r.running = null;
      return out;
    },
    (e: unknown) => {
      const err = hubAppError(e) as Error & { i18n?: AppError['i18n'] };
      r.lastError = { message: err.message ?? String(e), ...(err.i18n ? { i18n: err.i18n } : {}), at: ctx.clock().toISOString() };
      r.running = null;
      throw err;
    },
  );
  return r.running;
}

export function syncMinutes(ctx: AppContext): number {
  const v = syncMinutesSchema.safeParse(ctx.settings.get<unknown>('teamSyncMinutes'));
  return v.success ? v.data : SYNC_MINUTES_DEFAULT;
}

export function setSyncMinutes(ctx: AppContext, input: ParsedInput<'team:schedule'>): { minutes: number } {
  ctx.settings.set('teamSyncMinutes', input.minutes);
  return { minutes: input.minutes };
}

export function teamActivity(ctx: AppContext): TeamActivityOut {
  const r = runnerOf(ctx);
  const store = credentialStore();
  return {
    syncing: r.running !== null,
    intervalMinutes: syncMinutes(ctx),
    lastError: r.lastError,
    credentialStore: store.kind,
    passwordKept: Boolean(process.env.PGPASSWORD) || keptPassword(ctx) !== undefined,
  };
}

/** Log in to a hub (the given one, or the connected one) and say who this is; nothing is synced or kept. */
export async function testTeamHub(ctx: AppContext, input: ParsedInput<'team:test'>): Promise<TeamTestOut> {
  const hub = teamRepo(ctx).hub();
  const url = input?.hub ?? hub?.hubUrl;
  const user = input?.user ?? (input?.hub ? undefined : hub?.hubUser);
  if (!url) throw translatedError('not-found', 'team.err.notConnected');
  return hubCall(async () => {
    const t0 = performance.now();
    const password = passwordOf(url, user, input?.password);
    const { client, tls, target } = await connectHub(url, { user, password });
    try {
      const me = await new HubRepo(client).whoAmI();
      return { hub: storableUrl(url), user: target.user, role: me.role, tls, ms: Math.round(performance.now() - t0) };
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/**
 * Connect this database to a hub as a user. A password typed in Settings → Team is tried first and
 * kept by the credential store only once the hub accepted it; without one, the kept one, PGPASSWORD
 * or ~/.pgpass is used (the CLI's way).
 */
export function connectTeamHub(ctx: AppContext, input: ParsedInput<'team:connect'>): Promise<ConnectResult> {
  return hubCall(async () => {
    const password = passwordOf(input.hub, input.user, input.password);
    const r = await connectTeam(teamRepo(ctx), input.hub, input.user, ctx.clock(), password);
    if (input.password) credentialStore().set(entryOf(input.hub, input.user), input.password);
    runnerOf(ctx).lastError = null;
    return r;
  });
}

/**
 * The background sync: every `tickMs` it looks whether this database is connected, the interval
 * is on, no sync runs, and the interval has passed since the last one started (or the last
 * recorded sync, after a restart); then it syncs. Failures land in lastError. Returns stop().
 */
export function startTeamSchedule(ctx: AppContext, opts: { tickMs?: number; now?: () => number } = {}): () => void {
  const now = opts.now ?? Date.now;
  const tick = () => {
    try {
      const minutes = syncMinutes(ctx);
      const hub = teamRepo(ctx).hub();
      const r = runnerOf(ctx);
      if (!hub || minutes === 0 || r.running) return;
      const last = Math.max(r.lastStart, hub.lastSyncAt ? Date.parse(hub.lastSyncAt) : 0);
      if (now() - last < minutes * 60_000) return;
      runSync(ctx).catch(() => undefined); // kept in lastError
    } catch {
      // the database is being restored or closed: the next tick looks again
    }
  };
  const timer = setInterval(tick, opts.tickMs ?? 30_000);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
