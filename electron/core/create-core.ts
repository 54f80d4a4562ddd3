import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StderrAppLog, type AppLog } from './app-log';
import { CoreEvents } from './events';
import { NoticeBoard } from './notices';
import { PreferencesRepository } from './settings/preferences';
import { recoverCorruptSettings } from './settings/recover';
import type { KeyValueStore } from './settings/store';
import { ConnectionService } from './connections';
import { ConnectorCatalog } from './connectors/catalog';
import { ClientFactory } from './access/client-factory';
import { connectorProbe } from './access/connector-probe';
import { tokenCallEvent } from './access/token-call-event';
import { Ledger, LogStore } from './logs';
import { LogStoreAppLog } from './logs/app-log-adapter';
import type { SecretStore } from './secrets';
import { wireLiveLogEvents } from './logs/live-events';
import { tempSavePath, type ChooseSavePath } from './logs/save-path';
import { createMappings } from './mappings';
import { connectorSource, DatasetService } from './datasets';
import { DatasetScheduler } from './datasets/scheduler';
import { wireSync } from './sync/wiring';
import { wireWebhooks, type WebhookWiringDeps } from './webhooks/wiring';
import { DemoHost, type LoadDemoTools } from './demo/port';
import { WorkspaceService } from './workspace/service';
import { tempFolder, type ChooseFolder } from './workspace/choose-folder';
import { FileGrants } from './ipc/file-grants';
import { checkDataFolderDatabases, DATA_FOLDER_DATABASES } from './data-files';
import { Housekeeping } from './db/housekeeping-service';
import type { DriftReport } from '../../shared/models/drift';
import { HealthStore } from './health/health-store';
import { HealthTracker } from './health/tracker';
import { sendHealthAlert, type Notify } from './health/alerts';
import { scheduledStartFailed, watchFlowHealth, watchSyncHealth } from './health/watch';
import { DriftChecker } from './sync/drift';
import { driftGate } from './sync/drift-gate';
import type { Timers } from './schedule/timers';
import { probeDataFolder } from './db/write-probe';
import { withTypedWrites } from './settings/typed-writes';
import { errorMessage } from '../../shared/error-message';

export interface CoreOptions {
  dataDir: string;
  /** Opens the settings store on `dataDir` (electron-store in the app, conf elsewhere); called after corrupt-file recovery. */
  openSettings: (dataDir: string) => KeyValueStore;
  /** The OS keychain (keytar): the only place secret values are stored. */
  secrets: SecretStore;
  clock?: () => Date;
  log?: AppLog;
  /** Electron and Chromium versions when running in the app shell. */
  runtimeVersions?: { electron?: string; chrome?: string };
  /** Opens a URL in the system browser (OAuth2 sign-in): shell.openExternal in the app; the CLI prints it. */
  openExternal?: (url: string) => void | Promise<void>;
  /** Asks where to save an export: dialog.showSaveDialog in the app; a temp path in the CLI and tests. */
  chooseSavePath?: ChooseSavePath;
  /** Asks for a workspace folder: the native folder dialog in the app; a fresh temp folder (export) or none elsewhere. */
  chooseFolder?: ChooseFolder;
  /** Development build: handlers' outputs are validated against the contract. */
  dev?: boolean;
  /** A desktop notification (a sync or flow started failing, recovered, paused itself): Electron's Notification. */
  notify?: Notify;
  /** The sync scheduler's time (tests: fake timers). */
  scheduleTimers?: Timers;
  /** Who drives this core: recorded as the origin of the mapping versions it saves. Default 'app'. */
  actor?: 'app' | 'cli';
  /** Webhook outbox tuning (tests: a short retry schedule). */
  webhooks?: WebhookWiringDeps['options'];
  /** The demo (electron/demo): loaded on first use; without it the demo channels say it is not in this build. */
  demo?: LoadDemoTools;
  /** When the call log flushes and announces new rows (tests pass FakeTimers to move time themselves). */
  logTimers?: Timers;
}

/**
 * The composition root: every core service is built here once and handed to whoever needs it.
 * The Electron shell, the CLI and the tests each call it with their own store and keychain; no
 * service reaches for a global.
 */
