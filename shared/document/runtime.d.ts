/**
 * The few platform globals shared/ may use because Node and browsers both have them (WHATWG
 * Encoding). Declared here since shared/ type-checks without Node or DOM types.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}
