import { createHash } from 'node:crypto';
import { chmodSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One browser-mode host per data folder. The lock is a local socket (a Unix socket in the data
 * folder, a named pipe on Windows): whoever listens on it owns the folder, and a second start asks
 * it for its address over that socket and opens it instead of building a second core on the same
 * files. The address (which carries the launch token) thus never touches the disk, and only the
 * user who owns the data folder can connect.
 */
export function lockPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\patchbay-${hash}`;
  const inFolder = join(dataDir, 'browser-host.sock');
  // Unix socket paths are limited to ~104 bytes; a deep data folder uses the temp folder instead.
  return inFolder.length < 100 ? inFolder : join(tmpdir(), `patchbay-${hash}.sock`);
}

export type LockResult = { owner: true; release: () => Promise<void> } | { owner: false; url: string };

/** Takes the lock and answers later starts with `currentUrl()`, or returns the running host's address. */
export async function acquireInstanceLock(dataDir: string, currentUrl: () => string | undefined): Promise<LockResult> {
  const path = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    const server = createServer((socket) => {
      socket.end(`${JSON.stringify({ url: currentUrl() ?? null })}\n`);
    });
    const listened = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once('error', resolve);
      server.listen(path, () => resolve(undefined));
    });
    if (!listened) {
      if (process.platform !== 'win32') chmodSync(path, 0o600);
      return { owner: true, release: () => closeServer(server) };
    }
    if (listened.code !== 'EADDRINUSE') throw listened;
    const url = await askRunning(path);
    if (url) return { owner: false, url };
    // Nobody answers: a socket left by a crashed run. Remove it and take the lock.
    if (process.platform !== 'win32') unlinkSync(path);
  }
  throw new Error(`Could not take the browser-mode lock ${path}.`);
}

function askRunning(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => {
      try {
        resolve((JSON.parse(text) as { url?: string | null }).url ?? undefined);
      } catch {
        resolve(undefined);
      }
    });
    socket.on('error', () => resolve(undefined));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
