/**
 * One running app per user: a second launch (double-clicking another scenario, or starting the
 * app again) hands its command line to the first and quits. The first focuses its window and
 * opens the files the second was given (see open-files.ts).
 */
import type { App, BrowserWindow } from 'electron';
import { z } from 'zod';

/** What a second instance sends along: its own argv, which Windows may otherwise hand over reordered. */
const launchData = z.object({ argv: z.array(z.string().max(32_768)).max(1_000) });

export type SecondLaunch = (argv: string[], workingDirectory: string) => void;

/** Take the lock, or quit (returning false) because another instance has it. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>, argv: readonly string[], onSecondLaunch: SecondLaunch): boolean {
  if (!app.requestSingleInstanceLock({ argv: [...argv] })) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, otherArgv, workingDirectory, additionalData) => {
    const sent = launchData.safeParse(additionalData);
    onSecondLaunch(sent.success ? sent.data.argv : otherArgv, workingDirectory);
  });
  return true;
}

/** Bring a window to the front: restored if minimised, shown if hidden. */
export function focusWindow(win: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus' | 'isDestroyed'> | undefined): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}
