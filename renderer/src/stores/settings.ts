/** UI settings (language, theme), persisted in the database through the API. */
import { create } from 'zustand';
import i18next, { type Language } from '../i18n';
import { call } from '../api/client';
import { calendarDate } from '../../../shared/calendar';
import type { TimeZoneSetting } from '../../../shared/contract/settings';
import { cnyUnitOf, wanFor, type CnyUnit } from '../../../shared/format';

export type Theme = 'system' | 'light' | 'dark';

interface UiSettings {
  language: Language;
  theme: Theme;
}

interface SettingsState extends UiSettings {
  /** The theme actually shown (system setting resolved). */
  dark: boolean;
  /** Calendar dates (quote dates, today for quote age) are taken in this zone; the main process owns it. */
  zone: TimeZoneSetting;
  /** The 万元 / 元 display setting for CNY (shared/format), saved in the database: the PDFs and XLSX follow it too. */
  cnyUnit: CnyUnit;
  setCnyUnit(u: CnyUnit): Promise<void>;
  load(): Promise<void>;
  /** An IANA zone, or null for the system's; throws what the main process refused. */
  setTimeZone(zone: string | null): Promise<void>;
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
  zone: (() => {
    const z = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    return { timeZone: z, system: z, saved: false, today: calendarDate(new Date(), z) };
  })(),
  cnyUnit: 'auto',
  async setCnyUnit(u) {
    set({ cnyUnit: cnyUnitOf(await call('settings:set', { key: 'cnyUnit', value: u })) });
  },
  async load() {
    void call('timezone:get').then((zone) => set({ zone }));
    void call('settings:get', { key: 'cnyUnit' }).then((u) => set({ cnyUnit: cnyUnitOf(u) }));
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
  async setTimeZone(timeZone) {
    set({ zone: await call('timezone:set', { timeZone }) });
  },
  setTheme(theme) {
    applyTheme(theme);
    set({ theme });
    persist({ language: get().language, theme });
  },
}));

/** formatMoney/formatKpi's `wan` in the UI: 万元 where the setting and the language say so. */
export const selectWan = (s: SettingsState): boolean => wanFor(s.cnyUnit, s.language);

/** Today's date (YYYY-MM-DD) in the user's time zone. */
export const today = (): string => calendarDate(new Date(), useSettings.getState().zone.timeZone);
