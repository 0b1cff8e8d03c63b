/** The Electron main process and preload, with a mocked `electron` module. */
import { describe, it, expect, vi, beforeEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const handlers = new Map<string, (e: unknown, arg: unknown) => unknown>();
/** What the preload listens to with ipcRenderer.on: a test sends main-process events through these. */
const rendererListeners = new Map<string, (e: unknown, payload: unknown) => void>();
const exposed: Record<string, unknown> = {};
const windows: { opts: Record<string, unknown>; contents: FakeContents; loaded?: string; loadedText?: string; modes?: { dir: number; file: number }; destroyed?: boolean }[] = [];
let failPrint = false;

class FakeContents {
  openHandler?: (d: unknown) => unknown;
  isolated: { world: number; code: string }[] = [];
  printed?: Record<string, unknown>;
  executeJavaScriptInIsolatedWorld(world: number, scripts: { code: string }[]) {
    this.isolated.push({ world, code: scripts[0]!.code });
    return Promise.resolve(true);
  }
  printToPDF(opts: Record<string, unknown>) {
    if (failPrint) return Promise.reject(new Error('printer gone'));
    this.printed = opts;
    return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
  }
  listeners: Record<string, (e: { preventDefault: () => void }) => void> = {};
  setWindowOpenHandler(h: (d: unknown) => unknown) {
    this.openHandler = h;
  }
  on(ev: string, cb: (e: { preventDefault: () => void }) => void) {
    this.listeners[ev] = cb;
  }
}

// called from the mocked module at run time, when the imports above are ready
function readText(f: string): string {
  return fs.readFileSync(f, 'utf8');
}
function tmp(): string {
  return os.tmpdir();
}
function modesOf(f: string): { dir: number; file: number } {
  return { dir: fs.statSync(path.dirname(f)).mode & 0o777, file: fs.statSync(f).mode & 0o777 };
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    constructor(opts: Record<string, unknown>) {
      windows.push({ opts, contents: this.webContents });
    }
    once() {}
    loadFile(f: string) {
      const w = windows.find((x) => x.contents === this.webContents)!;
      w.loaded = f;
      if (f.includes('procure-report-')) {
        w.loadedText = readText(f);
        w.modes = modesOf(f);
      }
      return Promise.resolve();
    }
    destroy() {
      windows.find((x) => x.contents === this.webContents)!.destroyed = true;
    }
  }
  return {
    app: { whenReady: () => Promise.resolve(), on: vi.fn(), getPath: () => tmp(), isPackaged: false, exit: vi.fn(), quit: vi.fn() },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    shell: {},
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    ipcMain: { handle: (c: string, h: (e: unknown, a: unknown) => unknown) => handlers.set(c, h) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    ipcRenderer: {
      invoke: vi.fn((c: string, a: unknown) => Promise.resolve({ channel: c, a })),
      on: (c: string, l: (e: unknown, p: unknown) => void) => rendererListeners.set(c, l),
    },
  };
});

beforeEach(() => {
  windows.length = 0;
});

