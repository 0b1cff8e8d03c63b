/** i18next with the two UI languages; the choice is stored in settings. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RESOURCES, translateWith, type MessageRef } from '../../../shared/i18n/translate';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function initialLanguage(): Language {
  const saved = localStorage.getItem('procure.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: RESOURCES,
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export default i18next;

/** A message from the main process (an error, an import row's reason): in the UI's language when it carries a key, else as written. */
export function say(m: { message: string; i18n?: MessageRef }): string {
  return m.i18n ? translateWith((k, v) => i18next.t(k, v), m.i18n) : m.message;
}
