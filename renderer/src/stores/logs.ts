import { create } from 'zustand';
import type { CallEvent } from '../../../shared/models/call-event';
import type { ExportFormat } from '../../../shared/models/logs';
import { api, ApiError, errorMessage, unwrap } from '../api';
import {
  chooseSavePath,
  newExportId,
  onExportProgress,
  type ExportProgressState,
} from '../features/exports/save-export';
import { EMPTY_FILTER, toLogFilter, type ViewerFilter } from '../features/logs/filters';

/** What a table row needs; full headers and bodies are fetched for the drawer only, to keep memory flat. */
export type LogRow = Pick<
  CallEvent,
  | 'id'
  | 'time'
  | 'method'
  | 'status'
  | 'statusClass'
  | 'url'
  | 'host'
  | 'durationMs'
  | 'connectionId'
  | 'errorCode'
  | 'attempt'
  | 'runId'
>;

const PAGE_SIZE = 200;
/** Follow mode keeps the newest rows; older ones can be paged in again after it is switched off. */
const FOLLOW_MAX_ROWS = 50_000;

const toRow = (c: CallEvent): LogRow => ({
  id: c.id,
  time: c.time,
  method: c.method,
  status: c.status,
  statusClass: c.statusClass,
  url: c.url,
  host: c.host,
  durationMs: c.durationMs,
  connectionId: c.connectionId,
  errorCode: c.errorCode,
  attempt: c.attempt,
  runId: c.runId,
});

interface LogsState {
  filter: ViewerFilter;
  rows: LogRow[];
  nextCursor?: string;
  tailCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  /** A failure to show above the table. */
  error?: string;
  /** Bad full-text syntax, shown under the search box. */
  searchError?: string;
  selected: number;
  /** Rows ticked for "export selected". */
  marked: Record<string, true>;
  drawerOpen: boolean;
  detail?: CallEvent;
  detailError?: string;
  follow: boolean;
  exportState?: ExportProgressState;

  setFilter(patch: Partial<ViewerFilter>): void;
  replaceFilter(filter: ViewerFilter): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
  open(index?: number): Promise<void>;
  closeDrawer(): void;
  toggleMark(id: string): void;
  clearMarks(): void;
  setFollow(on: boolean): void;
  exportCalls(format: ExportFormat, scope: 'filter' | 'marked' | 'current'): Promise<void>;
  /** A redacted .zip for a support ticket: the filtered run's calls, versions, settings without secrets. */
  exportSupportBundle(): Promise<void>;
  dismissExport(): void;
}

// Not state: bumping it discards responses to queries the user has since replaced.
let generation = 0;
let stopFollow: (() => void) | null = null;
let tailing: Promise<void> | null = null;
let tailAgain = false;

