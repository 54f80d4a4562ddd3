import type { z } from 'zod';
import { SECRET_FIELDS, type Connection } from '../../../shared/models/connection';
import {
  type WebhookTargetFile as WebhookTargetFileType,
  ConnectionFile,
  ConnectorFile,
  DatasetFile,
  MappingFile,
  SyncFile,
  WebhookEndpointFile,
  WebhookTargetFile,
  type WorkspaceKind,
} from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';

export type Obj = Record<string, unknown>;

/** A reference from one object to another, with the field that holds it (for error messages). */
export interface Reference {
  kind: WorkspaceKind;
  id: string;
  path: (string | number)[];
}

/** How one kind of object is read from this machine, written, removed and linked to others. */
export interface KindAdapter {
  kind: WorkspaceKind;
  schema: z.ZodType;
  /** Objects of this kind on this machine, in file form (what export writes). */
  current(core: BaseCore): Promise<Obj[]>;
  /** What a file leaves to the machine, filled in the way a write would, so unchanged files compare equal. */
  normalize?(value: Obj, current: Obj | undefined): Obj;
  upsert(core: BaseCore, value: Obj, current: Obj | undefined): Promise<void>;
  remove(core: BaseCore, id: string): Promise<void>;
  references(value: Obj): Reference[];
  /** Names must be unique among objects of this kind (the services refuse a clash). */
  uniqueNames: boolean;
}

const file = <T>(schema: z.ZodType<T>, value: unknown): Obj => schema.parse(value) as Obj;

/** Secret fields a connection needs: typed-in fields its kind requires, has set, or files declared. */
export function secretFieldsOf(c: Connection): string[] {
  const typed = SECRET_FIELDS[c.authKind].filter((s) => s.userInput);
  const fields = new Set<string>(c.declaredSecrets ?? []);
  for (const s of typed) if (s.required || c.secrets[s.field]) fields.add(s.field);
  return typed.map((s) => s.field).filter((f) => fields.has(f));
}

const connector: KindAdapter = {
  kind: 'connector',
  schema: ConnectorFile,
  uniqueNames: false,
  async current(core) {
    return core.catalog
      .list()
      .filter((s) => s.source !== 'builtin')
      .map((s) => file(ConnectorFile, core.catalog.get(s.id)));
  },
  // The catalog stores a file's definition as user-made: compare it that way.
  normalize: (value) => (value.source === 'builtin' ? { ...value, source: 'user' } : value),
  async upsert(core, value) {
    await core.catalog.add(value);
  },
  async remove(core, id) {
    await core.catalog.remove(id);
  },
  references: () => [],
};

const connection: KindAdapter = {
  kind: 'connection',
  schema: ConnectionFile,
  uniqueNames: true,
  async current(core) {
    return (await core.connections.list()).map((c) =>
      file(ConnectionFile, {
        id: c.id,
        name: c.name,
        connectorId: c.connectorId,
        baseUrl: c.baseUrl,
        authKind: c.authKind,
        authSettings: c.authSettings,
        integrator: c.integrator,
        ...(c.apiVersion ? { apiVersion: c.apiVersion } : {}),
        allowedHosts: c.allowedHosts,
        secrets: secretFieldsOf(c),
      }),
    );
  },
  normalize(value, current) {
    const baseUrl = String(value.baseUrl);
    return {
      ...value,
      integrator: value.integrator ?? current?.integrator ?? { contact: 'https://patchbay.local' },
      allowedHosts: (value.allowedHosts as string[] | undefined)?.map((h) => h.toLowerCase()) ?? [
        new URL(baseUrl).host,
      ],
    };
  },
  async upsert(core, value) {
    await core.connections.upsertDeclared(value as never);
  },
  async remove(core, id) {
    await core.connections.remove(id);
  },
  references: (value) => [{ kind: 'connector', id: String(value.connectorId), path: ['connectorId'] }],
};

