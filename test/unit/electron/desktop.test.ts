/**
 * The desktop parts of the main process (electron/app/): menu, window state, single instance,
 * opening files, lifecycle, logs, crash reports and the native binary's path. They take
 * Electron's objects as arguments, so fakes stand in for them here.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { menuLanguage, menuTemplate, type MenuCommands } from '../../../electron/app/menu';
import { DEFAULT_SIZE, loadWindowState, MIN_SIZE, placeWindow, saveWindowState, trackWindowState, windowStatePath, type WindowState } from '../../../electron/app/window-state';
import { claimSingleInstance, focusWindow } from '../../../electron/app/single-instance';
import { fileArgs, OpenFileRouter, readOpenFile } from '../../../electron/app/open-files';
import { sendEvent } from '../../../electron/app/events';
import { wireLifecycle } from '../../../electron/app/lifecycle';
import { setupLogging } from '../../../electron/app/logs';
import { startCrashReporter } from '../../../electron/app/crash';
import { electronNativeBinding } from '../../../electron/app/native';
import { MAX_DOCUMENT_BYTES } from '../../../shared/document/parse';
import { fontFaceCss, reportFontDir } from '../../../electron/report/fonts';

const dirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-desktop-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fake Electron `app`/`BrowserWindow`: records its listeners so a test can fire them. */
function emitter() {
  const on: Record<string, ((...a: unknown[]) => void)[]> = {};
  return {
    on: vi.fn((ev: string, cb: (...a: unknown[]) => void) => {
      (on[ev] ??= []).push(cb);
    }),
    emit(ev: string, ...a: unknown[]) {
      for (const cb of on[ev] ?? []) cb(...a);
    },
  };
}

// ------------------------------------------------------------------ menu

