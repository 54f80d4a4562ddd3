import { randomUUID } from 'node:crypto';
import { arch, platform, release } from 'node:os';
import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';
import { exportCalls, writeSupportBundle } from '../logs';
import { checkExportTarget } from '../logs/export-target';
import { APP_VERSION } from '../version';

type LogHandlers = Pick<
  HandlerTable,
  | 'logs:query'
  | 'logs:get'
  | 'logs:tail'
  | 'logs:stats'
  | 'logs:appEvents'
  | 'logs:export'
  | 'logs:supportBundle'
  | 'ledger:report'
  | 'ledger:export'
  | 'app:chooseSavePath'
>;

/** Log viewer, monitoring, support exports and the data-access ledger, over core.logs / core.ledger. */
export function logHandlers(core: Core): LogHandlers {
  const progress = (exportId: string) => (p: { done: number; total: number }) =>
    core.events.emit('logs:exportProgress', { exportId, done: p.done, total: p.total });
  return {
    'logs:query': (q) => core.logs.query(q),
    'logs:get': ({ id }) => core.logs.get(id),
    'logs:tail': ({ cursor, filter, limit }) => core.logs.tail(cursor, { filter, limit }),
    'logs:stats': (q) => core.logs.stats(q),
    'logs:appEvents': (q) => core.logs.queryAppEvents(q),
    'logs:export': async ({ format, filter, ids, path, exportId = randomUUID() }) => {
      checkExportTarget(path);
      const result = await exportCalls(core.logs, path, {
        format,
        filter: ids ? { ids } : (filter ?? {}),
        onProgress: progress(exportId),
        creator: { name: 'Patchbay', version: APP_VERSION },
      });
      return { ...result, exportId };
    },
    'logs:supportBundle': async ({ runId, path, exportId = randomUUID() }) => {
      checkExportTarget(path);
      const connections = await core.connections.list().catch(() => []);
      return writeSupportBundle(core.logs, path, {
        runId,
        app: { name: 'Patchbay', version: APP_VERSION },
        os: { platform: platform(), release: release(), arch: arch() },
        versions: { node: process.versions.node, ...core.runtimeVersions },
        // Connection views carry "secret set" markers only; the bundle re-scans them anyway.
        settings: { preferences: core.preferences.get(), connections },
        // The definitions of the connectors those connections use: what support needs to read the calls.
        connectors: [...new Set(connections.map((c) => c.connectorId))].flatMap((id) => {
          try {
            return [core.catalog.get(id)];
          } catch {
            return [];
          }
        }),
        onProgress: progress(exportId),
      });
    },
    'ledger:report': (q) => core.ledger.report(q),
    'ledger:export': async ({ format, path, ...query }) => {
      checkExportTarget(path);
      const report = core.ledger.report(query);
      const bytes = await core.ledger.exportReport(report, path, format);
      return { path, rows: report.rows.length, bytes };
    },
    'app:chooseSavePath': async ({ for: channel, ...request }) => {
      const path = (await core.chooseSavePath(request)) ?? null;
      // The one way a renderer obtains a path it may export to, for the export it named (see ipc/file-grants.ts).
      if (path) core.fileGrants.grant(path, [channel]);
      return { path };
    },
  };
}
