/**
 * Team hub handlers: plain functions of (context, input) over electron/team, for the CLI, IPC and
 * the loopback host alike (connect, sync and the background schedule: team-link.ts). A hub that cannot be reached, a login refused, or a statement the
 * hub's roles refuse become one-line typed errors; a sync whose push the hub partly refused is
 * a value (its `refused` line), since what could be shared was, and the pull ran.
 */
import type { ParsedInput } from '../../shared/contract/api';
import type { TeamStatusOut } from '../../shared/contract/team';
import type { AppContext } from '../context';
import { TeamRepo } from '../db/repos/team';
import { addHubUser, initHub } from '../team/admin';
import { hubCall } from '../team/errors';

const repos = new WeakMap<AppContext['db'], TeamRepo>();
/** The team repository of this context's database, prepared once. */
export function teamRepo(ctx: AppContext): TeamRepo {
  let r = repos.get(ctx.db);
  if (!r) repos.set(ctx.db, (r = new TeamRepo(ctx.db)));
  return r;
}

export const initTeamHub = (_ctx: AppContext, input: ParsedInput<'team:init'>) => hubCall(() => initHub(input.hub));
export const addTeamUser = (_ctx: AppContext, input: ParsedInput<'team:add-user'>) => hubCall(() => addHubUser(input.hub, input.user, input.role));
// team:connect and team:sync: team-link.ts (the credential store and the one sync runner)

export function teamStatus(ctx: AppContext): TeamStatusOut {
  const team = teamRepo(ctx);
  const hub = team.hub();
  const base = { pending: team.pendingCounts(), unplaced: team.unplacedCount(), openConflicts: team.catalog.openConflictCount() };
  if (!hub) return { connected: false, ...base };
  return { connected: true, hub: hub.hubUrl, user: hub.hubUser, role: hub.role, cursor: hub.cursor, lastSyncAt: hub.lastSyncAt, lastResult: hub.lastResult, ...base };
}
