/**
 * Preload: exposes exactly the contract's channels as `window.procure.call(channel, arg)`, and
 * the contract's main-to-window events (shared/contract/events.ts) as `window.procure.on(event,
 * listener)`. No ipcRenderer passthrough, no Node APIs: a listener gets the payload only, never
 * the IPC event or its sender.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../shared/contract/api';
import { EVENT_NAMES } from '../shared/contract/events';

const allowed = new Set<string>(CHANNEL_NAMES);
const allowedEvents = new Set<string>(EVENT_NAMES);

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
/**
 * Events that arrive before the page subscribes (a file opened at launch is sent when the page
 * has loaded, which can be before React's effects run) wait here, a few at most.
 */
const early = new Map<string, unknown[]>();
const MAX_EARLY = 16;

for (const name of EVENT_NAMES) {
  ipcRenderer.on(name, (_event, payload: unknown) => {
    const ls = listeners.get(name);
    if (ls?.size) for (const l of ls) l(payload);
    else {
      const q = early.get(name) ?? [];
      if (q.length < MAX_EARLY) q.push(payload);
      early.set(name, q);
    }
  });
}

export const bridge = {
  call(channel: string, arg?: unknown): Promise<unknown> {
    if (!allowed.has(channel)) return Promise.reject(new Error(`unknown API call "${channel}"`));
    return ipcRenderer.invoke(channel, arg);
  },
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  on(event: string, listener: Listener): () => void {
    if (!allowedEvents.has(event)) throw new Error(`unknown app event "${event}"`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const ls = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, ls);
    ls.add(listener);
    const queued = early.get(event);
    early.delete(event);
    for (const p of queued ?? []) listener(p);
    return () => void ls.delete(listener);
  },
};

contextBridge.exposeInMainWorld('procure', bridge);
