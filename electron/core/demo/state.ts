import { z } from 'zod';
import type { FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingDraft } from '../../../shared/models/mapping';
import type { KeyValueStore } from '../settings/store';
import { BILLING_CUSTOMER_FIELDS, CRM_CONTACT_FIELDS } from '../sync/demo';

/**
 * What `patchbay demo` remembers in the settings (key `demo`), so a second run reuses the same
 * workspace: the sandbox seed and the ids of what it created. No secret: the sandbox keys live in
 * the keychain under the demo connections and are read back from there to pin the next sandbox.
 */
export const DEMO_KEY = 'demo';

export const DemoConnections = z.object({
  crm: z.string(),
  billing: z.string(),
  shop: z.string(),
  wms: z.string(),
  rates: z.string(),
});
export type DemoConnections = z.infer<typeof DemoConnections>;

export const DemoState = z.object({
  seed: z.number().int(),
  connections: DemoConnections,
  mappingId: z.string(),
  syncId: z.string(),
  datasetId: z.string().optional(),
  /** Completed `patchbay demo` runs (the next one simulates CRM activity since the last). */
  runs: z.number().int().default(0),
});
export type DemoState = z.infer<typeof DemoState>;

export function readDemoState(settings: KeyValueStore): DemoState | undefined {
  const parsed = DemoState.safeParse(settings.get(DEMO_KEY));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The demo mapping runs with the demo's own schemas: billing metadata keys as fields, and the phone
 * kept as text (the CRM holds national numbers without a country a phone rule could use).
 */
export function demoSchemasFor(settings: KeyValueStore) {
  return (mapping: MappingDraft): { source: FieldSchemaInput[]; target: FieldSchemaInput[] } | undefined =>
    readDemoState(settings)?.mappingId === mapping.id
      ? { source: CRM_CONTACT_FIELDS, target: BILLING_CUSTOMER_FIELDS }
      : undefined;
}
