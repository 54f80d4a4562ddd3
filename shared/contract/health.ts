import { z } from 'zod';
import { DriftReport } from '../models/drift';
import { HealthRecord, HealthSubjectKind } from '../models/health';
import { channel } from './define';

const Ref = z.string().min(1).max(200);

/** A health record with the name of its sync or flow (null: it no longer exists). */
export const HealthView = HealthRecord.extend({ name: z.string().nullable() });
export type HealthView = z.infer<typeof HealthView>;

export const healthChannels = {
  'health:list': channel(
    z.object({}).strict(),
    z.array(HealthView),
    'Health of every sync and webhook flow (healthy, degraded, failing, paused), from record outcomes.',
  ),
  'health:resume': channel(
    z.object({ kind: HealthSubjectKind, id: Ref }).strict(),
    HealthView,
    'Resume a paused sync (its schedule runs again, the failure count starts over).',
  ),
  'drift:check': channel(
    z
      .object({ syncId: Ref.optional(), mappingId: Ref.optional() })
      .strict()
      .refine((v) => (v.syncId === undefined) !== (v.mappingId === undefined), {
        message: 'give exactly one of syncId or mappingId',
      }),
    DriftReport,
    "Compare a mapping's fields (of a sync, or by id) with the live source and target fields: added, removed, retyped, broken rules.",
  ),
};

export const healthEvents = {
  'health:changed': HealthRecord,
};