async function createBaseCore(options: CoreOptions) {
  const clock = options.clock ?? (() => new Date());
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const events = new CoreEvents();
  const notices = new NoticeBoard(events, clock);
  const closers: (() => void | Promise<void>)[] = [];
  // Damaged, empty or foreign database files are moved aside and salvaged before any service opens them.
  const databaseCheck = checkDataFolderDatabases(dataDir, clock());
  // A full disk or read-only folder: databases open read-only (db/open-sqlite) and the user is told once.
  const folderProblem = probeDataFolder(dataDir);
  let logsUnavailable: string | undefined;
  let logs: LogStore;
  try {
    if (folderProblem) throw new Error('the data folder cannot be written');
    logs = LogStore.open({ dataDir, clock: () => clock().getTime(), timers: options.logTimers });
  } catch (error) {
    // Without a call log everything else must still work (a sync list, a doctor run): keep it in memory.
    // The folder warning below already says nothing is saved this session.
    if (!folderProblem)
      logsUnavailable = `The call log cannot be saved (${errorMessage(error)}); this session's calls are kept in memory only.`;
    logs = LogStore.open({ dataDir, inMemory: true, clock: () => clock().getTime(), timers: options.logTimers });
  }
  closers.push(() => logs.close());
  closers.push(wireLiveLogEvents(logs, events, undefined, options.logTimers));
  const ledger = new Ledger(logs.db, logs.redactor, () => clock().getTime());
  const log = options.log ?? new LogStoreAppLog(logs, new StderrAppLog());
  /** What the user must read at start: the app shows notices, the CLI prints each on stderr. */
  const startupWarnings: string[] = [];
  const warnAtStart = (kind: string, message: string, details?: Record<string, unknown>) => {
    startupWarnings.push(message);
    notices.add('warning', message);
    log.event('warn', kind, message, details);
  };
  if (folderProblem)
    warnAtStart(
      'data_folder_not_writable',
      folderProblem === 'disk_full'
        ? `The disk holding the data folder (${dataDir}) is full: Patchbay shows your data but changes nothing until you free some space and restart it.`
        : `The data folder (${dataDir}) is read-only: Patchbay shows your data but changes nothing until the folder is writable again and Patchbay restarted.`,
      { dataDir, problem: folderProblem },
    );
  for (const r of databaseCheck.recoveries)
    warnAtStart('database_recovered', r.message, {
      path: r.path,
      movedTo: r.movedTo,
      problem: r.problem,
      recoveredRows: r.recoveredRows,
    });
  for (const failure of databaseCheck.failures) warnAtStart('database_unrepaired', failure);
  if (logsUnavailable) warnAtStart('call_log_unavailable', logsUnavailable);

  const recovery = recoverCorruptSettings(dataDir, clock());
  const settings = withTypedWrites(options.openSettings(dataDir));
  if (recovery.movedTo) {
    const message = `Your settings file could not be read (${recovery.reason}). Patchbay started with default settings; the old file was kept as ${recovery.movedTo}.`;
    warnAtStart('settings_recovered', message, { movedTo: recovery.movedTo });
  }
  const preferences = new PreferencesRepository(settings, (message) => notices.add('warning', message));
  const prefs = preferences.get();
  logs.retention.configure({ maxAgeDays: prefs.logRetentionDays, maxBytes: prefs.logRetentionMb * 1024 * 1024 });
  const secrets = options.secrets;
  const catalog = await ConnectorCatalog.open({
    load: () => (settings.get('importedConnectors') as unknown[] | undefined) ?? [],
    save: (definitions) => settings.set('importedConnectors', definitions),
  });
  for (const problem of catalog.problems)
    notices.add('warning', `An imported connector could not be loaded: ${problem.message}`);
  const connections: ConnectionService = new ConnectionService({
    settings,
    secrets,
    clock,
    connectorExists: (id) => catalog.list().some((c) => c.id === id),
    probe: connectorProbe((): ClientFactory => clients),
    defaultContact: preferences.get().integratorContact || undefined,
    // Token-endpoint calls join the call log (metadata only), so the access trail is complete.
    authDeps: { onTokenCall: (call) => logs.append(tokenCallEvent(call)) },
    onChanged: (connectionId) => events.emit('connections:changed', { connectionId }),
  });
  const clients: ClientFactory = new ClientFactory({
    connections,
    catalog,
    logs,
    logBodyBytes: () => preferences.get().logBodyBytes,
  });
  const mappings = createMappings({
    settings,
    connections,
    catalog,
    clients,
    clock,
    origin: options.actor ?? 'app',
  });
  // Datasets read their sources through the same clients (auth, limits, call log) as every sync.
  const datasets = new DatasetService({
    dataDir,
    definitions: settings,
    openSource: async (connectionId, resource) => connectorSource(await clients.forConnection(connectionId), resource),
    loadMapping: (id) => mappings.repository.get(id),
    clock,
  });
  closers.push(() => datasets.close());
  // Scheduled dataset refreshes; started by the app shell only, like the sync scheduler.
  const datasetScheduler = new DatasetScheduler({
    scheduled: () => datasets.scheduled(),
    refresh: (id) => datasets.refresh(id),
    onFailure: (_dataset, message) => {
      notices.add('error', message);
      log.event('warn', 'dataset_refresh_failed', message);
    },
  });
  closers.push(() => datasetScheduler.stop());
  // Syncs run in worker threads over the same connections, keychain and call log; each
  // finished run leaves data-access ledger lines; progress reaches the window as core events.
  // The scheduler is started by the app shell only (the CLI runs syncs on demand).
  // Health per sync and webhook flow, from run and event outcomes; alerts on its edges only. The
  // outbox is built below: an alert webhook is queued through it once it exists.
  let enqueueAlert: (targetId: string, payload: unknown, orderingKey: string) => void = () => {
    throw new Error('the webhook outbox is not ready');
  };
  const health = new HealthTracker({
    store: new HealthStore(settings),
    clock,
    alert: sendHealthAlert({
      notify: options.notify,
      notices,
      log,
      enqueue: (targetId, payload, orderingKey) => enqueueAlert(targetId, payload, orderingKey),
    }),
  });
  const drift = {
    checker: new DriftChecker({ mappings: mappings.repository, connections, catalog, clients, clock }),
    reports: new Map<string, DriftReport>(),
  };
  const sync = wireSync({
    dataDir,
    settings,
    mappings: mappings.repository,
    connections,
    catalog,
    secrets: options.secrets,
    logs,
    ledger,
    events,
    log,
    clock,
    hooks: {
      preflight: driftGate({
        ...drift,
        health,
        log: (level, message) => log.event(level, 'schema_drift', message),
      }),
      isPaused: (syncId) => health.isPaused('sync', syncId),
      timers: options.scheduleTimers,
      onScheduledFailure: scheduledStartFailed(health),
    },
  });
  closers.push(() => sync.close());
  watchSyncHealth(sync.service, health);
  // A paused or resumed sync leaves or rejoins the cron loop at once.
  health.on('changed', (record) => {
    if (record.kind === 'sync' && sync.scheduler.started) sync.scheduler.refresh();
    events.emit('health:changed', record);
  });
  // Webhooks: listener → durable inbox → flows (saved mappings) → outbox → connector calls.
  // Built in every process; only the app shell and `patchbay webhooks listen` start it.
  const webhooks = wireWebhooks({
    dataDir,
    settings,
    secrets,
    logs,
    events,
    log,
    mappings: mappings.repository,
    connections,
    catalog,
    clients,
    ledger,
    listener: () => {
      const p = preferences.get();
      return { port: p.webhookPort, allowLan: p.webhookBindLan, host: p.webhookBindLan ? '0.0.0.0' : '127.0.0.1' };
    },
    keepPort: (port) => preferences.update({ webhookPort: port }),
    options: options.webhooks,
  });
  closers.push(() => webhooks.close());
  // Old run details and delivered webhooks pruned, free pages and WALs given back; started by the app shell.
  const storage = new Housekeeping({
    dataDir,
    databases: DATA_FOLDER_DATABASES,
    retentionDays: () => preferences.get().historyRetentionDays,
  });
  closers.push(() => storage.stop());
  watchFlowHealth(webhooks, health);
  enqueueAlert = (targetId, payload, orderingKey) => void webhooks.enqueue([{ targetId, payload, orderingKey }]);
  const probeKeychain = async () => {
    const status = await secrets.available();
    if (!status.ok) return { ok: false, detail: status.message };
    const entries = await secrets.listAll().catch(() => []);
    return {
      ok: true,
      detail: `reachable and unlocked (${entries.length} Patchbay entr${entries.length === 1 ? 'y' : 'ies'})`,
    };
  };

  const core = {
    dataDir,
    dev: options.dev ?? false,
    clock,
    events,
    notices,
    log,
    settings,
    preferences,
    secrets,
    connections,
    catalog,
    clients,
    mappings,
    datasets,
    datasetScheduler,
    sync,
    webhooks,
    health,
    drift,
    logs,
    ledger,
    storage,
    probeKeychain,
    openExternal:
      options.openExternal ??
      ((url: string) => void process.stderr.write(`Open this address in your browser to sign in:\n${url}\n`)),
    runtimeVersions: options.runtimeVersions ?? {},
    chooseSavePath: options.chooseSavePath ?? tempSavePath,
    chooseFolder: options.chooseFolder ?? tempFolder,
    fileGrants: new FileGrants(),
    startupWarnings,
    databaseRecoveries: databaseCheck.recoveries,
    databaseFiles: DATA_FOLDER_DATABASES.map((spec) => ({ what: spec.what, path: join(dataDir, spec.file) })),
    paths: {
      settings: settings.path,
      logsDb: join(dataDir, 'logs.db'),
      stateDb: join(dataDir, 'state.db'),
    },
    /** Checks worth a notice at app start: keychain reachable, orphaned or missing secrets. */
    async startupChecks(): Promise<void> {
      const report = await connections.startupReport().catch(() => undefined);
      if (!report) return;
      if (!report.keychain.ok) {
        notices.add('error', `The OS keychain is not available: ${report.keychain.message}`);
        log.event('error', 'keychain_unavailable', report.keychain.message);
        return;
      }
      for (const m of report.missing)
        notices.add(
          'warning',
          `Connection "${m.name}" has no ${m.field} in the keychain: open it and set the secret again.`,
        );
      if (report.orphans.length)
        notices.add(
          'info',
          `${report.orphans.length} keychain entr${report.orphans.length === 1 ? 'y belongs' : 'ies belong'} to connections that no longer exist.`,
        );
    },
    async close(): Promise<void> {
      // Services with open files (SQLite, listeners) register their shutdown here; newest first, once.
      for (const closer of closers.splice(0).reverse()) {
        try {
          await closer();
        } catch (error) {
          // One service failing to close must not leave the others (and logs.db) open.
          process.stderr.write(`[patchbay] a service failed to close: ${errorMessage(error)}\n`);
        }
      }
    },
    onClose(closer: () => void | Promise<void>): void {
      closers.push(closer);
    },
  };
  return core;
}

