// `npm start`: build and open the desktop app, or say in one line why it can't and what to use instead.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) {
  console.error('The Electron binary is not installed on this machine; run `npm run serve` to use the app in a browser instead.');
  process.exit(1);
}
const run = (args) => {
  const r = spawnSync('npm', ['run', ...args], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['build']);
run(['rebuild:electron-native']);
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
