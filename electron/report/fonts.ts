/**
 * The bundled Noto Sans SC (SIL Open Font License) as @font-face rules with data: URLs, so a
 * report prints the same on every machine and offline. The font ships as ~100 unicode-range
 * slices per weight in assets/fonts/noto-sans-sc (copied from @fontsource/noto-sans-sc by
 * scripts/copy-fonts.mjs: the package itself is a dev dependency and is not packaged); only the
 * slices that hold a character of the document are embedded, which keeps a Chinese report's
 * HTML to a few MB instead of 15.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPORT_FONT_FAMILY = 'Noto Sans SC';
const WEIGHTS = [400, 700] as const;

interface FontSlice {
  weight: number;
  file: string;
  ranges: [number, number][];
}

let cached: { dir: string; slices: FontSlice[] } | undefined;

/**
 * assets/fonts/noto-sans-sc: two folders up from this file in the source tree (electron/report/)
 * and from the bundles (dist/electron/main.cjs, jobs-worker.cjs), in the package as from a checkout.
 */
export function reportFontDir(here: string = import.meta.dirname ?? __dirname): string {
  return path.resolve(here, '..', '..', 'assets', 'fonts', 'noto-sans-sc');
}

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a!, 16);
    return [lo, b === undefined ? lo : parseInt(b, 16)];
  });
}

function loadSlices(): { dir: string; slices: FontSlice[] } {
  if (cached) return cached;
  const dir = reportFontDir();
  const slices: FontSlice[] = [];
  for (const weight of WEIGHTS) {
    const css = fs.readFileSync(path.join(dir, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (file && range) slices.push({ weight, file, ranges: parseRanges(range) });
    }
  }
  cached = { dir, slices };
  return cached;
}

/** @font-face rules for the slices of every weight that cover a character of `text`. */
export function fontFaceCss(text: string): string {
  const { dir, slices } = loadSlices();
  const used = new Set<number>();
  for (const ch of text) used.add(ch.codePointAt(0)!);
  const points = [...used].sort((a, b) => a - b);
  const covers = (s: FontSlice) => points.some((p) => s.ranges.some(([lo, hi]) => p >= lo && p <= hi));
  return slices
    .filter(covers)
    .map((s) => {
      const data = fs.readFileSync(path.join(dir, 'files', s.file)).toString('base64');
      const range = s.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
      return `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${s.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`;
    })
    .join('\n');
}
