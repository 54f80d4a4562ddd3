import { randomUUID } from 'node:crypto';
import { AppError, describeZodIssues } from '../../../shared/errors';
import { MappingDraft } from '../../../shared/models/mapping';
import type { KeyValueStore } from '../settings/store';
import { errorMessage } from '../../../shared/error-message';

export const MAPPINGS_KEY = 'mappings';
export const MAPPINGS_SCHEMA_VERSION = 1;
/** Versions kept per mapping: enough for "what did run #n use", small enough for a readable settings file. */
export const MAX_VERSIONS = 50;

/**
 * Mappings are stored as MappingDraft, not Mapping: each transform is checked only for its `kind`,
 * so a rule with bad JSONata or a duplicate lookup key still loads, previews (the rest of the rules
 * run) and can be fixed. compileMapping reports such rules; saving them is allowed and reported.
 */
interface StoredMapping {
  id: string;
  /** Oldest first; the last one is the current mapping. */
  versions: unknown[];
}

interface StoredDoc {
  version: number;
  items: StoredMapping[];
}

/** What a caller saves: the mapping without the fields the repository owns. */
export type MappingSaveData = Omit<MappingDraft, 'id' | 'version' | 'updatedAt'> & {
  id?: string;
  /** The version the edit started from; a newer saved version means someone else saved meanwhile. */
  baseVersion?: number;
};

/** Where a saved version came from: the app window, the command line, or applied workspace files. */
export type MappingOrigin = 'app' | 'cli' | 'file';

export interface SaveOptions {
  origin?: MappingOrigin;
  /** Workspace files name their mapping's id: a new mapping takes it instead of a generated one. */
  createWithId?: boolean;
}

export interface VersionSummary {
  version: number;
  updatedAt: string;
  name: string;
  rules: number;
  origin?: MappingOrigin;
  note?: string;
}

function load(raw: unknown): StoredDoc {
  if (raw === undefined || raw === null) return { version: MAPPINGS_SCHEMA_VERSION, items: [] };
  const doc = raw as StoredDoc;
  if (typeof doc !== 'object' || !Array.isArray(doc.items) || typeof doc.version !== 'number') {
    throw new AppError('io_error', `The settings key "${MAPPINGS_KEY}" is not in a format Patchbay understands.`);
  }
  if (doc.version > MAPPINGS_SCHEMA_VERSION) {
    throw new AppError(
      'io_error',
      `Mappings were saved by a newer Patchbay (format ${doc.version}); update Patchbay to open them.`,
    );
  }
  return doc;
}

function originOf(stored: unknown): MappingOrigin | undefined {
  const origin = (stored as { origin?: unknown }).origin;
  return origin === 'app' || origin === 'cli' || origin === 'file' ? origin : undefined;
}

function parseDraft(value: unknown, where: string): MappingDraft {
  const parsed = MappingDraft.safeParse(value);
  if (!parsed.success)
    throw new AppError('io_error', `Saved mapping ${where} is damaged: ${describeZodIssues(parsed.error).message}`);
  return parsed.data;
}

/**
 * Mappings with their version history, as one document under the `mappings` settings key.
 * Every save appends a version (1, 2, 3…); revert appends a copy of an old version as the newest,
 * so history is never rewritten and a sync run's recorded version stays meaningful.
 */
