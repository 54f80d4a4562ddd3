import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (the app must come back on the same one after a restart). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts tests/helpers/webhook-app.ts in its own Node process; resolves once it listens. */
export async function startApp(
  config: Record<string, unknown>,
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/webhook-app.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, WEBHOOK_APP: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`webhook app exited (${code}) before it was ready: ${stderr}`)));
    setTimeout(() => reject(new Error(`webhook app not ready after 30 s: ${stderr}`)), 30_000);
  });
  return { child, url, exited };
}
