import { AppError } from '../../../../shared/errors';
import {
  parseConnectorDefinition,
  type ConnectorDefinition,
  type ConnectorSummary,
} from '../../../../shared/models/connector';
import { builtinConnectors } from './builtin';

/** Where imported definitions live (a JSON settings file in the app; memory in tests). */
export interface ConnectorStore {
  load(): Promise<unknown[]> | unknown[];
  save(definitions: ConnectorDefinition[]): Promise<void> | void;
}

export function memoryConnectorStore(initial: unknown[] = []): ConnectorStore & { saved: ConnectorDefinition[] } {
  const self = {
    saved: [] as ConnectorDefinition[],
    load: () => initial,
    save: (defs: ConnectorDefinition[]) => {
      self.saved = defs;
    },
  };
  return self;
}

export function summarize(d: ConnectorDefinition): ConnectorSummary {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    description: d.description,
    logo: d.logo,
    docsUrl: d.docsUrl,
    followsApi: d.followsApi,
    authKinds: d.authKinds,
    resources: d.resources.map((r) => ({ name: r.name, label: r.label })),
    source: d.source,
  };
}

/**
 * Built-in definitions plus imported ones (OpenAPI, user-made). Imported definitions are validated
 * again on load, so a hand-edited file that no longer parses is reported, not half-used.
 */
export class ConnectorCatalog {
  private readonly builtins = new Map<string, ConnectorDefinition>();
  private readonly imported = new Map<string, ConnectorDefinition>();
  /** Stored definitions that failed validation on load: shown to the user, not used. */
  readonly problems: { id?: string; message: string }[] = [];

  private constructor(private readonly store: ConnectorStore) {
    for (const d of builtinConnectors()) this.builtins.set(d.id, d);
  }

  static async open(store: ConnectorStore): Promise<ConnectorCatalog> {
    const catalog = new ConnectorCatalog(store);
    await catalog.reload();
    return catalog;
  }

  /** Read the imported definitions again (after the store was restored underneath, e.g. a rolled-back apply). */
  async reload(): Promise<void> {
    this.imported.clear();
    this.problems.length = 0;
    for (const raw of await this.store.load()) {
      try {
        const def = parseConnectorDefinition(raw, 'stored connector');
        if (!this.builtins.has(def.id)) this.imported.set(def.id, def);
      } catch (err) {
        const e = err as AppError;
        this.problems.push({ id: e.details?.connectorId as string | undefined, message: e.message });
      }
    }
  }

  isBuiltin(id: string): boolean {
    return this.builtins.has(id);
  }

  list(query?: string): ConnectorSummary[] {
    const all = [...this.builtins.values(), ...this.imported.values()].map(summarize);
    if (!query) return all;
    const q = query.toLowerCase();
    return all.filter((s) =>
      [s.name, s.description, s.followsApi ?? '', ...s.resources.map((r) => r.label)].some((t) =>
        t.toLowerCase().includes(q),
      ),
    );
  }

  get(id: string): ConnectorDefinition {
    const def = this.builtins.get(id) ?? this.imported.get(id);
    if (!def)
      throw new AppError(
        'not_found',
        `No connector "${id}" in the catalog. List them with \`patchbay connectors list\`.`,
        { connectorId: id },
      );
    return def;
  }

  /** Add (or replace) an imported definition and persist all imported ones. */
  async add(value: unknown): Promise<ConnectorDefinition> {
    const def = parseConnectorDefinition(value);
    if (this.builtins.has(def.id))
      throw new AppError(
        'conflict',
        `"${def.id}" is a built-in connector id; choose another id for the imported one.`,
        { connectorId: def.id },
      );
    const stored = { ...def, source: def.source === 'builtin' ? 'user' : def.source } as ConnectorDefinition;
    this.imported.set(def.id, stored);
    await this.store.save([...this.imported.values()]);
    return stored;
  }

  async remove(id: string): Promise<void> {
    if (this.builtins.has(id)) throw new AppError('conflict', `"${id}" is built in and cannot be removed.`);
    if (!this.imported.delete(id)) throw new AppError('not_found', `No imported connector "${id}".`);
    await this.store.save([...this.imported.values()]);
  }
}
