// Bundles the main process and the preload for Electron (CommonJS, Node platform).
import { build } from 'esbuild';
import { NODE_EXTERNAL } from './electron-externals.mjs';

const common = { logOverride: { 'empty-import-meta': 'silent' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
const nodeExternal = NODE_EXTERNAL;
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: nodeExternal });
// The job worker (electron/jobs/runner.ts looks for it beside main.cjs): optimizer, import, report, backup.
await build({ ...common, entryPoints: ['electron/jobs/worker.ts'], outfile: 'dist/electron/jobs-worker.cjs', external: nodeExternal });
// The sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
console.log('built dist/electron/main.cjs, dist/electron/jobs-worker.cjs and dist/electron/preload.cjs');
