import type { RecordFilterInput } from '../../../shared/models/record-filter';
import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { runPreview, type PreviewResult } from '../../../shared/mapping/preview';
import type { RuleIssue } from '../../../shared/mapping/types';
import type {
  MappingDraft,
  MappingDraftRule,
  MappingSchemas,
  MatchKey,
  PiiAcknowledgement,
  ResourceRef,
  UnmappedRequiredPolicy,
} from '../../../shared/models/mapping';
import { api, errorMessage, unwrap } from '../api';

export type MappingSummary = ChannelOutput<'mappings:list'>[number];
export type SampleSet = ChannelOutput<'mappings:fetchSamples'>;
export type VersionSummary = ChannelOutput<'mappings:versions'>[number];
export type Suggestion = ChannelOutput<'mappings:suggest'>;

/** The mapping being edited: what the user sees, saved only on Save (each save = a new version). */
export interface Draft {
  id?: string;
  version?: number;
  name: string;
  source: ResourceRef;
  target: ResourceRef;
  rules: MappingDraftRule[];
  matchKey: MatchKey | null;
  unmappedRequired: UnmappedRequiredPolicy;
  requiredDefaults: Record<string, unknown>;
  piiAcknowledged: PiiAcknowledgement | null;
  /** Fields the mapping declares itself (kept as they are: the editor does not change them). */
  schemas?: MappingSchemas;
  /** Which source records are synced at all (absent: every record); checked by the preview and on save. */
  filter?: MappingDraft['filter'];
}

export interface EditorState {
  draft: Draft;
  dirty: boolean;
  samples: SampleSet | null;
  limit: number;
  fetching: boolean;
  fetchError?: string;
  /** Computed in the renderer from the samples on every edit: no refetch. */
  preview: PreviewResult | null;
  previewError?: string;
  saving: boolean;
  status?: string;
  versions: VersionSummary[] | null;
}

interface MappingsState {
  list: MappingSummary[];
  loaded: boolean;
  error?: string;
  editor: EditorState | null;
  load(): Promise<void>;
  suggest(source: ResourceRef, target: ResourceRef, defaultCountry?: string): Promise<Suggestion>;
  startNew(draft: Draft): Promise<void>;
  open(id: string): Promise<void>;
  close(): void;
  edit(change: (draft: Draft) => Draft): void;
  fetchSamples(limit?: number): Promise<void>;
  save(): Promise<void>;
  loadVersions(): Promise<void>;
  revert(version: number): Promise<void>;
  acknowledgePii(fields: string[]): Promise<void>;
  remove(id: string): Promise<void>;
}

export function toSaveInput(d: Draft): ChannelInput<'mappings:save'> {
  return {
    ...(d.id ? { id: d.id, baseVersion: d.version } : {}),
    name: d.name,
    source: d.source,
    target: d.target,
    rules: d.rules,
    matchKey: d.matchKey,
    unmappedRequired: d.unmappedRequired,
    requiredDefaults: d.requiredDefaults as never,
    piiAcknowledged: d.piiAcknowledged,
    ...(d.schemas ? { schemas: d.schemas } : {}),
    // The save channel checks it: a filter edited into something invalid is refused with its reason.
    ...(d.filter ? { filter: d.filter as RecordFilterInput } : {}),
  };
}

function toMapping(d: Draft): MappingDraft {
  return {
    ...d,
    requiredDefaults: d.requiredDefaults as MappingDraft['requiredDefaults'],
    id: d.id ?? 'draft',
    version: d.version ?? 1,
    updatedAt: new Date().toISOString(),
  };
}

function fromSaved(m: MappingDraft): Draft {
  const { updatedAt: _u, ...rest } = m;
  return rest;
}

