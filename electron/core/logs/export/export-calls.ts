import type { ExportFormat, ExportProgress, ExportResult, LogFilterInput } from '../../../../shared/models/logs';
import type { LogStore } from '../log-store';
import { callCsvHeader, callCsvRow } from './csv';
import { writeFileAtomically, type OpenStream } from './file-sink';
import { harEntry, harHeader, HAR_FOOTER, type HarCreator } from './har';

export interface ExportOptions {
  format: ExportFormat;
  /** Current filter or `{ ids: [...] }` for selected rows. */
  filter?: LogFilterInput;
  onProgress?: (p: ExportProgress) => void;
  /** Rows per read; each page is followed by a turn of the event loop. */
  pageSize?: number;
  creator?: HarCreator;
  openStream?: OpenStream;
}

/** Stream the filtered calls (oldest first) to `path` as JSONL, CSV or HAR, reporting progress per page. */
export async function exportCalls(store: LogStore, path: string, options: ExportOptions): Promise<ExportResult> {
  const filter = options.filter ?? {};
  const total = store.count(filter);
  let done = 0;
  options.onProgress?.({ done, total });
  const bytes = await writeFileAtomically(
    path,
    async (sink) => {
      if (options.format === 'csv') await sink.write(callCsvHeader());
      if (options.format === 'har')
        await sink.write(harHeader(options.creator ?? { name: 'Patchbay', version: '0.0.0' }));
      for await (const page of store.pages(filter, options.pageSize ?? 1000)) {
        let chunk = '';
        for (const e of page) {
          if (options.format === 'jsonl') chunk += `${JSON.stringify(e)}\n`;
          else if (options.format === 'csv') chunk += callCsvRow(e);
          else chunk += `${done > 0 || chunk ? ',' : ''}${JSON.stringify(harEntry(e))}`;
          done++;
        }
        await sink.write(chunk);
        options.onProgress?.({ done, total: Math.max(total, done) });
      }
      if (options.format === 'har') await sink.write(HAR_FOOTER);
    },
    { openStream: options.openStream },
  );
  return { path, rows: done, bytes };
}
