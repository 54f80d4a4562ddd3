import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { CONNECTIONS_KEY, httpProbe, type KeyValueStore } from '../../../electron/core/connections';
import { KeytarSecretStore, keychainUnavailable } from '../../../electron/core/secrets';
import { startAuthSandbox } from '../../../electron/sandbox/auth';
import { canary, confStore, makeEnv, secretToolSearch, type TestEnv } from './env';
import { makeTempDir } from '../../helpers/tmp';
import { errorMessage } from '../../../shared/error-message';

const envs: TestEnv[] = [];
const track = (e: TestEnv) => (envs.push(e), e);
afterEach(async () => {
  while (envs.length) await envs.pop()!.cleanup();
});

const basicInput = (name: string, password: string, extra: object = {}) => ({
  name,
  connectorId: 'sandbox',
  baseUrl: 'https://crm.example.com/api',
  authKind: 'basic' as const,
  authSettings: { username: 'ada' },
  secrets: { password },
  ...extra,
});

/** The real keychain with one injected fault: writes fail as if the keyring were locked. */
class LockedOnWrite extends KeytarSecretStore {
  override async set(): Promise<void> {
    throw keychainUnavailable(
      'write a secret',
      new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”'),
    );
  }
}

describe('connection lifecycle under the real keychain', () => {
  it('create is atomic: a failed keychain write leaves no settings entry', async () => {
    const { dir } = makeTempDir();
    const service = `patchbay-test-locked-${Date.now()}`;
    const env = track(makeEnv({ settings: confStore(dir), secrets: new LockedOnWrite({ service }) }));
    const error = await env.connections.create(basicInput('Acme', canary('a'))).catch((e: unknown) => e);
    expect(AppError.is(error, 'keychain_unavailable')).toBe(true);
    expect(errorMessage(error)).toMatch(/install and unlock gnome-keyring or KWallet/);
    expect(await env.connections.list()).toEqual([]);
    expect(env.settings.get(CONNECTIONS_KEY)).toBeUndefined();
  });

  it('create is atomic: a failed settings write removes the keychain entries it wrote', async () => {
    const { dir } = makeTempDir();
    const real = confStore(dir);
    const failing: KeyValueStore = {
      get: (k) => real.get(k),
      set: () => {
        throw new Error('EACCES: permission denied, open settings.json');
      },
    };
    const env = track(makeEnv({ settings: failing }));
    const secret = canary('settingsfail');
    const error = await env.connections.create(basicInput('Acme', secret)).catch((e: unknown) => e);
    expect(AppError.is(error, 'io_error')).toBe(true);
    expect(await env.secrets.listAll()).toEqual([]);
    expect(secretToolSearch(env.service)).not.toContain(secret);
  });

  it('update replaces only the secrets given; duplicate copies no secret; remove deletes keychain entries', async () => {
    const env = track(makeEnv());
    const first = canary('first');
    const a = await env.connections.create(basicInput('Acme', first));
    const renamed = await env.connections.update({ id: a.id, name: 'Acme prod' });
    expect(renamed.name).toBe('Acme prod');
    expect(await env.secrets.get(a.id, 'password')).toBe(first);

    const second = canary('second');
    const replaced = await env.connections.update({ id: a.id, secrets: { password: second } });
    expect(await env.secrets.get(a.id, 'password')).toBe(second);
    expect(replaced.secrets.password?.hint).toBe(`••••${second.slice(-4)}`);

    const copy = await env.connections.duplicate(a.id);
    expect(copy).toMatchObject({ name: 'Acme prod (copy)', secrets: {}, authSettings: { username: 'ada' } });
    expect(await env.secrets.listFields(copy.id)).toEqual([]);
    const report = await env.connections.startupReport();
    expect(report.missing).toEqual([{ connectionId: copy.id, name: 'Acme prod (copy)', field: 'password' }]);

    await env.connections.remove(a.id);
    expect(await env.secrets.listFields(a.id)).toEqual([]);
    expect(secretToolSearch(env.service)).not.toContain(second);
    expect((await env.connections.list()).map((c) => c.id)).toEqual([copy.id]);
  });

  it('startup report lists orphaned keychain entries', async () => {
    const env = track(makeEnv());
    await env.secrets.set('ghost-connection', 'apiKey', canary('ghost'));
    const report = await env.connections.startupReport();
    expect(report.keychain).toEqual({ ok: true });
    expect(report.orphans).toEqual([{ connectionId: 'ghost-connection', field: 'apiKey' }]);
  });

  it('duplicate names, unknown connectors and unused secret fields are refused by field', async () => {
    const env = track(makeEnv({ connectorExists: (id) => id === 'sandbox' }));
    await env.connections.create(basicInput('Acme', canary('x')));
    const cases: [object, string][] = [
      [basicInput(' acme ', canary('y')), 'name'],
      [basicInput('Other', canary('y'), { connectorId: 'nope' }), 'connectorId'],
      [basicInput('Other', canary('y'), { secrets: { password: 'p', apiKey: 'k' } }), 'secrets.apiKey'],
      [basicInput('Other', 'x'.repeat(10_000)), 'secrets.password'],
    ];
    for (const [input, field] of cases) {
      const error = await env.connections.create(input).catch((e: unknown) => e);
      expect(AppError.is(error, 'invalid_input'), String(error)).toBe(true);
      expect(errorMessage(error)).toContain(field);
    }
    expect(await env.connections.list()).toHaveLength(1);
    expect(await env.secrets.listAll()).toHaveLength(1);
  });

  it('never sends the credential to another host, even after a redirect', async () => {
    const sandbox = await startAuthSandbox({ bearerToken: canary('redirect') });
    const other = await startAuthSandbox();
    try {
      const env = track(makeEnv());
      const c = await env.connections.create({
        name: 'B',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'bearer',
        secrets: { token: canary('t') },
      });
      // Base URL host is 127.0.0.1:<port>; the other server is on another port, hence another host.
      const result = await env.connections.testConnection(c.id, {
        probe: httpProbe({ path: `/status/302?location=${encodeURIComponent(`${other.url}/bearer/me`)}` }),
      });
      expect(result.category).toBe('wrong_credentials');
      expect(sandbox.requests.at(-1)?.headers.authorization).toMatch(/^Bearer canary-t-/);
      expect(other.requests.at(-1)?.path).toBe('/bearer/me');
      expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
    } finally {
      await sandbox.close();
      await other.close();
    }
  });

  it('records Deprecation / Sunset warnings and rate-limit waits from the test call', async () => {
    const sandbox = await startAuthSandbox();
    try {
      const env = track(makeEnv());
      const c = await env.connections.create({
        name: 'N',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'none',
      });
      const ok = await env.connections.testConnection(c.id, {
        probe: httpProbe({
          path: '/status/200?deprecation=@1767225600&sunset=Wed,%2001%20Jul%202026%2000:00:00%20GMT',
        }),
      });
      expect(ok.ok).toBe(true);
      const view = await env.connections.get(c.id);
      expect(view.warnings.map((w) => [w.kind, w.date?.slice(0, 10)])).toEqual([
        ['deprecation', '2026-01-01'],
        ['sunset', '2026-07-01'],
      ]);
      const limited = await env.connections.testConnection(c.id, {
        probe: httpProbe({ path: '/status/429?retryAfter=42' }),
      });
      expect(limited).toMatchObject({ ok: false, category: 'rate_limited', waitSeconds: 42 });
      expect(limited.nextStep).toContain('42 seconds');
      expect((await env.connections.get(c.id)).lastTest?.category).toBe('rate_limited');
      const refused = await env.connections.testConnection(c.id, {
        // Port 1 on the loopback: nothing listens there, so the connection is refused.
        probe: httpProbe({ path: 'http://127.0.0.1:1/' }),
      });
      expect(refused.category).toBe('unreachable');
      const slow = await env.connections.testConnection(c.id, {
        probe: httpProbe({ path: '/slow?ms=2000', timeoutMs: 200 }),
      });
      expect(slow.category).toBe('timeout');
    } finally {
      await sandbox.close();
    }
  });
});
