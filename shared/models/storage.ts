import { z } from 'zod';

/** One SQLite file of the data folder as the user sees it in Settings and `patchbay storage`. */
export const DatabaseSize = z.object({
  file: z.string(),
  what: z.string(),
  path: z.string(),
  /** The main file on disk. */
  bytes: z.number().int().nonnegative(),
  /** The write-ahead log beside it (commits not yet copied into the main file). */
  walBytes: z.number().int().nonnegative(),
  /** Pages inside the main file that hold nothing and a compaction gives back. */
  freeBytes: z.number().int().nonnegative(),
});
export type DatabaseSize = z.infer<typeof DatabaseSize>;

export const PrunedRows = z.object({ file: z.string(), label: z.string(), rows: z.number().int().nonnegative() });
export type PrunedRows = z.infer<typeof PrunedRows>;

export const CompactionResult = z.object({
  at: z.string(),
  /** Rows older than the history retention, removed per kind. */
  pruned: z.array(PrunedRows),
  bytesBefore: z.number().int().nonnegative(),
  bytesAfter: z.number().int().nonnegative(),
  /** Files that could not be compacted (busy, read-only…), with the reason; the others were. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type CompactionResult = z.infer<typeof CompactionResult>;

export const StorageReport = z.object({
  dataDir: z.string(),
  databases: z.array(DatabaseSize),
  totalBytes: z.number().int().nonnegative(),
  historyRetentionDays: z.number().int(),
  lastCompaction: CompactionResult.nullable(),
});
export type StorageReport = z.infer<typeof StorageReport>;
