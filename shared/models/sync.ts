import { z } from 'zod';

/**
 * Sync definitions (what to sync, how) and the reports of their runs. Definitions live in the
 * settings store (small, human-readable); runs, id maps and checkpoints live in state.db.
 */
export const SyncMode = z.enum(['full', 'incremental']);
export type SyncMode = z.infer<typeof SyncMode>;

/** upsert: match key finds the twin, update it or create; create_only: never touch an existing record; update_only: never create. */
export const WriteStrategy = z.enum(['upsert', 'create_only', 'update_only']);
export type WriteStrategy = z.infer<typeof WriteStrategy>;

/** How source records that collapse onto one match key are merged. */
export const DedupRule = z.enum(['newest_wins', 'first_non_empty']);
export type DedupRule = z.infer<typeof DedupRule>;

export const FailurePolicy = z.object({
  /** A record that fails is quarantined (kept with its error for a retry) and the run goes on. */
  quarantine: z.boolean().default(true),
  /** Stop the run (status "failed", resumable) once this many records failed; null = never. */
  stopAfterErrors: z.number().int().positive().nullable().default(null),
});
export type FailurePolicy = z.infer<typeof FailurePolicy>;

export const SyncSchedule = z.object({
  /** Five- or six-field cron (croner syntax). */
  cron: z.string().min(1),
  /** IANA zone the cron is read in; default the computer's zone. */
  timezone: z.string().min(1).optional(),
});
export type SyncSchedule = z.infer<typeof SyncSchedule>;

/**
 * What a run does when the live fields of the source or target differ from the ones the mapping was
 * built on: ignore (no check), pause (a removed or retyped field stops the run before it starts, the
 * sync says why), continue (run anyway; the change is reported).
 */
export const DriftPolicy = z.enum(['ignore', 'pause', 'continue']);
export type DriftPolicy = z.infer<typeof DriftPolicy>;

export const SyncAlerts = z.object({
  /** The schedule pauses itself after this many failed runs in a row; null = never. */
  pauseAfterFailures: z.number().int().min(1).max(1000).nullable().default(10),
  /** An outgoing webhook target that also receives the failing / recovered / paused alerts. */
  webhookTargetId: z.string().min(1).nullable().default(null),
});
export type SyncAlerts = z.infer<typeof SyncAlerts>;

/**
 * Stop a run before it writes when it would change too much of what the sync wrote: more than
 * `maxPercent` of the sync's synced records, or more than `maxCount`, updated or deleted. Runs that
 * change fewer than `minChanges` records never stop (on a small target every edit is a large share).
 */
export const SyncBrake = z.object({
  maxPercent: z.number().min(0).max(100).default(20),
  maxCount: z.number().int().min(1).default(500),
  minChanges: z.number().int().min(0).default(20),
});
export type SyncBrake = z.infer<typeof SyncBrake>;
export const DEFAULT_BRAKE: SyncBrake = { maxPercent: 20, maxCount: 500, minChanges: 20 };

export const SyncDefinition = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  mappingId: z.string().min(1),
  mode: SyncMode.default('full'),
  writeStrategy: WriteStrategy.default('upsert'),
  failurePolicy: FailurePolicy.default({ quarantine: true, stopAfterErrors: null }),
  dedup: DedupRule.default('newest_wins'),
  schedule: SyncSchedule.nullable().default(null),
  enabled: z.boolean().default(true),
  /** Tuning; defaults suit the sandbox and most SaaS APIs. */
  pageSize: z.number().int().min(1).max(1000).default(100),
  concurrency: z.number().int().min(1).max(64).default(8),
  schemaDrift: DriftPolicy.default('continue'),
  alerts: SyncAlerts.default({ pauseAfterFailures: 10, webhookTargetId: null }),
  /** null: no brake (every run writes whatever it finds). */
  brake: SyncBrake.nullable().default(DEFAULT_BRAKE),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
