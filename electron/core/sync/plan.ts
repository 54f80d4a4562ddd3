import { compileMapping } from '../../../shared/mapping';
import { FieldSchema, type FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingInput } from '../../../shared/models/mapping';
import { SyncDefinition } from '../../../shared/models/sync';
import { BillingDirectTarget } from './adapters/billing-target';
import { CrmDirectSource } from './adapters/crm-source';
import type { EngineOptions } from './engine';
import type { SourceReader, TargetWriter } from './ports';

/**
 * Everything a run needs, as plain data: it crosses into the worker thread (structured clone), so
 * it holds values, not objects. Secrets travel only here, only for the run's two endpoints, and
 * are never logged.
 */
export type EndpointSpec =
  | { kind: 'sandbox-crm'; baseUrl: string; token: string; properties: string[]; requestsPerSecond?: number | null }
  | { kind: 'sandbox-billing'; baseUrl: string; secretKey: string; useIdempotencyKey?: boolean; requestsPerSecond?: number | null; matchField?: string };

export interface RunPlan {
  definition: SyncDefinition;
  mapping: MappingInput;
  sourceSchema: FieldSchemaInput[];
  targetSchema: FieldSchemaInput[];
  source: EndpointSpec;
  target: EndpointSpec;
  timeoutMs?: number;
}

export function buildReader(spec: EndpointSpec, timeoutMs?: number): SourceReader {
  if (spec.kind === 'sandbox-crm') return new CrmDirectSource({ baseUrl: spec.baseUrl, token: spec.token, properties: spec.properties, requestsPerSecond: spec.requestsPerSecond, timeoutMs });
  throw new Error(`${spec.kind} cannot be a sync source.`);
}

export function buildWriter(spec: EndpointSpec, schema: readonly FieldSchema[], timeoutMs?: number): TargetWriter {
  if (spec.kind === 'sandbox-billing') {
    return new BillingDirectTarget({ baseUrl: spec.baseUrl, secretKey: spec.secretKey, useIdempotencyKey: spec.useIdempotencyKey, requestsPerSecond: spec.requestsPerSecond, matchField: spec.matchField, schema, timeoutMs });
  }
  throw new Error(`${spec.kind} cannot be a sync target.`);
}

/** Compile the plan into the engine's parts (done inside the worker: the compiled mapping holds functions). */
export function partsOf(plan: RunPlan): Pick<EngineOptions, 'definition' | 'reader' | 'writer' | 'mapper' | 'targetSchema'> {
  const targetSchema = plan.targetSchema.map((f) => FieldSchema.parse(f));
  const compiled = compileMapping(plan.mapping, plan.sourceSchema, plan.targetSchema);
  return {
    definition: SyncDefinition.parse(plan.definition),
    reader: buildReader(plan.source, plan.timeoutMs),
    writer: buildWriter(plan.target, targetSchema, plan.timeoutMs),
    mapper: { version: compiled.mapping.version, apply: compiled.apply, issues: compiled.issues },
    targetSchema,
  };
}
