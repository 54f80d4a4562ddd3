import { AppError } from '../../../shared/errors';
import { httpProbe, type Probe } from '../connections';
import type { ClientFactory } from './client-factory';

/**
 * "Test connection" through the connector's own cheap test call (e.g. list one CRM contact), so the
 * test exercises the same runtime, auth and URL a sync will use. The outcome is handed to the
 * connections classifier, which words it for a non-developer.
 */
export function connectorProbe(factory: () => ClientFactory): Probe {
  const plain = httpProbe();
  return async (ctx) => {
    const { connection, applier, signal } = ctx;
    const host = new URL(connection.baseUrl).host;
    const client = factory().build(connection, applier, { options: { retry: { maxAttempts: 1 }, timeoutMs: 15_000 } });
    // A connector without resources yet (a Generic REST being set up) is tested with a plain GET of its base URL.
    const def = client.definition;
    if (!def.testCall && !def.resources.some((r) => r.operations.list)) return plain(ctx);
    const result = await client.testConnection(signal);
    if (result.ok) return { status: 200, host };
    const status = typeof result.error.details?.status === 'number' ? result.error.details.status : undefined;
    const headers = (result.error.details?.headers as Record<string, string> | undefined) ?? undefined;
    return status
      ? { status, headers, host }
      : { error: new AppError(result.error.code, result.error.message, result.error.details), host };
  };
}
