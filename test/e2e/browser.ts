/** Launching Debian's Chromium through playwright-core: the app's own launcher (electron/report/chromium.ts). */
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../../electron/report/chromium';
