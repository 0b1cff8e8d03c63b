import fs from 'node:fs';
import { openApp } from '../electron/bootstrap';
import { catalogSnapshot } from '../electron/db/snapshot';
import { createCatalogLookup } from '../shared/scenario/catalog-lookup';
import { parseBidFileText } from '../shared/bids/schema';
import { evaluateBidFile } from '../shared/bids/evaluate';
const ctx = openApp('/tmp/bids/x.db');
const p = parseBidFileText(fs.readFileSync(process.argv[2]!, 'utf8'));
if (!p.ok) { console.log(p.issues); process.exit(1); }
const r = evaluateBidFile(p.value, createCatalogLookup(catalogSnapshot(ctx)), { today: '2026-11-20' });
for (const b of r.bids) console.log(b.label, b.pass, b.failures.map(f=>f.message), Math.round(b.bidTotalInclVat), Math.round(b.evaluatedPrice), b.priceScore, b.technical, b.totalScore, b.rank, Math.round(b.build.outputTokensPerSecond), b.build.costPerMillionOutputTokens?.toFixed(2), b.build.tokensPerSecondPerWatt.toFixed(3), b.build.risk.score.toFixed(1), b.build.facilityPowerKW.toFixed(1), b.domesticShare);
console.log(r.ranking, r.recommended, r.warnings);
