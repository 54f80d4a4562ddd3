import { brokenRules, compareFields, fieldsInUse, isBreaking } from '../../../shared/mapping/drift';
import { errorMessage } from '../../../shared/error-message';
import type { DriftReport, DriftSide } from '../../../shared/models/drift';
import { FieldSchema, type FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingDraft } from '../../../shared/models/mapping';
import type { ClientFactory } from '../access/client-factory';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import type { MappingRepository } from '../mappings';
import { resolveEndpoint, type Endpoint } from '../mappings/endpoints';
import { widenObjectFields } from './resolve-plan';

export interface DriftCheckerDeps {
  mappings: Pick<MappingRepository, 'get'>;
  connections: ConnectionService;
  catalog: ConnectorCatalog;
  clients: Pick<ClientFactory, 'forConnection'>;
  clock: () => Date;
}

const parseFields = (fields: readonly FieldSchemaInput[]) => fields.map((f) => FieldSchema.parse(f));

/**
 * Schema drift: the fields a mapping was built on (the schemas stored on it, else the connector's
 * declared fields) against the live ones (the connector definition now, plus the account's own
 * fields where the API can list them), before each run and on demand.
 */
export class DriftChecker {
  constructor(private readonly d: DriftCheckerDeps) {}

  async check(mappingId: string, signal?: AbortSignal): Promise<DriftReport> {
    const mapping = await this.d.mappings.get(mappingId);
    const deps = { connections: this.d.connections, catalog: this.d.catalog };
    const [source, target] = await Promise.all([
      resolveEndpoint(mapping.source, deps, 'source'),
      resolveEndpoint(mapping.target, deps, 'target'),
    ]);
    const baseline = {
      source: parseFields(mapping.schemas?.source ?? source.resource.fields),
      target: parseFields(mapping.schemas?.target ?? widenObjectFields(target.resource.fields, mapping)),
    };
    const unavailable: DriftReport['unavailable'] = [];
    const [liveSource, liveTarget] = await Promise.all(
      (
        [
          ['source', source],
          ['target', target],
        ] as const
      ).map(([side, end]) =>
        this.liveFields(end, signal).catch((error: unknown) => {
          unavailable.push({ side, message: errorMessage(error) });
          return null;
        }),
      ),
    );
    const changes = [
      ...(liveSource ? compareFields('source', baseline.source, liveSource) : []),
      ...(liveTarget ? compareFields('target', baseline.target, liveTarget) : []),
    ];
    const broken = brokenRules(mapping, { source: liveSource, target: liveTarget });
    const used = fieldsInUse(mapping, baseline);
    return {
      mappingId: mapping.id,
      mappingVersion: mapping.version,
      checkedAt: this.d.clock().toISOString(),
      changes,
      brokenRules: broken,
      breaking: isBreaking(changes, broken, used),
      unavailable,
      newFields: newFields(mapping, changes, liveSource, liveTarget),
    };
  }

  /** The connector's fields now, and the account's own ones where the resource can list them. */
  private async liveFields(end: Endpoint, signal?: AbortSignal): Promise<FieldSchema[]> {
    const declared = parseFields(end.resource.fields);
    if (!end.resource.discovery) return declared;
    const client = await this.d.clients.forConnection(end.ref.connectionId);
    return client.discoverFields(end.resource.name, signal);
  }
}

function newFields(
  mapping: MappingDraft,
  changes: DriftReport['changes'],
  ...live: (FieldSchema[] | null)[]
): DriftReport['newFields'] {
  const sides: DriftSide[] = ['source', 'target'];
  const targets = new Set(mapping.rules.map((r) => r.target));
  return changes
    .filter((c) => c.change === 'added' && !(c.side === 'target' && targets.has(c.field)))
    .flatMap((c) => {
      const field = live[sides.indexOf(c.side)]?.find(
        (f) => f.name === c.field && (c.side === 'source' || !f.readOnly),
      );
      return field ? [{ side: c.side, name: field.name, type: field.type }] : [];
    });
}
