/**
 * Electron main process: kept thin. It opens the database, registers one IPC handler per
 * contract channel (all going through `dispatch`), and opens a locked-down window. The desktop
 * parts (single instance, opening files, menu, window state, logs, crash reports, lifecycle)
 * are small modules in electron/app/; everything else lives in plain-Node modules shared with
 * the loopback host and the CLI.
 */
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, screen, session, shell, type Session, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES } from '../shared/contract/api';
import { dispatch } from './handlers';
import { openApp, resolveDbPath } from './bootstrap';
import { closeJobWorkers, configureJobs } from './jobs';
import { setCredentialStore } from './team/credentials';
import { keychainStore } from './app/credentials';
import { startTeamSchedule } from './handlers/team-link';
import { warmOptimizer } from './handlers/optimize';
import { DbOpenError } from './db/open';
import { CSP } from './host/server';
import type { AppContext } from './context';
import { tr, type Lang } from '../shared/i18n/translate';
import type { PageId } from '../shared/contract/events';
import { setupLogging } from './app/logs';
import { startCrashReporter } from './app/crash';
import { claimSingleInstance, focusWindow } from './app/single-instance';
import { fileArgs, OpenFileRouter } from './app/open-files';
import { sendEvent } from './app/events';
import { loadWindowState, placeWindow, trackWindowState, windowStatePath, type Rect } from './app/window-state';
import { menuLanguage, menuTemplate, type MenuCommands } from './app/menu';
import { wireLifecycle } from './app/lifecycle';
import { electronNativeBinding } from './app/native';

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

/** `onSuccess` hears every call that succeeded (the menu follows a `settings:set` of the UI language). */
export function registerIpc(ipc: Pick<typeof ipcMain, 'handle'>, ctx: AppContext, rendererIndex: string, onSuccess?: (channel: string, arg: unknown) => void): void {
  for (const channel of CHANNEL_NAMES) {
    ipc.handle(channel, async (event, arg: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, rendererIndex)) {
        return { ok: false, error: { code: 'unsupported', message: 'untrusted sender' } };
      }
      const result = await dispatch(ctx, channel, arg);
      if (result.ok) onSuccess?.(channel, arg);
      return result;
    });
  }
}

/** Deny navigation away from the app, new windows, and every network request. */
export function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

