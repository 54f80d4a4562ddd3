import { AppError } from '../../../shared/errors';
import { normalizeMatchKey } from '../../../shared/mapping/match-key';
import { makeGetter } from '../../../shared/mapping/source-paths';
import { fromWire } from '../../../shared/mapping/wire-values';
import type { Resource } from '../../../shared/models/connector';
import type { MatchKeyNormalization } from '../../../shared/models/mapping';
import type { ConnectorClient } from '../connectors/client';

/** A target record in the mapping's flat field names (`address_city`, not `address.city`). */
export interface MatchedRecord {
  id: string;
  values: Record<string, unknown>;
}

export interface MatchLookupResult {
  /** Normalized key → the target record holding it. Keys absent here were looked for and not found (when `complete`). */
  matches: Map<string, MatchedRecord>;
  /** `get`: the match field is the primary key, one read per key; `scan`: the list was read and indexed. */
  strategy: 'get' | 'scan';
  /** Target records read. */
  scanned: number;
  /** False when the scan stopped at `maxScan` before the end and before every key was found: "not found" is then uncertain. */
  complete: boolean;
}

export interface MatchLookupOptions {
  /** Target field the source's match key is compared with (a FieldSchema name of the resource). */
  targetField: string;
  normalization: MatchKeyNormalization;
  /** Target fields worth reading (what the mapping writes, for the diff); all when omitted. */
  fields?: string[];
  /** Upper bound of records a scan reads (default 5,000). */
  maxScan?: number;
  signal?: AbortSignal;
}

/** A record of the API in flat field names, as the mapping's target side speaks them. */
export function flattenRecord(record: Record<string, unknown>, resource: Resource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of resource.fields) {
    const value = makeGetter((field.path ?? field.name).split('.'))(record);
    // HubSpot-style text values become the field's type here, the one place target records are read.
    if (value !== undefined) out[field.name] = fromWire(value, field);
  }
  return out;
}

/**
 * Finds the target records whose `targetField`, normalized like the source key, equals one of `keys`.
 * Goes through a ConnectorClient (auth, rate limits, call logs) and needs only the connector's
 * declarative operations, so it works for every connector:
 *  - the match field is the primary key → `get` per key (a 404 means "not there");
 *  - otherwise → read the `list` once (asking only for the needed fields where the API can select
 *    fields) and index it, stopping as soon as every key is found or after `maxScan` records.
 * Connector definitions declare no search operation yet; when they do (Stripe `/search`, HubSpot
 * `POST /search`), a third strategy belongs here. The preview looks up a batch; a sync's
 * TargetWriter.findByMatchKey can call this with one key.
 */
export async function lookupMatches(
  client: ConnectorClient,
  resourceName: string,
  keys: Iterable<string>,
  options: MatchLookupOptions,
): Promise<MatchLookupResult> {
  const resource = client.resource(resourceName);
  const field = resource.fields.find((f) => f.name === options.targetField);
  if (!field) {
    throw new AppError(
      'mapping_error',
      `The match key compares with "${options.targetField}", which ${client.definition.name} ${resource.name} has no field named; pick another target field.`,
      {
        field: options.targetField,
      },
    );
  }
  const wanted = new Set([...keys].filter((k) => k !== ''));
  const matches = new Map<string, MatchedRecord>();
  const idOf = (flat: Record<string, unknown>) => String(flat[resource.primaryKey] ?? '');

  if (field.name === resource.primaryKey && resource.operations.get) {
    let scanned = 0;
    for (const key of wanted) {
      try {
        const record = await client.get(resource.name, key, { signal: options.signal });
        scanned++;
        const flat = flattenRecord(record, resource);
        matches.set(key, { id: idOf(flat), values: flat });
      } catch (error) {
        if (AppError.is(error, 'not_found')) continue;
        throw error;
      }
    }
    return { matches, strategy: 'get', scanned, complete: true };
  }

  if (!resource.operations.list) {
    throw new AppError(
      'unsupported',
      `${client.definition.name} ${resource.name} can neither be listed nor read by "${field.name}", so existing records cannot be found; the preview shows every record as a create.`,
    );
  }
  const maxScan = options.maxScan ?? 5000;
  const fields = options.fields ? [...new Set([...options.fields, field.name, resource.primaryKey])] : undefined;
  let scanned = 0;
  let complete = true;
  if (wanted.size > 0) {
    complete = false;
    let reachedEnd = true;
    for await (const record of client.list(resource.name, { fields, limit: maxScan, signal: options.signal })) {
      scanned++;
      const flat = flattenRecord(record, resource);
      const key = normalizeMatchKey(flat[field.name], options.normalization);
      if (key !== null && wanted.has(key) && !matches.has(key)) {
        matches.set(key, { id: idOf(flat), values: flat });
        if (matches.size === wanted.size) {
          reachedEnd = false;
          complete = true;
          break;
        }
      }
    }
    // The list ended on its own (fewer records than maxScan): every key not found is truly absent.
    if (!complete && reachedEnd && scanned < maxScan) complete = true;
  }
  return { matches, strategy: 'scan', scanned, complete };
}
