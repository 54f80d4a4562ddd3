import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/models/app';
import type { CoreEvents } from './events';

/** Messages the user must see (a config moved aside, a keychain problem at start…), kept until dismissed. */
export class NoticeBoard {
  private readonly notices: Notice[] = [];

  constructor(
    private readonly events: CoreEvents,
    private readonly clock: () => Date,
  ) {}

  add(level: Notice['level'], message: string): Notice {
    const notice: Notice = { id: randomUUID(), level, message, at: this.clock().toISOString() };
    this.notices.push(notice);
    this.events.emit('app:notice', notice);
    return notice;
  }

  list(): Notice[] {
    return [...this.notices];
  }

  dismiss(id: string): boolean {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index < 0) return false;
    this.notices.splice(index, 1);
    return true;
  }
}
