/**
 * `procure team init|add-user|connect|status` and `procure sync`: the team hub from the command
 * line, through `dispatch` like every command. The password comes from PGPASSWORD or ~/.pgpass
 * (or the URL for a one-off), and is never stored.
 *
 * `--lang zh-CN` prints the output and the errors that have a UI string in Chinese (team.cli.*,
 * team.err.*, team.refused.*); English is the default.
 *
 * Exit status: 0 on success; 1 on errors (hub unreachable, login refused, invalid input); 4 when
 * the hub refused part of a sync's push (one line on stderr says what was kept, not shared).
 */
import { parseArgs } from 'node:util';
import type { TeamCounts, TeamSyncOut } from '../../../shared/contract/team';
import type { Channel, Input, Output } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { tr, type Lang } from '../../../shared/i18n/translate';
import { dispatch } from '../../handlers';
import { CliError, toJson, type CliIo } from '../io';
import type { Command } from './index';
import { TEAM_MERGE_HELP, teamMergeCommand } from './team-merge';
import { TEAM_EVALUATE_HELP, teamEvaluateCommand } from './team-evaluate';

export const TEAM_USAGE = 'team init|add-user|connect|status|conflicts|resolve|share|shared|duplicate|history|evaluate [--hub URL] [--user NAME] [--role ROLE] [--json]';
export const SYNC_USAGE = 'sync [--json] [--lang en|zh-CN]';
export const EXIT_REFUSED = 4;

const TEAM_HELP = `usage:
  procure team init --hub URL                          create or upgrade the hub's schema and roles (admin)
  procure team add-user NAME --role ROLE --hub URL [--json]
                                                       add a user (viewer, buyer, catalog_keeper, evaluator, admin); prints a one-time password
  procure team connect --hub URL --user NAME [--db PATH]
                                                       connect this database (password: PGPASSWORD or ~/.pgpass)
  procure team status [--db PATH] [--json]             the hub, the cursor, the last sync and what waits to be shared
${TEAM_MERGE_HELP}
${TEAM_EVALUATE_HELP}
  procure sync [--db PATH] [--json]                    push local suppliers, quotes, catalog edits and shares; pull others'
URL: postgresql://HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE] (sslmode as in libpq; default prefer)
--lang en|zh-CN: the language of init, add-user, connect, status and sync output and of their errors`;

/** A handler call whose refusal is worded in `lang` when it carries a UI string. */
async function call<C extends Channel>(ctx: ReturnType<CliIo['ctx']>, channel: C, input: Input<C> | undefined, lang: Lang): Promise<Output<C>> {
  const r = (await dispatch(ctx, channel, input)) as Result<Output<C>>;
  // by its key: runCli says it in the chosen language (the same as `lang`)
  if (!r.ok) throw new CliError(lang === 'en' ? r.error.message : (r.error.i18n ?? r.error.message));
  return r.value;
}

/** The --lang value, or undefined (after saying so) when it is neither en nor zh-CN. */
function langOf(io: CliIo, v: string | undefined): Lang | undefined {
  // --lang is the CLI's global option (runCli takes it and reads LANG / LC_ALL without it)
  if (v === undefined || v === 'en' || v === 'zh-CN') return v ?? io.lang;
  io.err(`procure team: ${tr('en', 'team.cli.lang')}\n${TEAM_HELP}`);
  return undefined;
}

