/** The report template's two escapers: HTML text/attributes and CSS string literals. */
import { describe, expect, it } from 'vitest';
import { esc } from '../../../electron/report/format';
import { cssString } from '../../../electron/report/style';

const CONTROLS = [...Array.from({ length: 32 }, (_, i) => i), 0x7f];
const hex = (n: number) => n.toString(16);

describe('cssString', () => {
  it.each(CONTROLS.filter((c) => ![9, 10, 13].includes(c)))('U+%i becomes a hex escape', (code) => {
    expect(cssString(`a${String.fromCharCode(code)}b`)).toBe(`"a\\${hex(code)} b"`);
  });
  it('prints tabs and line breaks as one space', () => {
    expect(cssString('a\r\n\tb')).toBe('"a b"');
  });
  it('escapes quotes, backslash and what could close the <style> element', () => {
    expect(cssString(`"'\\</style>&`)).toBe('"\\22 \\27 \\5c \\3c /style\\3e \\26 "');
  });
  it('keeps a form-feed break-out inside the string', () => {
    const out = cssString('DN-1\f;}}table{display:none}');
    expect(out).toBe('"DN-1\\c ;}}table{display:none}"');
    // nothing between the outer quotes can end the string: no raw quote, newline or control
    expect(out.slice(1, -1)).not.toMatch(/["\u0000-\u001f\u007f]/);
  });
  it('leaves other text alone', () => {
    expect(cssString('华为 昇腾910B · RPT-1')).toBe('"华为 昇腾910B · RPT-1"');
  });
});

describe('esc', () => {
  it.each(CONTROLS.filter((c) => c !== 0))('U+%i becomes a character reference', (code) => {
    expect(esc(`a${String.fromCharCode(code)}b`)).toBe(`a&#x${hex(code)};b`);
  });
  it('NUL becomes U+FFFD, as a parser would make it', () => {
    expect(esc('a\u0000b')).toBe('a&#xfffd;b');
  });
  it('escapes markup and both quotes', () => {
    expect(esc(`<b a="1" b='2'>&</b>`)).toBe('&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;');
    expect(esc(null)).toBe('');
    expect(esc(12)).toBe('12');
  });
});
