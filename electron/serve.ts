/** `npm run serve`: the loopback host on 127.0.0.1 with the built renderer. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, resolveDbPath } from './bootstrap';
import { startHost } from './host/server';
import { DbOpenError } from './db/open';
import { startTeamSchedule } from './handlers/team-link';
import { warmOptimizer } from './handlers/optimize';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, db: { type: 'string' } },
    allowPositionals: false,
  });
  const dbPath = resolveDbPath(values.db ? ['--db', values.db] : []);
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const ctx = openApp(dbPath);
  const host = await startHost({ ctx, staticDir: path.resolve(import.meta.dirname, '../dist/renderer'), port });
  // the URL first: it is what the user came for
  console.log(`Open ${host.url}`);
  console.log(`Procurement planner (database ${dbPath})`);
  // the team hub's background sync, when this database is connected to one
  const stopSync = startTeamSchedule(ctx);
  // the optimizer's solver compiled on a real model in a job worker, in the background
  warmOptimizer(ctx);
  const stop = () => void host.close().then(() => (stopSync(), ctx.db.close(), process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof DbOpenError ? e.describe() : e instanceof Error ? e.message : String(e));
  process.exit(1);
});
