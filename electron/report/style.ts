/**
 * The report's print CSS: A4 pages whose @page margin boxes carry the running header and the
 * page numbers (Chromium ≥ 131 and Electron ≥ 34 print them), so both printers need nothing
 * but the document itself.
 */
import { tr, type Lang } from '../../shared/i18n/translate';
import { REPORT_FONT_FAMILY } from './fonts';

/**
 * A CSS string literal. Every control character (a form feed or newline would end the string and
 * let the rest run as CSS), both quotes, the backslash and `<` `>` `&` (so no text can close the
 * <style> element) become hex escapes: `\c `, `\22 `, `\3c `. Line breaks and tabs print as spaces.
 */
export function cssString(s: string): string {
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  return `"${flat.replace(/[\u0000-\u001f\u007f"'\\<>&]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function pageCounter(lang: Lang): string {
  const text = tr(lang, 'report.page', { n: '\u0001', total: '\u0002' });
  return text
    .split(/(\u0001|\u0002)/)
    .filter((p) => p !== '')
    .map((p) => (p === '\u0001' ? 'counter(page)' : p === '\u0002' ? 'counter(pages)' : cssString(p)))
    .join(' ');
}

export function reportCss(lang: Lang, header: { left: string; right: string }): string {
  const font = `'${REPORT_FONT_FAMILY}', sans-serif`;
  const box = `font-family: ${font}; font-size: 8pt; color: #5b6470;`;
  return `
@page {
  size: A4;
  margin: 20mm 15mm 18mm 15mm;
  @top-left { content: ${cssString(header.left)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(header.right)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: ${pageCounter(lang)}; ${box} vertical-align: top; padding-top: 3mm; }
}
* { box-sizing: border-box; }
html { font-family: ${font}; font-size: 9.5pt; color: #1b1f24; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1 { font-size: 22pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #1f6feb; }
h3 { font-size: 10.5pt; margin: 5mm 0 2mm; color: #1f3357; }
/* headings never end a page: they keep with what follows, and small groups stay whole */
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.keep-head > h3, .keep-head > table > thead { break-after: avoid; }
.keep-head > table > tbody > tr:first-child { break-before: avoid; }
section.detail, section.assumptions { break-before: page; }
.build { margin-bottom: 4mm; }
.build table { margin-bottom: 2mm; }
.cover dd.text { font-weight: 400; }
.cover .keep dl.kv { font-size: 9.5pt; }
tr.src td { border-bottom: 0.5pt solid #d9dde3; padding-top: 0; }
table.perf th, table.perf td:nth-child(2) { white-space: nowrap; }
table.perf { font-size: 8.5pt; }
p { margin: 0 0 2mm; }
section { break-before: page; }
section.cover { break-before: auto; }
section.flow { break-before: auto; margin-top: 6mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
th, td { border-bottom: 0.5pt solid #d9dde3; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef3fb; font-weight: 700; font-size: 8.5pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.best { font-weight: 700; color: #1a7f37; }
.muted { color: #5b6470; }
.small { font-size: 8pt; }
.badge { display: inline-block; white-space: nowrap; padding: 0 1.5mm; border-radius: 1.5mm; font-size: 7.5pt; line-height: 1.5; }
.badge.pass { background: #dff3e4; color: #1a7f37; }
.badge.fail { background: #fdecea; color: #c62828; }
.badge.est { background: #fff4d6; color: #7a5200; }
.badge.tie { background: #dbe9ff; color: #1f3357; }
.cover-band { height: 6mm; background: #1f6feb; margin: 0 0 18mm; }
.cover .subtitle { font-size: 13pt; color: #1f3357; margin: 0 0 12mm; }
.cover dl { display: grid; grid-template-columns: 38mm 1fr; gap: 2.5mm 4mm; margin: 0 0 12mm; font-size: 10.5pt; }
.cover dt { color: #5b6470; }
.cover dd { margin: 0; font-weight: 700; }
.cover .description { border-left: 1.5pt solid #d9dde3; padding-left: 4mm; color: #333a44; }
.cover .confidential { margin-top: 16mm; color: #c62828; font-size: 9pt; }
.callout { border: 1pt solid #1f6feb; background: #f3f8ff; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; font-size: 10.5pt; }
.callout.none { border-color: #c62828; background: #fdf3f2; }
.chart { margin: 0 0 6mm; break-inside: avoid; text-align: center; }
.chart svg { width: 100%; height: auto; }
ul.reasons { margin: 0; padding-left: 4mm; color: #c62828; }
dl.kv { display: grid; grid-template-columns: 45mm 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
dl.kv dt { color: #5b6470; }
dl.kv dd { margin: 0; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
table.signoff td { height: 16mm; vertical-align: bottom; }
table.signoff td.line { border-bottom: 0.8pt solid #1b1f24; }
table.signoff td.role { font-weight: 700; vertical-align: middle; width: 22mm; }
`;
}
