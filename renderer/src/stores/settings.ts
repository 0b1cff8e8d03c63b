/** UI settings (language, theme), persisted in the database through the API. */
import { create } from 'zustand';
import i18next, { type Language } from '../i18n';
import { call } from '../api/client';

export type Theme = 'system' | 'light' | 'dark';

interface UiSettings {
  language: Language;
  theme: Theme;
}

interface SettingsState extends UiSettings {
  /** The theme actually shown (system setting resolved). */
  dark: boolean;
  load(): Promise<void>;
  setLanguage(l: Language): void;
  setTheme(t: Theme): void;
}

function persist(s: UiSettings): void {
  localStorage.setItem('procure.language', s.language);
  void call('settings:set', { key: 'ui', value: s });
}

export function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  useSettings.setState({ dark });
}

export const useSettings = create<SettingsState>((set, get) => ({
  language: (i18next.language as Language) ?? 'en',
  theme: 'system',
  dark: false,
  async load() {
    const saved = (await call('settings:get', { key: 'ui' })) as Partial<UiSettings> | null;
    if (saved?.language === 'en' || saved?.language === 'zh-CN') {
      await i18next.changeLanguage(saved.language);
      set({ language: saved.language });
    }
    if (saved?.theme === 'light' || saved?.theme === 'dark' || saved?.theme === 'system') set({ theme: saved.theme });
    applyTheme(get().theme);
  },
  setLanguage(language) {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
    set({ language });
    persist({ language, theme: get().theme });
  },
  setTheme(theme) {
    applyTheme(theme);
    set({ theme });
    persist({ language: get().language, theme });
  },
}));
