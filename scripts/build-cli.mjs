// Bundles the command-line front end (electron/cli/main.ts) into dist/electron/cli.cjs, so that
// bin/procure.mjs runs plain JavaScript instead of transpiling the TypeScript on every call.
// Packages stay external (node resolves them from node_modules as from source). The bundle is
// written to a temporary file and renamed into place, so CLI processes started at the same
// time never read half a file. `node scripts/build-cli.mjs` builds it; bin/procure.mjs calls
// buildCli() itself when the bundle is missing or older than the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'dist', 'electron', 'cli.cjs');
/** What the bundle is made of: its freshness is checked against these. */
export const CLI_SOURCES = ['electron', 'shared', 'package.json'].map((p) => path.join(root, p));

/** Newest modification time (ms) of the files under the given paths. */
export function newestMtime(paths = CLI_SOURCES) {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  paths.forEach(visit);
  return newest;
}

export function cliBundleFresh() {
  const st = fs.statSync(CLI_BUNDLE, { throwIfNoEntry: false });
  return st !== undefined && st.mtimeMs >= newestMtime();
}

/**
 * Packages that take long to load and that only some commands use (exceljs alone is about a
 * second of `procure help`): the bundle gets a stand-in that loads the package at first use.
 * Each lists the named exports the sources call (`import * as echarts` … `echarts.init`).
 */
const LAZY = { exceljs: [], echarts: ['init'] };

const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    // the stand-in's own require is the real package, external like every other
    b.onResolve({ filter }, (a) => (a.namespace === 'lazy' ? { path: a.path, external: true } : { path: a.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => ({
      loader: 'js',
      contents: [
        `let m;`,
        `const load = () => (m ??= require(${JSON.stringify(a.path)}));`,
        `export default new Proxy({}, { get: (_, k) => load()[k] });`,
        ...LAZY[a.path].map((n) => `export function ${n}(...args) { return load().${n}(...args); }`),
      ].join('\n'),
    }));
  },
};

export async function buildCli() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(root, 'electron/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    outfile: CLI_BUNDLE,
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [lazyPackages],
  });
  fs.mkdirSync(path.dirname(CLI_BUNDLE), { recursive: true });
  const tmp = `${CLI_BUNDLE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, out.outputFiles[0].contents);
  fs.renameSync(tmp, CLI_BUNDLE);
  return CLI_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
  console.log(`built ${path.relative(root, CLI_BUNDLE)}`);
}
