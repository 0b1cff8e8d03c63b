/**
 * Text files from Chinese Excel come as UTF-8, UTF-8 with a BOM, GB18030/GBK ("ANSI" on a Chinese
 * Windows) or UTF-16 ("Unicode text"). Decide which, and refuse binary data renamed .csv.
 */
import { Refusal } from './errors';
import iconv from 'iconv-lite';
import { decodeWithBom } from '../../shared/document/text';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/** Binary: NUL bytes, or many control characters, in the first 64 KB. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.01;
}

export function decodeText(buf: Buffer): Decoded {
  const marked = decodeWithBom(buf);
  if (marked) return marked;
  if (looksBinary(buf)) throw new Refusal('errors.import.binary');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: a Chinese Windows "ANSI" file. GB18030 is a superset of GBK and GB2312.
    const text = iconv.decode(buf, 'gb18030');
    const replaced = (text.match(/\ufffd/g) ?? []).length;
    if (replaced > Math.max(3, text.length * 0.01)) throw new Refusal('errors.import.encoding');
    return { text, encoding: 'gb18030' };
  }
}