export const useMappings = create<MappingsState>((set, get) => {
  let previewSeq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const patchEditor = (patch: Partial<EditorState>) => {
    const editor = get().editor;
    if (editor) set({ editor: { ...editor, ...patch } });
  };

  /** Re-run the mapping over the fetched samples with the shared transforms (the same code the sync runs). */
  const recompute = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const editor = get().editor;
      if (!editor?.samples) return;
      const seq = ++previewSeq;
      const samples = editor.samples;
      runPreview(
        toMapping(editor.draft),
        { ...samples, sourcePrimaryKey: samples.source.primaryKey },
        { fetchedFields: samples.fetchedFields },
      ).then(
        (preview) => seq === previewSeq && patchEditor({ preview, previewError: undefined }),
        (error: unknown) => seq === previewSeq && patchEditor({ preview: null, previewError: errorMessage(error) }),
      );
    }, 40);
  };

  const refreshList = async () => {
    try {
      set({ list: await unwrap(api.mappings.list()), loaded: true, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error), loaded: true });
    }
  };

  const begin = (draft: Draft, dirty: boolean) =>
    set({
      editor: { draft, dirty, samples: null, limit: 20, fetching: false, preview: null, saving: false, versions: null },
    });

  return {
    list: [],
    loaded: false,
    editor: null,
    load: refreshList,
    suggest: (source, target, defaultCountry) =>
      unwrap(api.mappings.suggest({ source, target, ...(defaultCountry ? { defaultCountry } : {}) })),
    async startNew(draft) {
      begin(draft, true);
      await get().fetchSamples();
    },
    async open(id) {
      const saved = await unwrap(api.mappings.get({ id }));
      begin(fromSaved(saved.mapping), false);
      await get().fetchSamples();
    },
    close() {
      previewSeq++;
      set({ editor: null });
      void refreshList();
    },
    edit(change) {
      const editor = get().editor;
      if (!editor) return;
      set({ editor: { ...editor, draft: change(editor.draft), dirty: true, status: undefined } });
      recompute();
    },
    async fetchSamples(limit) {
      const editor = get().editor;
      if (!editor) return;
      const n = limit ?? editor.limit;
      patchEditor({ fetching: true, fetchError: undefined, limit: n });
      try {
        const samples = await unwrap(api.mappings.fetchSamples({ mapping: toSaveInput(editor.draft), limit: n }));
        patchEditor({ samples, fetching: false });
        recompute();
      } catch (error) {
        patchEditor({ fetching: false, fetchError: errorMessage(error) });
      }
    },
    async save() {
      const editor = get().editor;
      if (!editor) return;
      patchEditor({ saving: true, status: undefined });
      try {
        const saved = await unwrap(api.mappings.save(toSaveInput(editor.draft)));
        const current = get().editor;
        const broken = saved.issues.length;
        patchEditor({
          // Keep edits typed while the save was in flight; take the id and version from the answer.
          draft: { ...(current?.draft ?? editor.draft), id: saved.mapping.id, version: saved.mapping.version },
          dirty: current?.draft !== editor.draft,
          saving: false,
          versions: null,
          status: `Saved as version ${saved.mapping.version}.${broken ? ` ${broken} rule${broken === 1 ? ' is' : 's are'} broken and will be skipped until fixed.` : ''}`,
        });
        void refreshList();
      } catch (error) {
        patchEditor({ saving: false, status: `Not saved: ${errorMessage(error)}` });
      }
    },
    async loadVersions() {
      const id = get().editor?.draft.id;
      if (!id) return;
      patchEditor({ versions: await unwrap(api.mappings.versions({ id })) });
    },
    async revert(version) {
      const id = get().editor?.draft.id;
      if (!id) return;
      try {
        const saved = await unwrap(api.mappings.revert({ id, version }));
        patchEditor({
          draft: fromSaved(saved.mapping),
          dirty: false,
          versions: null,
          status: `Reverted: version ${version} is now saved as version ${saved.mapping.version}.`,
        });
        recompute();
        await get().loadVersions();
      } catch (error) {
        patchEditor({ status: `Not reverted: ${errorMessage(error)}` });
      }
    },
    async acknowledgePii(fields) {
      const editor = get().editor;
      if (!editor) return;
      const ack = fields.length ? { fields: [...fields].sort(), at: new Date().toISOString() } : null;
      if (!editor.draft.id) {
        // Not saved yet: the acknowledgement is saved with the mapping.
        get().edit((d) => ({ ...d, piiAcknowledged: ack }));
        return;
      }
      const before = editor.draft.piiAcknowledged;
      patchEditor({ draft: { ...editor.draft, piiAcknowledged: ack } });
      try {
        const saved = await unwrap(
          api.mappings.acknowledgePii({ id: editor.draft.id, fields, baseVersion: editor.draft.version }),
        );
        const current = get().editor!;
        // Recorded as a new version; unsaved rule edits stay in the draft, now based on that version.
        patchEditor({
          draft: { ...current.draft, piiAcknowledged: saved.mapping.piiAcknowledged, version: saved.mapping.version },
          versions: null,
          status: `Acknowledgement recorded (version ${saved.mapping.version}).`,
        });
        recompute();
      } catch (error) {
        const current = get().editor;
        if (current)
          patchEditor({
            draft: { ...current.draft, piiAcknowledged: before },
            status: `Acknowledgement not recorded: ${errorMessage(error)}`,
          });
      }
    },
    async remove(id) {
      await unwrap(api.mappings.remove({ id }));
      set({ list: get().list.filter((m) => m.id !== id) });
    },
  };
});

export type { RuleIssue };
