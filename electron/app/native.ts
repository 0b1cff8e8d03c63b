/**
 * Which better-sqlite3 binary the Electron process loads. Never the Node build in node_modules
 * (tests and the CLI use that one, and it is built for Node's ABI): in development the copy
 * `npm run rebuild:electron-native` builds in .electron-native/; in the package the same file,
 * copied by electron-builder (extraResources) to resources/native/.
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_BINARY = 'better_sqlite3.node';

export function devNativeBinding(root: string): string {
  return path.join(root, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_BINARY);
}

export function packagedNativeBinding(resourcesPath: string): string {
  return path.join(resourcesPath, 'native', NATIVE_BINARY);
}

/** The binary to pass as better-sqlite3's `nativeBinding`; undefined when it is not there (the open then fails and says so). */
export function electronNativeBinding(opts: { isPackaged: boolean; root: string; resourcesPath: string; exists?: (p: string) => boolean }): string | undefined {
  const p = opts.isPackaged ? packagedNativeBinding(opts.resourcesPath) : devNativeBinding(opts.root);
  return (opts.exists ?? fs.existsSync)(p) ? p : undefined;
}
