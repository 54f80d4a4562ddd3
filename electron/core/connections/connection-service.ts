import { randomUUID } from 'node:crypto';
import { AppError, parseOrThrow } from '../../../shared/errors';
import {
  Connection,
  LearnedRate,
  ConnectionCreateInput,
  ConnectionUpdateInput,
  ConnectionView,
  SECRET_FIELD_NAMES,
  SECRET_FIELDS,
  secretHint,
  type ConnectionWarning,
  type SecretField,
  type TestResult,
} from '../../../shared/models/connection';
import { createApplier } from '../auth/create-applier';
import { runAuthorizationCodeFlow, type AuthorizeOptions } from '../auth/oauth2/loopback-flow';
import type { AuthApplier, AuthDeps, CachedToken } from '../auth/types';
import { secretsReport, type SecretsReport } from '../secrets/startup-report';
import type { SecretStore } from '../secrets/types';
import { classifyOutcome, type ProbeOutcome } from './classify';
import { ConnectionRepo } from './connection-repo';
import { warningsFromHeaders } from './governance';
import { httpProbe, type Probe } from './http-probe';
import type { KeyValueStore } from './key-value-store';
import { checkAuthRequirements, checkConnector, checkUniqueName, invalidField } from './validate';
import { errorMessage } from '../../../shared/error-message';

export interface ConnectionServiceDeps {
  settings: KeyValueStore;
  secrets: SecretStore;
  clock?: () => Date;
  newId?: () => string;
  /** Connector catalog lookup; unknown ids are rejected when given. */
  connectorExists?: (connectorId: string) => boolean;
  /** Default test call: createCore passes the connector's own test call (access/connector-probe.ts). */
  probe?: Probe;
  /** Default integrator contact when the user gives none. */
  defaultContact?: string;
  /** Passed to appliers (fetch, skew, timeouts). */
  authDeps?: Omit<AuthDeps, 'tokenCache' | 'onNeedsReauthorization' | 'onSecretRotated'>;
  /** Told after every change (the shell pushes a `connections:changed` event). */
  onChanged?: (connectionId: string) => void;
}

/**
 * Connections: non-secret settings in the settings store, secrets in the keychain, never mixed.
 * Mutations are serialised (read-modify-write of one settings document) and all-or-nothing across
 * the two stores: whatever was written to one is undone when the other fails.
 */
