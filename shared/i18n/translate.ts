/** Looking up UI strings outside React (reports, charts): the same messages as the UI. */
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'en' | 'zh-CN';
const MESSAGES: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

/** `tr('zh-CN', 'kpi.tco')`; `{{name}}` placeholders are filled from `vars`. Unknown keys return the key. */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let v: unknown = MESSAGES[lang];
  for (const k of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
  if (typeof v !== 'string') return key;
  return v.replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(vars[n] ?? ''));
}
