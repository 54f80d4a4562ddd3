import { z } from 'zod';

/**
 * How a sync or a webhook flow is doing, from the outcomes of its records (a run's counters, a
 * webhook event processed or parked), never from single HTTP attempts: a call retried three times
 * and then answered is a healthy call.
 *  - healthy: the last run (or event) went through;
 *  - degraded: the last run finished but some records failed;
 *  - failing: the last run failed (or every record of it did);
 *  - paused: its schedule stopped itself (too many failures in a row, or a schema change), see `pause`;
 *  - unknown: nothing ran yet.
 */
export const HealthState = z.enum(['healthy', 'degraded', 'failing', 'paused', 'unknown']);
export type HealthState = z.infer<typeof HealthState>;

export const HealthSubjectKind = z.enum(['sync', 'flow']);
export type HealthSubjectKind = z.infer<typeof HealthSubjectKind>;

/** What one run or one event amounted to. */
export const HealthOutcome = z.enum(['ok', 'degraded', 'failed']);
export type HealthOutcome = z.infer<typeof HealthOutcome>;

export const PauseReason = z.enum(['consecutive_failures', 'schema_drift']);
export type PauseReason = z.infer<typeof PauseReason>;

export const HealthPause = z.object({
  reason: PauseReason,
  /** Shown in the app as is: what happened and what to do. */
  message: z.string(),
  at: z.string(),
});
export type HealthPause = z.infer<typeof HealthPause>;

export const HealthRecord = z.object({
  kind: HealthSubjectKind,
  id: z.string(),
  state: HealthState,
  /** Failed runs (or parked events) since the last one that went through. */
  consecutiveFailures: z.number().int().min(0).default(0),
  /** When the current failure streak started. */
  failingSince: z.string().nullable().default(null),
  last: z
    .object({ at: z.string(), outcome: HealthOutcome, summary: z.string(), runId: z.string().nullable() })
    .nullable()
    .default(null),
  pause: HealthPause.nullable().default(null),
  /** The current failure streak was announced: the next success announces the recovery, once. */
  failureAnnounced: z.boolean().default(false),
  updatedAt: z.string(),
});
export type HealthRecord = z.infer<typeof HealthRecord>;

/** A health change worth telling the user about (desktop notification, outgoing webhook). */
export const HealthAlert = z.object({
  type: z.enum(['failing', 'recovered', 'paused']),
  kind: HealthSubjectKind,
  id: z.string(),
  name: z.string(),
  message: z.string(),
  at: z.string(),
});
export type HealthAlert = z.infer<typeof HealthAlert>;
