/** Damage made by the tests to real database files. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tmpDir } from './tmp';

/** Flip the last letter of a vendor name inside the vendor-name index only: the index no longer matches its table. */
export function damageVendorIndex(bytes: Buffer): Buffer {
  const file = path.join(tmpDir(), 'damaged.db');
  fs.writeFileSync(file, bytes);
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_vendor_1'").get() as { rootpage: number }).rootpage;
  const name = (db.prepare('SELECT name FROM vendor ORDER BY name DESC LIMIT 1').get() as { name: string }).name;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const buf = fs.readFileSync(file);
  const page = buf.subarray((root - 1) * pageSize, root * pageSize);
  if (page[0] !== 0x0a) throw new Error('the vendor index is not one leaf page'); // the whole index fits on its root
  const at = page.indexOf(Buffer.from(name, 'utf8'));
  if (at <= 0) throw new Error(`${name} not found in the vendor index`);
  page[at + Buffer.byteLength(name) - 1]! += 1; // still sorts last, so quick_check sees nothing
  fs.writeFileSync(file, buf);
  return fs.readFileSync(file);
}
