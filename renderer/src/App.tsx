/** The app shell: navigation, language and theme switches, and the current page. */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type React from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings, applyTheme } from './stores/settings';
import { AppearanceControls } from './components/AppearanceControls';
import { TeamStatus } from './components/TeamStatus';
import { CatalogPage } from './pages/CatalogPage';

// The other pages load when first opened: the Catalog page (the start page) does not wait for
// their code to be fetched and parsed (the charts' library among it).
const BuildsPage = lazy(() => import('./pages/BuildsPage').then((m) => ({ default: m.BuildsPage })));
const BidsPage = lazy(() => import('./pages/BidsPage').then((m) => ({ default: m.BidsPage })));
const ComparePage = lazy(() => import('./pages/ComparePage').then((m) => ({ default: m.ComparePage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const OptimizePage = lazy(() => import('./pages/OptimizePage').then((m) => ({ default: m.OptimizePage })));
import { useBuilds } from './stores/builds';
import { readDocumentFile } from './files';
import { Toasts } from './components/Toasts';
import { ConfirmHost } from './components/ConfirmHost';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { useShortcutKeys } from './hooks/useShortcut';
import { useShortcuts } from './stores/shortcuts';

export interface PageDef {
  id: string;
  render: () => ReactNode;
}

export const PAGES: PageDef[] = [
  { id: 'catalog', render: () => <CatalogPage /> },
  { id: 'builds', render: () => <BuildsPage /> },
  { id: 'compare', render: () => <ComparePage /> },
  { id: 'optimize', render: () => <OptimizePage /> },
  { id: 'bids', render: () => <BidsPage /> },
  { id: 'import', render: () => <ImportPage /> },
  { id: 'settings', render: () => <SettingsPage /> },
];

function pageFromHash(): string {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return PAGES.some((p) => p.id === id) ? id : 'catalog';
}

export function App() {
  const { t } = useTranslation();
  const [page, setPage] = useState(pageFromHash);
  const language = useSettings((s) => s.language);
  const load = useSettings((s) => s.load);
  const openHelp = useShortcuts((s) => s.setHelpOpen);
  useShortcutKeys();

  useEffect(() => {
    void load();
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => applyTheme(useSettings.getState().theme);
    mq.addEventListener('change', onScheme);
    return () => {
      window.removeEventListener('hashchange', onHash);
      mq.removeEventListener('change', onScheme);
    };
  }, [load]);

  // The desktop app's events: a scenario file opened from the OS or File ▸ Open, and menu pages.
  useEffect(() => {
    const bridge = window.procure;
    if (!bridge?.on) return;
    const offOpen = bridge.on('app:open-file', ({ name, text }) => {
      location.hash = '#/builds';
      useBuilds.getState().importScenario(name, text).catch((e: unknown) => useBuilds.setState({ error: (e as Error).message }));
    });
    const offNavigate = bridge.on('app:navigate', ({ page }) => {
      location.hash = `#/${page}`;
    });
    return () => {
      offOpen();
      offNavigate();
    };
  }, []);

  useEffect(() => {
    document.title = t('app.title');
    document.documentElement.lang = language;
  }, [t, language]);

  const current = PAGES.find((p) => p.id === page) ?? PAGES[0]!;
  // Dropping a scenario file anywhere on the window opens it as builds.
  const onDrop = async (e: React.DragEvent) => {
    const f = e.dataTransfer.files[0];
    if (!f || !/\.json$/i.test(f.name)) return;
    e.preventDefault();
    await useBuilds.getState().importScenario(f.name, await readDocumentFile(f));
    location.hash = '#/builds';
  };
  return (
    <div className="app" onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t('app.title')}</div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                {t(`nav.${p.id}`)}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <TeamStatus />
          <AppearanceControls />
          <button className="small shortcuts-open" aria-keyshortcuts="Shift+? Control+/" onClick={() => openHelp(true)}>
            {t('shortcuts.open')}
          </button>
        </div>
      </nav>
      <main>
        <Suspense fallback={<p className="empty" aria-busy="true">{t('common.loading')}</p>}>{current.render()}</Suspense>
      </main>
      <Toasts />
      <ConfirmHost />
      <ShortcutsHelp />
    </div>
  );
}
