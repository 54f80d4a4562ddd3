import { AppError } from '../../../shared/errors';
import type { RefreshProgress } from '../../../shared/models/datasets';
import type { Core } from '../create-core';
import { parseCsv } from '../datasets';
import { writeFileAtomically } from '../logs/export/file-sink';
import { checkExportTarget } from '../logs/export-target';
import type { HandlerTable } from '../ipc/dispatch';

type DatasetChannel = Extract<keyof HandlerTable, `datasets:${string}`>;
type DatasetHandlers = Pick<HandlerTable, DatasetChannel>;

/** What each demo connection must be, so a wrong pick fails with a message instead of a broken refresh. */
const DEMO_CONNECTORS = {
  shopConnectionId: 'shop-shopify',
  billingConnectionId: 'billing-stripe',
  ratesConnectionId: 'rates-ecb',
} as const;

/** Datasets over core.datasets: definitions, refresh with progress, dashboard queries, exports. */
export function datasetHandlers(core: Core): DatasetHandlers {
  const service = core.datasets;
  const summaryOf = (id: string) => {
    const summary = service.list().find((d) => d.id === id);
    if (!summary) throw new AppError('not_found', `No dataset "${id}".`);
    return summary;
  };
  return {
    'datasets:list': () => service.list(),
    'datasets:get': ({ id }) => service.get(id),
    'datasets:save': ({ dataset }) => service.save(dataset),
    'datasets:remove': ({ id }) => {
      service.remove(service.get(id).id);
      return { removed: true as const };
    },
    'datasets:refresh': async ({ id, full, sources }) => {
      const dataset = service.get(id);
      // Rows each source had last time: the best estimate of how far along a refresh is.
      const previous = new Map(summaryOf(dataset.id).sources.map((s) => [s.id, s.rows]));
      const onProgress = (p: RefreshProgress) => {
        const source = p.sourceId ?? p.phase;
        const total = p.phase === 'done' ? p.rows : p.sourceId ? previous.get(p.sourceId) || undefined : undefined;
        core.events.emit('datasets:progress', {
          datasetId: dataset.id,
          source,
          phase: p.phase,
          done: p.rows,
          ...(total !== undefined ? { total: Math.max(total, p.rows) } : {}),
        });
      };
      return service.refresh(dataset.id, onProgress, { full, sources });
    },
    'datasets:quality': ({ id, filters }) => service.quality(id, filters),
    'datasets:qualityRows': ({ id, check, filters }) => service.qualityRows(id, check, filters),
    'datasets:kpis': ({ id, filters }) => service.kpis(id, filters),
    'datasets:series': ({ id, filters }) => service.series(id, filters),
    'datasets:topProducts': ({ id, filters, limit }) => service.topProducts(id, filters, limit),
    'datasets:reconciliation': ({ id, filters, limit }) => service.reconciliation(id, filters, limit),
    'datasets:exportCsv': async ({ id, series, filters, path }) => {
      checkExportTarget(path);
      if (!series) return { path, ...(await service.exportCsv(id, path, filters)) };
      const text = service.exportSeriesCsv(id, series, filters);
      const bytes = await writeFileAtomically(path, (sink) => sink.write(text));
      // Records, not lines: a quoted cell may hold a line break. The header is not a row.
      return { path, rows: Math.max(0, parseCsv(text).length - 1), bytes };
    },
    'datasets:xrefList': ({ id }) => service.xref.list(id),
    'datasets:xrefUpsert': ({ id, entries }) => ({ upserted: service.xref.upsert(id, entries) }),
    'datasets:xrefRemove': ({ id, system, externalId }) => ({ removed: service.xref.remove(id, system, externalId) }),
    'datasets:xrefImportCsv': ({ id, text }) => service.xref.importCsv(id, text),
    'datasets:ratesList': ({ id, ...options }) => service.rates.list(id, options),
    'datasets:ratesSetFixed': ({ id, base, rates }) => service.rates.setFixed(id, rates, base?.toUpperCase()),
    'datasets:installDemo': async (input) => {
      for (const [field, connectorId] of Object.entries(DEMO_CONNECTORS) as [keyof typeof DEMO_CONNECTORS, string][]) {
        const connection = await core.connections.get(input[field]);
        if (connection.connectorId !== connectorId) {
          throw new AppError(
            'invalid_input',
            `Connection "${connection.name}" uses the ${connection.connectorId} connector; ${field} needs a ${connectorId} connection.`,
            { field },
          );
        }
      }
      return summaryOf(await core.demo.installSalesOverview(input));
    },
  };
}
