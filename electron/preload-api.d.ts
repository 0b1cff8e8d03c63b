/** What the preload exposes to the renderer (the renderer's only door to the main process). */
export interface ProcureBridge {
  call(channel: string, arg?: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    procure?: ProcureBridge;
  }
}
