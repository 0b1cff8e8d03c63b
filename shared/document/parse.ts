/**
 * Reading a JSON document (scenario, bid file, optimize problem) against its zod schema, with
 * errors that name the path inside the document. Below the domain, so every layer can use it;
 * the IPC envelope (contract/result.ts) carries the same `FieldIssue`s. Also the limits on a
 * JSON value's shape (depth, size, finite numbers), checked without recursion so that no input
 * can exhaust the stack: dispatch, document files and settings values all use that one walk.
 */
import { z } from 'zod';
import { said, type MessageRef, type MessageVar } from '../i18n/translate';

export interface FieldIssue {
  /** JSON path, e.g. "accelerator.tflops.bf16" or "builds[0].lines[1].count". */
  path: string;
  /** English, for logs and --json; `i18n` when the UI can say it in its own language. */
  message: string;
  i18n?: MessageRef;
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

const TYPE_NAMES = new Set(['number', 'string', 'boolean', 'object', 'array', 'int', 'nonoptional']);
/** zod's own messages start so; a schema's custom message (ours, in English) does not, and keeps no key. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Invalid string|Invalid ISO|Too small|Too big|Unrecognized key)/;

/** The issue's key from what zod knows of it (its code and bounds), whoever wrote the message. */
function structuredRef(i: z.core.$ZodIssue): MessageRef | undefined {
  if (i.code === 'invalid_type' && TYPE_NAMES.has(i.expected)) return { key: 'errors.zod.type', vars: { expected: { key: `errors.zod.types.${i.expected}` } } };
  if (i.code === 'invalid_value') return { key: 'errors.zod.oneOf', vars: { values: i.values.map((v) => JSON.stringify(v)).join(', ') } };
  if (i.code === 'invalid_format') return { key: 'errors.zod.format', vars: { format: i.format } };
  if ((i.code === 'too_small' || i.code === 'too_big') && (i.origin === 'number' || i.origin === 'string' || i.origin === 'array')) {
    const [dir, name, bound] = i.code === 'too_small' ? ['min', 'min', i.minimum] : ['max', 'max', i.maximum];
    const form = i.origin === 'number' && i.inclusive === false ? 'numberExclusive' : i.origin;
    return { key: `errors.zod.${dir}.${form}`, vars: { [name]: Number(bound) } };
  }
  return undefined;
}

/**
 * The key of a zod issue, so the UI says it in its language. A schema's own English message
 * ("expected a positive integer") is more specific than zod's: it stays the English text
 * (errors.zod.custom shows `text` in English), and other languages say the issue from its code
 * and bounds ("必须大于 0"). A custom issue without such structure keeps no key.
 */
export function issueRef(i: z.core.$ZodIssue): MessageRef | undefined {
  if (i.code === 'unrecognized_keys') return { key: 'errors.zod.unknownKeys', vars: { keys: i.keys.map((k) => JSON.stringify(k.length > 60 ? `${k.slice(0, 60)}…` : k)).join(', ') } };
  // a schema that re-raises an inner issue (a name-or-object field) passes its key on in params
  if (i.code === 'custom') return (i.params as { i18n?: MessageRef } | undefined)?.i18n;
  const ref = structuredRef(i);
  if (!ref || ZOD_DEFAULT.test(i.message)) return ref;
  return { key: 'errors.zod.custom', vars: { text: issueMessage(i), generic: ref } };
}

export function issuesOf(err: z.ZodError): FieldIssue[] {
  return err.issues.map((i) => {
    const ref = issueRef(i);
    return { path: formatPath(i.path), message: issueMessage(i), ...(ref && { i18n: ref }) };
  });
}

/** An issue at `path` whose message is the UI string `key`. */
export function issueAt(path: string, key: string, vars: Record<string, MessageVar> = {}): FieldIssue {
  return { path, ...said(key, vars) };
}

export type DocumentParse<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validate a parsed JSON document (scenario, bid file, optimize problem) against its schema. */
export function parseDocument<S extends z.ZodType>(schema: S, value: unknown): DocumentParse<z.output<S>> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesOf(r.error) };
}

