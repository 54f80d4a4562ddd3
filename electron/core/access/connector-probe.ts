import { AppError } from '../../../shared/errors';
import type { Probe } from '../connections';
import type { ClientFactory } from './client-factory';

/**
 * "Test connection" through the connector's own cheap test call (e.g. list one CRM contact), so the
 * test exercises the same runtime, auth and URL a sync will use. The outcome is handed to the
 * connections classifier, which words it for a non-developer.
 */
export function connectorProbe(factory: () => ClientFactory): Probe {
  return async ({ connection, applier, signal }) => {
    const host = new URL(connection.baseUrl).host;
    const client = factory().build(connection, applier, { options: { retry: { maxAttempts: 1 }, timeoutMs: 15_000 } });
    const result = await client.testConnection(signal);
    if (result.ok) return { status: 200, host };
    const status = typeof result.error.details?.status === 'number' ? result.error.details.status : undefined;
    const headers = (result.error.details?.headers as Record<string, string> | undefined) ?? undefined;
    return status ? { status, headers, host } : { error: new AppError(result.error.code, result.error.message, result.error.details), host };
  };
}
