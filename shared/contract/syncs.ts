import { z } from 'zod';
import {
  SyncBrake,
  DedupRule,
  DriftPolicy,
  RecordOutcomeKind,
  SyncDefinition,
  SyncMode,
  SyncProgress,
  SyncRun,
  SyncRunDetail,
  SyncSummary,
  WriteStrategy,
} from '../models/sync';
import { channel } from './define';

const Ref = z.string().min(1).max(200);
const RunId = z.object({ runId: z.string().min(1).max(100) }).strict();

/** A listed sync, with the name of its mapping (the list shows it; a deleted mapping is null). */
export const SyncListItem = SyncSummary.extend({ mappingName: z.string().nullable() });
export type SyncListItem = z.infer<typeof SyncListItem>;

export const CronText = z.string().trim().min(1).max(200);
/** IANA zone ("Europe/Paris"); absent = the computer's zone. */
export const TimeZone = z.string().trim().min(1).max(100);

export const SyncSaveInput = z
  .object({
    /** Absent = a new sync. */
    id: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(120),
    mappingId: z.string().min(1).max(100),
    mode: SyncMode.default('full'),
    writeStrategy: WriteStrategy.default('upsert'),
    dedup: DedupRule.default('newest_wins'),
    failurePolicy: z
      .object({
        quarantine: z.boolean().default(true),
        stopAfterErrors: z.number().int().min(1).max(1_000_000).nullable().default(null),
      })
      .strict()
      .default({ quarantine: true, stopAfterErrors: null }),
    schedule: z.object({ cron: CronText, timezone: TimeZone.optional() }).strict().nullable().default(null),
    enabled: z.boolean().default(true),
    pageSize: z.number().int().min(1).max(1000).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Absent: keep the sync's policy (a new sync: continue). */
    schemaDrift: DriftPolicy.optional(),
    alerts: z
      .object({
        pauseAfterFailures: z.number().int().min(1).max(1000).nullable().default(10),
        webhookTargetId: z.string().min(1).max(100).nullable().default(null),
      })
      .strict()
      .optional(),
    /** Absent: the default brake; null: none. */
    brake: SyncBrake.strict().nullable().optional(),
  })
  .strict();
export type SyncSaveInput = z.input<typeof SyncSaveInput>;

export const CronPreview = z.object({
  /** "at 07:00, Monday through Friday". */
  text: z.string(),
  /** The next few times it fires (ISO), in the schedule's zone. */
  next: z.array(z.string()),
});
export type CronPreview = z.infer<typeof CronPreview>;

export const syncsChannels = {
  'syncs:list': channel(
    z.object({}).strict(),
    z.array(SyncListItem),
    'Every sync with its last run, whether it runs now, its next scheduled time and the schedule in words.',
  ),
  'syncs:get': channel(z.object({ id: Ref }).strict(), SyncListItem, 'One sync (by id or name).'),
  'syncs:save': channel(
    SyncSaveInput,
    SyncDefinition,
    'Create a sync or change one (mapping, mode, write strategy, failure policy, dedup rule, schedule).',
  ),
  'syncs:remove': channel(
    z.object({ id: Ref }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a sync with its run history and id map (not the target records).',
  ),
  'syncs:run': channel(
    z.object({ id: Ref, dryRun: z.boolean().default(false) }).strict(),
    z.object({ runId: z.string() }),
    'Start a run (or a dry run: the whole pipeline, zero writes); follow it with sync:progress and sync:finished.',
  ),
  'syncs:cancel': channel(
    RunId,
    z.object({ cancelled: z.boolean() }),
    'Stop a run at the next page boundary (a plain run resumes next time).',
  ),
  'syncs:confirm': channel(
    RunId,
    z.object({ runId: z.string() }),
    'Run once, past the brake, a sync whose last run the brake held ("needs confirmation").',
  ),
  'syncs:retryFailed': channel(
    RunId,
    z.object({ runId: z.string() }),
    'Start a run over only the records that failed in this run.',
  ),
  'syncs:history': channel(
    z.object({ id: Ref, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(SyncRun),
    'Runs of a sync with their counters, newest first.',
  ),
  'syncs:runDetail': channel(
    z
      .object({
        runId: z.string().min(1).max(100),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        kind: RecordOutcomeKind.optional(),
      })
      .strict(),
    SyncRunDetail,
    'A run with a page of its per-record outcomes (errors, field changes of updates, conflicts).',
  ),
  'syncs:cronPreview': channel(
    z.object({ cron: CronText, timezone: TimeZone.optional() }).strict(),
    CronPreview,
    'A cron schedule in words and its next times, or why it is not valid.',
  ),
};

export const syncsEvents = {
  'sync:progress': SyncProgress,
  'sync:finished': SyncRun,
};