export type SyncDefinition = z.infer<typeof SyncDefinition>;
export type SyncDefinitionInput = z.input<typeof SyncDefinition>;

export const RunStatus = z.enum([
  'running',
  'succeeded',
  'completed_with_errors',
  'failed',
  'cancelled',
  'interrupted',
  /** Stopped early on purpose (the API's daily budget is spent): the next run continues where it stopped. */
  'partial',
  /** The brake held it before any write: its outcomes are what it would do; a confirmation runs it once. */
  'needs_confirmation',
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunCounters = z.object({
  processed: z.number().int().default(0),
  created: z.number().int().default(0),
  updated: z.number().int().default(0),
  unchanged: z.number().int().default(0),
  failed: z.number().int().default(0),
  skipped: z.number().int().default(0),
  merged: z.number().int().default(0),
  /** Left out by the mapping's record filter (each with an outcome saying why): counted, never silently lost. */
  filtered: z.number().int().default(0),
  /** Matched more than one target record by match key: flagged, never written (the brake holds such runs). */
  ambiguous: z.number().int().default(0),
  /** Per target field: how many updates changed it ("updated (fields)"). */
  updatedFields: z.record(z.string(), z.number().int()).default({}),
});
export type RunCounters = z.infer<typeof RunCounters>;

export const RecordOutcomeKind = z.enum([
  'created',
  'updated',
  'unchanged',
  'failed',
  'skipped',
  'merged',
  'filtered',
  'ambiguous',
]);
export type RecordOutcomeKind = z.infer<typeof RecordOutcomeKind>;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const RecordOutcome = z.object({
  sourceId: z.string(),
  outcome: RecordOutcomeKind,
  targetId: z.string().nullable(),
  matchKey: z.string().nullable(),
  /** Why: the error message, "no target record (update only)", "merged into 123 (newest wins)"... */
  reason: z.string().nullable(),
  /** Error code for failures: validation_failed, http_error, ... */
  code: z.string().nullable(),
  changes: z.array(FieldChange).default([]),
  /** Fields where the target's existing record disagreed with the source (first match of an upsert). */
  conflicts: z.array(FieldChange).default([]),
  at: z.string(),
});
export type RecordOutcome = z.infer<typeof RecordOutcome>;

export const RunWarning = z.object({ code: z.string(), message: z.string() });
export type RunWarning = z.infer<typeof RunWarning>;

export const SyncRun = z.object({
  id: z.string(),
  syncId: z.string(),
  status: RunStatus,
  dryRun: z.boolean(),
  mode: SyncMode,
  /** The run whose failed records this run retries. */
  retryOf: z.string().nullable(),
  mappingVersion: z.number().int(),
  /** The mapping version of the last completed run, when different: every record was re-evaluated. */
  previousMappingVersion: z.number().int().nullable(),
  counters: RunCounters,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Wall time actually spent running (sum over resumes), ms. */
  activeMs: z.number().int(),
  /** How many times the run was resumed after a cancel or a crash. */
  resumes: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  warnings: z.array(RunWarning).default([]),
});
export type SyncRun = z.infer<typeof SyncRun>;

export const SyncRunDetail = SyncRun.extend({
  outcomes: z.array(RecordOutcome),
  /** Total outcomes stored for the run (the list may be a page of them). */
  outcomeCount: z.number().int(),
});
export type SyncRunDetail = z.infer<typeof SyncRunDetail>;

export const SyncPhase = z.enum(['starting', 'reading', 'writing', 'finishing', 'done']);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncProgress = z.object({
  runId: z.string(),
  syncId: z.string(),
  processed: z.number().int(),
  total: z.number().int().optional(),
  ratePerSec: z.number(),
  etaSeconds: z.number().optional(),
  phase: SyncPhase,
  counters: RunCounters.optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** A definition as listed: with its last run and next scheduled time. */
export const SyncSummary = z.object({
  definition: SyncDefinition,
  lastRun: SyncRun.nullable(),
  running: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  schedulePreview: z.string().nullable(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;
