/**
 * Team hub handlers: plain functions of (context, input) over electron/team, for the CLI, IPC and
 * the loopback host alike. A hub that cannot be reached, a login refused, or a statement the
 * hub's roles refuse become one-line typed errors; a sync whose push the hub partly refused is
 * a value (its `refused` line), since what could be shared was, and the pull ran.
 */
import { AppError } from '../../shared/contract/result';
import type { ParsedInput } from '../../shared/contract/api';
import type { TeamStatusOut, TeamSyncOut } from '../../shared/contract/team';
import type { AppContext } from '../context';
import { TeamRepo } from '../db/repos/team';
import { HubVersionError } from '../db/hub/migrations';
import { addHubUser, connectTeam, initHub } from '../team/admin';
import { HubConnectError } from '../team/connection';
import { syncWithHub, TeamNotConnectedError } from '../team/sync';

const repos = new WeakMap<AppContext['db'], TeamRepo>();
/** The team repository of this context's database, prepared once. */
export function teamRepo(ctx: AppContext): TeamRepo {
  let r = repos.get(ctx.db);
  if (!r) repos.set(ctx.db, (r = new TeamRepo(ctx.db)));
  return r;
}

/** PostgreSQL's answers as the envelope's errors: refusals are conflicts, bad values invalid input. */
async function hubCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof HubConnectError || e instanceof HubVersionError) throw new AppError('unsupported', e.message);
    if (e instanceof TeamNotConnectedError) throw new AppError('not-found', e.message);
    const code = (e as { code?: string }).code;
    const msg = `the hub: ${(e as Error).message}`;
    if (code === '42501' || code === '42710') throw new AppError('conflict', msg);
    if (code?.startsWith('22') || code?.startsWith('23')) throw new AppError('invalid-input', msg);
    if (code === 'ECONNRESET' || code === '57P01' || /Connection terminated/i.test((e as Error).message ?? '')) {
      throw new AppError('unsupported', `the connection to the hub was lost (${(e as Error).message}); nothing is lost: sync again`);
    }
    throw e;
  }
}

export const initTeamHub = (_ctx: AppContext, input: ParsedInput<'team:init'>) => hubCall(() => initHub(input.hub));
export const addTeamUser = (_ctx: AppContext, input: ParsedInput<'team:add-user'>) => hubCall(() => addHubUser(input.hub, input.user, input.role));
export const connectTeamHub = (ctx: AppContext, input: ParsedInput<'team:connect'>) => hubCall(() => connectTeam(teamRepo(ctx), input.hub, input.user, ctx.clock()));
export const syncTeam = (ctx: AppContext): Promise<TeamSyncOut> => hubCall(() => syncWithHub(teamRepo(ctx), ctx.clock));

export function teamStatus(ctx: AppContext): TeamStatusOut {
  const team = teamRepo(ctx);
  const hub = team.hub();
  const base = { pending: team.pendingCounts(), unplaced: team.unplacedCount() };
  if (!hub) return { connected: false, ...base };
  return { connected: true, hub: hub.hubUrl, user: hub.hubUser, role: hub.role, cursor: hub.cursor, lastSyncAt: hub.lastSyncAt, lastResult: hub.lastResult, ...base };
}