export const useLogsStore = create<LogsState>((set, get) => {
  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'invalid_input' && error.details?.field === 'search') {
      set({ searchError: error.message, loading: false, loadingMore: false, rows: [], nextCursor: undefined });
    } else set({ error: errorMessage(error), loading: false, loadingMore: false });
  };

  const tailOnce = async () => {
    const { tailCursor, filter } = get();
    if (!tailCursor) return;
    const mine = generation;
    const result = await unwrap(api.logs.tail({ cursor: tailCursor, filter: toLogFilter(filter), limit: 1000 }));
    if (mine !== generation || !get().follow) return;
    if (result.items.length === 0) return set({ tailCursor: result.cursor });
    const fresh = result.items.map(toRow).reverse();
    const { rows, selected } = get();
    const merged = [...fresh, ...rows];
    const trimmed = merged.length > FOLLOW_MAX_ROWS;
    set({
      rows: trimmed ? merged.slice(0, FOLLOW_MAX_ROWS) : merged,
      // Older rows dropped from memory are paged in again from the last kept row.
      ...(trimmed ? { nextCursor: undefined } : {}),
      tailCursor: result.cursor,
      selected: selected >= 0 ? selected + fresh.length : selected,
    });
    if (result.items.length === 1000) tailAgain = true;
  };

  /** One tail at a time; events arriving meanwhile trigger one more pass afterwards. */
  const tail = () => {
    if (tailing) {
      tailAgain = true;
      return;
    }
    tailing = (async () => {
      do {
        tailAgain = false;
        await tailOnce().catch(fail);
      } while (tailAgain && get().follow);
    })().finally(() => (tailing = null));
  };

  return {
    filter: EMPTY_FILTER,
    rows: [],
    // True until the first page arrives, so the empty state never flashes before it.
    loading: true,
    loadingMore: false,
    selected: -1,
    marked: {},
    drawerOpen: false,
    follow: false,

    setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } });
      void get().reload();
    },
    replaceFilter(filter) {
      set({ filter });
      void get().reload();
    },
    async reload() {
      const mine = ++generation;
      set({ loading: true, error: undefined, searchError: undefined, selected: -1, marked: {} });
      try {
        const page = await unwrap(api.logs.query({ ...toLogFilter(get().filter), limit: PAGE_SIZE }));
        if (mine !== generation) return;
        set({ rows: page.items.map(toRow), nextCursor: page.nextCursor, tailCursor: page.tailCursor, loading: false });
      } catch (error) {
        if (mine === generation) fail(error);
      }
    },
    async loadMore() {
      const { nextCursor, loadingMore, loading, rows } = get();
      if (!nextCursor || loadingMore || loading) return;
      const mine = generation;
      set({ loadingMore: true });
      try {
        const page = await unwrap(
          api.logs.query({ ...toLogFilter(get().filter), limit: PAGE_SIZE, cursor: nextCursor }),
        );
        if (mine !== generation) return;
        set({ rows: [...rows, ...page.items.map(toRow)], nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (mine === generation) fail(error);
      }
    },
    select(index) {
      const { rows, drawerOpen } = get();
      if (rows.length === 0) return;
      const next = Math.max(0, Math.min(rows.length - 1, index));
      set({ selected: next });
      // The drawer follows the selection, so ↑/↓ pages through calls with it open.
      if (drawerOpen) void get().open(next);
      if (next >= rows.length - 20) void get().loadMore();
    },
    move(delta) {
      const { selected } = get();
      get().select(selected < 0 ? 0 : selected + delta);
    },
    async open(index) {
      const i = index ?? get().selected;
      const row = get().rows[i];
      if (!row) return;
      set({
        selected: i,
        drawerOpen: true,
        detailError: undefined,
        ...(get().detail?.id === row.id ? {} : { detail: undefined }),
      });
      try {
        const detail = await unwrap(api.logs.get({ id: row.id }));
        if (get().rows[get().selected]?.id === row.id) set({ detail });
      } catch (error) {
        set({ detailError: errorMessage(error) });
      }
    },
    closeDrawer() {
      set({ drawerOpen: false });
    },
    toggleMark(id) {
      const marked = { ...get().marked };
      if (marked[id]) delete marked[id];
      else marked[id] = true;
      set({ marked });
    },
    clearMarks() {
      set({ marked: {} });
    },
    setFollow(on) {
      stopFollow?.();
      stopFollow = null;
      set({ follow: on });
      if (!on) return;
      stopFollow = api.on('logs:appended', () => tail());
      // Catch up on what was logged since the page was read.
      tail();
    },
    async exportCalls(format, scope) {
      const { filter, marked, detail } = get();
      const ids = scope === 'marked' ? Object.keys(marked) : scope === 'current' && detail ? [detail.id] : undefined;
      const label = `${format.toUpperCase()} export${ids ? ` of ${ids.length} call${ids.length === 1 ? '' : 's'}` : ''}`;
      let path: string | null;
      try {
        path = await chooseSavePath(ids?.length === 1 ? `patchbay-call` : 'patchbay-calls', format, 'logs:export');
      } catch (error) {
        return set({ exportState: { label, done: 0, total: 0, status: 'error', message: errorMessage(error) } });
      }
      if (!path) return;
      const exportId = newExportId();
      set({ exportState: { label, done: 0, total: 0, status: 'running' } });
      const stop = onExportProgress(exportId, (done, total) => {
        const s = get().exportState;
        if (s?.status === 'running') set({ exportState: { ...s, done, total } });
      });
      try {
        const result = await unwrap(
          api.logs.export({ format, path, exportId, ...(ids ? { ids } : { filter: toLogFilter(filter) }) }),
        );
        set({
          exportState: {
            label,
            done: result.rows,
            total: result.rows,
            status: 'done',
            path: result.path,
            message: `Saved ${result.rows} call${result.rows === 1 ? '' : 's'} to ${result.path}`,
          },
        });
      } catch (error) {
        set({ exportState: { label, done: 0, total: 0, status: 'error', message: errorMessage(error) } });
      } finally {
        stop();
      }
    },
    async exportSupportBundle() {
      const runId = get().filter.runId.trim() || undefined;
      const label = `Support bundle${runId ? ` for run ${runId}` : ''}`;
      try {
        const path = await chooseSavePath(
          runId ? `patchbay-support-${runId}` : 'patchbay-support',
          'zip',
          'logs:supportBundle',
        );
        if (!path) return;
        const exportId = newExportId();
        set({ exportState: { label, done: 0, total: 0, status: 'running' } });
        const stop = onExportProgress(exportId, (done, total) => {
          const s = get().exportState;
          if (s?.status === 'running') set({ exportState: { ...s, done, total } });
        });
        try {
          const result = await unwrap(api.logs.supportBundle({ ...(runId ? { runId } : {}), path, exportId }));
          set({
            exportState: {
              label,
              done: result.rows,
              total: result.rows,
              status: 'done',
              path: result.path,
              message: `Saved the support bundle (${result.rows} calls) to ${result.path}`,
            },
          });
        } finally {
          stop();
        }
      } catch (error) {
        set({ exportState: { label, done: 0, total: 0, status: 'error', message: errorMessage(error) } });
      }
    },
    dismissExport() {
      set({ exportState: undefined });
    },
  };
});
