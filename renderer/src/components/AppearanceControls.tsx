/** Language and theme selects (in the sidebar and on the Settings page). */
import { useTranslation } from 'react-i18next';
import { useSettings, type Theme } from '../stores/settings';
import type { Language } from '../i18n';

export function AppearanceControls({ labelClass }: { labelClass?: string }) {
  const { t } = useTranslation();
  const { language, theme, setLanguage, setTheme } = useSettings();
  return (
    <>
      <label className={labelClass}>
        <span>{t('app.language')}</span>
        <select aria-label={t('app.language')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="en">English</option>
          <option value="zh-CN">中文</option>
        </select>
      </label>
      <label className={labelClass}>
        <span>{t('app.theme')}</span>
        <select aria-label={t('app.theme')} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </label>
    </>
  );
}
