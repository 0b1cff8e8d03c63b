/**
 * CLI cold start: `procure help` as a user runs it (bin/procure.mjs, the esbuild bundle) against
 * the former way (tsx transpiling electron/cli/main.ts on every call), as fresh processes,
 * interleaved, medians of repeated runs (hyperfine-style).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SOURCE_ROOT } from '../electron/bootstrap';
import { row } from './timing';

const RUNS = 9;
const FROM_SOURCE = `import { register } from 'tsx/esm/api'; register(); const { runCli } = await import('./electron/cli/main.ts'); process.exitCode = await runCli(['help']);`;

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { cwd: SOURCE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(): Promise<void> {
  const bin = [path.join(SOURCE_ROOT, 'bin', 'procure.mjs'), 'help'];
  const tsx = ['--input-type=module', '-e', FROM_SOURCE];
  timeOnce(bin); // builds the bundle if the sources are newer
  const bundled: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bundled.push(timeOnce(bin));
    source.push(timeOnce(tsx));
  }
  const node: number[] = [];
  for (let i = 0; i < RUNS; i++) node.push(timeOnce(['-e', '0']));
  console.log(row(`node -e 0 (process start alone), median of ${RUNS}`, median(node)));
  console.log(row(`procure help through tsx (before), median of ${RUNS}`, median(source)));
  console.log(row(`procure help, bundle (target < 500 ms), median of ${RUNS}`, median(bundled), median(source)));
  console.log(`   bundle / tsx = ${(median(bundled) / median(source)).toFixed(2)}; bundle above bare node start: ${(median(bundled) - median(node)).toFixed(0)} ms`);
}
