/**
 * Reading a JSON document (scenario, bid file, optimize problem) against its zod schema, with
 * errors that name the path inside the document. Below the domain, so every layer can use it;
 * the IPC envelope (contract/result.ts) carries the same `FieldIssue`s.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** JSON path, e.g. "accelerator.tflops.bf16" or "builds[0].lines[1].count". */
  path: string;
  message: string;
}

/** `builds[0].lines[1].count` from zod's path array (odd keys quoted: `sources["tflops.bf16"]`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) s += s ? `.${p}` : p;
    else s += `[${JSON.stringify(String(p))}]`;
  }
  return s || '(root)';
}

/** zod's message, made to read as "expected …" and naming unknown keys. */
export function issueMessage(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') {
    const keys = i.keys.map((k) => JSON.stringify(k.length > 60 ? `${k.slice(0, 60)}…` : k));
    return `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
  }
  if (i.message.startsWith('Invalid input: expected')) return i.message.slice('Invalid input: '.length);
  return i.message;
}

export function issuesOf(err: z.ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ path: formatPath(i.path), message: issueMessage(i) }));
}

export type DocumentParse<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validate a parsed JSON document (scenario, bid file, optimize problem) against its schema. */
export function parseDocument<S extends z.ZodType>(schema: S, value: unknown): DocumentParse<z.output<S>> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesOf(r.error) };
}

/** Largest document file read (they are a few kB; this stops a pathological file early). */
export const MAX_DOCUMENT_BYTES = 5_000_000;

/** Parse a document's JSON text; a size or syntax error is reported at the root. */
export function parseDocumentText<S extends z.ZodType>(schema: S, text: string): DocumentParse<z.output<S>> {
  if (text.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, issues: [{ path: '(root)', message: `file too large (${text.length} characters; at most ${MAX_DOCUMENT_BYTES})` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: '(root)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseDocument(schema, json);
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path && i.path !== '(root)' ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
