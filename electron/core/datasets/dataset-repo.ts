import { AppError, describeZodIssues } from '../../../shared/errors';
import { Dataset } from '../../../shared/models/datasets';

export const DATASETS_KEY = 'datasets';
export const DATASETS_SCHEMA_VERSION = 1;

/** The part of the settings store this needs (electron-store / conf, or a map in tests). */
export interface DefinitionStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export function memoryDefinitionStore(): DefinitionStore {
  const data = new Map<string, unknown>();
  return { get: (k) => structuredClone(data.get(k)), set: (k, v) => void data.set(k, structuredClone(v)) };
}

/**
 * Dataset definitions live in the settings file (small, human-readable, atomic writes) like
 * connections and mappings; the rows live in datasets.db. One document, versioned for migrations.
 */
export class DatasetRepo {
  constructor(private readonly store: DefinitionStore) {}

  load(): Dataset[] {
    const raw = this.store.get(DATASETS_KEY) as { version?: number; items?: unknown[] } | undefined;
    if (raw === undefined || raw === null) return [];
    if (typeof raw !== 'object' || !Array.isArray(raw.items))
      throw new AppError('io_error', `The settings key "${DATASETS_KEY}" is not in a format Patchbay understands.`);
    if ((raw.version ?? 0) > DATASETS_SCHEMA_VERSION)
      throw new AppError(
        'io_error',
        `Datasets were saved by a newer Patchbay (format ${raw.version}); update Patchbay to open them.`,
      );
    return raw.items.map((item, i) => {
      const parsed = Dataset.safeParse(item);
      if (!parsed.success)
        throw new AppError(
          'io_error',
          `Saved dataset #${i + 1} is damaged: ${describeZodIssues(parsed.error).message}`,
        );
      return parsed.data;
    });
  }

  save(items: Dataset[]): void {
    this.store.set(DATASETS_KEY, { version: DATASETS_SCHEMA_VERSION, items });
  }
}
