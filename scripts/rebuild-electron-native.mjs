// Builds a second copy of better-sqlite3 against Electron's ABI under .electron-native/,
// leaving node_modules/better-sqlite3 (the Node build used by tests and the CLI) untouched.
// main.ts loads this copy through better-sqlite3's `nativeBinding` option.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, '.electron-native');
const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const stamp = path.join(dir, 'stamp.json');
const want = JSON.stringify({ electronVersion, sqliteVersion });
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) process.exit(0);

fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(dir, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
});
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
// ~/.npmrc may set nodedir to Node's headers; an Electron build must use Electron's.
delete process.env.npm_config_nodedir;
delete process.env.NPM_CONFIG_NODEDIR;
const { rebuild } = await import('@electron/rebuild');
await rebuild({ buildPath: dir, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
fs.writeFileSync(stamp, want);
console.log(`better-sqlite3 ${sqliteVersion} rebuilt for Electron ${electronVersion} in .electron-native/`);
