import fs from 'node:fs';
import { seedCatalogSchema } from './shared/domain/catalog';
import { evaluateCommand } from './electron/cli/commands/evaluate';
const seed = seedCatalogSchema.parse(JSON.parse(fs.readFileSync('assets/seed/catalog.json', 'utf8')));
const snap = { accelerators: seed.accelerators, servers: seed.servers, quotes: seed.quotes, sites: seed.sites, fx: seed.fx };
const args = process.argv.slice(2);
evaluateCommand(args, { snapshot: () => snap, readFile: (p) => fs.readFileSync(p, 'utf8'), out: (s) => console.log(s), err: (s) => console.error(s) }).then((c) => process.exit(c));
