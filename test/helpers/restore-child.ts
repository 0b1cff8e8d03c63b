/**
 * Run by the restore tests in a child process (under `ulimit -f`, to fill the "disk"):
 * opens the app at argv[2], restores the bytes in file argv[3], then shows whether the live
 * database still answers. Prints one JSON line.
 */
import fs from 'node:fs';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';

// With a handler installed, a write past the file-size limit fails with EFBIG instead of killing the process.
process.on('SIGXFSZ', () => {});

const ctx = openApp(process.argv[2]!);
const restore = await dispatch(ctx, 'db:restore', { dataBase64: fs.readFileSync(process.argv[3]!).toString('base64') });
const created = await dispatch(ctx, 'builds:create', { name: 'after the failed restore' });
const list = await dispatch(ctx, 'builds:list', undefined);
const builds = list.ok ? (list.value as { name: string }[]).map((b) => b.name) : list.error.message;
process.stdout.write(JSON.stringify({ restore, created: created.ok, builds }) + '\n');
ctx.db.close();