function parse(io: CliIo, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        hub: { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        all: { type: 'boolean' },
        history: { type: 'boolean' },
        keep: { type: 'string' },
        name: { type: 'string' },
        lang: { type: 'string' },
        evaluators: { type: 'string' },
        share: { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    io.err(`procure team: ${(e as Error).message}\n${TEAM_HELP}`);
    return undefined;
  }
}

const need = (io: CliIo, v: string | undefined, what: string): v is string => {
  if (v) return true;
  io.err(`procure team: ${io.t('required', { what })}\n${TEAM_HELP}`);
  return false;
};

async function team(argv: string[], io: CliIo): Promise<number> {
  const p = parse(io, argv);
  if (!p) return 2;
  const [sub, ...rest] = p.positionals;
  const { hub, user, role, json } = p.values;
  const lang = langOf(io, p.values.lang);
  if (!lang) return 2;
  const say = (key: string, vars: Record<string, string | number> = {}) => tr(lang, `team.cli.${key}`, vars);
  if (p.values.help || !sub) {
    io.out(TEAM_HELP);
    return sub || p.values.help ? 0 : 2;
  }
  switch (sub) {
    case 'init': {
      if (!need(io, hub, '--hub URL')) return 2;
      const r = await call(io.ctx(), 'team:init', { hub }, lang);
      const applied = r.applied.length ? say('applied', { list: r.applied.join(', ') }) : say('upToDate');
      io.out(json ? toJson(r) : say('init', { hub: r.hub, version: r.version, created: r.created ? say('created', { database: r.database }) : '', applied }));
      return 0;
    }
    case 'add-user': {
      const name = rest[0] ?? user;
      if (!need(io, hub, '--hub URL') || !need(io, name, 'NAME') || !need(io, role, '--role ROLE')) return 2;
      const r = await call(io.ctx(), 'team:add-user', { hub, user: name, role: role as 'viewer' }, lang);
      io.out(json ? toJson(r) : say('added', { user: r.user, role: r.role, password: r.password }));
      return 0;
    }
    case 'connect': {
      if (!need(io, hub, '--hub URL') || !need(io, user, '--user NAME')) return 2;
      const r = await call(io.ctx(), 'team:connect', { hub, user }, lang);
      io.out(json ? toJson(r) : say('connected', { hub: r.hub, user: r.user, role: r.role, tls: say(r.tls ? 'tls' : 'noTls'), reset: r.reset ? say('reset') : '' }));
      return 0;
    }
    case 'status': {
      const r = await call(io.ctx(), 'team:status', undefined, lang);
      if (json) io.out(toJson(r));
      else if (!r.connected) io.out(say('notConnected', { quotes: r.pending.quotes, suppliers: r.pending.suppliers }));
      else {
        io.out(
          say('status', {
            hub: r.hub ?? '',
            user: r.user ?? '',
            role: r.role ?? '?',
            cursor: r.cursor ?? 0,
            last: r.lastSyncAt ?? say('never'),
            counts: counts(r.pending, lang),
            unplaced: r.unplaced ? say('unplaced', { count: r.unplaced }) : '',
            conflicts: r.openConflicts ? say('openConflicts', { count: r.openConflicts }) : '',
          }),
        );
      }
      return 0;
    }
    default: {
      const done = (await teamMergeCommand(sub, rest, p.values, io)) ?? (await teamEvaluateCommand(sub, rest, p.values, io));
      if (done !== undefined) return done;
      io.err(`procure team: ${io.t('unknownSubcommand', { sub })}\n${TEAM_HELP}`);
      return 2;
    }
  }
}

const counts = (c: TeamCounts, lang: Lang) => tr(lang, 'team.cli.counts', { ...c });
const prefix = (p: string, c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [`${p}_${k}`, v]));

export function renderSync(r: TeamSyncOut, lang: Lang = 'en'): string {
  const say = (key: string, vars: Record<string, string | number> = {}) => tr(lang, `team.cli.${key}`, vars);
  return [
    say('synced', { hub: r.hub, user: r.user, role: r.role, tls: r.tls ? say('syncedTls') : '' }),
    say('pushed', { counts: counts(r.pushed, lang) }),
    say('pulled', { counts: counts(r.pulled, lang), unplaced: r.pulled.unplaced ? say('pulledUnplaced', { count: r.pulled.unplaced }) : '' }),
    say('conflicts', { pulled: r.pulled.conflicts, open: r.openConflicts, hint: r.openConflicts ? say('conflictsHint') : '' }),
    ...(r.evaluations ? [tr(lang, 'committee.cli.synced', { ...prefix('pushed', r.evaluations.pushed), ...prefix('pulled', r.evaluations.pulled) })] : []),
    say('cursor', { cursor: r.cursor }),
  ].join('\n');
}

async function sync(argv: string[], io: CliIo): Promise<number> {
  const p = parse(io, argv);
  if (!p) return 2;
  if (p.values.help) {
    io.out(TEAM_HELP);
    return 0;
  }
  const lang = langOf(io, p.values.lang);
  if (!lang) return 2;
  const r = await call(io.ctx(), 'team:sync', undefined, lang);
  io.out(p.values.json ? toJson(r) : renderSync(r, lang));
  if (r.refused) {
    io.err(`procure sync: ${lang !== 'en' && r.refusedI18n ? tr(lang, r.refusedI18n.key, r.refusedI18n.vars) : r.refused}`);
    return EXIT_REFUSED;
  }
  return 0;
}

export const teamCommand: Command = { name: 'team', usage: TEAM_USAGE, summary: 'the team hub (PostgreSQL): init, add-user, connect, status', run: team };
export const syncCommand: Command = { name: 'sync', usage: SYNC_USAGE, summary: 'share local suppliers, quotes, catalog edits, builds and bid sets with the team hub, pull others\'', run: sync };
