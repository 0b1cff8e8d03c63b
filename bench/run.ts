/**
 * `npm run bench`: runs every bench/*.ts module's default export in turn. Each prints its own
 * figures as times and as ratios against a baseline measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'timing.ts')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  console.log(`\n## ${f}`);
  const mod = (await import(path.join(dir, f))) as { default: () => Promise<void> };
  await mod.default();
}
