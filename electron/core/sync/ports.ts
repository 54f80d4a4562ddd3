import type { MatchIndex } from './match-index';

/**
 * The two seams of the sync engine. The engine knows nothing of HTTP or connectors: it streams
 * pages from a SourceReader and writes through a TargetWriter. The adapters over the connector
 * runtime (ConnectorClient) are the only ones; tests wrap them to inject faults.
 */

/** One source record: its stable id, when it last changed (for newest-wins and incremental reads), and its data. */
export interface SourceRecord {
  id: string;
  /** Epoch ms of the record's last change, when the source says. */
  updatedAt?: number;
  data: Record<string, unknown>;
}

export interface SourcePage {
  records: SourceRecord[];
  /** Opaque cursor that resumes reading right AFTER this page; null when this was the last page. */
  cursor: string | null;
}

export interface ReadOptions {
  /** Resume from a cursor returned by an earlier page (null = from the start). */
  cursor: string | null;
  /** Incremental mode: records changed at or after this instant (epoch ms). */
  since?: number;
  pageSize: number;
  signal?: AbortSignal;
}

export interface SourceReader {
  read(options: ReadOptions): AsyncIterable<SourcePage>;
  /** Records the read will yield, when the API can tell cheaply (progress ETA). */
  count?(options: { since?: number; signal?: AbortSignal }): Promise<number | undefined>;
  /** Fresh copies of some records (retrying a run's failed records); missing ids are left out. */
  getMany?(ids: string[], signal?: AbortSignal): Promise<SourceRecord[]>;
}

/** A target record in the mapping's flat field names (`address_city`, not `address.city`). */
export interface TargetRecord {
  id: string;
  values: Record<string, unknown>;
  /** Found by match key: other target records with the same key (the match is ambiguous; none is written). */
  alsoMatched?: string[];
}

/** A target's answer to one write that failed for this record only (4xx with a message). */
export class RecordRejected extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** 404 on update: the record the id map points at is gone. */
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'RecordRejected';
  }
}

export interface CreateOptions {
  /** Stable per (sync, source id, content): a replayed create returns the first result. */
  idempotencyKey: string;
  /** The match key: adapters that cannot send idempotency keys look it up before retrying a lost create. */
  matchKey: string | null;
  signal?: AbortSignal;
}

/** What a run hands its target writer before the first record. */
export interface RunBinding {
  runId: string;
  /** The run's target index in state.db (rebuilt on resume). */
  matchIndex: MatchIndex;
}

export interface TargetWriter {
  /** A run starts or resumes with this writer. */
  startRun?(run: RunBinding): void;
  /** The target replays a create sent again with the same Idempotency-Key (Stripe, many payment APIs). */
  readonly supportsIdempotencyKey: boolean;
  /** Largest batch for batchCreate / batchUpdate; 1 or undefined = no batch endpoint. */
  readonly maxBatch?: number;
  /** The target record whose match field equals `key` (normalized comparison), or null. */
  findByMatchKey(key: string, signal?: AbortSignal): Promise<TargetRecord | null>;
  create(values: Record<string, unknown>, options: CreateOptions): Promise<TargetRecord>;
  /** Partial update: only `patch`'s fields are sent. Throws RecordRejected(notFound) when the id is gone. */
  update(id: string, patch: Record<string, unknown>, signal?: AbortSignal): Promise<TargetRecord>;
  /** Batch forms, used when maxBatch > 1; each item succeeds or fails alone. */
  batchCreate?(
    items: { values: Record<string, unknown>; options: CreateOptions }[],
    signal?: AbortSignal,
  ): Promise<(TargetRecord | RecordRejected)[]>;
  batchUpdate?(
    items: { id: string; patch: Record<string, unknown> }[],
    signal?: AbortSignal,
  ): Promise<(TargetRecord | RecordRejected)[]>;
}
