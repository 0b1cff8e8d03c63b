/**
 * `procure …`: the command-line front end over the same handlers as the app.
 * Global options: --db PATH (or PROCURE_DB) to choose the database; --lang en|zh-CN (else
 * LC_ALL / LC_MESSAGES / LANG, else English) for messages, errors and reports.
 */
import fs from 'node:fs';
import { openApp, resolveDbPath } from '../bootstrap';
import { configureJobs } from '../jobs';
import type { AppContext } from '../context';
import { apiErrorText, cliError, cliSay, CliError, envLang, lineWriter, type CliIo } from './io';
import { toApiError } from '../handlers/errors';
import { LANGS, translate, type Lang } from '../../shared/i18n/translate';
import { decodeDocumentBytes } from '../../shared/document/text';
import { DbOpenError } from '../db/open';
import { closeChromium } from '../report/chromium';
import { catalogCommand } from './commands/catalog';
import { COMMANDS } from './commands';

/** The overall usage in `t`'s language (each command's summary is a CLI string, cli.summary.<name>). */
function usage(t: CliIo['t']): string {
  const rows: [string, string][] = [
    ['catalog list [--json] [--vendor V]', t('summary.catalogList')],
    ['catalog show NAME [--json]', t('summary.catalogShow')],
    ...COMMANDS.map((c): [string, string] => [c.usage, t(`summary.${c.name}`)]),
  ];
  return `${t('usageMain')}\n\n${t('commands')}\n${rows.map(([u, s]) => `  ${u.padEnd(36)} ${s}`).join('\n')}`;
}

/**
 * Remove the global --lang option: its value, or the environment's language. A value other than
 * en or zh-CN is returned as given, for runCli to refuse.
 */
export function takeLang(argv: string[], env: NodeJS.ProcessEnv): { rest: string[]; lang: Lang | { bad: string } } {
  const rest: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') given = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) given = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (given === undefined) return { rest, lang: envLang(env) };
  return { rest, lang: (LANGS as readonly string[]).includes(given) ? (given as Lang) : { bad: given } };
}

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

export async function runCli(argv: string[], io?: Partial<CliIo>, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // one command, then exit: long work runs on this thread (no worker to start); nothing else waits on it
  configureJobs({ inline: true });
  const taken = takeLang(argv, env);
  const lang: Lang = typeof taken.lang === 'string' ? taken.lang : 'en';
  const { rest, dbPath } = takeDb(taken.rest);
  let ctx: AppContext | undefined;
  const full: CliIo = {
    ctx: () => (ctx ??= openApp(dbPath)),
    out: io?.out ?? lineWriter(process.stdout),
    err: io?.err ?? ((s) => process.stderr.write(s + '\n')),
    // a BOM or UTF-16 (as Windows tools save) is decoded here, once, for every command's file
    readFile: io?.readFile ?? ((p) => decodeDocumentBytes(fs.readFileSync(p))),
    lang,
    t: cliSay(lang),
  };
  if (typeof taken.lang !== 'string') {
    full.err(`procure: ${full.t('badLang', { lang: taken.lang.bad })}`);
    return 2;
  }
  const [cmd, ...args] = rest;
  try {
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      full.out(usage(full.t));
      return cmd ? 0 : 2;
    }
    if (cmd === 'catalog') return await catalogCommand(args, full);
    const command = COMMANDS.find((c) => c.name === cmd);
    if (!command) throw cliError('unknownCommand', { cmd, usage: usage(full.t) });
    return await command.run(args, full);
  } catch (e) {
    full.err(`procure: ${errorText(e, lang)}`);
    return 1;
  } finally {
    ctx?.db.close();
    // the printer keeps its browser for the next report; a CLI command has no next one
    await closeChromium();
  }
}

/** A command's failure in `lang`: a CliError or a handler's domain error by its key, else its English text. */
function errorText(e: unknown, lang: Lang): string {
  if (e instanceof CliError) return e.i18n ? translate(lang, e.i18n) : e.message;
  if (e instanceof DbOpenError) return e.describe(lang);
  const api = toApiError(e);
  return api.code === 'internal' ? (e instanceof Error ? e.message : String(e)) : apiErrorText(api, lang);
}
