// Types of the afterPack hook (scripts/electron-fuses.mjs) for the tests that import it.
import type { FuseV1Config } from '@electron/fuses';

export interface PackContext {
  electronPlatformName: string;
  arch: number;
  appOutDir: string;
  packager: { addElectronFuses(context: PackContext, fuses: FuseV1Config): Promise<number> };
}

export const FUSES: FuseV1Config;
export function fusesFor(context: Pick<PackContext, 'electronPlatformName' | 'arch'>): FuseV1Config;
export default function afterPack(context: PackContext): Promise<void>;
