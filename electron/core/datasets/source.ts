import { apiTimeMs } from '../../../shared/mapping/json-date';
import type { FieldSchema } from '../../../shared/models/field-schema';
import type { ConnectorClient } from '../connectors/client';
import { getPath } from '../connectors/paths';
import type { SourcePage, SourceReader } from '../sync/ports';

/**
 * How a dataset reads a source: the sync engine's SourceReader seam (pages of {id, updatedAt,
 * data}), plus what the refresh needs to know about the resource. The lead wires `openSource` to
 * the connection service (connection → definition + auth applier → ConnectorClient); tests and
 * the bench pass readers of their own.
 */
export interface OpenedSource {
  reader: SourceReader;
  /** The resource can list "changed since" (Shopify updated_at_min, Stripe created[gte]). */
  incremental: boolean;
  /** Declared fields of the resource, when known (schema-change hints). */
  fields?: FieldSchema[];
}

export type SourceOpener = (connectionId: string, resource: string) => Promise<OpenedSource>;

/** Epoch ms of a cursor value: ISO text, Unix seconds (Stripe) / milliseconds, or `/Date(…)/` (Xero). */
export function cursorEpoch(value: unknown): number | undefined {
  const t = apiTimeMs(value);
  return Number.isNaN(t) ? undefined : t;
}

/** A SourceReader over a connector resource: the same HTTP runtime (auth, limits, retries, logs) as every sync. */
export function connectorSource(client: ConnectorClient, resourceName: string): OpenedSource {
  const resource = client.resource(resourceName);
  const list = resource.operations.list;
  const reader: SourceReader = {
    async *read(options): AsyncIterable<SourcePage> {
      const since = options.since !== undefined && list?.incremental ? new Date(options.since) : undefined;
      // The API's own maximum wins (Stripe: 100) over what the caller would like.
      const pageSize = list?.pageSize ? Math.min(list.pageSize, options.pageSize) : options.pageSize;
      for await (const page of client.listPages(resourceName, { since, pageSize, signal: options.signal })) {
        yield {
          cursor: null,
          records: page.map((data) => ({
            id: String(getPath(data, resource.primaryKey) ?? ''),
            updatedAt: resource.cursorField
              ? cursorEpoch(getPath(data, fieldPath(resource.fields, resource.cursorField)))
              : undefined,
            data,
          })),
        };
      }
    },
  };
  return { reader, incremental: !!list?.incremental, fields: resource.fields };
}

function fieldPath(fields: readonly FieldSchema[], name: string): string {
  return fields.find((f) => f.name === name)?.path ?? name;
}
