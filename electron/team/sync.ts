/**
 * One sync with the team hub: push what this laptop made since the last sync (suppliers, then
 * quotes, then retirements), then pull what others pushed since the cursor, by the hub's change
 * number. Every step can die and be rerun: a push sends global ids the hub keeps once (a rerun
 * finds them there and only marks them here); a pull applies a page and its cursor in one local
 * transaction. The hub's refusal of a push (a role without the right) ends the push with one
 * line saying what was kept; the pull still runs.
 */
import type pg from 'pg';
import { HUB_LATEST, hubVersion, HubVersionError } from '../db/hub/migrations';
import { HubRepo } from '../db/hub/repo';
import type { TeamRepo } from '../db/repos/team';
import type { MessageRef } from '../../shared/contract/result';
import { connectHub, hubError } from './connection';
import { pushMerges } from './sync-merge';
import { syncEvaluations, type EvaluationSync } from './sync-evaluation';

export interface SyncCounts {
  suppliers: number;
  quotes: number;
  retirements: number;
  catalogEdits: number;
  resolutions: number;
  builds: number;
  bidSets: number;
}

export interface SyncResult {
  hub: string;
  user: string;
  role: string;
  tls: boolean;
  pushed: SyncCounts;
  pulled: SyncCounts & { unplaced: number; conflicts: number };
  /** The last hub change number applied here. */
  cursor: number;
  /** What is still waiting to be shared after this sync. */
  pending: SyncCounts;
  /** Catalog conflicts open here after the sync. */
  openConflicts: number;
  /** Committee evaluations pushed and pulled (present when there was any). */
  evaluations?: Omit<EvaluationSync, 'refusals'>;
  /** The hub's refusal, in one line, when it refused part of the push. */
  refused?: string;
  /** The same refusal as a UI string (team.refused.<kind>), for the UI's language. */
  refusedI18n?: MessageRef;
  at: string;
}

export class TeamNotConnectedError extends Error {
  readonly i18n = { key: 'team.err.notConnected' };
}

