/**
 * The app's log file, through electron-log's Node logger: `main.log` in the per-user logs
 * folder (Electron's app.getPath('logs')), rotated at 5 MB to `main.old.log`, so the folder stays
 * under 10 MB. Uncaught errors and unhandled rejections of the main process are written to it.
 * (electron-log's Electron entry would also register an IPC channel of its own; the Node
 * logger writes the same file and leaves the contract the window's only door.)
 */
import path from 'node:path';
import log from 'electron-log/node';

export const LOG_FILE_NAME = 'main.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export type Logger = Pick<typeof log, 'info' | 'warn' | 'error'>;

export interface Logging {
  log: Logger;
  /** The current log file (its rotated predecessor is beside it). */
  file: string;
  dir: string;
}

export function setupLogging(logsDir: string, opts: { console?: boolean; maxBytes?: number; catchErrors?: boolean } = {}): Logging {
  const file = path.join(logsDir, LOG_FILE_NAME);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = opts.maxBytes ?? MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = opts.console ? 'info' : false;
  if (opts.catchErrors ?? true) log.errorHandler.startCatching({ showDialog: false });
  return { log, file, dir: logsDir };
}
