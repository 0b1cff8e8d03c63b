// What the main-process bundles (dist/electron/main.cjs, jobs-worker.cjs) leave to require() at
// run time instead of bundling: Electron itself, the native module, packages that load files of
// their own (exceljs, highs' WebAssembly, electron-log, pg), and playwright-core, which only the
// CLI's and the host's Chromium printer loads, on first use. Every one of them except electron
// and playwright-core must be in package.json "dependencies" (that is what electron-builder
// packs); everything else is bundled, so it belongs in "devDependencies".
// test/unit/electron/packaging.test.ts holds package.json to this list.
export const NODE_EXTERNAL = ['electron', 'better-sqlite3', 'exceljs', 'highs', 'electron-log', 'pg', 'playwright-core'];
/** Externals that are not packaged: Electron provides itself; playwright-core is loaded only outside the app. */
export const NOT_PACKAGED = ['electron', 'playwright-core'];