/** Largest document file read (they are a few kB; this stops a pathological file early). */
export const MAX_DOCUMENT_BYTES = 5_000_000;

/**
 * A document's JSON text as a value: the size limit, a byte-order mark dropped (a file read as
 * UTF-8 keeps it as U+FEFF), the syntax, then the depth limit. Errors are reported at the root,
 * or at the path that nests too deep.
 */
export function readDocumentJson(text: string): DocumentParse<unknown> {
  if (text.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, issues: [issueAt('(root)', 'errors.document.tooLarge', { chars: text.length, max: MAX_DOCUMENT_BYTES })] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, issues: [issueAt('(root)', 'errors.document.notJson', { detail: (e as Error).message })] };
  }
  const deep = jsonShapeProblem(json, { maxDepth: MAX_JSON_DEPTH, maxChars: Infinity, strict: false });
  return deep ? { ok: false, issues: [deep] } : { ok: true, value: json };
}

/** Parse a document's JSON text against its schema (see readDocumentJson for the limits). */
export function parseDocumentText<S extends z.ZodType>(schema: S, text: string): DocumentParse<z.output<S>> {
  const json = readDocumentJson(text);
  return json.ok ? parseDocument(schema, json.value) : json;
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path && i.path !== '(root)' ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

// ---------------------------------------------------------------- shape limits

/** Deepest nesting a document or argument may have (real ones stay under 10 levels). */
export const MAX_JSON_DEPTH = 64;

export interface JsonLimits {
  maxDepth: number;
  /** Size as JSON text, approximately (strings and keys by their length). */
  maxChars: number;
  /** Refuse NaN, ±Infinity and values JSON cannot carry (undefined, functions, …). */
  strict: boolean;
}

interface Node {
  value: unknown;
  key: string | number | null;
  parent: Node | null;
  depth: number;
}

function pathOf(n: Node): string {
  const keys: (string | number)[] = [];
  for (let p: Node | null = n; p && p.key !== null; p = p.parent) keys.push(p.key);
  return formatPath(keys.reverse());
}

/** The first way `value` breaks the limits, with its path, or null when it keeps them. */
export function jsonShapeProblem(value: unknown, limits: JsonLimits): FieldIssue | null {
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  let chars = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    const v = n.value;
    if (typeof v === 'string') chars += v.length + 2;
    else if (typeof v === 'number') {
      if (limits.strict && !Number.isFinite(v)) return issueAt(pathOf(n), 'errors.document.notFinite');
      chars += 8;
    } else if (v === null || typeof v === 'boolean') chars += 5;
    else if (typeof v === 'object') {
      if (n.depth >= limits.maxDepth) {
        return issueAt(pathOf(n), 'errors.document.tooDeep', { max: limits.maxDepth });
      }
      chars += 2;
      if (Array.isArray(v)) {
        v.forEach((item: unknown, i) => stack.push({ value: item, key: i, parent: n, depth: n.depth + 1 }));
      } else {
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          chars += k.length + 3;
          stack.push({ value: item, key: k, parent: n, depth: n.depth + 1 });
        }
      }
    } else if (limits.strict) return issueAt(pathOf(n), 'errors.document.notJsonValue');
    if (chars > limits.maxChars) {
      return issueAt('(root)', 'errors.document.tooBig', { max: limits.maxChars.toLocaleString('en') });
    }
  }
  return null;
}

/** Largest settings value, as JSON. */
const MAX_SETTING_CHARS = 1_000_000;

/** A value that survives a JSON round trip unchanged: finite numbers, bounded depth and size (or absent). */
export const jsonValueSchema = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) return;
  const p = jsonShapeProblem(v, { maxDepth: MAX_JSON_DEPTH, maxChars: MAX_SETTING_CHARS, strict: true });
  if (p) ctx.addIssue({ code: 'custom', message: p.path === '(root)' ? p.message : `${p.path}: ${p.message}` });
});
