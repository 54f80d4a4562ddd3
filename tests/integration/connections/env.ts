import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { ConnectionService, type ConnectionServiceDeps, type KeyValueStore } from '../../../electron/core/connections';
import { KeytarSecretStore } from '../../../electron/core/secrets';
import { makeTempDir } from '../../helpers/tmp';

export const canary = (label: string) => `canary-${label}-${randomBytes(12).toString('hex')}`;

/** The settings store the CLI uses (conf), in the test's own data dir. */
export function confStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'patchbay-test',
  });
  return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v) };
}

export interface TestEnv {
  dataDir: string;
  service: string;
  settings: KeyValueStore;
  secrets: KeytarSecretStore;
  connections: ConnectionService;
  cleanup(): Promise<void>;
}

/** A fresh data dir and a unique keychain service in the throwaway gnome-keyring. */
export function makeEnv(overrides: Partial<ConnectionServiceDeps> = {}): TestEnv {
  const { dir, cleanup } = makeTempDir('patchbay-conn-');
  const service = `patchbay-test-${randomBytes(6).toString('hex')}`;
  const settings = overrides.settings ?? confStore(dir);
  const secrets = (overrides.secrets as KeytarSecretStore | undefined) ?? new KeytarSecretStore({ service });
  const connections = new ConnectionService({ ...overrides, settings, secrets });
  return {
    dataDir: dir,
    service,
    settings,
    secrets,
    connections,
    async cleanup() {
      const probe = new KeytarSecretStore({ service });
      for (const ref of await probe.listAll().catch(() => []))
        await probe.delete(ref.connectionId, ref.field).catch(() => false);
      cleanup();
    },
  };
}

/** Every file under a folder, as raw bytes decoded leniently (a secret in any encoding-agnostic form shows up). */
export function dataDirHits(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        for (const n of needles)
          if (bytes.includes(Buffer.from(n)) || bytes.toString('latin1').includes(n))
            hits.push(`${p}: ${n.slice(0, 14)}…`);
      }
    }
  };
  walk(dir);
  return hits;
}

/** What really is in the keychain, as the user would check it with libsecret's own tool. */
export function secretToolSearch(service: string): string {
  // secret-tool prints attributes on stderr and exits 1 when nothing matches: keep both streams.
  const r = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}

/** Follow the authorization endpoint's redirect to the loopback listener, like a browser would after "Allow". */
export async function clickAuthorize(url: string, tamper?: (redirect: URL) => void): Promise<Response> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`authorize endpoint did not redirect (HTTP ${res.status}: ${await res.text()})`);
  const redirect = new URL(location);
  tamper?.(redirect);
  return fetch(redirect);
}
