/**
 * `procure …`: the command-line front end over the same handlers as the app.
 * Global option: --db PATH (or PROCURE_DB) to choose the database.
 */
import fs from 'node:fs';
import { openApp, resolveDbPath } from '../bootstrap';
import { configureJobs } from '../jobs';
import type { AppContext } from '../context';
import { CliError, lineWriter, type CliIo } from './io';
import { decodeDocumentBytes } from '../../shared/document/text';
import { DbOpenError } from '../db/open';
import { closeChromium } from '../report/chromium';
import { catalogCommand } from './commands/catalog';
import { COMMANDS } from './commands';

const USAGE = `usage: procure <command> [options] [--db PATH]

commands:
  catalog list [--json] [--vendor V]   list the accelerator catalog
  catalog show NAME [--json]           one part, every figure with its source
${COMMANDS.map((c) => `  ${c.usage.padEnd(36)} ${c.summary}`).join('\n')}`;

/** Remove the global --db option, returning the rest of argv and the database path. */
function takeDb(argv: string[]): { rest: string[]; dbPath: string } {
  const rest: string[] = [];
  const dbArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') dbArgs.push(a, argv[++i] ?? '');
    else if (a.startsWith('--db=')) dbArgs.push(a);
    else rest.push(a);
  }
  return { rest, dbPath: resolveDbPath(dbArgs) };
}

export async function runCli(argv: string[], io?: Partial<CliIo>): Promise<number> {
  // one command, then exit: long work runs on this thread (no worker to start); nothing else waits on it
  configureJobs({ inline: true });
  const { rest, dbPath } = takeDb(argv);
  let ctx: AppContext | undefined;
  const full: CliIo = {
    ctx: () => (ctx ??= openApp(dbPath)),
    out: io?.out ?? lineWriter(process.stdout),
    err: io?.err ?? ((s) => process.stderr.write(s + '\n')),
    // a BOM or UTF-16 (as Windows tools save) is decoded here, once, for every command's file
    readFile: io?.readFile ?? ((p) => decodeDocumentBytes(fs.readFileSync(p))),
  };
  const [cmd, ...args] = rest;
  try {
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      full.out(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === 'catalog') return await catalogCommand(args, full);
    const command = COMMANDS.find((c) => c.name === cmd);
    if (!command) throw new CliError(`unknown command "${cmd}"\n${USAGE}`);
    return await command.run(args, full);
  } catch (e) {
    full.err(`procure: ${e instanceof DbOpenError ? e.describe() : e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    ctx?.db.close();
    // the printer keeps its browser for the next report; a CLI command has no next one
    await closeChromium();
  }
}
