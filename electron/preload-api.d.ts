/** What the preload exposes to the renderer (the renderer's only door to the main process). */
import type { EventName, EventPayload } from '../shared/contract/events';

export interface ProcureBridge {
  call(channel: string, arg?: unknown): Promise<unknown>;
  /** Main-process events (shared/contract/events.ts); returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    procure?: ProcureBridge;
  }
}
