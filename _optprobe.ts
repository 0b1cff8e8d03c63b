import fs from 'node:fs';
import { openApp } from './electron/bootstrap';
import { catalogSnapshot } from './electron/db/snapshot';
import { parseOptimizeText } from './shared/optimize/schema';
import { runOptimize } from './electron/optimize/run';
const ctx = openApp('/tmp/opt/probe.db');
const r = parseOptimizeText(fs.readFileSync(process.argv[2]!, 'utf8'));
if (!r.ok) { console.log(r.issues); process.exit(1); }
const res = await runOptimize(r.value, catalogSnapshot(ctx), { today: '2026-12-01' });
console.log(JSON.stringify({ ...res, scenario: undefined, save: undefined, candidates: res.candidates }, null, 1));
