/** Running `procure …` in-process with stdout and stderr captured, as the CLI tests need. */
import { runCli } from '../../electron/cli/main';

export interface CliRun {
  code: number;
  /** Every line written, each ending in a newline (empty when nothing was written). */
  out: string;
  err: string;
}

export async function runProcure(args: string[], readFile?: (path: string) => string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), ...(readFile ? { readFile } : {}) });
  return { code, out, err };
}
