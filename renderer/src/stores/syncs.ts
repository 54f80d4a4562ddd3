import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { RecordOutcomeKind, SyncProgress, SyncRun, SyncRunDetail } from '../../../shared/models/sync';
import { api, errorMessage, unwrap } from '../api';

export type SyncListItem = ChannelOutput<'syncs:list'>[number];
export type MappingOption = ChannelOutput<'mappings:list'>[number];
export type SyncDraft = ChannelInput<'syncs:save'>;

export const DETAIL_PAGE = 50;

/** Runs whose sync:finished was seen: a tiny run can end before syncs:run answers. */
const ended = new Set<string>();

export interface CronState {
  text?: string;
  next?: string[];
  error?: string;
}

interface EditorState {
  draft: SyncDraft;
  saving: boolean;
  error?: string;
  cron: CronState;
}

interface SyncsState {
  list: SyncListItem[];
  loaded: boolean;
  error?: string;
  mappings: MappingOption[];
  selectedId: string | null;
  history: SyncRun[];
  /** Live progress of the run in progress, per sync. */
  progress: Record<string, SyncProgress>;
  /** Runs started from this window, per sync (shown before their first progress event). */
  starting: Record<string, { runId: string; dryRun: boolean }>;
  detail: SyncRunDetail | null;
  detailKind: RecordOutcomeKind | null;
  detailOffset: number;
  editor: EditorState | null;
  message?: string;
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  openEditor(id?: string): void;
  closeEditor(): void;
  editDraft(change: Partial<SyncDraft>): void;
  previewCron(): Promise<void>;
  save(): Promise<void>;
  remove(id: string): Promise<void>;
  run(id: string, dryRun: boolean): Promise<void>;
  cancel(runId: string): Promise<void>;
  retryFailed(runId: string): Promise<void>;
  /** Let a run the brake held write, once. */
  confirm(runId: string): Promise<void>;
  openRun(runId: string, options?: { offset?: number; kind?: RecordOutcomeKind | null }): Promise<void>;
  closeRun(): void;
  /** Subscribes to sync:progress / sync:finished; returns the unsubscribe. */
  live(): () => void;
}

const newDraft = (mappingId = ''): SyncDraft => ({
  name: '',
  mappingId,
  mode: 'full',
  writeStrategy: 'upsert',
  dedup: 'newest_wins',
  failurePolicy: { quarantine: true, stopAfterErrors: null },
  schedule: null,
  enabled: true,
});

