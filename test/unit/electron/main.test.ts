/** The Electron main process and preload, with a mocked `electron` module. */
import { describe, it, expect, vi, beforeEach } from 'vitest';
import path from 'node:path';

const handlers = new Map<string, (e: unknown, arg: unknown) => unknown>();
const exposed: Record<string, unknown> = {};
const windows: { opts: Record<string, unknown>; contents: FakeContents; loaded?: string }[] = [];

class FakeContents {
  openHandler?: (d: unknown) => unknown;
  listeners: Record<string, (e: { preventDefault: () => void }) => void> = {};
  setWindowOpenHandler(h: (d: unknown) => unknown) {
    this.openHandler = h;
  }
  on(ev: string, cb: (e: { preventDefault: () => void }) => void) {
    this.listeners[ev] = cb;
  }
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    constructor(opts: Record<string, unknown>) {
      windows.push({ opts, contents: this.webContents });
    }
    once() {}
    loadFile(f: string) {
      windows[windows.length - 1]!.loaded = f;
      return Promise.resolve();
    }
  }
  return {
    app: { whenReady: () => Promise.resolve(), on: vi.fn(), getPath: () => '/tmp', isPackaged: false, exit: vi.fn(), quit: vi.fn() },
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

describe('preload', () => {
  it('exposes exactly one method that only forwards contract channels', async () => {
    await import('../../../electron/preload');
    const bridge = exposed.procure as { call: (c: string, a?: unknown) => Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['call']);
    await expect(bridge.call('catalog:list')).resolves.toMatchObject({ channel: 'catalog:list' });
    await expect(bridge.call('shell:openExternal', 'x')).rejects.toThrow(/unknown API call/);
  });
});
