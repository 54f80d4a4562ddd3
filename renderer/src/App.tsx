import { useEffect, useRef, type ReactElement } from 'react';
import { NoticeBar } from './components/NoticeBar';
import { ConnectionsPage } from './pages/ConnectionsPage';
import { DashboardPage } from './pages/DashboardPage';
import { LogsPage } from './pages/LogsPage';
import { MappingsPage } from './pages/MappingsPage';
import { SettingsPage } from './pages/SettingsPage';
import { SyncsPage } from './pages/SyncsPage';
import { WebhooksPage } from './pages/WebhooksPage';
import { PAGES, useRouter, type PageId } from './router';
import { useAppStore } from './stores/app';
import { useTheme } from './theme';

const NAV: Record<PageId, { label: string; page: () => ReactElement }> = {
  connections: { label: 'Connections', page: ConnectionsPage },
  mappings: { label: 'Mappings', page: MappingsPage },
  syncs: { label: 'Syncs', page: SyncsPage },
  webhooks: { label: 'Webhooks', page: WebhooksPage },
  logs: { label: 'Logs', page: LogsPage },
  dashboard: { label: 'Dashboard', page: DashboardPage },
  settings: { label: 'Settings', page: SettingsPage },
};

export function App() {
  const { page, go } = useRouter();
  const load = useAppStore((s) => s.load);
  const loadError = useAppStore((s) => s.error);
  const mainRef = useRef<HTMLElement>(null);
  useTheme();

  useEffect(() => {
    void load();
  }, [load]);

  // Alt+1…7 jumps between pages; focus moves to the new page's title for screen readers.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      if (index >= 0 && index < PAGES.length) {
        e.preventDefault();
        go(PAGES[index]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [page]);

  const Page = NAV[page].page;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <img src="./logo.svg" alt="" width={28} height={28} />
          <span>Patchbay</span>
        </div>
        <ul>
          {PAGES.map((id, i) => (
            <li key={id}>
              <a
                href={`#/${id}`}
                className={id === page ? 'active' : undefined}
                aria-current={id === page ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
                data-testid={`nav-${id}`}
              >
                {NAV[id].label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} className="content" data-testid={`page-${page}`}>
        <NoticeBar />
        {loadError ? (
          <div className="notice notice-error" role="alert">
            Patchbay could not reach its core: {loadError}
          </div>
        ) : null}
        <Page />
      </main>
    </div>
  );
}