describe('main process', () => {
  it('creates a locked-down window: isolation, sandbox, no node, preload only', async () => {
    const { createWindow } = await import('../../../electron/main');
    createWindow('/app/preload.cjs', '/app/index.html');
    const prefs = windows[0]!.opts.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/preload.cjs' });
    expect(windows[0]!.loaded).toBe('/app/index.html');
  });

  it('opens the window at the placed bounds, keeping its minimum size', async () => {
    const { createWindow } = await import('../../../electron/main');
    createWindow('/p', '/i', { x: 40, y: 30, width: 1400, height: 900 });
    expect(windows[0]!.opts).toMatchObject({ x: 40, y: 30, width: 1400, height: 900, minWidth: 1024, minHeight: 640 });
  });

  it('tells the caller which calls succeeded (the menu follows the UI language setting)', async () => {
    const { registerIpc } = await import('../../../electron/main');
    const index = path.resolve('/app/dist/renderer/index.html');
    const seen: string[] = [];
    const local = new Map<string, (e: unknown, a: unknown) => unknown>();
    registerIpc({ handle: (c: string, h: never) => local.set(c, h) } as never, { db: {} } as never, index, (c) => seen.push(c));
    await local.get('catalog:get')!({ senderFrame: { url: 'file://' + index } }, { slug: 5 });
    await local.get('catalog:list')!({ senderFrame: { url: 'https://evil.example/' } }, undefined);
    expect(seen).toEqual([]);
  });

  it('reports a successful call with its argument', async () => {
    const { registerIpc } = await import('../../../electron/main');
    const { openApp } = await import('../../../electron/bootstrap');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-ipc-'));
    const ctx = openApp(path.join(dir, 'p.db'));
    try {
      const index = path.resolve('/app/dist/renderer/index.html');
      const seen: [string, unknown][] = [];
      const local = new Map<string, (e: unknown, a: unknown) => unknown>();
      registerIpc({ handle: (c: string, h: never) => local.set(c, h) } as never, ctx, index, (c, a) => seen.push([c, a]));
      const arg = { key: 'ui', value: { language: 'zh-CN', theme: 'dark' } };
      await expect(local.get('settings:set')!({ senderFrame: { url: 'file://' + index } }, arg)).resolves.toMatchObject({ ok: true });
      expect(seen).toEqual([['settings:set', arg]]);
    } finally {
      ctx.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('denies window.open and navigation', async () => {
    const { createWindow } = await import('../../../electron/main');
    createWindow('/p', '/i');
    const c = windows[0]!.contents;
    expect(c.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const prevent = vi.fn();
    c.listeners['will-navigate']!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalled();
  });

  it('registers one IPC handler per contract channel and refuses untrusted senders', async () => {
    const { registerIpc } = await import('../../../electron/main');
    const { CHANNEL_NAMES } = await import('../../../shared/contract/api');
    const index = path.resolve('/app/dist/renderer/index.html');
    const ctx = { db: {} } as never;
    registerIpc({ handle: (c: string, h: never) => handlers.set(c, h) } as never, ctx, index);
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const r = await handlers.get('catalog:list')!({ senderFrame: { url: 'https://evil.example/' } }, undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    const bad = await handlers.get('catalog:get')!({ senderFrame: { url: 'file://' + index } }, { slug: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('trusts its own renderer on Windows: file:///C:/… is C:\\…, drive letter in any case, with a hash route', async () => {
    const { isTrustedSender } = await import('../../../electron/main');
    const index = 'C:\\Program Files\\Procure Planner\\resources\\app.asar\\dist\\renderer\\index.html';
    const url = 'file:///C:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/index.html';
    expect(isTrustedSender(url, index, path.win32)).toBe(true);
    expect(isTrustedSender(`${url}#/builds`, index, path.win32)).toBe(true);
    expect(isTrustedSender(url.replace('C:', 'c:'), index, path.win32)).toBe(true);
    // the old comparison (pathname, decoded) gave \C:\… and refused every genuine call
    expect(path.win32.normalize(decodeURIComponent(new URL(url).pathname))).not.toBe(index);
    const hostile = [
      'file:///C:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/other.html',
      'file:///D:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/index.html',
      'file://evil-share/C$/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/index.html',
      'file:///C:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer%5Cindex.html',
      'file:///C:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/x/../../../../../../Windows/index.html',
      'http://127.0.0.1/C:/Program%20Files/Procure%20Planner/resources/app.asar/dist/renderer/index.html',
      'filex:///C:/index.html',
      'file:',
    ];
    for (const h of hostile) expect(isTrustedSender(h, index, path.win32), h).toBe(false);
  });

  it('trusts its own renderer on POSIX and nothing with a host or encoded separators', async () => {
    const { isTrustedSender } = await import('../../../electron/main');
    const index = '/opt/Procure Planner/resources/app.asar/dist/renderer/index.html';
    const url = 'file:///opt/Procure%20Planner/resources/app.asar/dist/renderer/index.html';
    expect(isTrustedSender(url, index, path.posix)).toBe(true);
    expect(isTrustedSender(`${url}#/settings`, index, path.posix)).toBe(true);
    expect(isTrustedSender(url.replace('/opt/', '/OPT/'), index, path.posix)).toBe(false);
    expect(isTrustedSender('file://host/opt/Procure%20Planner/resources/app.asar/dist/renderer/index.html', index, path.posix)).toBe(false);
    expect(isTrustedSender('file:///opt/Procure%20Planner/resources/app.asar/dist%2Frenderer/index.html', index, path.posix)).toBe(false);
    expect(isTrustedSender('file:///opt/Procure%20Planner/resources/app.asar/dist/renderer/../renderer/index.html', index, path.posix)).toBe(true);
    // a Windows URL is not a POSIX path and the other way round
    expect(isTrustedSender('file:///C:/app/index.html', 'C:\\app\\index.html', path.posix)).toBe(false);
  });

  it('denies every permission request, permission check and device in the session', async () => {
    const { installSessionPolicy } = await import('../../../electron/main');
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    const ses = {
      webRequest: { onHeadersReceived: (h: never) => (handlers.headers = h), onBeforeRequest: (h: never) => (handlers.request = h) },
      setPermissionRequestHandler: (h: never) => (handlers.permissionRequest = h),
      setPermissionCheckHandler: (h: never) => (handlers.permissionCheck = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    };
    installSessionPolicy(ses as never);
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fileSystem', 'openExternal']) {
      const cb = vi.fn();
      handlers.permissionRequest!({}, perm, cb, {});
      expect(cb, perm).toHaveBeenCalledWith(false);
      expect(handlers.permissionCheck!({}, perm, 'file:///app/index.html', {}), perm).toBe(false);
    }
    for (const deviceType of ['hid', 'serial', 'usb']) expect(handlers.device!({ deviceType, origin: 'file://', device: {} })).toBe(false);
    const cancel = vi.fn();
    handlers.request!({ url: 'https://example.com/' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
  });

  it('the default session gets the policy too', async () => {
    const { installSessionPolicy } = await import('../../../electron/main');
    const { session } = await import('electron');
    installSessionPolicy();
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(session.defaultSession.setDevicePermissionHandler).toHaveBeenCalled();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
  });

  it('trusts only its own renderer file', async () => {
    const { isTrustedSender } = await import('../../../electron/main');
    expect(isTrustedSender('file:///app/index.html', '/app/index.html')).toBe(true);
    expect(isTrustedSender('file:///etc/other.html', '/app/index.html')).toBe(false);
    expect(isTrustedSender('http://127.0.0.1/index.html', '/app/index.html')).toBe(false);
    expect(isTrustedSender(undefined, '/app/index.html')).toBe(false);
  });
});

describe('report printing', () => {
  it('prints report HTML in a hidden, sandboxed window without a preload, then cleans up', async () => {
    const { printReportPdf } = await import('../../../electron/main');
    const pdf = await printReportPdf('<!doctype html><p>报告</p>');
    expect(pdf.toString()).toMatch(/^%PDF/);
    const w = windows[0]!;
    expect(w.opts.show).toBe(false);
    const prefs = w.opts.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toBeUndefined();
    expect(w.loadedText).toBe('<!doctype html><p>报告</p>');
    expect(w.contents.isolated[0]!.code).toMatch(/document\.fonts\.ready/);
    expect(w.contents.printed).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(w.destroyed).toBe(true);
    expect(fs.existsSync(w.loaded!)).toBe(false);
    // a private folder of its own in the temp folder, gone with the file
    const dir = path.dirname(w.loaded!);
    expect(path.dirname(dir)).toBe(tmp());
    expect(path.basename(dir)).toMatch(/^procure-report-/);
    if (process.platform !== 'win32') expect(w.modes).toEqual({ dir: 0o700, file: 0o600 });
    expect(fs.existsSync(dir)).toBe(false);
    expect(w.contents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('report printing when it fails', () => {
  it('removes the private folder when the printer fails', async () => {
    const { printReportPdf } = await import('../../../electron/main');
    failPrint = true;
    try {
      await expect(printReportPdf('<p>x</p>')).rejects.toThrow(/printer gone/);
    } finally {
      failPrint = false;
    }
    const w = windows[0]!;
    expect(w.destroyed).toBe(true);
    expect(fs.existsSync(path.dirname(w.loaded!))).toBe(false);
  });
});

describe('preload', () => {
  type Bridge = { call: (c: string, a?: unknown) => Promise<unknown>; on: (e: string, l: (p: unknown) => void) => () => void };

  it('exposes exactly call and on: call forwards only contract channels', async () => {
    await import('../../../electron/preload');
    const bridge = exposed.procure as Bridge;
    expect(Object.keys(bridge)).toEqual(['call', 'on']);
    await expect(bridge.call('catalog:list')).resolves.toMatchObject({ channel: 'catalog:list' });
    await expect(bridge.call('shell:openExternal', 'x')).rejects.toThrow(/unknown API call/);
  });

  it('listens only to the contract events and hands a listener the payload, never the IPC event', async () => {
    await import('../../../electron/preload');
    const { EVENT_NAMES } = await import('../../../shared/contract/events');
    expect([...rendererListeners.keys()].sort()).toEqual([...EVENT_NAMES].sort());
    const bridge = exposed.procure as Bridge;
    expect(() => bridge.on('ipc:anything', () => {})).toThrow(/unknown app event/);
    expect(() => bridge.on('app:navigate', 'not a function' as never)).toThrow(TypeError);
    const got: unknown[] = [];
    const off = bridge.on('app:navigate', (p) => got.push(p));
    const sender = { send: vi.fn() };
    rendererListeners.get('app:navigate')!({ sender }, { page: 'settings' });
    expect(got).toEqual([{ page: 'settings' }]);
    off();
    rendererListeners.get('app:navigate')!({ sender }, { page: 'import' });
    expect(got).toHaveLength(1);
  });

  it('holds an event that comes before the page subscribes (a file opened at launch), a few at most', async () => {
    await import('../../../electron/preload');
    const bridge = exposed.procure as Bridge;
    const send = rendererListeners.get('app:open-file')!;
    for (let i = 0; i < 20; i++) send({}, { name: `f${i}.procure.json`, text: '{}' });
    const got: { name: string }[] = [];
    const off = bridge.on('app:open-file', (p) => got.push(p as { name: string }));
    expect(got.map((p) => p.name)).toEqual(Array.from({ length: 16 }, (_, i) => `f${i}.procure.json`));
    // delivered once: a second subscriber does not get them again
    const again: unknown[] = [];
    bridge.on('app:open-file', (p) => again.push(p));
    expect(again).toEqual([]);
    off();
  });
});
