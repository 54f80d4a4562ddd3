import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ChooseSavePath } from '../core/logs/save-path';

/**
 * Exports in browser mode: there is no native save dialog, so "choose where to save" gives a fresh
 * file in a private per-launch folder (granted once, like the dialog's pick), and once the export has
 * written it the page downloads it, which lets the browser ask where it goes. Each file is served
 * once, then deleted.
 */
export class DownloadShelf {
  readonly dir = mkdtempSync(join(tmpdir(), 'patchbay-downloads-'));
  private readonly chosen = new Set<string>();
  private readonly ready = new Map<string, { path: string; name: string }>();

  readonly chooseSavePath: ChooseSavePath = ({ suggestedName, filters }) => {
    const folder = join(this.dir, randomUUID());
    mkdirSync(folder, { mode: 0o700 });
    const ext = filters?.[0]?.extensions[0];
    const safe = basename(suggestedName).replace(/[^\w.\- ]+/g, '_') || 'export';
    const path = join(folder, ext && !safe.endsWith(`.${ext}`) ? `${safe}.${ext}` : safe);
    this.chosen.add(path);
    return path;
  };

  /** After a successful export to `path`: an id to download it by, or undefined if we did not choose it. */
  publish(path: unknown): { id: string; name: string } | undefined {
    if (typeof path !== 'string' || !this.chosen.delete(path)) return undefined;
    const id = randomUUID();
    this.ready.set(id, { path, name: basename(path) });
    return { id, name: basename(path) };
  }

  /** The file to send for a download id, once. */
  take(id: string): { path: string; name: string; done: () => void } | undefined {
    const item = this.ready.get(id);
    if (!item) return undefined;
    this.ready.delete(id);
    return { ...item, done: () => rmSync(dirname(item.path), { recursive: true, force: true }) };
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
