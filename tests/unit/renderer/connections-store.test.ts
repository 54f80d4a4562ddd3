// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Connection, type TestResult } from '../../../shared/models/connection';
import { emit, serve } from './bridge';
import { useConnections } from '../../../renderer/src/stores/connections';

const saved = (id: string, name: string): Connection =>
  Connection.parse({
    id,
    name,
    connectorId: 'crm-hubspot',
    baseUrl: 'https://api.hubapi.com',
    authKind: 'bearer',
    authSettings: {},
    integrator: { contact: 'tests@patchbay.invalid' },
    allowedHosts: ['api.hubapi.com'],
    createdAt: '2024-06-11T00:00:00Z',
    updatedAt: '2024-06-11T00:00:00Z',
    warnings: [],
    needsReauthorization: false,
    secrets: {},
  });

const passed: TestResult = {
  ok: true,
  category: 'ok',
  message: 'Connected to api.hubapi.com.',
  nextStep: 'Nothing to do.',
  at: '2024-06-11T00:00:00Z',
};

let stored: Connection[] = [];
beforeEach(() => {
  stored = [saved('c1', 'CRM'), saved('c2', 'CRM (EU)')];
  useConnections.setState({ list: [], connectors: [], loaded: false, error: undefined, testing: {} });
});

describe('the connections store', () => {
  it('loads the list, and shows the reason when main refuses instead of an empty page', async () => {
    serve({ 'connections:list': () => stored, 'connectors:list': () => [] });
    await useConnections.getState().load();
    expect(useConnections.getState()).toMatchObject({ loaded: true, error: undefined });
    expect(useConnections.getState().list.map((c) => c.name)).toEqual(['CRM', 'CRM (EU)']);

    serve({
      'connections:list': () => {
        throw new AppError('keychain_unavailable', 'The keychain is locked.');
      },
      'connectors:list': () => [],
    });
    await useConnections.getState().load();
    expect(useConnections.getState()).toMatchObject({ loaded: true, error: 'The keychain is locked.' });
  });

  it('follows changes main announces, without the page asking again', async () => {
    serve({ 'connections:list': () => stored, 'connectors:list': () => [] });
    await useConnections.getState().load();
    stored = [...stored, saved('c3', 'Billing')];
    emit('connections:changed', { connectionId: 'c3' });
    await expect.poll(() => useConnections.getState().list.length).toBe(3);
  });

  it('marks a connection as testing while its test runs, and clears the mark when the test fails', async () => {
    let finish!: (r: TestResult) => void;
    serve({
      'connections:list': () => stored,
      'connectors:list': () => [],
      'connections:test': () => new Promise<TestResult>((resolve) => (finish = resolve)),
    });
    const pending = useConnections.getState().test('c1');
    await expect.poll(() => useConnections.getState().testing.c1).toBe(true);
    finish(passed);
    await expect(pending).resolves.toMatchObject({ ok: true, category: 'ok' });
    expect(useConnections.getState().testing.c1).toBe(false);

    serve({
      'connections:test': () => {
        throw new AppError('not_found', 'No connection c9.');
      },
    });
    await expect(useConnections.getState().test('c9')).rejects.toThrow('No connection c9.');
    expect(useConnections.getState().testing.c9).toBe(false);
  });

  it('drops a removed connection from the list', async () => {
    serve({
      'connections:list': () => stored,
      'connectors:list': () => [],
      'connections:remove': () => ({ removed: true }),
    });
    await useConnections.getState().load();
    await useConnections.getState().remove('c1');
    expect(useConnections.getState().list.map((c) => c.id)).toEqual(['c2']);
  });
});
