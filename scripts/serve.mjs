// `npm run serve`: the loopback host with the built renderer. The UI is rebuilt only when its
// sources changed since the last build (renderer/, shared/, package.json), quietly (errors
// only), so the host's URL is the first thing on screen. Arguments (--port, --db)
// go to electron/serve.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './build-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = fs.statSync(path.join(root, 'dist', 'renderer', 'index.html'), { throwIfNoEntry: false });
if (!built || built.mtimeMs < newestMtime(['renderer', 'shared', 'package.json'].map((p) => path.join(root, p)))) {
  process.stdout.write('Building the UI (its sources changed since the last build)…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'error' });
}
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const child = spawn(process.execPath, [tsx, path.join(root, 'electron', 'serve.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
