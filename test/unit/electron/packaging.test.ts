/**
 * What electron-builder packs (electron-builder.yml + package.json): the Electron build of the
 * native module from its staging folder and no rebuild in node_modules, the file association,
 * the icons, the report fonts, and production dependencies that are exactly what the bundles
 * require at run time (everything Vite or esbuild bundles is a dev dependency).
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules, createRequire } from 'node:module';
import { NODE_EXTERNAL, NOT_PACKAGED } from '../../../scripts/electron-externals.mjs';
import { devNativeBinding, packagedNativeBinding } from '../../../electron/app/native';
import { SCENARIO_EXTENSION } from '../../../electron/app/open-files';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  asarUnpack?: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  fileAssociations: { ext: string; name: string; mimeType?: string }[];
  directories: { buildResources: string };
  icon: string;
  linux: { icon: string; target: string[]; maintainer: string };
  mac: { target: string[] };
  win: { target: string[] };
}
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  author: { name: string; email: string };
  homepage: string;
  description: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/** Bare package imports of the TypeScript files under a folder. */
function packageImports(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/gm)) {
          const spec = (m[1] ?? m[2])!.replace(/^node:/, '');
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!builtinModules.includes(name)) out.add(name);
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe('native module in the package', () => {
  it('is never rebuilt in the project: npmRebuild off, no node_modules binary packed or unpacked', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack ?? []).not.toContainEqual(expect.stringMatching(/better-sqlite3/));
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it("is the Electron build from .electron-native, copied where the main process loads it", () => {
    const native = config.extraResources.find((r) => r.to.endsWith('better_sqlite3.node'))!;
    expect(path.resolve(ROOT, native.from)).toBe(devNativeBinding(ROOT));
    expect(path.join('/resources', native.to)).toBe(packagedNativeBinding('/resources'));
  });
});

describe('file association', () => {
  it('registers *.procure.json, the extension the app opens', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: SCENARIO_EXTENSION, name: expect.any(String), mimeType: expect.stringMatching(/^application\//) })]);
  });
});

describe('icons', () => {
  it('exist at the sizes electron-builder reads from assets/build', () => {
    expect(config.directories.buildResources).toBe('assets/build');
    expect(pngSize(path.join(ROOT, config.icon))).toEqual([512, 512]);
    expect(pngSize(path.join(ROOT, config.linux.icon, '256x256.png'))).toEqual([256, 256]);
    expect(pngSize(path.join(ROOT, config.linux.icon, '512x512.png'))).toEqual([512, 512]);
    expect(fs.readFileSync(path.join(ROOT, 'assets/build/icon.svg'), 'utf8')).toMatch(/^<svg /);
  });
});

describe('package contents', () => {
  it('packs the bundles, the seed and the report fonts, and no source maps', () => {
    for (const p of ['dist/electron/main.cjs', 'dist/electron/jobs-worker.cjs', 'dist/electron/preload.cjs', 'dist/renderer/**', 'assets/seed/**', 'assets/fonts/**', 'examples/*.json', 'package.json', '!**/*.map']) expect(config.files).toContain(p);
    // nothing names node_modules to include: electron-builder adds the production dependencies itself
    expect(config.files.filter((f) => f.includes('node_modules') && !f.startsWith('!'))).toEqual([]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('ships every font slice the reports read, and only woff2 of weights 400 and 700', () => {
    const dir = path.join(ROOT, 'assets/fonts/noto-sans-sc');
    const files = fs.readdirSync(path.join(dir, 'files'));
    const wanted = new Set<string>();
    for (const w of [400, 700]) for (const [, f] of fs.readFileSync(path.join(dir, `${w}.css`), 'utf8').matchAll(/url\(\.\/files\/([^)]+)\)/g)) wanted.add(f!);
    expect(files.sort()).toEqual([...wanted].sort());
    expect(files.every((f) => /-(400|700)-normal\.woff2$/.test(f))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'LICENSE'))).toBe(true);
  });
});

describe('dependencies', () => {
  const production = new Set(NODE_EXTERNAL.filter((p) => !NOT_PACKAGED.includes(p)));

  it('are exactly the packages the main-process bundles leave to require()', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...production].sort());
  });

  it('hold nothing the bundles carry: renderer, CLI and test packages are dev dependencies', () => {
    const bundled = new Set([...packageImports(path.join(ROOT, 'renderer/src')), ...packageImports(path.join(ROOT, 'electron')), ...packageImports(path.join(ROOT, 'shared'))]);
    for (const p of ['react', 'react-dom', 'echarts', 'zustand', 'i18next', 'react-i18next', '@tanstack/react-table', '@fontsource/noto-sans-sc', 'zod', 'tsx', 'playwright-core']) {
      expect(pkg.dependencies[p], p).toBeUndefined();
      expect(pkg.devDependencies[p], p).toBeDefined();
    }
    // what a production dependency brings along (pg's connection-string parser) ships with it anyway
    const shipped = new Set<string>();
    const visit = (name: string) => {
      if (shipped.has(name)) return;
      shipped.add(name);
      const file = path.join(ROOT, 'node_modules', name, 'package.json');
      if (fs.existsSync(file)) for (const d of Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { dependencies?: object }).dependencies ?? {})) visit(d);
    };
    production.forEach(visit);
    for (const p of bundled) {
      if (NODE_EXTERNAL.includes(p) || (shipped.has(p) && pkg.dependencies[p] === undefined)) continue;
      // bundled by Vite or esbuild: declared, but not packed
      expect(pkg.devDependencies[p], `${p} is bundled: it belongs in devDependencies`).toBeDefined();
    }
    // every import left external is declared where electron-builder finds it
    for (const p of bundled) if (production.has(p)) expect(pkg.dependencies[p], p).toBeDefined();
  });
});

describe('package metadata', () => {
  it('has what deb and the installers need, and the Node version the toolchain needs', () => {
    expect(pkg.author.name).toBeTruthy();
    expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.description.length).toBeGreaterThan(20);
    expect(config.linux.maintainer).toContain(pkg.author.email);
    expect(pkg.engines.node).toBe('>=20.19');
    expect(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('20.19');
  });
});
