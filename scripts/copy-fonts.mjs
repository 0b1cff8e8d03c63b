// Copies the font files the reports embed (Noto Sans SC 400 and 700, woff2 only, with their
// unicode-range CSS and the licence) from @fontsource/noto-sans-sc into assets/fonts/, which is
// what ships in the package: the full @fontsource package (1,800 files, ~76 MB) stays a dev
// dependency that only Vite reads. Run after upgrading @fontsource/noto-sans-sc, then commit.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const src = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
const out = path.resolve(import.meta.dirname, '..', 'assets', 'fonts', 'noto-sans-sc');
const WEIGHTS = [400, 700];

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'files'), { recursive: true });
let bytes = 0;
let count = 0;
for (const weight of WEIGHTS) {
  const css = fs.readFileSync(path.join(src, `${weight}.css`), 'utf8');
  // keep only the woff2 source of each rule: every engine the app runs in reads woff2
  fs.writeFileSync(path.join(out, `${weight}.css`), css.replace(/, url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, ''));
  for (const [, file] of css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)) {
    fs.copyFileSync(path.join(src, 'files', file), path.join(out, 'files', file));
    bytes += fs.statSync(path.join(out, 'files', file)).size;
    count++;
  }
}
fs.copyFileSync(path.join(src, 'LICENSE'), path.join(out, 'LICENSE'));
const { version } = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
fs.writeFileSync(path.join(out, 'SOURCE.md'), `Noto Sans SC, weights ${WEIGHTS.join(' and ')}, woff2 slices, from @fontsource/noto-sans-sc ${version} (SIL Open Font License 1.1, see LICENSE).\nRegenerate with \`node scripts/copy-fonts.mjs\`.\n`);
console.log(`copied ${count} font files (${(bytes / 1e6).toFixed(1)} MB) to ${path.relative(process.cwd(), out)}`);
