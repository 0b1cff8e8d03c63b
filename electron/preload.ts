/**
 * Preload: exposes exactly the contract's channels as `window.procure.call(channel, arg)`.
 * No ipcRenderer passthrough, no Node APIs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../shared/contract/api';

const allowed = new Set<string>(CHANNEL_NAMES);

export const bridge = {
  call(channel: string, arg?: unknown): Promise<unknown> {
    if (!allowed.has(channel)) return Promise.reject(new Error(`unknown API call "${channel}"`));
    return ipcRenderer.invoke(channel, arg);
  },
};

contextBridge.exposeInMainWorld('procure', bridge);