function commands(): MenuCommands & Record<string, ReturnType<typeof vi.fn>> {
  return { openScenario: vi.fn(), importSheet: vi.fn(), settings: vi.fn(), showLogs: vi.fn(), showCrashReports: vi.fn(), updates: vi.fn() };
}
const sub = (m: MenuItemConstructorOptions) => (m.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (m: MenuItemConstructorOptions) => sub(m).map((i) => i.role).filter(Boolean);
const allItems = (tpl: MenuItemConstructorOptions[]) => tpl.flatMap((m) => [m, ...sub(m)]);

describe('application menu', () => {
  it('has File, Edit, View, Window, Help with the standard roles on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const tpl = menuTemplate('en', commands(), { platform, appName: 'Procure', dev: false });
      expect(tpl.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      const [file, edit, view, win, help] = tpl as [MenuItemConstructorOptions, MenuItemConstructorOptions, MenuItemConstructorOptions, MenuItemConstructorOptions, MenuItemConstructorOptions];
      expect(roles(file)).toEqual(['quit']);
      expect(roles(edit)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
      // packaged: no reload or developer tools
      expect(roles(view)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
      expect(win.role).toBe('windowMenu');
      expect(roles(win)).toEqual(['minimize', 'zoom', 'close']);
      expect(help.role).toBe('help');
      expect(roles(help)).toEqual(['about']);
    }
  });

  it('puts the app menu first on macOS, with About, Settings, Services, Hide and Quit', () => {
    const tpl = menuTemplate('en', commands(), { platform: 'darwin', appName: 'Procure', dev: true });
    expect(tpl.map((m) => m.label)).toEqual(['Procure', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(tpl[0]!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(sub(tpl[0]!).find((i) => i.id === 'settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(roles(tpl[1]!)).toEqual(['close']);
    expect(roles(tpl[2]!)).toContain('pasteAndMatchStyle');
    expect(roles(tpl[3]!).slice(0, 2)).toEqual(['reload', 'toggleDevTools']);
    expect(roles(tpl[4]!)).toContain('front');
    // About is in the app menu, not in Help
    expect(roles(tpl[5]!)).toEqual([]);
  });

  it('runs the app commands from their items', () => {
    const c = commands();
    const items = allItems(menuTemplate('en', c, { platform: 'linux', appName: 'Procure', dev: false }));
    const click = (id: string) => (items.find((i) => i.id === id)!.click as () => void)();
    const expected: [string, keyof MenuCommands][] = [
      ['open-scenario', 'openScenario'],
      ['import-sheet', 'importSheet'],
      ['settings', 'settings'],
      ['show-logs', 'showLogs'],
      ['show-crash-reports', 'showCrashReports'],
      ['updates', 'updates'],
    ];
    for (const [id, cmd] of expected) {
      click(id);
      expect(c[cmd], id).toHaveBeenCalledTimes(1);
    }
    expect(items.find((i) => i.id === 'open-scenario')!.accelerator).toBe('CmdOrCtrl+O');
  });

  it('is labelled in the UI language, every label a real string in both languages', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const en = allItems(menuTemplate('en', commands(), { platform, appName: 'Procure', dev: true }));
      const zh = allItems(menuTemplate('zh-CN', commands(), { platform, appName: 'Procure', dev: true }));
      expect(zh.length).toBe(en.length);
      for (const [i, item] of en.entries()) {
        if (item.type === 'separator') continue;
        // tr() answers the key itself when a string is missing
        expect(item.label, JSON.stringify(item)).toBeTruthy();
        expect(item.label).not.toMatch(/^menu\./);
        expect(zh[i]!.label).not.toMatch(/^menu\./);
      }
    }
    const zh = menuTemplate('zh-CN', commands(), { platform: 'win32', appName: 'Procure', dev: false });
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(sub(zh[1]!).find((i) => i.role === 'copy')!.label).toBe('复制');
    expect(sub(zh[4]!).find((i) => i.role === 'about')!.label).toBe('关于 Procure');
    expect(sub(zh[4]!).find((i) => i.id === 'show-logs')!.label).toBe('查看日志');
  });

  it('follows the saved UI language, else the system locale', () => {
    expect(menuLanguage({ language: 'zh-CN', theme: 'dark' }, 'en-US')).toBe('zh-CN');
    expect(menuLanguage({ language: 'en' }, 'zh-CN')).toBe('en');
    expect(menuLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(menuLanguage({ language: 'fr' }, 'de-DE')).toBe('en');
    expect(menuLanguage('zh-CN', 'en')).toBe('en');
  });
});

// ------------------------------------------------------------------ window state

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({ version: 1, bounds: { x, y, width, height }, maximized });

describe('window state', () => {
  it('saves and loads the state as JSON in userData, atomically', () => {
    const dir = tmpDir();
    const file = windowStatePath(path.join(dir, 'userData'));
    expect(loadWindowState(file)).toBeUndefined();
    saveWindowState(file, state(100, 50, 1400, 900, true));
    expect(loadWindowState(file)).toEqual(state(100, 50, 1400, 900, true));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    expect(() => saveWindowState(file, { ...state(0, 0, 10, 10), bounds: { x: 0, y: 0, width: -5, height: 10 } })).toThrow();
  });

  it('ignores a damaged or hostile file', () => {
    const file = path.join(tmpDir(), 'window-state.json');
    const bad = [
      '',
      '{',
      'null',
      '[]',
      JSON.stringify({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false }),
      JSON.stringify({ ...state(0, 0, 800, 600), version: 2 }),
      JSON.stringify({ ...state(0, 0, 800, 600), extra: 1 }),
      JSON.stringify(state(0, 0, 0, 600)),
      JSON.stringify(state(1e9, 0, 800, 600)),
      JSON.stringify(state(0.5, 0, 800, 600)),
      '{"version":1,"bounds":{"x":"0","y":0,"width":800,"height":600},"maximized":false}',
      '{"__proto__":{"x":1},"version":1}',
      ' '.repeat(20_000),
    ];
    for (const text of bad) {
      fs.writeFileSync(file, text);
      expect(loadWindowState(file), text.slice(0, 60)).toBeUndefined();
    }
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(loadWindowState(file)).toBeUndefined();
  });

  it('opens at the default size, centred on the primary display, when nothing was saved', () => {
    expect(placeWindow(undefined, [primary], primary)).toEqual({ bounds: { x: 320, y: 120, ...DEFAULT_SIZE }, maximized: false });
  });

  it('restores bounds that are on a display, on either display', () => {
    expect(placeWindow(state(100, 80, 1400, 900), [primary, right], primary).bounds).toEqual({ x: 100, y: 80, width: 1400, height: 900 });
    expect(placeWindow(state(2000, 100, 1600, 1000, true), [primary, right], primary)).toEqual({ bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true });
  });

  it('brings a window from an unplugged monitor back to the primary display, centred', () => {
    const placed = placeWindow(state(2200, 100, 1400, 900), [primary], primary);
    expect(placed.bounds).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
    // far off screen, and negative coordinates of a display that was to the left
    expect(placeWindow(state(-3000, -2000, 1200, 800), [primary], primary).bounds).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });

  it('moves a window that hangs off its display back onto it, and shrinks one larger than it', () => {
    // mostly on the primary display, its right part beyond the edge of the desktop
    expect(placeWindow(state(1500, 900, 1280, 800), [primary], primary).bounds).toEqual({ x: 640, y: 240, width: 1280, height: 800 });
    // only a sliver (under 160 × 80 px) visible: not on that display
    expect(placeWindow(state(1850, 100, 1280, 800), [primary], primary).bounds).toEqual({ x: 320, y: 120, width: 1280, height: 800 });
    // saved on a big monitor, now on a small laptop screen
    const laptop = { x: 0, y: 25, width: 1366, height: 743 };
    expect(placeWindow(state(0, 25, 2400, 1350), [laptop], laptop).bounds).toEqual({ x: 0, y: 25, width: 1366, height: 743 });
    // never below the minimum size where the display has room for it
    const tiny = placeWindow(state(10, 10, 300, 200), [primary], primary).bounds;
    expect([tiny.width, tiny.height]).toEqual([MIN_SIZE.width, MIN_SIZE.height]);
  });

  it('saves the normal bounds on move and resize (debounced) and at once on close', () => {
    vi.useFakeTimers();
    try {
      const file = path.join(tmpDir(), 'window-state.json');
      const win = { ...emitter(), isDestroyed: () => false, isMaximized: vi.fn(() => false), getNormalBounds: vi.fn(() => ({ x: 10.4, y: 20, width: 1300, height: 850 })) };
      trackWindowState(win as never, file, { debounceMs: 200 });
      win.emit('move');
      win.emit('resize');
      expect(fs.existsSync(file)).toBe(false);
      vi.advanceTimersByTime(200);
      expect(loadWindowState(file)).toEqual(state(10, 20, 1300, 850));
      expect(win.getNormalBounds).toHaveBeenCalledTimes(1);
      win.isMaximized.mockReturnValue(true);
      win.emit('close');
      expect(loadWindowState(file)).toEqual(state(10, 20, 1300, 850, true));
    } finally {
      vi.useRealTimers();
    }
  });
});

// ------------------------------------------------------------------ single instance and open-file

describe('single instance', () => {
  it('quits when another instance holds the lock', () => {
    const app = { ...emitter(), requestSingleInstanceLock: vi.fn(() => false), quit: vi.fn() };
    const second = vi.fn();
    expect(claimSingleInstance(app as never, ['/opt/procure'], second)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
  });

  it("hands a second launch's command line (sent as additional data, else argv) to the first", () => {
    const app = { ...emitter(), requestSingleInstanceLock: vi.fn(() => true), quit: vi.fn() };
    const second = vi.fn();
    expect(claimSingleInstance(app as never, ['/opt/procure', 'a.procure.json'], second)).toBe(true);
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({ argv: ['/opt/procure', 'a.procure.json'] });
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['exe', '--allow-file-access', 'x.procure.json'], '/home/me', { argv: ['exe', 'b.procure.json'] });
    expect(second).toHaveBeenLastCalledWith(['exe', 'b.procure.json'], '/home/me');
    // data that is not an argv list is not trusted
    app.emit('second-instance', {}, ['exe', 'c.procure.json'], '/tmp', { argv: [1, 2] });
    expect(second).toHaveBeenLastCalledWith(['exe', 'c.procure.json'], '/tmp');
  });

  it('focuses the window: restored when minimised, shown when hidden', () => {
    const win = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), isVisible: () => false, show: vi.fn(), focus: vi.fn() };
    expect(focusWindow(win)).toBe(true);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(focusWindow(undefined)).toBe(false);
    expect(focusWindow({ ...win, isDestroyed: () => true })).toBe(false);
  });
});

describe('files to open from the command line', () => {
  it('takes .json arguments, resolved against the working directory, and skips switches and --db', () => {
    const cwd = path.resolve('/home/me/bids');
    const argv = [
      '/opt/Procure/procure-planner',
      '--no-sandbox',
      '-psn_0_12345',
      '--db',
      'team.json',
      '--db=other.db',
      'tender.procure.json',
      path.resolve('/data/Other Scenario.PROCURE.JSON'),
      'tender.procure.json',
      'notes.txt',
      '.',
    ];
    expect(fileArgs(argv, cwd)).toEqual([path.join(cwd, 'tender.procure.json'), path.resolve('/data/Other Scenario.PROCURE.JSON')]);
    expect(fileArgs(['/opt/Procure/procure-planner'], cwd)).toEqual([]);
    // argv[0] is the executable even if it were named like a file
    expect(fileArgs(['x.json'], cwd)).toEqual([]);
  });
});

describe('opening files in the running app', () => {
  it('reads a scenario as text: UTF-8, UTF-16 with a BOM; refuses folders, missing and oversized files', async () => {
    const dir = tmpDir();
    const a = path.join(dir, '方案.procure.json');
    fs.writeFileSync(a, '{"name":"集群"}');
    expect(await readOpenFile(a)).toEqual({ name: '方案.procure.json', text: '{"name":"集群"}' });
    const b = path.join(dir, 'utf16.procure.json');
    fs.writeFileSync(b, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]));
    expect((await readOpenFile(b)).text).toBe('{"a":1}');
    await expect(readOpenFile(dir)).rejects.toThrow(/not a file/);
    await expect(readOpenFile(path.join(dir, 'missing.procure.json'))).rejects.toThrow(/ENOENT/);
    const big = path.join(dir, 'big.procure.json');
    fs.writeFileSync(big, 'x'.repeat(MAX_DOCUMENT_BYTES + 1));
    await expect(readOpenFile(big)).rejects.toThrow(/too large/);
  });

  it('keeps files until a window is attached, then delivers each once, in order; errors go to onError', async () => {
    const read = vi.fn(async (f: string) => {
      if (f.includes('bad')) throw new Error('unreadable');
      return { name: path.basename(f), text: `{"file":"${path.basename(f)}"}` };
    });
    const onError = vi.fn();
    const router = new OpenFileRouter({ read, onError });
    await router.open(['/a/one.procure.json', '/a/bad.procure.json']);
    expect(read).not.toHaveBeenCalled();
    expect(router.queued).toEqual(['/a/one.procure.json', '/a/bad.procure.json']);
    const got: string[] = [];
    await router.attach((p) => got.push(p.name));
    expect(got).toEqual(['one.procure.json']);
    expect(onError).toHaveBeenCalledWith('/a/bad.procure.json', expect.objectContaining({ message: 'unreadable' }));
    await router.open(['/a/two.procure.json']);
    expect(got).toEqual(['one.procure.json', 'two.procure.json']);
    expect(router.queued).toEqual([]);
    // the window closes (macOS): the next file waits for the next window
    router.detach();
    await router.open(['/a/three.procure.json']);
    expect(got).toHaveLength(2);
    const next: string[] = [];
    await router.attach((p) => next.push(p.name));
    expect(next).toEqual(['three.procure.json']);
  });

  it('keeps a file read while the window closed for the next window', async () => {
    const holder: { router?: OpenFileRouter } = {};
    const read = vi.fn(async (f: string) => {
      holder.router!.detach();
      return { name: path.basename(f), text: '{}' };
    });
    const router = (holder.router = new OpenFileRouter({ read, onError: vi.fn() }));
    const got: string[] = [];
    await router.attach((p) => got.push(p.name));
    await router.open(['/a/x.procure.json']);
    expect(got).toEqual([]);
    expect(router.queued).toEqual(['/a/x.procure.json']);
  });

  it('sends events only with a payload their schema accepts', () => {
    const send = vi.fn();
    sendEvent({ send }, 'app:open-file', { name: 'a.procure.json', text: '{}' });
    expect(send).toHaveBeenCalledWith('app:open-file', { name: 'a.procure.json', text: '{}' });
    sendEvent({ send }, 'app:navigate', { page: 'settings' });
    expect(send).toHaveBeenLastCalledWith('app:navigate', { page: 'settings' });
    expect(() => sendEvent({ send }, 'app:navigate', { page: 'javascript:alert(1)' } as never)).toThrow();
    expect(() => sendEvent({ send }, 'app:open-file', { name: '', text: '{}' })).toThrow();
    expect(() => sendEvent({ send }, 'app:open-file', { name: 'a', text: '{}', path: '/etc/passwd' } as never)).toThrow();
    expect(send).toHaveBeenCalledTimes(2);
  });
});

// ------------------------------------------------------------------ lifecycle, logs, crash reports, native binary

describe('lifecycle', () => {
  function wired(platform: NodeJS.Platform, hasWindow: boolean) {
    const app = { ...emitter(), quit: vi.fn() };
    const deps = { platform, hasWindow: () => hasWindow, openWindow: vi.fn(), shutdown: vi.fn() };
    wireLifecycle(app as never, deps);
    return { app, deps };
  }

  it('macOS: stays running with no window, and activate opens one only when there is none', () => {
    const { app, deps } = wired('darwin', false);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('activate');
    expect(deps.openWindow).toHaveBeenCalledTimes(1);
    const other = wired('darwin', true);
    other.app.emit('activate');
    expect(other.deps.openWindow).not.toHaveBeenCalled();
  });

  it('Windows and Linux: closing the last window quits; the database closes once', () => {
    const { app, deps } = wired('win32', false);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
    app.emit('will-quit');
    app.emit('will-quit');
    expect(deps.shutdown).toHaveBeenCalledTimes(1);
  });
});

describe('log file', () => {
  it('writes main.log in the logs folder and rotates it past the size limit', () => {
    const dir = tmpDir();
    const { log, file } = setupLogging(dir, { maxBytes: 2_000, catchErrors: false });
    expect(file).toBe(path.join(dir, 'main.log'));
    log.info('started 报价 planner');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/\[info\]\s+started 报价 planner/);
    for (let i = 0; i < 40; i++) log.warn(`line ${i} ${'x'.repeat(80)}`);
    expect(fs.existsSync(path.join(dir, 'main.old.log'))).toBe(true);
    expect(fs.statSync(file).size).toBeLessThan(3_000);
  });
});

describe('crash reports', () => {
  it('are kept in a local folder and never uploaded', () => {
    const start = vi.fn();
    const dir = startCrashReporter({ start }, { getPath: (n: string) => `/u/${n}`, getVersion: () => '0.1.0' } as never);
    expect(dir).toBe('/u/crashDumps');
    expect(start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false, submitURL: '' }));
  });
});

