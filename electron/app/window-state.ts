/**
 * The main window's size and position, saved in userData/window-state.json and restored at the
 * next start. The file is checked with zod (a damaged or hand-edited one is ignored, never
 * trusted), and the bounds are kept on a display that is still there: a window saved on a
 * monitor since unplugged comes back on the primary display, and one larger than its display
 * shrinks to fit it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;
/** How much of a window must lie on a display for it to count as on that display. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);
export const windowStateSchema = z
  .object({
    version: z.literal(1),
    bounds: z.object({ x: coordinate, y: coordinate, width: extent, height: extent }).strict(),
    maximized: z.boolean(),
  })
  .strict();

export type WindowState = z.infer<typeof windowStateSchema>;

export function windowStatePath(userData: string): string {
  return path.join(userData, WINDOW_STATE_FILE);
}

/** The saved state, or undefined when there is none or it is not a valid one. */
export function loadWindowState(file: string): WindowState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (text.length > 10_000) return undefined;
  try {
    const r = windowStateSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temp file and renamed, so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = windowStateSchema.parse(state);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(valid, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Where the window opens: the saved bounds moved and shrunk into the work area of the display
 * that holds most of them; the primary display when no display holds enough of them (centred
 * there, at the saved size if it fits); the default size centred when nothing was saved.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[], primary: Rect): { bounds: Rect; maximized: boolean } {
  const fit = (size: { width: number; height: number }, area: Rect) => ({
    width: Math.min(Math.max(size.width, Math.min(MIN_SIZE.width, area.width)), area.width),
    height: Math.min(Math.max(size.height, Math.min(MIN_SIZE.height, area.height)), area.height),
  });
  const centred = (size: { width: number; height: number }, area: Rect): Rect => {
    const s = fit(size, area);
    return { x: area.x + Math.round((area.width - s.width) / 2), y: area.y + Math.round((area.height - s.height) / 2), ...s };
  };
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };
  const b = saved.bounds;
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(b, area);
    const visible = o.width >= Math.min(MIN_VISIBLE.width, b.width) && o.height >= Math.min(MIN_VISIBLE.height, b.height);
    if (visible && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) return { bounds: centred(b, primary), maximized: saved.maximized };
  const s = fit(b, best);
  const x = Math.min(Math.max(b.x, best.x), best.x + best.width - s.width);
  const y = Math.min(Math.max(b.y, best.y), best.y + best.height - s.height);
  return { bounds: { x, y, ...s }, maximized: saved.maximized };
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Save the window's state when it moves or resizes (debounced) and when it closes. The normal
 * bounds are saved while maximised, so un-maximising after a restart returns to them.
 */
export function trackWindowState(win: TrackedWindow, file: string, opts: { debounceMs?: number; onError?: (e: Error) => void } = {}): () => void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    const r = win.getNormalBounds();
    const bounds = { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    try {
      saveWindowState(file, { version: 1, bounds, maximized: win.isMaximized() });
    } catch (e) {
      opts.onError?.(e as Error);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, opts.debounceMs ?? 500);
  };
  for (const ev of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(ev as 'resize', later);
  win.on('close', save);
  return save;
}