export class MappingRepository {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = () => `map_${randomUUID().slice(0, 8)}`,
    /** Recorded on versions saved without an explicit origin (the app, or the CLI's core). */
    private readonly defaultOrigin: MappingOrigin = 'app',
  ) {}

  /** Read-modify-write of one document: serialised so two saves never lose each other. */
  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private doc(): StoredDoc {
    return load(this.store.get(MAPPINGS_KEY));
  }

  private write(doc: StoredDoc): void {
    try {
      this.store.set(MAPPINGS_KEY, doc);
    } catch (error) {
      throw new AppError('io_error', `Could not save the mappings: ${errorMessage(error)}`);
    }
  }

  private entry(doc: StoredDoc, id: string): StoredMapping {
    const found = doc.items.find((m) => m.id === id);
    if (!found) throw new AppError('not_found', `No mapping with id "${id}" (see "patchbay mappings list").`, { id });
    return found;
  }

  async list(): Promise<MappingDraft[]> {
    return this.doc().items.map((m) => parseDraft(m.versions[m.versions.length - 1], `"${m.id}"`));
  }

  /** The current version, or a given one. */
  async get(id: string, version?: number): Promise<MappingDraft> {
    const entry = this.entry(this.doc(), id);
    if (version === undefined) return parseDraft(entry.versions[entry.versions.length - 1], `"${id}"`);
    const found = entry.versions.find((v) => (v as { version?: unknown }).version === version);
    if (!found) {
      const kept = entry.versions.map((v) => (v as { version: number }).version);
      throw new AppError('not_found', `Mapping "${id}" has no version ${version} (kept: ${kept.join(', ')}).`, {
        id,
        version,
      });
    }
    return parseDraft(found, `"${id}" v${version}`);
  }

  /** Find by id, then by name (case-insensitive): what the CLI accepts. */
  async resolve(ref: string): Promise<MappingDraft> {
    const all = await this.list();
    const hit =
      all.find((m) => m.id === ref) ?? all.filter((m) => m.name.toLowerCase() === ref.trim().toLowerCase())[0];
    if (!hit)
      throw new AppError('not_found', `No mapping with id or name "${ref}" (see "patchbay mappings list").`, { ref });
    return hit;
  }

  async versions(id: string): Promise<VersionSummary[]> {
    const entry = this.entry(this.doc(), id);
    return entry.versions
      .map((v, i) => ({ m: parseDraft(v, `"${id}" #${i + 1}`), origin: originOf(v) }))
      .map(({ m, origin }) => ({
        version: m.version,
        updatedAt: m.updatedAt,
        name: m.name,
        rules: m.rules.length,
        ...(origin ? { origin } : {}),
      }))
      .reverse();
  }

  /** Create (no id) or append a new version. Returns the saved mapping. */
  save(data: MappingSaveData, options: SaveOptions = {}): Promise<MappingDraft> {
    return this.serial(() => {
      const doc = this.doc();
      const { baseVersion, id: givenId, ...rest } = data;
      const existing = givenId ? doc.items.find((m) => m.id === givenId) : undefined;
      if (givenId && !existing && !options.createWithId)
        throw new AppError('not_found', `No mapping with id "${givenId}" to save a new version of.`, { id: givenId });
      const clash = doc.items.find(
        (m) =>
          m.id !== givenId &&
          parseDraft(m.versions[m.versions.length - 1], `"${m.id}"`)
            .name.trim()
            .toLowerCase() === rest.name.trim().toLowerCase(),
      );
      if (clash)
        throw new AppError('conflict', `A mapping named "${rest.name}" already exists; pick another name.`, {
          field: 'name',
        });
      const latest = existing ? parseDraft(existing.versions[existing.versions.length - 1], `"${givenId}"`) : undefined;
      if (latest && baseVersion !== undefined && baseVersion !== latest.version) {
        throw new AppError(
          'conflict',
          `Mapping "${latest.name}" was saved as version ${latest.version} while you edited version ${baseVersion}; reload it and apply your changes again.`,
          {
            id: givenId,
            latest: latest.version,
            base: baseVersion,
          },
        );
      }
      const id = givenId ?? this.newId();
      const parsed = MappingDraft.safeParse({
        ...rest,
        id,
        version: (latest?.version ?? 0) + 1,
        updatedAt: this.clock().toISOString(),
      });
      if (!parsed.success) {
        const { message, issues } = describeZodIssues(parsed.error);
        throw new AppError('invalid_input', `The mapping cannot be saved: ${message}`, { issues });
      }
      // The origin rides along in the stored version (parseDraft strips it from what callers get).
      const stored = { ...parsed.data, origin: options.origin ?? this.defaultOrigin };
      if (existing) {
        existing.versions.push(stored);
        if (existing.versions.length > MAX_VERSIONS)
          existing.versions.splice(0, existing.versions.length - MAX_VERSIONS);
      } else {
        doc.items.push({ id, versions: [stored] });
      }
      this.write({ version: MAPPINGS_SCHEMA_VERSION, items: doc.items });
      return parsed.data;
    });
  }

  /** Revert = save the old version's content as the newest version (history is kept). */
  async revert(id: string, version: number, options: SaveOptions = {}): Promise<MappingDraft> {
    const old = await this.get(id, version);
    const current = await this.get(id);
    const { version: _v, updatedAt: _u, ...content } = old;
    return this.save({ ...content, id, baseVersion: current.version }, options);
  }

  remove(id: string): Promise<void> {
    return this.serial(() => {
      const doc = this.doc();
      this.entry(doc, id);
      this.write({ version: MAPPINGS_SCHEMA_VERSION, items: doc.items.filter((m) => m.id !== id) });
    });
  }
}