export class ConnectionService {
  private readonly repo: ConnectionRepo;
  private readonly tokenCache = new Map<string, CachedToken>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.repo = new ConnectionRepo(deps.settings);
  }

  private now(): string {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async find(id: string): Promise<{ all: Connection[]; c: Connection }> {
    const all = await this.repo.load();
    const c = all.find((x) => x.id === id);
    if (!c) throw new AppError('not_found', `No connection with id "${id}".`, { id });
    return { all, c };
  }

  private async save(all: Connection[]): Promise<void> {
    try {
      await this.repo.save(all);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('io_error', `Could not save the connection settings: ${errorMessage(error)}`);
    }
  }

  async list(): Promise<ConnectionView[]> {
    return (await this.repo.load()).map((c) => ConnectionView.parse(c));
  }

  async get(id: string): Promise<ConnectionView> {
    return ConnectionView.parse((await this.find(id)).c);
  }

  async create(input: unknown): Promise<ConnectionView> {
    const parsed = parseOrThrow(ConnectionCreateInput, input, 'connection');
    return this.serial(async () => {
      const all = await this.repo.load();
      checkConnector(parsed.connectorId, this.deps.connectorExists);
      checkUniqueName(parsed.name, all);
      checkAuthRequirements(parsed.authKind, parsed.authSettings, parsed.secrets);
      const at = this.now();
      const id = this.deps.newId?.() ?? randomUUID();
      const conn: Connection = Connection.parse({
        id,
        name: parsed.name,
        connectorId: parsed.connectorId,
        baseUrl: parsed.baseUrl,
        authKind: parsed.authKind,
        authSettings: parsed.authSettings,
        integrator: parsed.integrator ?? { contact: this.deps.defaultContact ?? 'https://patchbay.local' },
        ...(parsed.apiVersion ? { apiVersion: parsed.apiVersion } : {}),
        allowedHosts: parsed.allowedHosts?.length ? parsed.allowedHosts : [new URL(parsed.baseUrl).host],
        ...(parsed.settings && Object.keys(parsed.settings).length ? { settings: parsed.settings } : {}),
        createdAt: at,
        updatedAt: at,
        warnings: [],
        needsReauthorization: false,
        secrets: markers(parsed.secrets),
      });
      const undo = await this.writeSecrets(id, parsed.secrets);
      try {
        await this.save([...all, conn]);
      } catch (error) {
        await undo();
        throw error;
      }
      this.deps.onChanged?.(id);
      return ConnectionView.parse(conn);
    });
  }

  async update(input: unknown): Promise<ConnectionView> {
    const parsed = parseOrThrow(ConnectionUpdateInput, input, 'connection update');
    return this.serial(async () => {
      const { all, c } = await this.find(parsed.id);
      if (parsed.name !== undefined) checkUniqueName(parsed.name, all, c.id);
      const authKind = parsed.authKind ?? c.authKind;
      const authSettings = parsed.authSettings ?? c.authSettings;
      const given = parsed.secrets ?? {};
      // Markers of fields the (possibly new) auth kind does not use are dropped, and so are their keychain entries.
      const usable = new Set<string>(SECRET_FIELDS[authKind].map((s) => s.field));
      const kept = Object.fromEntries(Object.entries(c.secrets).filter(([f]) => usable.has(f)));
      checkAuthRequirements(authKind, authSettings, given, kept);
      const baseUrl = parsed.baseUrl ?? c.baseUrl;
      const next: Connection = Connection.parse({
        ...c,
        ...(parsed.name !== undefined ? { name: parsed.name } : {}),
        baseUrl,
        authKind,
        authSettings,
        ...(parsed.integrator ? { integrator: parsed.integrator } : {}),
        apiVersion: parsed.apiVersion === null ? undefined : (parsed.apiVersion ?? c.apiVersion),
        rateSettings: parsed.rateSettings === null ? undefined : (parsed.rateSettings ?? c.rateSettings),
        settings: parsed.settings ?? c.settings,
        allowedHosts: parsed.allowedHosts?.length
          ? parsed.allowedHosts
          : parsed.baseUrl && !c.allowedHosts.includes(new URL(baseUrl).host)
            ? [new URL(baseUrl).host]
            : c.allowedHosts,
        updatedAt: this.now(),
        secrets: { ...kept, ...markers(given) },
        // New credentials or a new kind invalidate what the old ones earned.
        ...(Object.keys(given).length || authKind !== c.authKind
          ? { needsReauthorization: false, lastTest: undefined }
          : {}),
      });
      const undo = await this.writeSecrets(c.id, given);
      try {
        await this.save(all.map((x) => (x.id === c.id ? next : x)));
      } catch (error) {
        await undo();
        throw error;
      }
      const dropped = Object.keys(c.secrets).filter((f) => !usable.has(f));
      await Promise.all(dropped.map((f) => this.deps.secrets.delete(c.id, f).catch(() => false)));
      this.tokenCache.delete(c.id);
      this.deps.onChanged?.(c.id);
      return ConnectionView.parse(next);
    });
  }

  /**
   * Create or update a connection as a workspace file declares it: settings only, under the file's
   * id. Secrets are not part of a file; the ones this machine's keychain holds stay (when the auth
   * kind still uses them), the others are listed by `secrets missing` until `secrets set` adds them.
   */
  async upsertDeclared(spec: DeclaredConnection): Promise<ConnectionView> {
    return this.serial(async () => {
      const all = await this.repo.load();
      const current = all.find((c) => c.id === spec.id);
      checkConnector(spec.connectorId, this.deps.connectorExists);
      checkUniqueName(spec.name, all, spec.id);
      checkAuthRequirements(spec.authKind, spec.authSettings, {}, SATISFIED);
      const usable = new Set<string>(SECRET_FIELDS[spec.authKind].map((s) => s.field));
      const kept = Object.fromEntries(Object.entries(current?.secrets ?? {}).filter(([f]) => usable.has(f)));
      const at = this.now();
      const next: Connection = Connection.parse({
        ...(current ?? { createdAt: at, warnings: [], needsReauthorization: false }),
        id: spec.id,
        name: spec.name.trim(),
        connectorId: spec.connectorId,
        baseUrl: spec.baseUrl,
        authKind: spec.authKind,
        authSettings: spec.authSettings,
        integrator: spec.integrator ??
          current?.integrator ?? { contact: this.deps.defaultContact ?? 'https://patchbay.local' },
        apiVersion: spec.apiVersion,
        allowedHosts: spec.allowedHosts?.length ? spec.allowedHosts : [new URL(spec.baseUrl).host],
        updatedAt: at,
        secrets: kept,
        declaredSecrets: spec.secrets.length ? [...spec.secrets] : undefined,
        ...(current && current.authKind !== spec.authKind ? { needsReauthorization: false, lastTest: undefined } : {}),
      });
      await this.save(current ? all.map((x) => (x.id === spec.id ? next : x)) : [...all, next]);
      const dropped = Object.keys(current?.secrets ?? {}).filter((f) => !usable.has(f));
      await Promise.all(dropped.map((f) => this.deps.secrets.delete(spec.id, f).catch(() => false)));
      this.tokenCache.delete(spec.id);
      this.deps.onChanged?.(spec.id);
      return ConnectionView.parse(next);
    });
  }

  /** A copy of the settings under a new name; secrets are not copied (the user enters them again). */
  /** A run settled on a rate for this connection: the next run starts there, the panel says it. */
  async recordLearnedRate(id: string, learned: LearnedRate): Promise<void> {
    await this.serial(async () => {
      const { all, c } = await this.find(id);
      const next = Connection.parse({ ...c, learnedRate: LearnedRate.parse(learned) });
      await this.save(all.map((x) => (x.id === c.id ? next : x)));
      this.deps.onChanged?.(c.id);
    });
  }

  async duplicate(id: string, name?: string): Promise<ConnectionView> {
    return this.serial(async () => {
      const { all, c } = await this.find(id);
      let newName = name?.trim() || `${c.name} (copy)`;
      if (!name)
        for (let n = 2; all.some((x) => x.name.toLowerCase() === newName.toLowerCase()); n++)
          newName = `${c.name} (copy ${n})`;
      checkUniqueName(newName, all);
      const at = this.now();
      const copy: Connection = Connection.parse({
        ...c,
        id: this.deps.newId?.() ?? randomUUID(),
        name: newName,
        createdAt: at,
        updatedAt: at,
        lastTest: undefined,
        warnings: [],
        needsReauthorization: false,
        secrets: {},
      });
      await this.save([...all, copy]);
      this.deps.onChanged?.(copy.id);
      return ConnectionView.parse(copy);
    });
  }

  /** Removes the keychain entries first: if the keychain is unavailable nothing is removed (no orphans). */
  async remove(id: string): Promise<void> {
    return this.serial(async () => {
      const { all, c } = await this.find(id);
      const fields = new Set<string>(Object.keys(c.secrets));
      if (fields.size || SECRET_FIELDS[c.authKind].length)
        for (const f of await this.deps.secrets.listFields(id)) fields.add(f);
      for (const f of fields) await this.deps.secrets.delete(id, f);
      await this.save(all.filter((x) => x.id !== id));
      this.tokenCache.delete(id);
      this.deps.onChanged?.(id);
    });
  }

  /**
   * Run the connection's cheap test call and classify it for a non-developer; the result is saved
   * on the connection. Without an injected probe, a plain GET of the base URL (httpProbe) stands in.
   */
  async testConnection(id: string, options: { probe?: Probe; signal?: AbortSignal } = {}): Promise<TestResult> {
    const { c } = await this.find(id);
    const applier = this.applierFor(c);
    const probe = options.probe ?? this.deps.probe ?? httpProbe();
    let outcome: ProbeOutcome;
    try {
      outcome = await probe({ connection: c, applier, signal: options.signal });
    } catch (error) {
      outcome = { error, host: new URL(c.baseUrl).host };
    }
    // A broken keychain is not a property of the connection: report it as such, save nothing.
    if (AppError.is(outcome.error, 'keychain_unavailable')) throw outcome.error;
    const verdict = classifyOutcome(outcome, { now: Date.parse(this.now()), secrets: applier.secretValues() });
    const result: TestResult = { ...verdict, at: this.now() };
    const warnings = outcome.headers ? warningsFromHeaders(outcome.headers, new Date(result.at)) : [];
    await this.serial(async () => {
      const { all, c: fresh } = await this.find(id);
      const next = { ...fresh, lastTest: result, warnings: mergeWarnings(fresh.warnings, warnings) };
      await this.save(all.map((x) => (x.id === id ? next : x)));
    });
    this.deps.onChanged?.(id);
    return result;
  }

  /** Record a Deprecation/Sunset seen by the runtime on any response of this connection. */
  async markWarning(id: string, warning: ConnectionWarning): Promise<void> {
    return this.patch(id, (c) => ({ warnings: mergeWarnings(c.warnings, [warning]) }));
  }

  /**
   * A credential the provider replaced outside this process's appliers (a sync worker refreshed an
   * OAuth token and got a new refresh token): store it, or the keychain keeps a dead one.
   */
  async saveRotatedSecret(id: string, field: SecretField, value: string): Promise<void> {
    await this.deps.secrets.set(id, field, value);
    await this.patch(id, (c) => ({ secrets: { ...c.secrets, [field]: { set: true, hint: secretHint(value) } } }));
  }

  async markNeedsReauthorization(id: string, value: boolean): Promise<void> {
    if (value) this.tokenCache.delete(id);
    return this.patch(id, () => ({ needsReauthorization: value }));
  }

  /**
   * OAuth2 authorization code + PKCE sign-in (RFC 8252 loopback). The refresh token goes to the
   * keychain; the access token stays in the in-memory cache.
   */
  async authorize(id: string, options: Omit<AuthorizeOptions, 'clientSecret'>): Promise<ConnectionView> {
    const { c } = await this.find(id);
    if (c.authKind !== 'oauth2_authorization_code')
      throw invalidField('authKind', 'Only OAuth2 authorization-code connections sign in through the browser');
    const clientSecret = c.secrets.clientSecret
      ? ((await this.deps.secrets.get(id, 'clientSecret')) ?? undefined)
      : undefined;
    const tokens = await runAuthorizationCodeFlow(c, this.authDeps(), { ...options, clientSecret });
    if (tokens.refreshToken) await this.deps.secrets.set(id, 'refreshToken', tokens.refreshToken);
    this.tokenCache.set(id, { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt });
    await this.patch(id, (cur) => ({
      needsReauthorization: false,
      secrets: tokens.refreshToken
        ? { ...cur.secrets, refreshToken: { set: true, hint: secretHint(tokens.refreshToken) } }
        : cur.secrets,
    }));
    return this.get(id);
  }

  /** The applier the connector runtime uses for this connection (shares the token cache). */
  async applier(id: string): Promise<AuthApplier> {
    return this.applierFor((await this.find(id)).c);
  }

  /** Orphaned keychain entries and connections whose secret is missing; run at start and by doctor. */
  async startupReport(): Promise<SecretsReport> {
    return secretsReport(await this.repo.load(), this.deps.secrets);
  }

  private applierFor(c: Connection): AuthApplier {
    return createApplier(c, this.deps.secrets, this.authDeps());
  }

  private authDeps(): AuthDeps {
    return {
      ...this.deps.authDeps,
      tokenCache: this.tokenCache,
      onNeedsReauthorization: (id) => this.markNeedsReauthorization(id, true),
      onSecretRotated: (id, field, value) =>
        this.patch(id, (c) => ({
          secrets: { ...c.secrets, [field as SecretField]: { set: true, hint: secretHint(value) } },
        })),
    };
  }

  private patch(id: string, change: (c: Connection) => Partial<Connection>): Promise<void> {
    return this.serial(async () => {
      const { all, c } = await this.find(id);
      const next = Connection.parse({ ...c, ...change(c), updatedAt: this.now() });
      await this.save(all.map((x) => (x.id === id ? next : x)));
      this.deps.onChanged?.(id);
    });
  }

  /** Write secrets; the returned undo restores what was there before (or removes the new entries). */
  private async writeSecrets(id: string, secrets: Record<string, string>): Promise<() => Promise<void>> {
    const previous: [string, string | null][] = [];
    const undo = async () => {
      for (const [field, old] of previous.reverse()) {
        await (old === null ? this.deps.secrets.delete(id, field) : this.deps.secrets.set(id, field, old)).catch(
          () => undefined,
        );
      }
    };
    try {
      for (const [field, value] of Object.entries(secrets)) {
        previous.push([field, await this.deps.secrets.get(id, field)]);
        await this.deps.secrets.set(id, field, value);
      }
    } catch (error) {
      await undo();
      throw error;
    }
    return undo;
  }
}

/** Secret requirements are checked by `secrets missing`, not when a file declares a connection. */
const SATISFIED = Object.fromEntries(
  SECRET_FIELD_NAMES.map((f) => [f, { set: true as const, hint: '••••' }]),
) as Connection['secrets'];

/** A connection as a workspace file declares it (the file schema's output). */
export interface DeclaredConnection {
  id: string;
  name: string;
  connectorId: string;
  baseUrl: string;
  authKind: Connection['authKind'];
  authSettings: Connection['authSettings'];
  integrator?: Connection['integrator'];
  apiVersion?: string;
  allowedHosts?: string[];
  secrets: SecretField[];
}

function markers(secrets: Record<string, string>): Connection['secrets'] {
  return Object.fromEntries(Object.entries(secrets).map(([f, v]) => [f, { set: true as const, hint: secretHint(v) }]));
}

/** One warning per kind: the newest announcement wins. */
function mergeWarnings(current: ConnectionWarning[], incoming: ConnectionWarning[]): ConnectionWarning[] {
  const byKind = new Map(current.map((w) => [w.kind, w]));
  for (const w of incoming) byKind.set(w.kind, w);
  return [...byKind.values()];
}
