import type { SaveDialogChannel } from '../../../../shared/contract/logs';
import { api, unwrap } from '../../api';

export interface ExportProgressState {
  label: string;
  done: number;
  total: number;
  status: 'running' | 'done' | 'error';
  message?: string;
  path?: string;
}

/** Matches progress events to the call that asked for them (several exports may run at once). */
export function newExportId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `exp-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const FORMAT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  har: { name: 'HAR (HTTP Archive)', extensions: ['har'] },
  html: { name: 'HTML page', extensions: ['html'] },
  zip: { name: 'Zip archive', extensions: ['zip'] },
};

/** Ask where to save (native dialog in the app) for one export channel; null when the user cancels. */
export async function chooseSavePath(
  baseName: string,
  ext: keyof typeof FORMAT_FILTERS | string,
  forChannel: SaveDialogChannel,
): Promise<string | null> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const filter = FORMAT_FILTERS[ext];
  const { path } = await unwrap(
    api.app.chooseSavePath({
      suggestedName: `${baseName}-${stamp}.${ext}`,
      filters: filter ? [filter] : undefined,
      for: forChannel,
    }),
  );
  return path;
}

/** Subscribe to `logs:exportProgress` for one export id. */
export function onExportProgress(exportId: string, listener: (done: number, total: number) => void): () => void {
  return api.on('logs:exportProgress', (p) => {
    if (p.exportId === exportId) listener(p.done, p.total);
  });
}
