/**
 * `procure team init|add-user|connect|status` and `procure sync`: the team hub from the command
 * line, through `dispatch` like every command. The password comes from PGPASSWORD or ~/.pgpass
 * (or the URL for a one-off), and is never stored.
 *
 * Exit status: 0 on success; 1 on errors (hub unreachable, login refused, invalid input); 4 when
 * the hub refused part of a sync's push (one line on stderr says what was kept, not shared).
 */
import { parseArgs } from 'node:util';
import type { TeamCounts, TeamSyncOut } from '../../../shared/contract/team';
import { call, toJson, type CliIo } from '../io';
import type { Command } from './index';
import { TEAM_MERGE_HELP, teamMergeCommand } from './team-merge';

export const TEAM_USAGE = 'team init|add-user|connect|status|conflicts|resolve|share|shared|duplicate|history [--hub URL] [--user NAME] [--role ROLE] [--json]';
export const SYNC_USAGE = 'sync [--json]';
export const EXIT_REFUSED = 4;

const TEAM_HELP = `usage:
  procure team init --hub URL                          create or upgrade the hub's schema and roles (admin)
  procure team add-user NAME --role ROLE --hub URL [--json]
                                                       add a user (viewer, buyer, catalog_keeper, evaluator, admin); prints a one-time password
  procure team connect --hub URL --user NAME [--db PATH]
                                                       connect this database (password: PGPASSWORD or ~/.pgpass)
  procure team status [--db PATH] [--json]             the hub, the cursor, the last sync and what waits to be shared
${TEAM_MERGE_HELP}
  procure sync [--db PATH] [--json]                    push local suppliers, quotes, catalog edits and shares; pull others'
URL: postgresql://HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE] (sslmode as in libpq; default prefer)`;

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
  io.err(`procure team: ${what} is required\n${TEAM_HELP}`);
  return false;
};

async function team(argv: string[], io: CliIo): Promise<number> {
  const p = parse(io, argv);
  if (!p) return 2;
  const [sub, ...rest] = p.positionals;
  const { hub, user, role, json } = p.values;
  if (p.values.help || !sub) {
    io.out(TEAM_HELP);
    return sub || p.values.help ? 0 : 2;
  }
  switch (sub) {
    case 'init': {
      if (!need(io, hub, '--hub URL')) return 2;
      const r = await call(io.ctx(), 'team:init', { hub });
      io.out(json ? toJson(r) : `hub ${r.hub}: schema version ${r.version}${r.created ? ` (database ${r.database} created)` : ''}; ${r.applied.length ? `applied ${r.applied.join(', ')}` : 'already up to date'}`);
      return 0;
    }
    case 'add-user': {
      const name = rest[0] ?? user;
      if (!need(io, hub, '--hub URL') || !need(io, name, 'NAME') || !need(io, role, '--role ROLE')) return 2;
      const r = await call(io.ctx(), 'team:add-user', { hub, user: name, role: role as 'viewer' });
      io.out(json ? toJson(r) : `user ${r.user} (${r.role}) added; one-time password (give it to them, it is not shown again):\n${r.password}`);
      return 0;
    }
    case 'connect': {
      if (!need(io, hub, '--hub URL') || !need(io, user, '--user NAME')) return 2;
      const r = await call(io.ctx(), 'team:connect', { hub, user });
      io.out(json ? toJson(r) : `connected to ${r.hub} as ${r.user} (${r.role})${r.tls ? ', TLS' : ', no TLS'}${r.reset ? '; another hub than before: this database\'s rows will be shared there from scratch' : ''}`);
      return 0;
    }
    case 'status': {
      const r = await call(io.ctx(), 'team:status');
      if (json) io.out(toJson(r));
      else if (!r.connected) io.out(`not connected to a team hub; ${r.pending.quotes} local quotes, ${r.pending.suppliers} suppliers would be shared`);
      else io.out(`hub ${r.hub} as ${r.user} (${r.role ?? '?'}); cursor ${r.cursor}; last sync ${r.lastSyncAt ?? 'never'}; to share: ${counts(r.pending)}${r.unplaced ? `; ${r.unplaced} hub rows not placed here` : ''}${r.openConflicts ? `; ${r.openConflicts} open catalog conflicts (procure team conflicts)` : ''}`);
      return 0;
    }
    default: {
      const done = await teamMergeCommand(sub, rest, p.values, io);
      if (done !== undefined) return done;
      io.err(`procure team: unknown subcommand "${sub}"\n${TEAM_HELP}`);
      return 2;
    }
  }
}

const counts = (c: TeamCounts) =>
  `${c.suppliers} suppliers, ${c.quotes} quotes, ${c.retirements} retirements, ${c.catalogEdits} catalog edits, ${c.resolutions} resolutions, ${c.builds} builds, ${c.bidSets} bid sets`;

export function renderSync(r: TeamSyncOut): string {
  return [
    `synced with ${r.hub} as ${r.user} (${r.role})${r.tls ? ', TLS' : ''}`,
    `pushed  ${counts(r.pushed)}`,
    `pulled  ${counts(r.pulled)}${r.pulled.unplaced ? `, ${r.pulled.unplaced} not placed (part not in this catalog)` : ''}`,
    `conflicts  ${r.pulled.conflicts} pulled, ${r.openConflicts} open${r.openConflicts ? ' (procure team conflicts)' : ''}`,
    `cursor  ${r.cursor}`,
  ].join('\n');
}

async function sync(argv: string[], io: CliIo): Promise<number> {
  const p = parse(io, argv);
  if (!p) return 2;
  if (p.values.help) {
    io.out(TEAM_HELP);
    return 0;
  }
  const r = await call(io.ctx(), 'team:sync');
  io.out(p.values.json ? toJson(r) : renderSync(r));
  if (r.refused) {
    io.err(`procure sync: ${r.refused}`);
    return EXIT_REFUSED;
  }
  return 0;
}

export const teamCommand: Command = { name: 'team', usage: TEAM_USAGE, summary: 'the team hub (PostgreSQL): init, add-user, connect, status', run: team };
export const syncCommand: Command = { name: 'sync', usage: SYNC_USAGE, summary: 'share local suppliers, quotes, catalog edits, builds and bid sets with the team hub, pull others\'', run: sync };