export function createWindow(preload: string, rendererIndex: string, bounds: Partial<Rect> = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    ...bounds,
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

export async function start(): Promise<void> {
  // before ready: the log file, local crash reports, the single-instance lock, macOS open-file
  app.setAppLogsPath();
  const { log, dir: logsDir } = setupLogging(app.getPath('logs'), { console: !app.isPackaged });
  const crashDir = startCrashReporter(crashReporter, app);
  let lang: Lang = menuLanguage(undefined, app.getLocale());
  let mainWindow: BrowserWindow | undefined;
  // set once the database is open; files and menu commands that come earlier wait for it
  const desktop: { openWindow?: () => void } = {};
  const router = new OpenFileRouter({
    onError: (file, e) => {
      log.warn(`cannot open ${file}: ${e.message}`);
      dialog.showErrorBox(tr(lang, 'menu.cannotOpen', { file: path.basename(file) }), e.message);
    },
  });
  const openFiles = (files: string[]) => {
    if (!files.length) return;
    void router.open(files);
    if (app.isReady() && !mainWindow) desktop.openWindow?.();
  };
  const secondLaunch = (argv: string[], cwd: string) => {
    focusWindow(mainWindow);
    openFiles(fileArgs(argv, cwd));
  };
  if (!claimSingleInstance(app, process.argv, secondLaunch)) return;
  app.on('open-file', (e, file) => {
    e.preventDefault();
    openFiles([file]);
  });
  openFiles(fileArgs(process.argv, process.cwd()));

  await app.whenReady();
  log.info(`started ${app.getName()} ${app.getVersion()} (Electron ${process.versions.electron}, ${process.platform})`);
  const root = app.isPackaged ? app.getAppPath() : path.resolve(__dirname, '../..');
  const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
  const preload = path.join(root, 'dist', 'electron', 'preload.cjs');
  process.env.PROCURE_DB ??= path.join(app.getPath('userData'), 'procure.db');
  let ctx: AppContext;
  try {
    const nativeBinding = electronNativeBinding({ isPackaged: app.isPackaged, root, resourcesPath: process.resourcesPath });
    ctx = openApp(resolveDbPath(process.argv), { nativeBinding, appRoot: root });
    // the job workers (optimizer, import, report, backup) open their connections with the same binding
    configureJobs({ nativeBinding });
    // a hub password typed in Settings → Team goes to the system keychain, not the settings
    setCredentialStore(keychainStore(app.getPath('userData')));
    // the team hub's background sync (a worker job), when this database is connected to one
    startTeamSchedule(ctx);
    // the optimizer's solver compiled on a real model in a job worker, in the background
    warmOptimizer(ctx);
  } catch (e) {
    log.error(e);
    const l = menuLanguage(undefined, app.getLocale());
    dialog.showErrorBox(l === 'zh-CN' ? '无法打开数据库' : 'Cannot open the database', e instanceof DbOpenError ? e.describe(l) : (e as Error).message);
    app.exit(1);
    return;
  }
  ctx.printPdf = printReportPdf;
  installSessionPolicy();
  app.on('web-contents-created', (_e, contents) => lockDown(contents));

  const navigate = (page: PageId) => {
    if (!mainWindow) return desktop.openWindow?.();
    focusWindow(mainWindow);
    sendEvent(mainWindow.webContents, 'app:navigate', { page });
  };
  const commands: MenuCommands = {
    openScenario: () => {
      const options = {
        title: tr(lang, 'menu.openScenarioTitle'),
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [
          { name: tr(lang, 'menu.scenarioFiles'), extensions: ['json'] },
          { name: tr(lang, 'menu.allFiles'), extensions: ['*'] },
        ],
      };
      void (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)).then((r) => !r.canceled && openFiles(r.filePaths));
    },
    importSheet: () => navigate('import'),
    settings: () => navigate('settings'),
    showLogs: () => void shell.openPath(logsDir),
    showCrashReports: () => void shell.openPath(crashDir),
    updates: () => void dialog.showMessageBox({ type: 'info', title: tr(lang, 'menu.updatesTitle'), message: tr(lang, 'menu.updatesTitle'), detail: tr(lang, 'menu.updatesText') }),
  };
  const installMenu = () => {
    lang = menuLanguage(ctx.settings.get<unknown>('ui'), app.getLocale());
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, commands, { platform: process.platform, appName: app.getName(), dev: !app.isPackaged })));
  };
  installMenu();
  registerIpc(ipcMain, ctx, rendererIndex, (channel, arg) => {
    if (channel === 'settings:set' && (arg as { key?: unknown }).key === 'ui') installMenu();
  });

  const statePath = windowStatePath(app.getPath('userData'));
  desktop.openWindow = () => {
    const placed = placeWindow(
      loadWindowState(statePath),
      screen.getAllDisplays().map((d) => d.workArea),
      screen.getPrimaryDisplay().workArea,
    );
    const win = createWindow(preload, rendererIndex, placed.bounds);
    if (placed.maximized) win.maximize();
    trackWindowState(win, statePath, { onError: (e) => log.warn(`window state not saved: ${e.message}`) });
    // the preload holds an event until the page subscribes, so the files can go once it has loaded
    win.webContents.on('did-finish-load', () => void router.attach((payload) => sendEvent(win.webContents, 'app:open-file', payload)));
    win.on('closed', () => {
      router.detach();
      mainWindow = undefined;
    });
    mainWindow = win;
  };
  wireLifecycle(app, {
    platform: process.platform,
    hasWindow: () => mainWindow !== undefined,
    openWindow: () => desktop.openWindow?.(),
    shutdown: () => {
      log.info('quitting');
      void closeJobWorkers();
      ctx.db.close();
    },
  });
  desktop.openWindow();
}

if (process.versions.electron && !process.env.VITEST) void start();
