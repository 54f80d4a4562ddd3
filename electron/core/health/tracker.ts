import { EventEmitter } from 'node:events';
import type {
  HealthAlert,
  HealthOutcome,
  HealthRecord,
  HealthState,
  HealthSubjectKind,
  PauseReason,
} from '../../../shared/models/health';
import type { HealthStore } from './health-store';

/** A sync or a webhook flow as the tracker needs it. */
export interface HealthSubject {
  kind: HealthSubjectKind;
  id: string;
  name: string;
  /** Pause after this many failures in a row; null = never. */
  pauseAfterFailures: number | null;
  /** Outgoing webhook target that gets this subject's alerts too. */
  alertTargetId: string | null;
}

export interface HealthTrackerOptions {
  store: HealthStore;
  clock: () => Date;
  /** Told about each state change worth a notification: the first failure, the recovery, a pause. */
  alert: (alert: HealthAlert, subject: HealthSubject) => void;
}

const REWRITE_MS = 60_000;
const keyOf = (kind: HealthSubjectKind, id: string) => `${kind}:${id}`;

function fresh(kind: HealthSubjectKind, id: string, at: string): HealthRecord {
  return {
    kind,
    id,
    state: 'unknown',
    consecutiveFailures: 0,
    failingSince: null,
    last: null,
    pause: null,
    failureAnnounced: false,
    updatedAt: at,
  };
}

function stateOf(r: Pick<HealthRecord, 'pause' | 'last' | 'consecutiveFailures'>): HealthState {
  if (r.pause) return 'paused';
  if (!r.last) return 'unknown';
  if (r.consecutiveFailures > 0 || r.last.outcome === 'failed') return 'failing';
  return r.last.outcome === 'degraded' ? 'degraded' : 'healthy';
}

/**
 * Health per sync and per webhook flow from the outcomes it is told (one per run or event).
 * Alerts are edge-triggered: the first failure of a streak, the first success after it, and a
 * pause; a sync failing every hour says so once, not every hour.
 */
export class HealthTracker extends EventEmitter<{ changed: [HealthRecord] }> {
  /** Newer than the store for subjects whose unchanged health is not rewritten on every event. */
  private readonly recent = new Map<string, HealthRecord>();

  constructor(private readonly o: HealthTrackerOptions) {
    super();
  }

  list(): HealthRecord[] {
    const stored = this.o.store.all();
    return stored.map((r) => this.recent.get(keyOf(r.kind, r.id)) ?? r);
  }

  get(kind: HealthSubjectKind, id: string): HealthRecord {
    return (
      this.recent.get(keyOf(kind, id)) ?? this.o.store.get(kind, id) ?? fresh(kind, id, this.o.clock().toISOString())
    );
  }

  isPaused(kind: HealthSubjectKind, id: string): boolean {
    return this.get(kind, id).pause !== null;
  }

  /** One run (or event) ended with this outcome. */
  record(subject: HealthSubject, outcome: HealthOutcome, summary: string, runId: string | null = null): HealthRecord {
    const at = this.o.clock().toISOString();
    const prev = this.get(subject.kind, subject.id);
    const next: HealthRecord = { ...prev, last: { at, outcome, summary, runId }, updatedAt: at };
    const alerts: HealthAlert[] = [];
    const alert = (type: HealthAlert['type'], message: string) =>
      alerts.push({ type, kind: subject.kind, id: subject.id, name: subject.name, message, at });
    if (outcome === 'failed') {
      next.consecutiveFailures = prev.consecutiveFailures + 1;
      next.failingSince = prev.failingSince ?? at;
      if (!prev.failureAnnounced) {
        next.failureAnnounced = true;
        alert('failing', `${subject.name} is failing: ${summary}`);
      }
      const limit = subject.pauseAfterFailures;
      if (!prev.pause && limit !== null && next.consecutiveFailures >= limit) {
        const message = `Paused after ${next.consecutiveFailures} failed runs in a row (last: ${summary}). Fix the cause, then resume the schedule.`;
        next.pause = { reason: 'consecutive_failures', message, at };
        alert('paused', `${subject.name}: ${message}`);
      }
    } else {
      next.consecutiveFailures = 0;
      next.failingSince = null;
      // A run that went through ends a pause for failures (a schema-drift pause needs the user).
      if (prev.pause?.reason === 'consecutive_failures') next.pause = null;
      if (prev.failureAnnounced) {
        next.failureAnnounced = false;
        alert('recovered', `${subject.name} recovered: ${summary}`);
      }
    }
    return this.commit(next, alerts, subject);
  }

  /** Stop the schedule with a reason the app shows (a schema change under the pause policy). */
  pause(subject: HealthSubject, reason: PauseReason, message: string): HealthRecord {
    const at = this.o.clock().toISOString();
    const prev = this.get(subject.kind, subject.id);
    const same = prev.pause?.reason === reason && prev.pause.message === message;
    const next: HealthRecord = { ...prev, pause: same ? prev.pause : { reason, message, at }, updatedAt: at };
    const alerts: HealthAlert[] = same
      ? []
      : [{ type: 'paused', kind: subject.kind, id: subject.id, name: subject.name, message, at }];
    return this.commit(next, alerts, subject);
  }

  /** The user resumes: the schedule runs again and the failure count starts over. */
  resume(kind: HealthSubjectKind, id: string): HealthRecord {
    const prev = this.get(kind, id);
    const next: HealthRecord = {
      ...prev,
      pause: null,
      consecutiveFailures: 0,
      updatedAt: this.o.clock().toISOString(),
    };
    return this.commit(next, [], null);
  }

  forget(kind: HealthSubjectKind, id: string): void {
    this.recent.delete(keyOf(kind, id));
    this.o.store.remove(kind, id);
  }

  private commit(next: HealthRecord, alerts: HealthAlert[], subject: HealthSubject | null): HealthRecord {
    next.state = stateOf(next);
    const key = keyOf(next.kind, next.id);
    const stored = this.o.store.get(next.kind, next.id);
    // A webhook flow reports every event: an unchanged healthy state is written at most once a minute.
    const same =
      stored &&
      alerts.length === 0 &&
      stored.state === next.state &&
      stored.consecutiveFailures === next.consecutiveFailures &&
      stored.failureAnnounced === next.failureAnnounced &&
      stored.pause === null &&
      next.pause === null &&
      Date.parse(next.updatedAt) - Date.parse(stored.updatedAt) < REWRITE_MS;
    this.recent.set(key, next);
    if (!same) this.o.store.put(next);
    this.emit('changed', next);
    if (subject) for (const a of alerts) this.o.alert(a, subject);
    return next;
  }
}