const mapping: KindAdapter = {
  kind: 'mapping',
  schema: MappingFile,
  uniqueNames: true,
  async current(core) {
    return (await core.mappings.repository.list()).map((m) => file(MappingFile, m));
  },
  async upsert(core, value, current) {
    // A changed mapping is a new version, like a save in the app; its history says it came from files.
    await core.mappings.repository.save(value as never, { origin: 'file', createWithId: !current });
  },
  async remove(core, id) {
    await core.mappings.service.remove(id);
  },
  references: (value) => {
    const m = value as MappingFile;
    return [
      { kind: 'connection', id: m.source.connectionId, path: ['source', 'connectionId'] },
      { kind: 'connection', id: m.target.connectionId, path: ['target', 'connectionId'] },
    ];
  },
};

const sync: KindAdapter = {
  kind: 'sync',
  schema: SyncFile,
  uniqueNames: true,
  async current(core) {
    return core.sync.service.definitions().map((d) => file(SyncFile, d));
  },
  async upsert(core, value) {
    core.sync.service.save(value as never);
    if (core.sync.scheduler.started) core.sync.scheduler.refresh();
  },
  async remove(core, id) {
    core.sync.service.remove(id);
    if (core.sync.scheduler.started) core.sync.scheduler.refresh();
  },
  references: (value) => [{ kind: 'mapping', id: String(value.mappingId), path: ['mappingId'] }],
};

/** Flows and catch-up sources named `mapping:<id>` run a saved mapping: that mapping must exist. */
const mappingRef = (value: unknown, path: string): Reference[] =>
  typeof value === 'string' && value.startsWith('mapping:')
    ? [{ kind: 'mapping', id: value.slice('mapping:'.length), path: [path] }]
    : [];

const webhookEndpoint: KindAdapter = {
  kind: 'webhook-endpoint',
  schema: WebhookEndpointFile,
  uniqueNames: false,
  async current(core) {
    return (await core.webhooks.listEndpoints()).map((e) => file(WebhookEndpointFile, e));
  },
  async upsert(core, value) {
    core.webhooks.saveEndpoint(value as never);
  },
  async remove(core, id) {
    await core.webhooks.removeEndpoint(id);
  },
  references: (value) => [...mappingRef(value.flowId, 'flowId'), ...mappingRef(value.catchUpId, 'catchUpId')],
};

const webhookTarget: KindAdapter = {
  kind: 'webhook-target',
  schema: WebhookTargetFile,
  uniqueNames: false,
  async current(core) {
    return (await core.webhooks.listTargets()).map((t) => file(WebhookTargetFile, t));
  },
  async upsert(core, value) {
    // Whether a receiver answered 410 here stays this machine's business.
    const here = (await core.webhooks.listTargets()).find((t) => t.id === value.id);
    core.webhooks.saveTarget({
      ...(value as WebhookTargetFileType),
      disabled: here?.disabled ?? false,
      ...(here?.disabledReason ? { disabledReason: here.disabledReason } : {}),
    });
  },
  async remove(core, id) {
    await core.webhooks.removeTarget(id);
  },
  references: () => [],
};

const dataset: KindAdapter = {
  kind: 'dataset',
  schema: DatasetFile,
  uniqueNames: true,
  async current(core) {
    return core.datasets.list().map((s) => {
      const { updatedAt: _u, ...rest } = core.datasets.get(s.id);
      return file(DatasetFile, rest);
    });
  },
  async upsert(core, value) {
    core.datasets.save(value);
  },
  async remove(core, id) {
    core.datasets.remove(id);
  },
  references: (value) => {
    const d = value as DatasetFile;
    const refs: Reference[] = [];
    d.sources.forEach((s, i) => {
      refs.push({ kind: 'connection', id: s.connectionId, path: ['sources', i, 'connectionId'] });
      if (s.mappingId) refs.push({ kind: 'mapping', id: s.mappingId, path: ['sources', i, 'mappingId'] });
    });
    if (d.rateSource.kind === 'connection')
      refs.push({ kind: 'connection', id: d.rateSource.connectionId, path: ['rateSource', 'connectionId'] });
    return refs;
  },
};

/** In dependency order: what is written first may be referenced by what follows (removal runs backwards). */
export const KINDS: KindAdapter[] = [connector, connection, mapping, sync, webhookTarget, webhookEndpoint, dataset];

export const adapterOf = (kind: WorkspaceKind): KindAdapter => KINDS.find((k) => k.kind === kind)!;
