/**
 * The application menu: File, Edit, View, Window and Help with Electron's standard roles (so
 * copy, paste, zoom and full screen behave as on every other app of the platform) plus the
 * app's own commands, labelled in the UI language (shared/i18n) and rebuilt when it changes.
 * macOS gets its app menu (About, Settings, Services, Hide, Quit) in front, as users expect.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { tr, type Lang } from '../../shared/i18n/translate';

export interface MenuCommands {
  openScenario(): void;
  importSheet(): void;
  settings(): void;
  showLogs(): void;
  showCrashReports(): void;
  updates(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Unpackaged (npm start): reload and the developer tools are on the View menu. */
  dev: boolean;
}

export function menuTemplate(lang: Lang, commands: MenuCommands, opts: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: string) => tr(lang, `menu.${key}`, { app: opts.appName });
  const mac = opts.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const settings: MenuItemConstructorOptions = { id: 'settings', label: t('settings'), accelerator: 'CmdOrCtrl+,', click: () => commands.settings() };
  const about: MenuItemConstructorOptions = { role: 'about', label: t('about') };

  const appMenu: MenuItemConstructorOptions = {
    label: opts.appName,
    submenu: [
      about,
      sep,
      settings,
      sep,
      { role: 'services', label: t('services') },
      sep,
      { role: 'hide', label: t('hide') },
      { role: 'hideOthers', label: t('hideOthers') },
      { role: 'unhide', label: t('unhide') },
      sep,
      { role: 'quit', label: t('quit') },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: t('file'),
    submenu: [
      { id: 'open-scenario', label: t('openScenario'), accelerator: 'CmdOrCtrl+O', click: () => commands.openScenario() },
      { id: 'import-sheet', label: t('importSheet'), accelerator: 'CmdOrCtrl+I', click: () => commands.importSheet() },
      sep,
      ...(mac ? [{ role: 'close', label: t('closeWindow') } as const] : [settings, sep, { role: 'quit', label: t('quit') } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t('edit'),
    submenu: [
      { role: 'undo', label: t('undo') },
      { role: 'redo', label: t('redo') },
      sep,
      { role: 'cut', label: t('cut') },
      { role: 'copy', label: t('copy') },
      { role: 'paste', label: t('paste') },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: t('pasteAndMatchStyle') } as const] : []),
      { role: 'delete', label: t('delete') },
      sep,
      { role: 'selectAll', label: t('selectAll') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      ...(opts.dev ? [{ role: 'reload', label: t('reload') } as const, { role: 'toggleDevTools', label: t('toggleDevTools') } as const, sep] : []),
      { role: 'resetZoom', label: t('resetZoom') },
      { role: 'zoomIn', label: t('zoomIn') },
      { role: 'zoomOut', label: t('zoomOut') },
      sep,
      { role: 'togglefullscreen', label: t('toggleFullScreen') },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t('window'),
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: t('minimize') },
      { role: 'zoom', label: t('zoom') },
      ...(mac ? [sep, { role: 'front', label: t('front') } as const] : [{ role: 'close', label: t('closeWindow') } as const]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: t('help'),
    role: 'help',
    submenu: [
      { id: 'show-logs', label: t('showLogs'), click: () => commands.showLogs() },
      { id: 'show-crash-reports', label: t('showCrashReports'), click: () => commands.showCrashReports() },
      { id: 'updates', label: t('updates'), click: () => commands.updates() },
      ...(mac ? [] : [sep, about]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}

/** The menu's language: the UI's saved choice (settings key `ui`), else the system's. */
export function menuLanguage(savedUi: unknown, systemLocale: string): Lang {
  const saved = (savedUi as { language?: unknown } | null | undefined)?.language;
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
