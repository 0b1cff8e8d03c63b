/**
 * Handlers of catalog conflicts, shared builds and bid sets, and a row's hub history: plain
 * functions of (context, input) over the team repositories. Sharing and resolving are recorded
 * here and pushed by the next sync (the hub's GRANTs and row-level security decide whether the
 * role may); a duplicate is a new local build or bid set, checked as one made by hand is.
 */
import { channels, type ParsedInput } from '../../shared/contract/api';
import type { BuildRecord } from '../../shared/scenario/build';
import { translatedError } from '../../shared/contract/result';
import { issuesOf } from '../../shared/document/parse';
import { issueVar } from '../../shared/i18n/translate';
import type { CatalogConflictView, SharedDocView, TeamHistoryEntry, TeamShareOut } from '../../shared/contract/team-merge';
import type { AppContext } from '../context';
import { HubRepo } from '../db/hub/repo';
import { connectHub, hubError } from '../team/connection';
import { hubCall } from '../team/errors';
import { TeamNotConnectedError } from '../team/sync';
import { bidHandlers } from './bids';
import { createBuild } from './builds';
import { passwordOf } from './team-link';
import { teamRepo } from './team';

const me = (ctx: AppContext) => teamRepo(ctx).hub()?.hubUser;

export const teamConflicts = (ctx: AppContext, input: ParsedInput<'team:conflicts'>): CatalogConflictView[] => teamRepo(ctx).catalog.conflicts(input?.all === true, me(ctx));

export const resolveConflict = (ctx: AppContext, input: ParsedInput<'team:resolve'>): CatalogConflictView =>
  teamRepo(ctx).catalog.resolve(input.id, input.decision, ctx.clock().toISOString(), me(ctx));

/** One local build or bid set by id or by its exact name (a name two of them share is asked by id). */
function pick<T extends { id: number; name: string }>(all: T[], what: string, ref: { id?: number; name?: string }): T {
  const found = ref.id !== undefined ? all.filter((x) => x.id === ref.id) : all.filter((x) => x.name === ref.name);
  if (found.length === 0) throw translatedError('not-found', ref.id !== undefined ? 'errors.teamShare.noId' : 'errors.teamShare.noName', { what: { key: `errors.teamShare.what.${what}` }, id: ref.id ?? '', name: ref.name ?? '' });
  if (found.length > 1) throw translatedError('conflict', 'errors.teamShare.sameName', { n: found.length, what: { key: `errors.teamShare.whats.${what}` }, name: ref.name ?? '', ids: found.map((x) => x.id).join(', ') });
  return found[0]!;
}

/** A build as it is shared: its assumptions and lines, a pinned quote by its global id. */
function buildBody(ctx: AppContext, b: BuildRecord): unknown {
  const team = teamRepo(ctx);
  const lines = b.lines.map(({ pinQuoteId, ...l }) => {
    const gid = pinQuoteId !== undefined ? team.shared.quoteGid(pinQuoteId) : undefined;
    return gid ? { ...l, pinQuoteGid: gid } : l;
  });
  return { assumptions: b.assumptions, lines };
}

export function shareLocal(ctx: AppContext, input: ParsedInput<'team:share'>): TeamShareOut {
  const at = ctx.clock().toISOString();
  const shared = teamRepo(ctx).shared;
  if (input.kind === 'build') {
    const b = pick(ctx.builds.list(), 'build', input);
    return shared.share('build', b.id, b.name, buildBody(ctx, b), at);
  }
  const s = pick(ctx.bidSets.list(), 'bid set', input);
  return shared.share('bidset', s.id, s.name, ctx.bidSets.get(s.id).body, at);
}

export const sharedList = (ctx: AppContext, input: ParsedInput<'team:shared-list'>): SharedDocView[] =>
  teamRepo(ctx).shared.list(input?.kind, input?.history === true, me(ctx));

/** A local, editable copy of a shared version: a build's pinned quote kept where this laptop has that quote. */
export function duplicateShared(ctx: AppContext, input: ParsedInput<'team:duplicate'>): { kind: 'build' | 'bidset'; id: number; name: string } {
  const team = teamRepo(ctx);
  const v = team.shared.version(input);
  const name = input.name ?? `${v.name} (${v.author ?? me(ctx) ?? 'shared'} v${v.version ?? '–'})`.slice(0, 200);
  if (v.kind === 'bidset') {
    const saved = bidHandlers['bids:save'](ctx, channels['bids:save'].input.parse({ name, body: v.body }));
    return { kind: 'bidset', id: saved.id, name: saved.name };
  }
  const body = (v.body ?? {}) as { assumptions?: unknown; lines?: ({ pinQuoteGid?: string } & Record<string, unknown>)[] };
  const lines = (Array.isArray(body.lines) ? body.lines : []).map(({ pinQuoteGid, ...l }) => {
    const id = typeof pinQuoteGid === 'string' ? team.shared.quoteId(pinQuoteGid) : undefined;
    return id !== undefined ? { ...l, pinQuoteId: id } : l;
  });
  const parsed = channels['builds:create'].input.safeParse({ name, assumptions: body.assumptions, lines });
  if (!parsed.success) throw translatedError('invalid-input', 'errors.teamShare.cannotOpen', { name: v.name, detail: issuesOf(parsed.error).slice(0, 1).map(issueVar) });
  const b = createBuild(ctx, parsed.data);
  return { kind: 'build', id: b.id, name: b.name };
}

const HISTORY_TABLES = { part: ['catalog_edit', 'catalog_field', 'catalog_conflict'], quote: ['quote'], supplier: ['supplier'] } as const;

/** A row's history from the hub's audit (online: the audit lives on the hub). */
export const hubHistory = (ctx: AppContext, input: ParsedInput<'team:history'>): Promise<TeamHistoryEntry[]> => hubCall(() => history(ctx, input));

async function history(ctx: AppContext, input: ParsedInput<'team:history'>): Promise<TeamHistoryEntry[]> {
  const team = teamRepo(ctx);
  const hub = team.hub();
  if (!hub) throw new TeamNotConnectedError(hubError('notConnected').message);
  let key = input.gid;
  if (key === undefined) {
    if (input.kind !== 'quote') throw translatedError('invalid-input', 'errors.teamShare.askByGid');
    key = team.shared.quoteGid(input.id!);
    if (!key) throw translatedError('not-found', 'errors.teamShare.noQuote', { id: input.id ?? '' });
  }
  const password = passwordOf(hub.hubUrl, hub.hubUser);
  const { client } = await connectHub(hub.hubUrl, { user: hub.hubUser, password });
  try {
    const rows = await new HubRepo(client).history(key, HISTORY_TABLES[input.kind]);
    return rows.map((r) => ({ at: r.at, who: r.who, op: r.op, table: r.table_name, old: r.old_row, new: r.new_row }));
  } finally {
    await client.end().catch(() => undefined);
  }
}
