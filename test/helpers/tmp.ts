/** Temp folders for tests with real files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tmpDir(prefix = 'procure-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tmpDbPath(): string {
  return path.join(tmpDir(), 'procure.db');
}
