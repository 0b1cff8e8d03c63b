#!/usr/bin/env node
// Entry point for `npx procure`. Runs the CLI bundle (dist/electron/cli.cjs, plain JavaScript:
// it starts in a fraction of the time tsx needs to transpile the sources) when it is newer than
// the sources, after (re)building it with esbuild when it is not; from source through tsx when
// it cannot be built (esbuild missing, a source that does not compile yet).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CLI_BUNDLE, buildCli, cliBundleFresh } = await import('../scripts/build-cli.mjs');

let runCli;
try {
  if (!cliBundleFresh()) await buildCli();
  ({ runCli } = require(CLI_BUNDLE));
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
