import type { SourcePage, SourceReader, SourceRecord } from './ports';
import type { SyncStateStore } from './state-store';

/**
 * The pages of a "retry failed" run: the records that failed in run `retryOf`, fetched fresh from
 * the source when it can (the user may have fixed them there), else as quarantined. The cursor is
 * the offset in that list, so a retry run resumes like any other.
 */
export async function* retryPages(
  store: SyncStateStore,
  syncId: string,
  retryOf: string,
  reader: SourceReader,
  cursor: string | null,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<SourcePage> {
  const ids = store.failedSourceIds(retryOf);
  for (let offset = cursor ? Number(cursor) : 0; offset < ids.length; offset += pageSize) {
    const chunk = ids.slice(offset, offset + pageSize);
    const fresh = new Map<string, SourceRecord>();
    if (reader.getMany) for (const r of await reader.getMany(chunk, signal)) fresh.set(r.id, r);
    const records: SourceRecord[] = [];
    for (const id of chunk) {
      const rec = fresh.get(id) ?? (store.quarantinedRecord(syncId, id) as SourceRecord | undefined);
      if (rec) records.push(rec);
    }
    const next = offset + pageSize;
    yield { records, cursor: next < ids.length ? String(next) : null };
  }
}
