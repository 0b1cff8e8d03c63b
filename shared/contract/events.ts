/**
 * The events the main process sends to the window (the other direction from the channels in
 * api.ts): names (`domain:verb`) with zod schemas for their payloads. The main process validates
 * a payload before sending it; the preload forwards only these names to the page.
 */
import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../document/parse';

/** The app's pages, as the renderer routes them (`#/<page>`). */
export const PAGE_IDS = ['catalog', 'builds', 'compare', 'optimize', 'bids', 'import', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export const events = {
  /** A scenario file to open: double-clicked, passed on the command line, or chosen in File ▸ Open. */
  'app:open-file': z.object({ name: z.string().min(1).max(255), text: z.string().max(MAX_DOCUMENT_BYTES) }).strict(),
  /** A menu item that shows a page (File ▸ Import price sheet, Settings). */
  'app:navigate': z.object({ page: z.enum(PAGE_IDS) }).strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
