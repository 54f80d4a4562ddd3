import { SyncDefinition, type SyncDefinitionInput } from '../../shared/models/sync';
import type { BillingDirectTarget } from '../../electron/core/sync/adapters/billing-target';
import type { CrmDirectSource } from '../../electron/core/sync/adapters/crm-source';
import type { EngineOptions } from '../../electron/core/sync/engine';
import { partsOf, type RunPlan } from '../../electron/core/sync/plan';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../electron/demo/mapping';

/**
 * The demo sync against the sandbox servers from plain values (URLs and sandbox keys), without
 * connections or the keychain: `patchbay demo`, the crash test's child process, the worker tests
 * and the benchmark all start from here.
 */
export interface DirectSpec {
  crm: { baseUrl: string; token: string; requestsPerSecond?: number | null };
  billing: { baseUrl: string; secretKey: string; useIdempotencyKey?: boolean; requestsPerSecond?: number | null };
  definition?: Partial<SyncDefinitionInput>;
  mappingVersion?: number;
  timeoutMs?: number;
}

export function demoPlan(spec: DirectSpec): RunPlan {
  return {
    definition: SyncDefinition.parse({ ...demoSync(), ...spec.definition }),
    mapping: demoMapping({ crm: 'sandbox-crm', billing: 'sandbox-billing' }, spec.mappingVersion ?? 1),
    sourceSchema: CRM_CONTACT_FIELDS,
    targetSchema: BILLING_CUSTOMER_FIELDS,
    source: { kind: 'sandbox-crm', ...spec.crm, properties: DEMO_CRM_PROPERTIES },
    target: { kind: 'sandbox-billing', ...spec.billing },
    timeoutMs: spec.timeoutMs,
  };
}

export function directParts(spec: DirectSpec): Pick<
  EngineOptions,
  'definition' | 'reader' | 'writer' | 'mapper' | 'targetSchema'
> & {
  source: CrmDirectSource;
  target: BillingDirectTarget;
} {
  const parts = partsOf(demoPlan(spec));
  return { ...parts, source: parts.reader as CrmDirectSource, target: parts.writer as BillingDirectTarget };
}