export const useSyncsStore = create<SyncsState>((set, get) => ({
  list: [],
  loaded: false,
  mappings: [],
  selectedId: null,
  history: [],
  progress: {},
  starting: {},
  detail: null,
  detailKind: null,
  detailOffset: 0,
  editor: null,
  async load() {
    try {
      const [list, mappings] = await Promise.all([unwrap(api.syncs.list()), unwrap(api.mappings.list())]);
      const selectedId = get().selectedId ?? list[0]?.definition.id ?? null;
      set({
        list,
        mappings,
        loaded: true,
        error: undefined,
        selectedId: list.some((s) => s.definition.id === selectedId) ? selectedId : (list[0]?.definition.id ?? null),
      });
      const id = get().selectedId;
      if (id) set({ history: await unwrap(api.syncs.history({ id })) });
    } catch (error) {
      set({ error: errorMessage(error), loaded: true });
    }
  },
  async select(id) {
    set({ selectedId: id, detail: null, history: [], message: undefined });
    if (!id) return;
    try {
      set({ history: await unwrap(api.syncs.history({ id })) });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  openEditor(id) {
    const item = id ? get().list.find((s) => s.definition.id === id) : undefined;
    const d = item?.definition;
    const draft: SyncDraft = d
      ? {
          id: d.id,
          name: d.name,
          mappingId: d.mappingId,
          mode: d.mode,
          writeStrategy: d.writeStrategy,
          dedup: d.dedup,
          failurePolicy: d.failurePolicy,
          schedule: d.schedule,
          enabled: d.enabled,
          schemaDrift: d.schemaDrift,
          alerts: d.alerts,
        }
      : newDraft(get().mappings[0]?.id);
    set({ editor: { draft, saving: false, cron: {} } });
    if (draft.schedule) void get().previewCron();
  },
  closeEditor() {
    set({ editor: null });
  },
  editDraft(change) {
    const editor = get().editor;
    if (!editor) return;
    set({ editor: { ...editor, draft: { ...editor.draft, ...change }, error: undefined } });
  },
  async previewCron() {
    const schedule = get().editor?.draft.schedule;
    if (!schedule?.cron.trim()) {
      const editor = get().editor;
      if (editor) set({ editor: { ...editor, cron: {} } });
      return;
    }
    const asked = JSON.stringify(schedule);
    let cron: CronState;
    try {
      const preview = await unwrap(
        api.syncs.cronPreview({
          cron: schedule.cron,
          ...(schedule.timezone?.trim() ? { timezone: schedule.timezone.trim() } : {}),
        }),
      );
      cron = { text: preview.text, next: preview.next };
    } catch (error) {
      cron = { error: errorMessage(error) };
    }
    const editor = get().editor;
    // A later keystroke already asked again: keep only the answer to the current text.
    if (editor && JSON.stringify(editor.draft.schedule) === asked) set({ editor: { ...editor, cron } });
  },
  async save() {
    const editor = get().editor;
    if (!editor) return;
    set({ editor: { ...editor, saving: true, error: undefined } });
    try {
      const schedule = editor.draft.schedule
        ? {
            cron: editor.draft.schedule.cron.trim(),
            ...(editor.draft.schedule.timezone?.trim() ? { timezone: editor.draft.schedule.timezone.trim() } : {}),
          }
        : null;
      const saved = await unwrap(api.syncs.save({ ...editor.draft, schedule }));
      set({ editor: null, selectedId: saved.id, message: `Saved "${saved.name}".` });
      await get().load();
    } catch (error) {
      const current = get().editor;
      if (current) set({ editor: { ...current, saving: false, error: errorMessage(error) } });
    }
  },
  async remove(id) {
    try {
      await unwrap(api.syncs.remove({ id }));
      set({ selectedId: null, detail: null, history: [], message: 'Sync removed.' });
      await get().load();
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  async run(id, dryRun) {
    try {
      set({ message: undefined });
      const { runId } = await unwrap(api.syncs.run({ id, dryRun }));
      // The run may already have ended (a tiny sync): only mark it when no end was seen.
      if (!ended.has(runId)) set({ starting: { ...get().starting, [id]: { runId, dryRun } } });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  async cancel(runId) {
    try {
      await unwrap(api.syncs.cancel({ runId }));
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  async retryFailed(runId) {
    try {
      const { runId: retry } = await unwrap(api.syncs.retryFailed({ runId }));
      const syncId = get().detail?.syncId;
      if (syncId) set({ starting: { ...get().starting, [syncId]: { runId: retry, dryRun: false } }, detail: null });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  async confirm(runId) {
    try {
      const { runId: confirmed } = await unwrap(api.syncs.confirm({ runId }));
      const syncId = get().detail?.syncId;
      if (syncId) set({ starting: { ...get().starting, [syncId]: { runId: confirmed, dryRun: false } }, detail: null });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  async openRun(runId, options = {}) {
    const kind = options.kind === undefined ? get().detailKind : options.kind;
    try {
      const offset = options.offset ?? 0;
      const detail = await unwrap(
        api.syncs.runDetail({ runId, offset, limit: DETAIL_PAGE, ...(kind ? { kind } : {}) }),
      );
      set({ detail, detailKind: kind ?? null, detailOffset: offset });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
  closeRun() {
    set({ detail: null, detailKind: null, detailOffset: 0 });
  },
  live() {
    const offProgress = api.on('sync:progress', (p) => set({ progress: { ...get().progress, [p.syncId]: p } }));
    const offFinished = api.on('sync:finished', (run) => {
      ended.add(run.id);
      const { [run.syncId]: _p, ...progress } = get().progress;
      const { [run.syncId]: _s, ...starting } = get().starting;
      set({ progress, starting });
      void get().load();
    });
    return () => {
      offProgress();
      offFinished();
    };
  },
}));
