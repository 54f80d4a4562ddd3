import type { z } from 'zod';
import type { FetchSamplesInput, PreviewReport, SampleSet } from '../../../shared/contract/mappings';
import { AppError } from '../../../shared/errors';
import { compileMapping } from '../../../shared/mapping/compile';
import { fieldsReadDetailed, projectRecord } from '../../../shared/mapping/minimization';
import { runPreview } from '../../../shared/mapping/preview';
import { resolveSourcePath } from '../../../shared/mapping/source-paths';
import { MappingDraft } from '../../../shared/models/mapping';
import type { ClientFactory } from '../access/client-factory';
import { lookupMatches } from '../access/match-lookup';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import { endpointView, resolveEnds, type Endpoint } from './endpoints';
import type { MappingRepository } from './repository';

export interface PreviewDeps {
  connections: ConnectionService;
  catalog: ConnectorCatalog;
  clients: ClientFactory;
  repository: MappingRepository;
  clock: () => Date;
}

type SamplesInput = z.output<typeof FetchSamplesInput>;

/**
 * Core's half of the preview: it only fetches (live source samples, their twins in the target).
 * Running the mapping is shared/mapping/preview's job, done in the renderer on every edit.
 */
export class MappingPreviewService {
  constructor(private readonly deps: PreviewDeps) {}

  private async draftOf(input: SamplesInput): Promise<MappingDraft> {
    if (input.mappingId) return this.deps.repository.get(input.mappingId);
    const now = this.deps.clock().toISOString();
    if (input.mapping) {
      const { baseVersion: _b, ...rest } = input.mapping;
      return MappingDraft.parse({ ...rest, id: rest.id ?? 'draft', version: 1, updatedAt: now });
    }
    return MappingDraft.parse({
      id: 'draft',
      name: 'draft',
      source: input.source,
      target: input.target,
      rules: [],
      updatedAt: now,
    });
  }

  /**
   * Which source fields to ask for: only those the rules read (data minimization). With no rules yet,
   * or when an expression reads the record whole, every schema field (APIs such as HubSpot otherwise
   * answer with a few default properties only). The primary key always comes along to name the row.
   */
  private fieldsToFetch(draft: MappingDraft, source: Endpoint): string[] | null {
    const read = fieldsReadDetailed(draft);
    if (draft.rules.length === 0 || read.wholeRecord) return null;
    const names = new Set<string>([source.resource.primaryKey]);
    for (const path of read.fields) {
      const resolved = resolveSourcePath(path, source.resource.fields);
      if (!('missing' in resolved) && resolved.field) names.add(resolved.field.name);
    }
    return [...names];
  }

  async fetchSamples(input: SamplesInput): Promise<z.output<typeof SampleSet>> {
    const draft = await this.draftOf(input);
    const deps = this.deps;
    const [source, target] = await resolveEnds(draft, deps);
    const fetchedFields = this.fieldsToFetch(draft, source);
    const client = await deps.clients.forConnection(source.ref.connectionId);
    const listOp = source.resource.operations.list;
    if (!listOp)
      throw new AppError(
        'unsupported',
        `${source.definition.name} ${source.resource.label} cannot be listed, so there are no samples to preview.`,
      );
    const asked = fetchedFields ?? source.resource.fields.map((f) => f.name);
    const records: Record<string, unknown>[] = [];
    for await (const record of client.list(source.resource.name, {
      limit: input.limit,
      pageSize: Math.min(input.limit, listOp.pageSize ?? 100),
      fields: asked,
    })) {
      // An API without field selection sent everything: drop what no rule reads before it goes further.
      records.push(
        fetchedFields
          ? projectRecord(record, { fields: fetchedFields, wholeRecord: false }, source.resource.fields)
          : record,
      );
    }

    let targetLookup: z.output<typeof SampleSet>['targetLookup'] = null;
    let lookupError: z.output<typeof SampleSet>['lookupError'] = null;
    if (draft.matchKey) {
      try {
        const compiled = compileMapping(draft, source.resource.fields, target.resource.fields, { validate: false });
        const keys = new Set<string>();
        for (const record of records) {
          const key = (await compiled.apply(record)).matchKey;
          if (key !== null) keys.add(key);
        }
        const targetClient = await deps.clients.forConnection(target.ref.connectionId);
        const written = draft.rules.filter((r) => r.enabled).map((r) => r.target);
        const found = await lookupMatches(targetClient, target.resource.name, keys, {
          targetField: draft.matchKey.targetField,
          normalization: draft.matchKey.normalization,
          fields: written,
        });
        targetLookup = {
          targetField: draft.matchKey.targetField,
          normalization: draft.matchKey.normalization,
          keys: [...keys],
          matches: [...found.matches].map(([key, m]) => ({ key, id: m.id, values: m.values })),
          strategy: found.strategy,
          scanned: found.scanned,
          complete: found.complete,
        };
      } catch (error) {
        if (!AppError.is(error)) throw error;
        lookupError = {
          code: error.code,
          message: `Existing records in ${target.connectionName} could not be looked up: ${error.message}`,
        };
      }
    }
    return {
      source: endpointView(source),
      target: endpointView(target),
      sourceSchema: source.resource.fields,
      targetSchema: target.resource.fields,
      sourceRecords: records,
      fetchedFields,
      targetLookup,
      lookupError,
      fetchedAt: deps.clock().toISOString(),
    };
  }

  /**
   * The CLI's preview of a saved mapping. `ref` is a mapping id or name; once syncs are stored, a
   * sync id or name should resolve to its mappingId first (the architecture's `mappings preview <sync>`).
   */
  async preview(ref: string, limit: number): Promise<z.output<typeof PreviewReport>> {
    const mapping = await this.deps.repository.resolve(ref);
    const samples = await this.fetchSamples({ mappingId: mapping.id, limit });
    const result = await runPreview(
      mapping,
      { ...samples, sourcePrimaryKey: samples.source.primaryKey },
      { fetchedFields: samples.fetchedFields },
    );
    return {
      mapping: { id: mapping.id, name: mapping.name, version: mapping.version },
      issues: result.issues,
      unmappedRequired: result.unmappedRequired,
      counts: result.counts,
      rows: result.rows.map((row) => ({
        sourceId: row.sourceId,
        matchKey: row.mapped.matchKey,
        operation: row.operation,
        lookup: row.lookup,
        targetId: row.existing?.id ?? null,
        changedFields: row.diff && row.diff.operation !== 'create' ? row.diff.changedFields : [],
        payload: row.mapped.payload,
        errors: row.mapped.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
        ...(row.mapped.skipReason ? { skipReason: row.mapped.skipReason } : {}),
        ...(row.mapped.filteredOut !== undefined ? { filterReason: row.mapped.filteredOut } : {}),
      })),
      minimization: {
        notTransmitted: result.minimization.notTransmitted,
        piiTransmitted: result.minimization.piiTransmitted,
        unacknowledgedPii: result.minimization.unacknowledgedPii,
        fields: result.minimization.fields,
      },
      lookupError: samples.lookupError,
    };
  }
}
