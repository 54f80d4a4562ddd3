import { useEffect, useRef } from 'react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { CallDrawer } from '../features/logs/CallDrawer';
import { ExportBar } from '../features/logs/ExportBar';
import { filterFromRoute, isFiltered } from '../features/logs/filters';
import { LogFilters } from '../features/logs/LogFilters';
import { LogTable } from '../features/logs/LogTable';
import { useLogKeyboard } from '../features/logs/use-log-keyboard';
import { useRouter } from '../router';
import { useLogsStore } from '../stores/logs';

function FollowToggle() {
  const follow = useLogsStore((s) => s.follow);
  const setFollow = useLogsStore((s) => s.setFollow);
  return (
    <button
      type="button"
      aria-pressed={follow}
      className={follow ? 'primary' : undefined}
      onClick={() => setFollow(!follow)}
      data-testid="logs-follow"
      title="Show new calls as they are logged"
    >
      {follow ? '● Following' : 'Follow'}
    </button>
  );
}

export function LogsPage() {
  const params = useRouter((s) => s.params);
  const filter = useLogsStore((s) => s.filter);
  const rows = useLogsStore((s) => s.rows);
  const loading = useLogsStore((s) => s.loading);
  const error = useLogsStore((s) => s.error);
  const nextCursor = useLogsStore((s) => s.nextCursor);
  const searchError = useLogsStore((s) => s.searchError);
  const drawerOpen = useLogsStore((s) => s.drawerOpen);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  useLogKeyboard({ search: searchRef, grid: gridRef });

  // A deep link (#/logs?run=…) replaces the filter; a plain visit refreshes the current one.
  useEffect(() => {
    const store = useLogsStore.getState();
    const linked = filterFromRoute(params);
    if (linked) store.replaceFilter(linked);
    else void store.reload();
  }, [params]);

  // Leaving the page stops follow mode, so nothing tails in the background.
  useEffect(() => () => useLogsStore.getState().setFollow(false), []);

  const empty = !loading && !error && !searchError && rows.length === 0;
  return (
    <div className="logs-page">
      <PageHeader
        title="Logs"
        subtitle="Every API call, with credentials and personal data masked before it was stored."
        actions={<FollowToggle />}
      />
      <LogFilters searchRef={searchRef} />
      <div className="logs-toolbar">
        <span className="muted" data-testid="logs-count" aria-live="polite">
          {loading
            ? 'Loading…'
            : `${rows.length.toLocaleString()}${nextCursor ? '+' : ''} call${rows.length === 1 ? '' : 's'}`}
        </span>
        <span className="muted logs-keys">↑/↓ select · Enter details · Esc close · / search · Space tick</span>
        <ExportBar />
      </div>
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="logs-error">
          {error}
        </div>
      ) : null}
      {empty && !isFiltered(filter) ? (
        <EmptyState title="No calls logged yet" testId="logs-empty">
          Run a sync or test a connection: every API call Patchbay makes appears here, with secrets and personal data
          masked, ready to export for support.
        </EmptyState>
      ) : empty ? (
        <EmptyState title="No calls match these filters" testId="logs-no-match">
          Widen the time range or clear some filters.
        </EmptyState>
      ) : (
        <div className={`logs-main${drawerOpen ? ' with-drawer' : ''}`}>
          <LogTable gridRef={gridRef} />
          <CallDrawer onClosed={() => gridRef.current?.focus({ preventScroll: true })} />
        </div>
      )}
    </div>
  );
}
