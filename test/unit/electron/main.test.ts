/** The Electron main process and preload, with a mocked `electron` module. */
import { describe, it, expect, vi, beforeEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const handlers = new Map<string, (e: unknown, arg: unknown) => unknown>();
const exposed: Record<string, unknown> = {};
const windows: { opts: Record<string, unknown>; contents: FakeContents; loaded?: string; loadedText?: string; destroyed?: boolean }[] = [];

class FakeContents {
  openHandler?: (d: unknown) => unknown;
  isolated: { world: number; code: string }[] = [];
  printed?: Record<string, unknown>;
  executeJavaScriptInIsolatedWorld(world: number, scripts: { code: string }[]) {
    this.isolated.push({ world, code: scripts[0]!.code });
    return Promise.resolve(true);
  }
  printToPDF(opts: Record<string, unknown>) {
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
      if (f.includes('procure-report-')) w.loadedText = readText(f);
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
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() }, setPermissionRequestHandler: vi.fn() } },
    ipcMain: { handle: (c: string, h: (e: unknown, a: unknown) => unknown) => handlers.set(c, h) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    ipcRenderer: { invoke: vi.fn((c: string, a: unknown) => Promise.resolve({ channel: c, a })) },
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
    expect(w.contents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('preload', () => {
  it('exposes exactly one method that only forwards contract channels', async () => {
    await import('../../../electron/preload');
    const bridge = exposed.procure as { call: (c: string, a?: unknown) => Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['call']);
    await expect(bridge.call('catalog:list')).resolves.toMatchObject({ channel: 'catalog:list' });
    await expect(bridge.call('shell:openExternal', 'x')).rejects.toThrow(/unknown API call/);
  });
});
