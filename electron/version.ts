/** The app's version, read once from package.json at build time (esbuild inlines JSON). */
import pkg from '../package.json';

export const APP_VERSION: string = pkg.version;
