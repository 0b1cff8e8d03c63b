// Bundles the main process and the preload for Electron (CommonJS, Node platform).
import { build } from 'esbuild';

const common = { logOverride: { 'empty-import-meta': 'silent' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3', 'exceljs', 'playwright-core', 'highs'] });
// The sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
