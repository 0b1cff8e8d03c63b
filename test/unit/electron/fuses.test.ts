/**
 * The packaging hook's fuses. The Electron binary cannot be downloaded here, so the real
 * @electron/fuses flips a stand-in file that carries the fuse wire (sentinel, version, length,
 * one byte per fuse), as it would inside the binary, and reads it back.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import afterPack, { FUSES, fusesFor, type PackContext } from '../../../scripts/electron-fuses.mjs';
import { tmpDir } from '../../helpers/tmp';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49; // '1'
const OFF = 48; // '0'
const HEAD = '\x7fELF code before the wire ';
const TAIL = ' code after the wire';

/** Electron's shipped defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on, the rest off. */
function standInBinary(): string {
  const wire = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
  const file = path.join(tmpDir(), 'electron');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(HEAD), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.from(TAIL)]));
  return file;
}

function context(binary: string, electronPlatformName = 'linux', arch = 1): PackContext & { flipped: number } {
  const ctx = {
    electronPlatformName,
    arch,
    appOutDir: path.dirname(binary),
    flipped: 0,
    // electron-builder's packager finds the binary and calls flipFuses with the hook's config
    packager: { addElectronFuses: async (_c: PackContext, fuses: Parameters<typeof flipFuses>[1]) => (ctx.flipped = await flipFuses(binary, fuses)) },
  };
  return ctx;
}

describe('Electron fuses at packaging', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR-only', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('decides every fuse the installed @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const fuse of known) expect(typeof FUSES[fuse as FuseV1Options], FuseV1Options[fuse]).toBe('boolean');
  });

  it('flips a fuse wire through the packager, from Electron defaults to ours', async () => {
    const binary = standInBinary();
    const before = await getCurrentFuseWire(binary);
    expect(before[FuseV1Options.RunAsNode]).toBe(ON);
    const ctx = context(binary);
    await afterPack(ctx);
    expect(ctx.flipped).toBe(1);
    const after = await getCurrentFuseWire(binary);
    expect(after[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(after[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    // the code around the wire is untouched
    const bytes = fs.readFileSync(binary).toString('latin1');
    expect(bytes.startsWith(HEAD + SENTINEL)).toBe(true);
    expect(bytes.endsWith(TAIL)).toBe(true);
  });

  it('redoes the ad-hoc signature on Apple silicon only', () => {
    expect(fusesFor({ electronPlatformName: 'darwin', arch: 3 }).resetAdHocDarwinSignature).toBe(true);
    expect(fusesFor({ electronPlatformName: 'darwin', arch: 1 }).resetAdHocDarwinSignature).toBe(false);
    expect(fusesFor({ electronPlatformName: 'win32', arch: 3 }).resetAdHocDarwinSignature).toBe(false);
  });

  it('is the afterPack hook electron-builder runs', () => {
    const yml = fs.readFileSync(path.resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/scripts\/electron-fuses\.mjs$/m);
  });
});
