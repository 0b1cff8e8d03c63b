/** What a CLI command gets: the app context (opened lazily) and its output streams. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/contract/import';
import type { AppContext } from '../context';
import type { Result } from '../../shared/contract/result';
import type { FieldIssue } from '../../shared/document/parse';
import { dispatch } from '../handlers';
import type { Channel, Input, Output } from '../../shared/contract/api';
import { tr, translate, type Lang, type MessageRef, type MessageVar } from '../../shared/i18n/translate';

export interface CliIo {
  ctx: () => AppContext;
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => string;
  /** The language of messages and errors: --lang, else LC_ALL / LC_MESSAGES / LANG, else English. */
  lang: Lang;
  /** A CLI string (`cli.*`) in `lang`. */
  t: (key: string, vars?: Record<string, MessageVar>) => string;
}

/**
 * A command's refusal. Given a UI-string key and values (`cliError('vatBoth')`, or a handler's
 * error key), runCli prints it in the chosen language; `message` stays its English text.
 */
export class CliError extends Error {
  readonly i18n?: MessageRef;
  constructor(message: string | MessageRef) {
    super(typeof message === 'string' ? message : translate('en', message));
    if (typeof message !== 'string') this.i18n = message;
  }
}

/** A refusal worded by the CLI string `cli.<key>`. */
export const cliError = (key: string, vars?: Record<string, MessageVar>): CliError => new CliError({ key: `cli.${key}`, vars });

/** `zh_CN.UTF-8`, `zh-TW`, `zh` → zh-CN; anything else (C.UTF-8, en_US, unset) → en. */
export function langOfLocale(locale: string | undefined): Lang {
  return locale && /^zh([_-]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

/** The language from the environment as POSIX reads it: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function envLang(env: NodeJS.ProcessEnv): Lang {
  return langOfLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** An API error in `lang` when it carries a key, else as the handler wrote it. */
export function apiErrorText(e: { message: string; i18n?: MessageRef }, lang: Lang): string {
  return e.i18n ? translate(lang, e.i18n) : e.message;
}

/** The CliIo's `t` for a language. */
export const cliSay = (lang: Lang) => (key: string, vars: Record<string, MessageVar> = {}) => tr(lang, `cli.${key}`, vars);

/** The bytes of a spreadsheet to upload (a price sheet, a filled bid template), refused with one line when missing, empty or over the import limit. */
export function readUploadFile(file: string): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw cliError('noSuchFile', { file });
  }
  if (!st.isFile()) throw cliError('notAFile', { file });
  if (st.size === 0) throw new CliError({ key: 'errors.import.cannotImport', vars: { file: path.basename(file), why: { key: 'errors.import.empty' } } });
  if (st.size > MAX_IMPORT_FILE_BYTES) {
    const why = { key: 'errors.import.tooLarge', vars: { mb: Math.round(st.size / 1048576), limit: MAX_IMPORT_FILE_BYTES / 1048576 } };
    throw new CliError({ key: 'errors.import.cannotImport', vars: { file: path.basename(file), why } });
  }
  return fs.readFileSync(file);
}

/** A handler's error as a CliError: by its key when it has one, so runCli says it in the chosen language. */
function apiCliError(e: { message: string; i18n?: MessageRef }): CliError {
  return new CliError(e.i18n ?? e.message);
}

/** Call a handler through the same dispatcher the UI uses; throw its error. */
export async function call<C extends Channel>(ctx: AppContext, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(ctx, channel, input)) as Result<Output<C>>;
  if (!r.ok) throw apiCliError(r.error);
  return r.value;
}

/**
 * Call a handler with a document as read from a file (a scenario, an optimize problem), which
 * `dispatch` validates: the document's problems (invalid input with JSON paths) come back for
 * the command to list under the file's name; any other error is thrown as `call` throws it.
 */
export async function callDocument<C extends Channel>(ctx: AppContext, channel: C, input: unknown): Promise<{ ok: true; value: Output<C> } | { ok: false; issues: FieldIssue[] }> {
  const r = (await dispatch(ctx, channel, input)) as Result<Output<C>>;
  if (r.ok) return r;
  if (r.error.code === 'invalid-input' && r.error.issues?.length) return { ok: false, issues: r.error.issues };
  throw apiCliError(r.error);
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number, right: boolean) => {
    const fill = ' '.repeat(widths[i]! - width(s));
    return right ? fill + s : s + fill;
  };
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) => r.map((c, i) => pad(c, i, numeric[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>>;

/**
 * Parse a subcommand's options the same way everywhere: `--help` prints usage (exit 0); a bad
 * option or the wrong number of files prints the error and usage (exit 2).
 */
export function parseCommand<O extends Options>(
  io: Pick<CliIo, 'out' | 'err' | 't'>,
  name: string,
  usage: string,
  argv: string[],
  options: O,
  files = 1,
): Parsed<O> | { exit: number } {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }) as Parsed<O>;
  } catch (e) {
    io.err(`procure ${name}: ${(e as Error).message}\n${io.t('usage', { usage })}`);
    return { exit: 2 };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(io.t('usage', { usage }));
    return { exit: 0 };
  }
  if (parsed.positionals.length !== files) {
    io.err(`procure ${name}: ${io.t('expectedFiles', { count: files, got: parsed.positionals.length })}\n${io.t('usage', { usage })}`);
    return { exit: 2 };
  }
  return parsed;
}

/** The text of a command's input file, or undefined after saying in one line why it cannot be read. */
export function readCommandFile(io: Pick<CliIo, 'err' | 'readFile' | 't'>, name: string, file: string): string | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    io.err(`procure ${name}: ${io.t('cannotRead', { file, why: (e as Error).message })}`);
    return undefined;
  }
}

/** Whether an optional `--as-of` value is a date; says so when it is not. */
export function validAsOf(io: Pick<CliIo, 'err' | 't'>, name: string, asOf: string | undefined): boolean {
  if (asOf === undefined || /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return true;
  io.err(`procure ${name}: ${io.t('asOf', { asOf })}`);
  return false;
}

/** `--json` output: non-finite numbers (no valid price, nothing served) become null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

/**
 * Lines to stdout, whose reader may leave early (`procure … | head`): the EPIPE that follows
 * ends the output quietly, without a stack trace, and the command runs to its end (closing the
 * database) with its own exit status. Any other stream error is thrown as before.
 */
export function lineWriter(stream: NodeJS.WritableStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (s) => {
    if (!closed) stream.write(s + '\n');
  };
}