/** Rows per statement (and per transaction) of a push, and per page of a pull. */
const batchSize = () => {
  const n = Number(process.env.PROCURE_SYNC_BATCH);
  return Number.isInteger(n) && n > 0 && n <= 10_000 ? n : 1000;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} local ${n === 1 ? one : many}`;

/** The refusal as a UI string: the role, what stays here (for suppliers: everything waiting, since nothing went), and (retirements) whose quotes. */
const refusalRef = (role: string, kind: 'suppliers' | 'quotes' | 'retirements', pending: SyncCounts, authors = ''): MessageRef => ({
  key: `team.refused.${kind}`,
  vars: { role, count: kind === 'suppliers' ? pending.suppliers + pending.quotes + pending.retirements : pending[kind], authors },
});

/** The hub's refusal of a push, said as what the role may not do and what stays here. */
function refusal(role: string, kind: 'suppliers' | 'quotes' | 'retirements', pending: SyncCounts, detail: string): string {
  const verb = kind === 'retirements' ? 'retire these quotes' : `add ${kind}`;
  const kept = [pending.suppliers && plural(pending.suppliers, 'supplier'), pending.quotes && plural(pending.quotes, 'quote'), pending.retirements && plural(pending.retirements, 'retirement')]
    .filter(Boolean)
    .join(', ');
  return `the role ${role} may not ${verb}${detail ? ` (${detail})` : ''}: ${kept || 'nothing'} kept, not shared`;
}

const isRefusal = (e: unknown) => (e as { code?: string }).code === '42501';

/** `password`: the one the app's credential store keeps for this hub and user (PGPASSWORD and ~/.pgpass otherwise). */
export async function syncWithHub(team: TeamRepo, now: () => Date, hooks: { client?: (c: pg.Client) => void; password?: string } = {}): Promise<SyncResult> {
  const hub = team.hub();
  if (!hub) throw new TeamNotConnectedError(hubError('notConnected').message);
  const { client, tls } = await connectHub(hub.hubUrl, { user: hub.hubUser, password: hooks.password });
  hooks.client?.(client);
  try {
    const repo = new HubRepo(client);
    const version = await hubVersion(client);
    if (version < HUB_LATEST) throw new HubVersionError(`the hub's schema is version ${version}, older than this app needs (${HUB_LATEST}): an admin runs procure team init --hub URL`);
    const me = await repo.whoAmI();
    team.setRole(me.role);
    const pushed: SyncCounts = { suppliers: 0, quotes: 0, retirements: 0, catalogEdits: 0, resolutions: 0, builds: 0, bidSets: 0 };
    let refused: string | undefined;
    let refusedI18n: MessageRef | undefined;
    const size = batchSize();

    try {
      const suppliers = team.pendingSuppliers();
      for (let i = 0; i < suppliers.length; i += size) {
        const stamped = await repo.pushSuppliers(suppliers.slice(i, i + size));
        team.markSuppliers(stamped);
        pushed.suppliers += stamped.length;
      }
    } catch (e) {
      if (!isRefusal(e)) throw e;
      refused = refusal(me.role, 'suppliers', team.pendingCounts(), '');
      refusedI18n = refusalRef(me.role, 'suppliers', team.pendingCounts());
    }
    if (!refused) {
      try {
        for (;;) {
          const batch = team.pendingQuotes(size);
          if (batch.length === 0) break;
          const stamped = await repo.pushQuotes(batch);
          team.markQuotes(stamped);
          pushed.quotes += stamped.length;
          // a hub that took none of a batch would loop for ever
          if (stamped.length === 0) throw new Error('the hub took none of the quotes sent');
        }
      } catch (e) {
        if (!isRefusal(e)) throw e;
        refused = refusal(me.role, 'quotes', team.pendingCounts(), '');
        refusedI18n = refusalRef(me.role, 'quotes', team.pendingCounts());
      }
    }
    if (!refused) {
      try {
        const retires = team.pendingRetires();
        const r = await repo.retireQuotes(retires);
        team.markRetires(r.done);
        pushed.retirements += r.done.length;
        if (r.refused.length > 0) {
          const authors = [...new Set(r.refused.map((x) => x.author))].join(', ');
          refused = refusal(me.role, 'retirements', team.pendingCounts(), `added by ${authors}; a buyer retires only their own`);
          refusedI18n = refusalRef(me.role, 'retirements', team.pendingCounts(), authors);
        }
      } catch (e) {
        if (!isRefusal(e)) throw e;
        refused = refusal(me.role, 'retirements', team.pendingCounts(), '');
        refusedI18n = refusalRef(me.role, 'retirements', team.pendingCounts());
      }
    }

    // builds and bid sets, catalog edits and resolutions: each on its own, a refusal said with the others
    const merges = await pushMerges(client, team, me.role, size);
    Object.assign(pushed, merges.pushed);
    if (merges.refusals.length > 0) {
      refused = [refused, ...merges.refusals.map((r) => r.line)].filter(Boolean).join('; ');
      refusedI18n ??= merges.refusals[0]!.i18n;
    }

    const pulled = { suppliers: 0, quotes: 0, retirements: 0, catalogEdits: 0, resolutions: 0, builds: 0, bidSets: 0, unplaced: 0, conflicts: 0 };
    for (;;) {
      const cursor = team.hub()!.cursor;
      const page = await repo.changesSince(cursor, size);
      if (page.length === 0) break;
      const n = team.applyChanges(page);
      pulled.suppliers += n.suppliers;
      pulled.quotes += n.quotes;
      pulled.retirements += n.retired;
      pulled.unplaced += n.unplaced;
      pulled.catalogEdits += n.catalogEdits;
      pulled.conflicts += n.conflicts;
      pulled.builds += n.builds;
      pulled.bidSets += n.bidSets;
      if (page.length < size) break;
    }
    // after the pull: an evaluation names a bid set version the pull has just brought
    const ev = await syncEvaluations(client, team.evaluations, me.user);
    if (ev.refusals.length > 0) {
      refused = [refused, ...ev.refusals.map((r) => r.line)].filter(Boolean).join('; ');
      refusedI18n ??= ev.refusals[0]!.i18n;
    }
    const evaluationsMoved = [...Object.values(ev.pushed), ...Object.values(ev.pulled)].some((n) => n > 0);
    const at = now().toISOString();
    const result: SyncResult = {
      hub: hub.hubUrl,
      user: me.user,
      role: me.role,
      tls,
      pushed,
      pulled,
      cursor: team.hub()!.cursor,
      pending: team.pendingCounts(),
      openConflicts: team.catalog.openConflictCount(),
      ...(evaluationsMoved ? { evaluations: { pushed: ev.pushed, pulled: ev.pulled } } : {}),
      ...(refused ? { refused, refusedI18n } : {}),
      at,
    };
    team.finish(at, result);
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}
