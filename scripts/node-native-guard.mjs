// `npm run dist` must leave the Node build of better-sqlite3 in node_modules alone (the tests and
// the CLI load it): electron-builder packs the Electron build from .electron-native/ instead
// (electron-builder.yml: npmRebuild false, extraResources). `record` hashes the Node copy's
// files before the build, `verify` fails the build if any of them changed or disappeared.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const moduleDir = path.join(root, 'node_modules', 'better-sqlite3', 'build');
// outside release/ (electron-builder's output) and .electron-native/ (rebuilt on the way)
const record = path.join(root, 'node_modules', '.cache', 'procure-node-native.json');

function hashes(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && p.endsWith('.node')) out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

const mode = process.argv[2];
if (mode === 'record') {
  fs.mkdirSync(path.dirname(record), { recursive: true });
  fs.writeFileSync(record, JSON.stringify(hashes(moduleDir), null, 2));
} else if (mode === 'verify') {
  const before = JSON.parse(fs.readFileSync(record, 'utf8'));
  const after = hashes(moduleDir);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  if (changed.length) {
    console.error(`node_modules/better-sqlite3 changed during the build (${changed.join(', ')}): run \`npm rebuild better-sqlite3\` to restore the Node build`);
    process.exit(1);
  }
  console.log(`node_modules/better-sqlite3: ${Object.keys(after).length} native file(s) unchanged`);
} else {
  console.error('usage: node scripts/node-native-guard.mjs record|verify');
  process.exit(2);
}
