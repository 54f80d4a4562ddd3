import { z } from 'zod';
import type { KeyValueStore } from '../settings/store';

/**
 * What `patchbay demo` remembers in the settings (key `demo`), so a second run reuses the same
 * workspace: the demo tools' seed and the ids of what it created. No secret: the tools' keys live in
 * the keychain under the demo connections and are read back from there to pin the next start.
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
