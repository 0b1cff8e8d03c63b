/**
 * Electron main process: kept thin. It opens the database, registers one IPC handler per
 * contract channel (all going through `dispatch`), and opens a locked-down window.
 * Everything else lives in plain-Node modules shared with the loopback host and the CLI.
 */
import { app, BrowserWindow, dialog, ipcMain, session, type Session, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES } from '../shared/contract/api';
import { dispatch } from './handlers';
import { openApp, resolveDbPath } from './bootstrap';
import { closeJobWorkers, configureJobs } from './jobs';
import { DbOpenError } from './db/open';
import { CSP } from './host/server';
import type { AppContext } from './context';

export const WINDOW_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;

/**
 * Only our own bundled page may call the API. The sender's file URL is turned into a path the
 * way Node does for the given platform (`file:///C:/…` is `C:\…` on Windows, not `\C:\…`), so
 * pass `path.win32` or `path.posix` to check either anywhere; Windows paths compare without case.
 */
export function isTrustedSender(url: string | undefined, rendererIndex: string, p: path.PlatformPath = path): boolean {
  if (!url?.startsWith('file:')) return false;
  const windows = p.sep === '\\';
  try {
    const sender = p.normalize(fileURLToPath(url, { windows }));
    const own = p.normalize(rendererIndex);
    return windows ? sender.toLowerCase() === own.toLowerCase() : sender === own;
  } catch {
    // a file URL with a host on POSIX, or encoded separators: not ours
    return false;
  }
}

export function registerIpc(ipc: Pick<typeof ipcMain, 'handle'>, ctx: AppContext, rendererIndex: string): void {
  for (const channel of CHANNEL_NAMES) {
    ipc.handle(channel, (event, arg: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, rendererIndex)) {
        return { ok: false, error: { code: 'unsupported', message: 'untrusted sender' } };
      }
      return dispatch(ctx, channel, arg);
    });
  }
}

/** Deny navigation away from the app, new windows, and every network request. */
export function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

export function createWindow(preload: string, rendererIndex: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Accelerator Procurement Planner',
    show: false,
    webPreferences: { ...WINDOW_PREFERENCES, preload },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

/**
 * Report HTML → PDF with Chromium's own printer: a hidden window, sandboxed like the main one,
 * with no preload (it cannot reach the API) and nothing to navigate to. The HTML goes through a
 * temp file because a report with its fonts is too long for a data: URL; the file lives in a
 * private folder of its own (mkdtemp, 0700; the file 0600), removed with it whatever happens.
 */
export async function printReportPdf(html: string): Promise<Buffer> {
  const dir = await fs.promises.mkdtemp(path.join(app.getPath('temp'), 'procure-report-'));
  try {
    await fs.promises.chmod(dir, 0o700);
    const file = path.join(dir, 'report.html');
    await fs.promises.writeFile(file, html, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    const win = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: { ...WINDOW_PREFERENCES } });
    lockDown(win.webContents);
    try {
      await win.loadFile(file);
      // the page's CSP forbids scripts; an isolated world may still wait for the embedded fonts
      await win.webContents.executeJavaScriptInIsolatedWorld(1001, [{ code: 'document.fonts.ready.then(() => true)' }]);
      return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      win.destroy();
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** The session's rules: our CSP on every response, no network, and every permission and device refused. */
export function installSessionPolicy(ses: Session = session.defaultSession): void {
  ses.webRequest.onHeadersReceived((details, cb) => cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }));
  // The app makes no network request at all: only local files and devtools.
  ses.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !/^(file|devtools|data|blob):/.test(details.url) }));
  ses.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  // the synchronous checks (navigator.permissions, clipboard, media, HID/serial/USB) and devices
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Better-sqlite3 built for Electron's ABI by `npm run rebuild:electron-native` (dev runs only). */
function electronNativeBinding(root: string): string | undefined {
  const p = path.join(root, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return !app.isPackaged && fs.existsSync(p) ? p : undefined;
}

export async function start(): Promise<void> {
  await app.whenReady();
  const root = app.isPackaged ? app.getAppPath() : path.resolve(__dirname, '../..');
  const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
  const preload = path.join(root, 'dist', 'electron', 'preload.cjs');
  process.env.PROCURE_DB ??= path.join(app.getPath('userData'), 'procure.db');
  let ctx: AppContext;
  try {
    const nativeBinding = electronNativeBinding(root);
    ctx = openApp(resolveDbPath(process.argv), { nativeBinding, appRoot: root });
    // the job workers (optimizer, import, report, backup) open their connections with the same binding
    configureJobs({ nativeBinding });
  } catch (e) {
    const lang = app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
    dialog.showErrorBox('Cannot open the database', e instanceof DbOpenError ? e.describe(lang) : (e as Error).message);
    app.exit(1);
    return;
  }
  ctx.printPdf = printReportPdf;
  installSessionPolicy();
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  registerIpc(ipcMain, ctx, rendererIndex);
  createWindow(preload, rendererIndex);
  app.on('window-all-closed', () => {
    void closeJobWorkers();
    ctx.db.close();
    app.quit();
  });
}

if (process.versions.electron && !process.env.VITEST) void start();
