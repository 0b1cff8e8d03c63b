/**
 * A second real process with the database open, as another window or the CLI would have it:
 * plain better-sqlite3 in a child Node process, driven by lines on its stdin.
 *   open   read once and stay connected (no lock held between statements)
 *   lock   BEGIN IMMEDIATE and write one row: holds the write lock until `commit`
 *   write  write one row and commit, then stay connected
 * `commit` commits an open transaction; `exclusive` takes and keeps an exclusive lock on the file
 * (what a restore's swap holds); `kill` ends the process with SIGKILL (an unclean exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const SCRIPT = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 2000');
const say = (s) => process.stdout.write(s + '\\n');
const write = (v) => db.prepare("INSERT INTO setting (key, value) VALUES (?, '1')").run(v);
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.split(' ');
  try {
    if (cmd === 'open') { db.prepare('SELECT count(*) FROM sqlite_master').get(); }
    else if (cmd === 'lock') { db.exec('BEGIN IMMEDIATE'); write(arg); }
    else if (cmd === 'write') { write(arg); }
    else if (cmd === 'commit') { db.exec('COMMIT'); }
    else if (cmd === 'exclusive') { db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); db.exec('COMMIT'); }
    say('done ' + cmd);
  } catch (e) { say('error ' + cmd + ' ' + (e.code || e.message)); }
});
process.stdin.on('end', () => { db.close(); process.exit(0); });
say('started');
`;

export interface Holder {
  /** Send one command; resolves with the child's answer ("done lock", "error write SQLITE_BUSY"). */
  send(command: string): Promise<string>;
  /** Close the child's connection cleanly and wait for it to exit. */
  close(): Promise<void>;
  /** SIGKILL the child and wait for it to exit. */
  kill(): Promise<void>;
}

export async function spawnHolder(dbPath: string): Promise<Holder> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT, dbPath], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await next();
  if (started !== 'started') throw new Error(`holder did not start: ${started}`);
  return {
    send: (command) => {
      const answer = next();
      child.stdin!.write(command + '\n');
      return answer;
    },
    close: () => {
      child.stdin!.end();
      return exited;
    },
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
