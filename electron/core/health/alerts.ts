import { errorMessage } from '../../../shared/error-message';
import type { HealthAlert } from '../../../shared/models/health';
import type { AppLog } from '../app-log';
import type { NoticeBoard } from '../notices';
import type { HealthSubject } from './tracker';

/** A desktop notification (Electron's Notification in the app; nothing in the CLI). */
export type Notify = (notification: { title: string; body: string }) => void;

export interface AlertDeps {
  notify?: Notify;
  notices: Pick<NoticeBoard, 'add'>;
  log: AppLog;
  /**
   * Queues a delivery to an outgoing webhook target (the webhook outbox: signed, retried, replayable);
   * one subject's alerts share an ordering key, so "recovered" never overtakes its "failing".
   */
  enqueue: (targetId: string, payload: unknown, orderingKey: string) => void;
}

const TITLES: Record<HealthAlert['type'], (name: string) => string> = {
  failing: (name) => `Failing: ${name}`,
  recovered: (name) => `Recovered: ${name}`,
  paused: (name) => `Paused: ${name}`,
};

/** Where a health alert goes: the desktop, the app's notices, the event log, and the subject's webhook target. */
export function sendHealthAlert(d: AlertDeps): (alert: HealthAlert, subject: HealthSubject) => void {
  return (alert, subject) => {
    d.notify?.({ title: TITLES[alert.type](alert.name), body: alert.message });
    d.notices.add(alert.type === 'recovered' ? 'info' : alert.type === 'paused' ? 'warning' : 'error', alert.message);
    d.log.event(alert.type === 'recovered' ? 'info' : 'warn', `health_${alert.type}`, alert.message, {
      kind: alert.kind,
      id: alert.id,
    });
    if (!subject.alertTargetId) return;
    try {
      d.enqueue(
        subject.alertTargetId,
        { type: `patchbay.health.${alert.type}`, data: alert },
        `health:${alert.kind}:${alert.id}`,
      );
    } catch (error) {
      d.log.event('warn', 'health_alert_undelivered', `The alert webhook could not be queued: ${errorMessage(error)}`);
    }
  };
}