/** Core services without the demo host (which is built on top of them). */
export type BaseCore = Awaited<ReturnType<typeof createBaseCore>>;

export async function createCore(options: CoreOptions) {
  const core = await createBaseCore(options);
  // The demo workspace's tools, hosted as long as this core lives (the app, or `patchbay demo`).
  const demo = new DemoHost(core, options.demo);
  return Object.assign(core, {
    demo,
    /** The workspace as plain files: export, plan, apply, secrets by reference. */
    workspace: new WorkspaceService(core),
    /**
     * What only a long-running process (the app) starts, after its window is up: log retention and compaction,
     * the sync and dataset schedulers, the webhook listener, start-up checks and a demo workspace's
     * tools. Each failure becomes a notice; none stops the others. The CLI starts none of this.
     */
    async startServices(): Promise<void> {
      core.logs.retention.start(10 * 60_000);
      core.storage.start();
      core.sync.scheduler.start();
      core.datasetScheduler.start();
      const tasks: [string, () => Promise<unknown>][] = [
        ['webhook_listener_failed', () => core.webhooks.start()],
        ['startup_checks_failed', () => core.startupChecks()],
        ['demo_start_failed', async () => (demo.installed ? demo.start() : undefined)],
      ];
      await Promise.all(
        tasks.map(([kind, task]) =>
          task().catch((error: Error) => {
            core.notices.add('warning', error.message);
            core.log.event('warn', kind, error.message);
          }),
        ),
      );
    },
  });
}

export type Core = Awaited<ReturnType<typeof createCore>>;
