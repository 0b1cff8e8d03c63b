/**
 * `procure team conflicts|resolve|share|shared|duplicate|history`: catalog conflicts and their
 * resolution, shared builds and bid sets, and a row's history on the hub, through `dispatch`.
 * Resolving and sharing are recorded here and pushed by the next `procure sync`.
 */
import type { CatalogConflictView, ConflictSide, SharedDocView } from '../../../shared/contract/team-merge';
import { call, cliError, toJson, type CliIo } from '../io';

export const TEAM_MERGE_HELP = `  procure team conflicts [--all] [--json]             catalog conflicts pulled here (open ones unless --all)
  procure team resolve ID confirm|reverse             a catalog keeper's decision (or --keep hub|local); shared at the next sync
  procure team share build|bidset NAME                share a build or bid set (a new version when it changed); pushed at the next sync
  procure team shared [build|bidset] [--history] [--json]
                                                       shared builds and bid sets pulled here, the latest version of each
  procure team duplicate ID [--name NAME]             a local editable copy of a shared build or bid set (ID: its doc or version id)
  procure team history part|quote|supplier KEY [--json]
                                                       a row's history from the hub's audit (a part by slug, a quote by id or gid)`;

export interface MergeFlags {
  json?: boolean;
  all?: boolean;
  history?: boolean;
  keep?: string;
  name?: string;
}

const shown = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const side = (s: ConflictSide) => `${shown(s.value)} by ${s.author}, edited ${s.editedAt}, pushed ${s.pushedAt} (source: ${s.source.title || '–'}${s.source.asOf ? `, as of ${s.source.asOf}` : ''})`;

export function renderConflict(c: CatalogConflictView): string {
  const state = c.status === 'open' ? (c.pending ? `open; ${c.pending} recorded here, shared at the next sync` : 'open') : `${c.status} by ${c.resolvedBy ?? '?'} ${c.resolvedAt ?? ''}`.trim();
  return [`${c.id}  ${c.part} ${c.field}  [${state}]`, `  hub (later):  ${side(c.later)}`, `  earlier:      ${side(c.earlier)}`].join('\n');
}

const renderDoc = (d: SharedDocView) =>
  [
    `${d.docId}  ${d.kind} "${d.latest.name}" v${d.latest.version || '(not yet shared)'} by ${d.author}${d.mine ? ' (yours)' : ''}${d.pending ? '; a new version waits for the next sync' : ''}`,
    ...(d.versions ?? []).map((v) => `  v${v.version || '–'}  ${v.sharedAt}  "${v.name}"  ${v.versionId}`),
  ].join('\n');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The exit status of one of these subcommands, or undefined when `sub` is none of them. */
export async function teamMergeCommand(sub: string, rest: string[], f: MergeFlags, io: CliIo): Promise<number | undefined> {
  const out = (v: unknown, text: () => string) => io.out(f.json ? toJson(v) : text());
  switch (sub) {
    case 'conflicts': {
      const list = await call(io.ctx(), 'team:conflicts', { all: f.all === true });
      out(list, () => (list.length ? list.map(renderConflict).join('\n') : f.all ? 'no catalog conflicts' : 'no open catalog conflicts'));
      return 0;
    }
    case 'resolve': {
      const [id, word] = rest;
      if (!id) throw cliError('usage', { usage: 'team resolve ID confirm|reverse (or --keep hub|local)' });
      let decision: 'confirm' | 'reverse' | undefined = word === 'confirm' || word === 'reverse' ? word : undefined;
      if (!decision && f.keep === 'hub') decision = 'confirm';
      if (!decision && f.keep === 'local') {
        // this laptop's side: the later value stands if it was ours, the earlier one comes back if that was ours
        const c = (await call(io.ctx(), 'team:conflicts', { all: true })).find((x) => x.id === id.toLowerCase());
        if (!c) throw cliError('team.noConflict', { id });
        if (!c.mine) throw cliError('team.notYours', { id, later: shown(c.later.value), earlier: shown(c.earlier.value) });
        decision = c.mine === 'later' ? 'confirm' : 'reverse';
      }
      if (!decision) throw cliError('team.sayDecision');
      const c = await call(io.ctx(), 'team:resolve', { id, decision });
      out(c, () => `${renderConflict(c)}\n${decision === 'confirm' ? 'confirmed' : 'reversed'} here; procure sync shares it`);
      return 0;
    }
    case 'share': {
      const [kind, ...name] = rest;
      if ((kind !== 'build' && kind !== 'bidset') || name.length === 0) throw cliError('usage', { usage: 'team share build|bidset NAME' });
      const n = name.join(' ');
      const r = await call(io.ctx(), 'team:share', /^\d+$/.test(n) ? { kind, id: Number(n) } : { kind, name: n });
      out(r, () => (r.status === 'queued' ? `${kind} "${r.name}" queued for sharing (doc ${r.docId}); procure sync shares it` : `${kind} "${r.name}" is unchanged since its last share (doc ${r.docId})`));
      return 0;
    }
    case 'shared': {
      const kind = rest[0] === 'build' || rest[0] === 'bidset' ? rest[0] : undefined;
      const list = await call(io.ctx(), 'team:shared-list', { ...(kind ? { kind } : {}), history: f.history === true });
      out(list, () => (list.length ? list.map(renderDoc).join('\n') : 'no shared builds or bid sets here yet (procure sync pulls them)'));
      return 0;
    }
    case 'duplicate': {
      const id = rest[0];
      if (!id || !UUID.test(id)) throw cliError('usage', { usage: 'team duplicate ID [--name NAME] (ID: a doc or version id from procure team shared --history)' });
      const docs = await call(io.ctx(), 'team:shared-list', { history: true });
      const isDoc = docs.some((d) => d.docId === id.toLowerCase());
      const r = await call(io.ctx(), 'team:duplicate', { ...(isDoc ? { docId: id } : { versionId: id }), ...(f.name ? { name: f.name } : {}) });
      out(r, () => `${r.kind === 'build' ? 'build' : 'bid set'} ${r.id} "${r.name}" made here, yours to edit`);
      return 0;
    }
    case 'history': {
      const [kind, key] = rest;
      if ((kind !== 'part' && kind !== 'quote' && kind !== 'supplier') || !key) throw cliError('usage', { usage: 'team history part|quote|supplier KEY' });
      const rows = await call(io.ctx(), 'team:history', kind === 'quote' && /^\d+$/.test(key) ? { kind, id: Number(key) } : { kind, gid: key });
      out(rows, () => (rows.length ? rows.map((r) => `${r.at}  ${r.who}  ${r.op} ${r.table}${r.new ? `  ${JSON.stringify(r.new)}` : ''}`).join('\n') : 'nothing on the hub for it yet'));
      return 0;
    }
    default:
      return undefined;
  }
}
