// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { MappingDraft } from '../../../shared/models/mapping';
import { serve } from './bridge';
import { useMappings, type Draft } from '../../../renderer/src/stores/mappings';

const end = (connectionId: string, resource: string) => ({
  connectionId,
  connectionName: connectionId,
  connectorId: connectionId,
  connectorName: connectionId,
  resource,
  resourceLabel: resource,
  primaryKey: 'id',
  fieldSelection: true,
});

const samples: ChannelOutput<'mappings:fetchSamples'> = {
  source: end('crm', 'contacts'),
  target: end('billing', 'customers'),
  sourceSchema: [
    { name: 'id', type: 'string', required: false, readOnly: true, pii: false },
    { name: 'email', type: 'string', required: false, readOnly: false, pii: true },
  ],
  targetSchema: [{ name: 'email', type: 'string', required: false, readOnly: false, pii: true }],
  sourceRecords: [{ id: '1', email: '  Ada@Example.COM ' }],
  fetchedFields: null,
  targetLookup: null,
  lookupError: null,
  fetchedAt: '2024-06-11T00:00:00Z',
};

const draft = (): Draft => ({
  name: 'CRM → billing',
  source: { connectionId: 'crm', resource: 'contacts' },
  target: { connectionId: 'billing', resource: 'customers' },
  rules: [{ id: 'r-email', target: 'email', sources: ['email'], transforms: [], enabled: true }],
  matchKey: null,
  unmappedRequired: 'error',
  requiredDefaults: {},
  piiAcknowledged: null,
});

const savedAs = (d: Draft, id: string, version: number): ChannelOutput<'mappings:save'> => ({
  mapping: { ...(d as MappingDraft), id, version, updatedAt: '2024-06-11T00:00:00Z' },
  issues: [],
  unmappedRequired: [],
});

/** Waits (in fake time) for the editor's debounced recompute to show this payload for the first sample. */
async function payloadBecomes(expected: Record<string, unknown>): Promise<void> {
  await vi.advanceTimersByTimeAsync(100);
  await vi.waitFor(() => expect(useMappings.getState().editor?.preview?.rows[0]?.mapped.payload).toEqual(expected));
}

beforeEach(() => {
  vi.useFakeTimers();
  useMappings.setState({ list: [], loaded: false, editor: null });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the mapping editor store', () => {
  it('previews the samples in the renderer, and an edit changes the preview without fetching again', async () => {
    let fetches = 0;
    serve({ 'mappings:fetchSamples': () => (fetches++, samples), 'mappings:list': () => [] });
    await useMappings.getState().startNew(draft());
    await payloadBecomes({ email: '  Ada@Example.COM ' });

    useMappings.getState().edit((d) => ({
      ...d,
      rules: d.rules.map((r) => ({ ...r, transforms: [{ kind: 'email' }] })),
    }));
    expect(useMappings.getState().editor!.dirty).toBe(true);
    await payloadBecomes({ email: 'ada@example.com' });
    expect(fetches).toBe(1);
  });

  it('says why the samples could not be fetched, and keeps the draft', async () => {
    serve({
      'mappings:fetchSamples': () => {
        throw new AppError('auth_failed', 'crm did not accept the credentials (HTTP 401).');
      },
    });
    await useMappings.getState().startNew(draft());
    const editor = useMappings.getState().editor!;
    expect(editor).toMatchObject({ fetching: false, fetchError: 'crm did not accept the credentials (HTTP 401).' });
    expect(editor.draft.name).toBe('CRM → billing');
    expect(editor.preview).toBeNull();
  });

  it('a save takes the id and version from main and keeps what was typed while it was in flight', async () => {
    let answer!: (saved: ChannelOutput<'mappings:save'>) => void;
    serve({
      'mappings:fetchSamples': () => samples,
      'mappings:list': () => [],
      'mappings:save': () => new Promise((resolve) => (answer = resolve)),
    });
    await useMappings.getState().startNew(draft());
    const saving = useMappings.getState().save();
    expect(useMappings.getState().editor!.saving).toBe(true);
    useMappings.getState().edit((d) => ({ ...d, name: 'CRM → billing (EU)' }));
    answer(savedAs(draft(), 'm-1', 1));
    await saving;
    const editor = useMappings.getState().editor!;
    expect(editor.draft).toMatchObject({ id: 'm-1', version: 1, name: 'CRM → billing (EU)' });
    expect(editor).toMatchObject({ saving: false, dirty: true, status: 'Saved as version 1.' });
  });

  it('a refused save says so and changes nothing in the draft', async () => {
    serve({
      'mappings:fetchSamples': () => samples,
      'mappings:save': () => {
        throw new AppError('conflict', 'Someone saved version 3 meanwhile.');
      },
    });
    await useMappings.getState().startNew(draft());
    await useMappings.getState().save();
    expect(useMappings.getState().editor).toMatchObject({
      saving: false,
      status: 'Not saved: Someone saved version 3 meanwhile.',
      draft: { name: 'CRM → billing' },
    });
    expect(useMappings.getState().editor!.draft.id).toBeUndefined();
  });

  it('a personal-data acknowledgement main refuses is taken back, with the reason', async () => {
    serve({
      'mappings:fetchSamples': () => samples,
      'mappings:acknowledgePii': () => {
        throw new AppError('conflict', 'The mapping changed meanwhile.');
      },
    });
    await useMappings.getState().startNew({ ...draft(), id: 'm-1', version: 2 });
    await useMappings.getState().acknowledgePii(['email']);
    expect(useMappings.getState().editor).toMatchObject({
      draft: { piiAcknowledged: null },
      status: 'Acknowledgement not recorded: The mapping changed meanwhile.',
    });
  });
});
