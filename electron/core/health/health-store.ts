import { HealthRecord, type HealthSubjectKind } from '../../../shared/models/health';
import type { KeyValueStore } from '../settings/store';

const KEY = 'health';

/** Health records in the settings store: a few small JSON objects, one per sync and webhook flow. */
export class HealthStore {
  constructor(private readonly settings: KeyValueStore) {}

  all(): HealthRecord[] {
    const raw = this.settings.get(KEY);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((r) => {
      const parsed = HealthRecord.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }

  get(kind: HealthSubjectKind, id: string): HealthRecord | undefined {
    return this.all().find((r) => r.kind === kind && r.id === id);
  }

  put(record: HealthRecord): void {
    const others = this.all().filter((r) => !(r.kind === record.kind && r.id === record.id));
    this.settings.set(KEY, [...others, record]);
  }

  remove(kind: HealthSubjectKind, id: string): void {
    this.settings.set(
      KEY,
      this.all().filter((r) => !(r.kind === kind && r.id === id)),
    );
  }
}
