/**
 * Translation outside React (main-process errors, reports, charts, the menu, the CLI): an
 * i18next instance of its own over the same resources as the renderer's, so a key reads the same
 * in the UI, a PDF and an error. `tr(lang, key, vars)` is the thin API every caller uses.
 */
import i18next from 'i18next';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

/** The UI strings per language, as i18next resources: the renderer's instance loads the same object. */
export const RESOURCES: Record<Lang, { translation: Messages }> = { en: { translation: en }, 'zh-CN': { translation: zhCN } };

/**
 * A UI string key and its values: whoever shows it (the UI, a report) translates it into its own
 * language. A value may itself be a MessageRef (a row's reason inside "needs confirmation: …"),
 * translated first in the same language, or a list of values.
 */
export interface MessageRef {
  key: string;
  vars?: Record<string, MessageVar>;
}
/** A list (the issues of a document) is joined with the language's separator (errors.separator). */
export type MessageVar = string | number | MessageRef | readonly MessageVar[];

/** An English message and its key: what errors, row issues and import notes carry. */
export interface Said {
  message: string;
  i18n: MessageRef;
}

/** The interpolation options i18next reads from a call's options object; our values never use these names. */
const OPTION_NAMES = new Set(['lng', 'lngs', 'ns', 'context', 'defaultValue', 'returnObjects', 'joinArrays', 'keyPrefix', 'interpolation', 'postProcess', 'replace']);

const instance = i18next.createInstance();
void instance.init({
  resources: RESOURCES,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  // a value the caller did not give prints as nothing (the hand-rolled tr() did the same)
  missingInterpolationHandler: () => '',
  returnNull: false,
  showSupportNotice: false,
});

/** A lookup `(key, values) → text` of one language: this module's instance, or the renderer's i18next.t. */
export type Lookup = (key: string, vars: Record<string, string | number>) => string;

/** A MessageRef through `t`, its nested refs through `t` first. */
export function translateWith(t: Lookup, ref: MessageRef): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(ref.vars ?? {})) {
    if (OPTION_NAMES.has(k)) throw new Error(`i18n: "${k}" is an i18next option, not usable as a message value`);
    vars[k] = varText(t, v);
  }
  return t(ref.key, vars);
}

function varText(t: Lookup, v: MessageVar): string | number {
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x: MessageVar) => varText(t, x)).join(t('errors.separator', {}));
  return translateWith(t, v as MessageRef);
}

/** A document issue ("builds[0].lines[1].count: …") as a message value: its key when it has one, else its English text. */
export function issueVar(i: { path: string; message: string; i18n?: MessageRef }): MessageVar {
  const bare = !i.path || i.path === '(root)';
  if (!i.i18n) return bare ? i.message : `${i.path}: ${i.message}`;
  return bare ? i.i18n : { key: 'errors.withPath', vars: { path: i.path, message: i.i18n } };
}

/** `tr('zh-CN', 'kpi.tco')`; `{{name}}` placeholders are filled from `vars`. Unknown keys return the key. */
export function tr(lang: Lang, key: string, vars: Record<string, MessageVar> = {}): string {
  return translateWith((k, v) => instance.t(k, { ...v, lng: lang }) as string, { key, vars });
}

/** A MessageRef in `lang`. */
export function translate(lang: Lang, ref: MessageRef): string {
  return tr(lang, ref.key, ref.vars);
}

/** `said('errors.build.notFound', { id })`: the English text (for logs and --json) and the key the UI translates. */
export function said(key: string, vars: Record<string, MessageVar> = {}): Said {
  return { message: tr('en', key, vars), i18n: { key, vars } };
}

/**
 * A schema check's message as a key: `.refine(ok, keyedCheck('errors.checks.kvLayers', {}, ['kvLayers']))`.
 * zod keeps the English text as the issue's message; the issue carries the key in its params,
 * which document parsing passes on (shared/document/parse issueRef), so the UI says it in its language.
 */
export function keyedCheck(key: string, vars: Record<string, MessageVar> = {}, path?: (string | number)[]): { error: string; params: { i18n: MessageRef }; path?: (string | number)[] } {
  return { error: tr('en', key, vars), params: { i18n: { key, vars } }, ...(path ? { path } : {}) };
}

/** A message that may carry a key: in `lang` when it does, else as written. */
export function sayIn(lang: Lang, m: { message: string; i18n?: MessageRef }): string {
  return m.i18n ? translate(lang, m.i18n) : m.message;
}
