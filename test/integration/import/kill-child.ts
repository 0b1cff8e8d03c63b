/**
 * Child process for the kill test: commits a large sheet and, halfway through the transaction,
 * says "MID" and blocks so the parent can SIGKILL it with the transaction open.
 * Usage: node --import tsx kill-child.ts DB_PATH SHEET_PATH
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../../electron/bootstrap';
import { commitImport } from '../../../electron/import';

const [dbPath, sheetPath] = process.argv.slice(2) as [string, string];
const ctx = openApp(dbPath);
await commitImport(
  ctx,
  { fileName: path.basename(sheetPath), dataBase64: fs.readFileSync(sheetPath).toString('base64'), supplier: 'Kill Test Co' },
  {
    afterQuote(n) {
      if (n === 2500) {
        process.stdout.write('MID\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      }
    },
  },
);
process.stdout.write('DONE\n');
