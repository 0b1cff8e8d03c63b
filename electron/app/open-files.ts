/**
 * Opening scenario files handed to the app by the operating system: a double-clicked
 * `*.procure.json` (macOS `open-file`; a path in argv on Windows and Linux, at launch or in a
 * second launch that the single-instance lock forwards), or one chosen in File ▸ Open. Files
 * wait until the window has loaded, then go to the renderer as `app:open-file` events, which
 * import them as builds exactly like the Builds page's own Open button.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeDocumentBytes } from '../../shared/document/text';
import { MAX_DOCUMENT_BYTES } from '../../shared/document/parse';
import { events, type EventPayload } from '../../shared/contract/events';

export const SCENARIO_EXTENSION = 'procure.json';

export type OpenFilePayload = EventPayload<'app:open-file'>;

/**
 * The files a command line asks to open: arguments that are neither switches (Chromium's,
 * `-psn_…` on macOS) nor the value of `--db`, and that name a `.json` file, resolved against
 * the launch's working directory. argv[0] is the executable; in development `electron .`
 * passes the app folder, which is no .json file.
 */
export function fileArgs(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') {
      i++;
      continue;
    }
    if (a.startsWith('-') || !/\.json$/i.test(a)) continue;
    const file = path.resolve(cwd, a);
    if (!out.includes(file)) out.push(file);
  }
  return out;
}

/** A document file's name and text, refused when it is not a regular file or too large to be a scenario. */
export async function readOpenFile(file: string): Promise<OpenFilePayload> {
  const st = await fs.promises.stat(file);
  if (!st.isFile()) throw new Error(`${file} is not a file`);
  // UTF-16 takes two bytes a character: the text limit is checked again after decoding
  if (st.size > 2 * MAX_DOCUMENT_BYTES) throw new Error(`${path.basename(file)} is too large to be a scenario (${st.size} bytes)`);
  const text = decodeDocumentBytes(await fs.promises.readFile(file));
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${path.basename(file)} is too large to be a scenario (${text.length} characters)`);
  return events['app:open-file'].parse({ name: path.basename(file).slice(0, 255), text });
}

export interface OpenFileRouterDeps {
  read?: (file: string) => Promise<OpenFilePayload>;
  /** A file that could not be read (the caller shows it and logs it). */
  onError: (file: string, error: Error) => void;
}

/**
 * Queues files until a window can take them, then delivers each once, in order. `attach` when
 * the window's page has loaded (the preload holds an event until the page subscribes);
 * `detach` when it closes (macOS keeps running without one).
 */
export class OpenFileRouter {
  private pending: string[] = [];
  private deliver?: (payload: OpenFilePayload) => void;
  private readonly read: (file: string) => Promise<OpenFilePayload>;

  constructor(private readonly deps: OpenFileRouterDeps) {
    this.read = deps.read ?? readOpenFile;
  }

  get queued(): readonly string[] {
    return this.pending;
  }

  get attached(): boolean {
    return this.deliver !== undefined;
  }

  async open(files: readonly string[]): Promise<void> {
    this.pending.push(...files);
    await this.flush();
  }

  async attach(deliver: (payload: OpenFilePayload) => void): Promise<void> {
    this.deliver = deliver;
    await this.flush();
  }

  detach(): void {
    this.deliver = undefined;
  }

  private async flush(): Promise<void> {
    while (this.deliver && this.pending.length) {
      const file = this.pending.shift()!;
      let payload: OpenFilePayload;
      try {
        payload = await this.read(file);
      } catch (e) {
        this.deps.onError(file, e as Error);
        continue;
      }
      // the window may have closed while the file was read: keep it for the next one
      if (!this.deliver) {
        this.pending.unshift(file);
        return;
      }
      this.deliver(payload);
    }
  }
}
