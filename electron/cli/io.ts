/** What a CLI command gets: the app context (opened lazily) and its output streams. */
import type { AppContext } from '../context';
import type { Result } from '../../shared/contract/result';
import { dispatch } from '../handlers';
import type { Channel, Input, Output } from '../../shared/contract/api';

export interface CliIo {
  ctx: () => AppContext;
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => string;
}

export class CliError extends Error {}

/** Call a handler through the same dispatcher the UI uses; throw its error message. */
export async function call<C extends Channel>(ctx: AppContext, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(ctx, channel, input)) as Result<Output<C>>;
  if (!r.ok) throw new CliError(r.error.message);
  return r.value;
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
