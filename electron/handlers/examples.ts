/**
 * The shipped examples: examples/ beside the app's package.json (the repository when run from
 * source, the package's root when packaged: electron-builder.yml files), read-only. The Builds
 * and Bids pages open one as if it were picked from disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../shared/contract/api';
import type { ExampleKind, ExampleSummary } from '../../shared/contract/examples';
import { translatedError } from '../../shared/contract/result';
import { SOURCE_ROOT } from '../bootstrap';
import type { AppContext } from '../context';

/** Examples at most this large (the shipped ones are a few KB). */
const MAX_BYTES = 2 * 1024 * 1024;

export const examplesDir = (root = SOURCE_ROOT): string => path.join(root, 'examples');

function kindOf(doc: unknown): ExampleKind | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as { kind?: unknown; builds?: unknown; bids?: unknown };
  if (Array.isArray(d.bids)) return 'bids';
  if (Array.isArray(d.builds)) return 'scenario';
  return undefined;
}

function readExample(dir: string, file: string): { kind: ExampleKind; text: string; title: string } | undefined {
  const p = path.join(dir, file);
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size > MAX_BYTES) return undefined;
  const text = fs.readFileSync(p, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const kind = kindOf(doc);
  if (!kind) return undefined;
  const d = doc as { title?: unknown; name?: unknown };
  const title = typeof d.title === 'string' ? d.title : typeof d.name === 'string' ? d.name : file;
  return { kind, text, title };
}

/** Scenarios and bid sets in examples/ (the optimizer's problem and the price sheets are not opened here). */
export function listExamples(_ctx: AppContext, _input?: unknown, dir = examplesDir()): ExampleSummary[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const e = readExample(dir, file);
      return e ? [{ file, kind: e.kind, title: e.title }] : [];
    });
}

export function readExampleFile(_ctx: AppContext, input: ParsedInput<'examples:read'>, dir = examplesDir()): { file: string; kind: ExampleKind; text: string } {
  // only a file the list names: no path leaves examples/
  const listed = listExamples(_ctx, undefined, dir).find((e) => e.file === input.file);
  const e = listed && readExample(dir, listed.file);
  if (!e) throw translatedError('not-found', 'examples.notFound', { file: input.file });
  return { file: input.file, kind: e.kind, text: e.text };
}
