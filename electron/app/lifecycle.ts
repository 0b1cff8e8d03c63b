/**
 * The app's life, per platform: on macOS the app stays running with no window (the Dock icon
 * opens a new one, `activate`), elsewhere closing the last window quits; the database and the
 * job workers close once, when the app quits, whichever way it does.
 */
import type { App } from 'electron';

export interface LifecycleDeps {
  platform: NodeJS.Platform;
  hasWindow: () => boolean;
  openWindow: () => void;
  shutdown: () => void;
}

export function wireLifecycle(app: Pick<App, 'on' | 'quit'>, deps: LifecycleDeps): void {
  app.on('activate', () => {
    if (!deps.hasWindow()) deps.openWindow();
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });
  let done = false;
  app.on('will-quit', () => {
    if (done) return;
    done = true;
    deps.shutdown();
  });
}
