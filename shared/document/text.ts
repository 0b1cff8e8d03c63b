/**
 * A file's bytes as text, the way Windows tools save it: UTF-8 with or without a byte-order mark,
 * or UTF-16 little- or big-endian with one ("Unicode" in Notepad and Excel). The one place a
 * document (scenario, bid file, optimize problem) or a price sheet's byte-order mark is read:
 * the CLI, the renderer and the importer all come here. TextDecoder is in Node and browsers alike.
 */

export type BomEncoding = 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** The text after a byte-order mark, and which one it was; null when the bytes start with none. */
export function decodeWithBom(bytes: Uint8Array): { text: string; encoding: BomEncoding } | null {
  const [a, b, c] = bytes;
  const rest = (n: number) => bytes.subarray(n);
  // ignoreBOM: the mark is cut off here, so a second one (a file saved twice) stays visible
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(rest(3)), encoding: 'utf-8-bom' };
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(rest(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(rest(2)), encoding: 'utf-16be' };
  return null;
}

/**
 * A document file's text: by its byte-order mark, else UTF-8 (JSON's own encoding). Bytes that
 * are not UTF-8 become U+FFFD, and the JSON reader then says where the text is wrong.
 */
export function decodeDocumentBytes(bytes: Uint8Array): string {
  return decodeWithBom(bytes)?.text ?? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
