// electron-builder `afterPack` hook: flips the Electron fuses of the packaged binary, before it is
// signed (electron-builder signs after this hook), so the OS's signature check keeps them flipped.
// Docs: https://www.electronjs.org/docs/latest/tutorial/fuses
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Every fuse the installed @electron/fuses knows, each set on purpose (a unit test checks none is
 * left out). Not `strictlyRequireAllFuses`: a newer Electron's longer wire would then fail the
 * build for a fuse this library cannot name yet; such a fuse keeps Electron's default.
 */
export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js for anyone
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS and --inspect would let the environment inject code
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // only the app.asar whose hash is embedded in the binary (macOS, Windows), never a loose app/ folder
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // Kept on, deliberately: the window loads the Vite bundle with loadFile(), and its
  // `<script type="module">` is a CORS-mode fetch of a file:// URL, which this fuse off refuses
  // (electron/electron#40801), leaving a blank window. Turning it off needs the renderer served
  // from a custom protocol first.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

/** electron-builder's Arch enum: arm64 is 3. */
const ARM64 = 3;

/** The fuses for one packaged target: Apple silicon needs its ad-hoc signature redone after the flip. */
export function fusesFor(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return { ...FUSES, resetAdHocDarwinSignature: mac && context.arch === ARM64 };
}

export default async function afterPack(context) {
  // the packager finds the binary (name and extension per platform) and calls flipFuses
  await context.packager.addElectronFuses(context, fusesFor(context));
}
