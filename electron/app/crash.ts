/**
 * Crash reports stay on this machine: Crashpad writes minidumps to the crashDumps folder
 * (inside userData by default) and nothing is uploaded, since the app makes no network request.
 * Help ▸ Show crash reports folder opens that folder, for a user who wants to send one by hand.
 */
import type { App, CrashReporter } from 'electron';

export function startCrashReporter(crashReporter: Pick<CrashReporter, 'start'>, app: Pick<App, 'getPath' | 'getVersion'>): string {
  crashReporter.start({
    uploadToServer: false,
    submitURL: '',
    compress: true,
    ignoreSystemCrashHandler: false,
    globalExtra: { version: app.getVersion() },
  });
  return app.getPath('crashDumps');
}