describe('native binary', () => {
  it('is the Electron build: .electron-native in development, resources/native in the package, never node_modules', () => {
    const exists = () => true;
    const dev = electronNativeBinding({ isPackaged: false, root: '/src', resourcesPath: '/x', exists });
    expect(dev).toBe(path.join('/src', '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    const packaged = electronNativeBinding({ isPackaged: true, root: '/app.asar', resourcesPath: '/opt/P/resources', exists });
    expect(packaged).toBe(path.join('/opt/P/resources', 'native', 'better_sqlite3.node'));
    expect(electronNativeBinding({ isPackaged: true, root: '/a', resourcesPath: '/r', exists: () => false })).toBeUndefined();
  });
});

describe('report fonts', () => {
  it('come from the committed subset in assets/fonts, only the slices a text needs', () => {
    expect(reportFontDir()).toBe(path.resolve('assets', 'fonts', 'noto-sans-sc'));
    expect(reportFontDir(path.resolve('dist', 'electron'))).toBe(path.resolve('assets', 'fonts', 'noto-sans-sc'));
    const latin = fontFaceCss('Bid');
    const chinese = fontFaceCss('Bid 报价对比');
    expect(latin).toMatch(/font-weight:400/);
    expect(latin).toMatch(/font-weight:700/);
    expect(chinese.split('@font-face').length).toBeGreaterThan(latin.split('@font-face').length);
    expect(chinese).toMatch(/data:font\/woff2;base64,/);
  });
});
