import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { canary, dataDirHits } from './env';
import { makeTempDir } from '../../helpers/tmp';

const child = fileURLToPath(new URL('./fixtures/no-dbus-child.ts', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function runWithout(dbus: string | undefined) {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  const secret = canary('nodbus');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  if (dbus) env.DBUS_SESSION_BUS_ADDRESS = dbus;
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, dir, secret], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
    cwd: process.cwd(),
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return {
    out: JSON.parse(r.stdout) as Record<
      string,
      { ok: boolean; error?: { code: string; message: string }; value?: unknown }
    >,
    dir,
    secret,
    raw: r.stdout + r.stderr,
  };
}

describe('keychain unavailable (no D-Bus session)', () => {
  for (const [label, address] of [
    ['no DBUS_SESSION_BUS_ADDRESS, no DISPLAY', undefined],
    ['DBUS_SESSION_BUS_ADDRESS pointing nowhere', 'unix:path=/nonexistent/patchbay-bus'],
  ] as const) {
    it(`every operation fails with keychain_unavailable and nothing is saved: ${label}`, () => {
      const { out, dir, secret, raw } = runWithout(address);
      for (const op of ['set', 'get', 'delete', 'listAll', 'create']) {
        expect(out[op].ok, op).toBe(false);
        expect(out[op].error?.code, op).toBe('keychain_unavailable');
        expect(out[op].error?.message).toMatch(
          /install and unlock gnome-keyring or KWallet \(Secret Service on D-Bus\)/,
        );
      }
      expect(out.set.error?.message).toMatch(/D-Bus|connect/i);
      expect(out.available?.ok).toBe(false);
      expect(out.list).toEqual({ ok: true, value: [] });
      expect(raw).not.toContain(secret);
      expect(dataDirHits(dir, [secret])).toEqual([]);
    });
  }
});
